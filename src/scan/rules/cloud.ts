// Cloud providers: AWS, Google Cloud, Azure.
import type { Rule } from '../rule.js';
import { END, re, START } from './define.js';

const B64 = 'A-Za-z0-9+/';

export const CLOUD_RULES: readonly Rule[] = [
  {
    id: 'aws-access-key-id',
    description: 'AWS access key id',
    severity: 'high',
    keywords: ['a3t', 'akia', 'asia', 'abia', 'acca'],
    pattern: re(String.raw`\b((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b`),
    entropy: 3,
  },
  {
    id: 'aws-secret-access-key',
    description: 'AWS secret access key',
    severity: 'high',
    keywords: ['secret_access', 'secretaccess', 'secret-access', 'secret.access'],
    pattern: re(String.raw`(?:aws[_.-]?)?secret[_.-]?access[_.-]?key["']?[ \t]{0,3}(?:=|:|=>|,)[ \t]{0,3}["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])`, 'gi'),
    entropy: 4,
  },
  {
    id: 'aws-session-token',
    description: 'AWS session token (temporary credentials)',
    severity: 'high',
    // `IQoJb3JpZ2lu` and `FwoGZXIvYXdz` are how STS tokens begin (base64 of their binary header).
    keywords: ['session_token', 'sessiontoken', 'session-token', 'session.token', 'security_token', 'securitytoken', 'security-token', 'iqojb3jpz2lu', 'fwogzxivyxdz'],
    pattern: re(String.raw`(?:(?:session|security)[_.-]?token["']?[ \t]{0,3}(?:=|:|=>)[ \t]{0,3}["']?|(?=IQoJb3JpZ2lu|FwoGZXIvYXdz)${START})([${B64}]{100,3000}={0,2})(?![${B64}=])`, 'gi'),
    entropy: 4,
  },
  {
    id: 'aws-bedrock-api-key',
    description: 'Amazon Bedrock API key',
    severity: 'high',
    keywords: ['absk'],
    pattern: re(String.raw`\b(ABSK[A-Za-z0-9+/]{100,300}={0,2})(?![${B64}=])`),
    entropy: 4,
  },
  { id: 'gcp-api-key', description: 'Google API key', severity: 'high', keywords: ['aiza'], pattern: re(String.raw`\b(AIza[\w-]{35})${END}`, 'gm'), entropy: 4 },
  {
    id: 'gcp-service-account-key',
    description: 'Google Cloud service-account key file (its private_key_id; the key itself is reported as a private key)',
    severity: 'high',
    keywords: ['private_key_id'],
    // Also with escaped quotes: the file echoed inside a JSON log line or an env var.
    pattern: re(String.raw`\\?"private_key_id\\?"[ \t]{0,5}:[ \t]{0,5}\\?"([0-9a-f]{40})\\?"`),
    entropy: 3,
  },
  {
    id: 'gcp-oauth-client-secret',
    description: 'Google OAuth client secret',
    severity: 'high',
    keywords: ['gocspx-'],
    pattern: re(String.raw`\b(GOCSPX-[\w-]{28})${END}`, 'gm'),
    entropy: 3,
  },
  {
    id: 'azure-storage-account-key',
    description: 'Azure storage account key (in a connection string or an AZURE_STORAGE_KEY)',
    severity: 'high',
    keywords: ['accountkey', 'storage'],
    pattern: re(String.raw`(?:AccountKey=|(?:azure[_.-]?)?storage[_.-]?(?:account[_.-]?)?(?:access[_.-]?)?key[\w.-]{0,10}["']?[ \t]{0,3}(?:=|:)[ \t]{0,3}["']?)([${B64}]{86}==)(?![${B64}=])`, 'gi'),
    entropy: 4,
  },
  {
    id: 'azure-shared-access-key',
    description: 'Azure Service Bus / Event Hubs / IoT Hub shared access key',
    severity: 'high',
    keywords: ['sharedaccesskey='],
    pattern: re(String.raw`SharedAccessKey=([${B64}]{43}=)(?![${B64}=])`, 'gi'),
    entropy: 4,
  },
  {
    id: 'azure-sas-token',
    description: 'Azure shared access signature (sig= of a SAS URL or token)',
    severity: 'high',
    keywords: ['sig='],
    // A SAS signature is an HMAC-SHA256 in base64 (44 characters, often percent-encoded); sv= or se= says SAS.
    pattern: re(String.raw`[?&]sig=(?<=\b(?:sv|se|sp|sr|spr)=[!#-&(-;=?-~]{1,400}[?&]sig=)((?:[A-Za-z0-9+/]|%2[BbFf]){40,120}(?:%3[Dd]|=){0,2})(?![A-Za-z0-9%+/=])`, 'g'),
    entropy: 3.5,
  },
  {
    id: 'azure-ad-client-secret',
    description: 'Microsoft Entra ID (Azure AD) client secret',
    severity: 'high',
    keywords: ['q~'],
    pattern: re(String.raw`(?<![\w~.-])([a-zA-Z0-9_~.]{3}\dQ~[a-zA-Z0-9_~.-]{31,34})(?![\w~.-])`),
    entropy: 3,
  },
];
