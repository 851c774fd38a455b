// Monitoring and error tracking: Datadog, New Relic, Sentry, Grafana.
import type { Rule } from '../rule.js';
import { assigned, END, re, SAME_LINE, START } from './define.js';

export const OBSERVABILITY_RULES: readonly Rule[] = [
  {
    id: 'datadog-api-key',
    description: 'Datadog API key',
    severity: 'high',
    keywords: ['dd_api', 'dd-api', 'datadog'],
    // 32 hex, which any MD5 also is: only after a Datadog name (DD_API_KEY, DD-API-KEY header, datadog_api_key).
    pattern: re(assigned(String.raw`\bdd[_-]api[_-]?key|datadog[\w.-]{0,20}?api[_-]?key`, '[a-f0-9]{32}'), 'gim'),
    entropy: 3,
  },
  {
    id: 'datadog-app-key',
    description: 'Datadog application key',
    severity: 'high',
    keywords: ['dd_app', 'dd-app', 'dd_application', 'dd-application', 'datadog'],
    pattern: re(assigned(String.raw`\bdd[_-]app(?:lication)?[_-]?key|datadog[\w.-]{0,20}?app(?:lication)?[_-]?key`, '[a-f0-9]{40}'), 'gim'),
    entropy: 3,
  },
  {
    id: 'new-relic-user-api-key',
    description: 'New Relic user API key',
    severity: 'high',
    keywords: ['nrak-'],
    pattern: re(String.raw`\b(NRAK-[A-Z0-9]{27})\b`),
    entropy: 3,
  },
  {
    id: 'new-relic-insert-key',
    description: 'New Relic insights insert / query key',
    severity: 'high',
    keywords: ['nrii-', 'nriq-'],
    pattern: re(String.raw`\b(NRI[IQ]-[\w-]{32})(?![\w-])`),
    entropy: 3,
  },
  {
    id: 'new-relic-browser-key',
    description: 'New Relic browser API key',
    severity: 'medium',
    keywords: ['nrjs-'],
    pattern: re(String.raw`\b(NRJS-[a-f0-9]{19})\b`),
    entropy: 3,
  },
  {
    id: 'new-relic-license-key',
    description: 'New Relic ingest license key',
    severity: 'high',
    keywords: ['nral'],
    pattern: re(String.raw`\b([a-f0-9]{36}NRAL)\b`),
    entropy: 3,
  },
  {
    id: 'sentry-dsn',
    description: 'Sentry DSN (its key lets anyone send events to the project)',
    severity: 'medium',
    keywords: ['sentry'],
    // sentry in the host (sentry.io) or before the URL on its line (SENTRY_DSN=https://…@errors.acme.io/3).
    // The scheme first, the context checked only there (a leading alternation would be tried at every position).
    pattern: re(String.raw`https?://(?:(?<=(?:[Ss]entry|SENTRY)${SAME_LINE}{0,40}https?://)|(?=[0-9a-f]{32}(?::[0-9a-f]{32})?@[\w.-]{0,100}sentry))([0-9a-f]{32})(?::[0-9a-f]{32})?@[\w.-]{1,200}(?::\d{1,5})?/\d{1,12}${END}`, 'gm'),
    entropy: 3,
  },
  {
    id: 'sentry-org-token',
    description: 'Sentry organisation auth token',
    severity: 'high',
    keywords: ['sntrys_'],
    pattern: re(String.raw`\b(sntrys_eyJ[A-Za-z0-9+/]{40,800}={0,2}_[A-Za-z0-9+/]{43})${END}`, 'gm'),
    entropy: 4,
  },
  {
    id: 'sentry-user-token',
    description: 'Sentry user auth token',
    severity: 'high',
    keywords: ['sntryu_'],
    pattern: re(String.raw`\b(sntryu_[a-f0-9]{64})\b`),
    entropy: 3,
  },
  {
    id: 'grafana-cloud-token',
    description: 'Grafana Cloud access policy token',
    severity: 'high',
    keywords: ['glc_'],
    pattern: re(String.raw`\b(glc_[A-Za-z0-9+/]{32,400}={0,2})(?![A-Za-z0-9+/=])`),
    entropy: 3,
  },
  {
    id: 'grafana-service-account-token',
    description: 'Grafana service account token',
    severity: 'high',
    keywords: ['glsa_'],
    pattern: re(String.raw`\b(glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})\b`),
    entropy: 3,
  },
  {
    id: 'grafana-api-key',
    description: 'Grafana API key (legacy; base64 JSON starting {"k":)',
    severity: 'high',
    keywords: ['eyjrijoi'],
    pattern: re(String.raw`${START}(eyJrIjoi[A-Za-z0-9]{60,400}={0,2})(?![A-Za-z0-9+/=])`),
    entropy: 3,
  },
];
