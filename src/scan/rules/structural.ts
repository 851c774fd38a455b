// Secrets known by their shape rather than a vendor prefix: private keys, JWTs, database URIs and URLs with a
// password in them. Listed after the vendor rules: where two rules report the same span, the first one wins, so a
// `https://x:ghp_…@github.com` is a github-pat, not a basic-auth URL.
import type { Rule } from '../rule.js';
import { SERVICE_DEFAULT_PASSWORDS } from '../allowlist.js';
import { END, re } from './define.js';

/**
 * User-info characters (RFC 3986: unreserved, sub-delimiters, percent-escapes; no `:`, `@` or `/`, so `host:port`
 * is not user-info). A positive class: ripgrep's prefilter reads a negated one as able to cross a line break.
 */
const USERINFO = String.raw`[\w.~!$&()*+,;=%-]`;
const PASSWORD = `${USERINFO}{1,200}`;
const USER = `${USERINFO}{0,100}`;
const USER_NAME = `${USERINFO}{1,100}`;
/** A line break in a key file, possibly escaped (`\n` in a JSON string) and followed by a YAML block's indent. */
const NL = String.raw`(?:\r?\n|\\n)[ \t]{0,12}`;
/** Not a service container's default password (allowlist.ts). */
const NOT_DEFAULT = `(?!(?:${SERVICE_DEFAULT_PASSWORDS})@)`;

export const STRUCTURAL_RULES: readonly Rule[] = [
  {
    id: 'private-key',
    description: 'Private key block',
    severity: 'high',
    keywords: ['-----begin'],
    // RSA, EC, DSA, OPENSSH, PGP (… BLOCK), PKCS#8 and ENCRYPTED keys. Bounded: a 4096-bit RSA key is ~3.2 KB of
    // PEM; a BEGIN without an END must not scan the whole log.
    pattern: re(String.raw`(-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----[\s\S]{64,16384}?-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----)`, 'gi'),
    allowPlaceholders: false,
  },
  {
    id: 'putty-private-key',
    description: 'PuTTY private key file (its Private-Lines)',
    severity: 'high',
    keywords: ['private-lines:'],
    // Lines may be indented (a YAML block) or joined by an escaped `\n` (a JSON string).
    pattern: re(String.raw`Private-Lines:[ \t]{0,3}\d{1,3}${NL}((?:[A-Za-z0-9+/=]{1,80}${NL}){0,199}[A-Za-z0-9+/=]{1,80})${NL}(?=Private-(?:MAC|Hash))`),
    entropy: 4,
  },
  {
    id: 'jwt',
    description: 'JSON Web Token',
    severity: 'medium',
    keywords: ['eyj'],
    pattern: re(String.raw`\b(eyJ[a-zA-Z0-9]{16,4096}\.ey[a-zA-Z0-9/\\_-]{17,8192}\.(?:[a-zA-Z0-9/\\_-]{10,4096}={0,2})?)${END}`, 'gm'),
    entropy: 3,
  },
  {
    id: 'database-uri-password',
    description: 'Password in a database or broker connection URI',
    severity: 'high',
    keywords: ['postgres', 'mysql', 'mariadb', 'mongodb', 'redis', 'amqp', 'mssql', 'sqlserver', 'jdbc:', 'clickhouse', 'cockroachdb'],
    // `://` first and the scheme as a lookbehind: the regex then only stops where a URL is.
    pattern: re(String.raw`:\/\/(?<=\b(?:jdbc:)?(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver|clickhouse|cockroachdb):\/\/)${USER}:${NOT_DEFAULT}(${PASSWORD})@[\w.\[\]-]{1,253}`, 'gi'),
  },
  {
    id: 'basic-auth-url',
    description: 'URL with a password in its user-info (scheme://user:password@host)',
    severity: 'high',
    keywords: ['://'],
    // The host ends at a path, port, query or the end of the token; `host:8080@` is not a password.
    pattern: re(String.raw`:\/\/(?<=\b[a-z][a-z0-9+.-]{1,20}:\/\/)${USER_NAME}:(?!\d{1,5}@)${NOT_DEFAULT}(${PASSWORD})@[\w-]{1,63}(?:\.[\w-]{1,63}){0,10}(?=[/:?#]|[\x60'"\s;,)}\]<>]|\\[nrt]|$)`, 'gim'),
  },
];
