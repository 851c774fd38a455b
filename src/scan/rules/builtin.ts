// Named secret rules, ported from gitleaks' config (b58d3f10, security.md §2.1) with trufflehog's CircleCI token
// formats (§2.2). Porting notes: `(?i)` became the `i` flag, `$` needs the `m` flag, the unbounded tails got upper
// bounds (JS regexes backtrack; RE2 does not), and every rule has keywords: a rule only runs on text that contains
// one of them (lower-cased), which keeps a scan of mostly clean output cheap.

import type { Rule } from '../rule.js';



/** Lookahead gitleaks writes as `(?:[\x60'"\s;]|\\[nr]|$)`: the token ends at a quote, space, `;`, an escaped newline or the line end. */
const END = String.raw`(?=[\x60'"\s;]|\\[nr]|$)`;

const re = (source: string, flags = 'g'): RegExp => new RegExp(source, flags);

export const RULES: readonly Rule[] = [
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
  { id: 'github-pat', description: 'GitHub personal access token (classic)', severity: 'high', keywords: ['ghp_'], pattern: re(String.raw`\b(ghp_[0-9a-zA-Z]{36})\b`), entropy: 3 },
  {
    id: 'github-fine-grained-pat',
    description: 'GitHub fine-grained personal access token',
    severity: 'high',
    keywords: ['github_pat_'],
    pattern: re(String.raw`\b(github_pat_\w{82})\b`),
    entropy: 3,
  },
  { id: 'github-oauth', description: 'GitHub OAuth access token', severity: 'high', keywords: ['gho_'], pattern: re(String.raw`\b(gho_[0-9a-zA-Z]{36})\b`), entropy: 3 },
  {
    id: 'github-app-token',
    description: 'GitHub App user-to-server / installation token',
    severity: 'high',
    keywords: ['ghu_', 'ghs_'],
    pattern: re(String.raw`\b((?:ghu|ghs)_[0-9a-zA-Z]{36})\b`),
    entropy: 3,
  },
  { id: 'github-refresh-token', description: 'GitHub refresh token', severity: 'high', keywords: ['ghr_'], pattern: re(String.raw`\b(ghr_[0-9a-zA-Z]{36})\b`), entropy: 3 },
  {
    id: 'gitlab-pat',
    description: 'GitLab personal access token',
    severity: 'high',
    keywords: ['glpat-'],
    pattern: re(String.raw`\b(glpat-[0-9a-zA-Z_-]{20,300}(?:\.[0-9a-z]{9})?)(?![\w-])`),
    entropy: 3,
  },
  {
    id: 'slack-bot-token',
    description: 'Slack bot token',
    severity: 'high',
    keywords: ['xoxb'],
    pattern: re(String.raw`\b(xoxb-[0-9]{10,13}-[0-9]{10,13}[a-zA-Z0-9-]{0,64})`),
    entropy: 3,
  },
  {
    id: 'slack-user-token',
    description: 'Slack user token',
    severity: 'high',
    keywords: ['xoxp', 'xoxe'],
    pattern: re(String.raw`\b(xox[pe](?:-[0-9]{10,13}){3}-[a-zA-Z0-9-]{28,34})`),
    entropy: 2,
  },
  { id: 'slack-app-token', description: 'Slack app-level token', severity: 'high', keywords: ['xapp'], pattern: re(String.raw`\b(xapp-\d-[A-Z0-9]{1,64}-\d{1,20}-[a-z0-9]{1,128})`, 'gi'), entropy: 2 },
  {
    id: 'slack-legacy-token',
    description: 'Slack legacy token',
    severity: 'high',
    keywords: ['xoxo', 'xoxs', 'xoxa', 'xoxr'],
    pattern: re(String.raw`\b(xox[os]-\d{1,20}-\d{1,20}-\d{1,20}-[a-fA-F\d]{1,128}|xox[ar]-(?:\d-)?[0-9a-zA-Z]{8,48})`),
    entropy: 2,
  },
  {
    id: 'slack-webhook-url',
    description: 'Slack incoming webhook URL',
    severity: 'high',
    keywords: ['hooks.slack.com'],
    pattern: re(String.raw`((?:https?://)?hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{43,56})`),
  },
  {
    id: 'stripe-access-token',
    description: 'Stripe secret or restricted key',
    severity: 'high',
    keywords: ['sk_test', 'sk_live', 'sk_prod', 'rk_test', 'rk_live', 'rk_prod'],
    pattern: re(String.raw`\b((?:sk|rk)_(?:test|live|prod)_[a-zA-Z0-9]{10,99})${END}`, 'gm'),
    entropy: 2,
  },
  { id: 'gcp-api-key', description: 'Google API key', severity: 'high', keywords: ['aiza'], pattern: re(String.raw`\b(AIza[\w-]{35})${END}`, 'gm'), entropy: 4 },
  { id: 'npm-access-token', description: 'npm access token', severity: 'high', keywords: ['npm_'], pattern: re(String.raw`\b(npm_[a-zA-Z0-9]{36})${END}`, 'gim'), entropy: 2 },
  {
    id: 'pypi-upload-token',
    description: 'PyPI upload token',
    severity: 'high',
    keywords: ['pypi-ageichlwas5vcmc'],
    pattern: re(String.raw`\b(pypi-AgEIcHlwaS5vcmc[\w-]{50,1000})`),
  },
  {
    id: 'private-key',
    description: 'Private key block',
    severity: 'high',
    keywords: ['-----begin'],
    // Bounded: a 4096-bit RSA key is ~3.2 KB of PEM; a BEGIN without an END must not scan the whole log.
    pattern: re(String.raw`(-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----[\s\S]{64,16384}?-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----)`, 'gi'),
    allowPlaceholders: false,
  },
  {
    id: 'jwt',
    description: 'JSON Web Token',
    severity: 'medium',
    keywords: ['eyj'],
    pattern: re(String.raw`\b(ey[a-zA-Z0-9]{17,4096}\.ey[a-zA-Z0-9/\\_-]{17,8192}\.(?:[a-zA-Z0-9/\\_-]{10,4096}={0,2})?)${END}`, 'gm'),
    entropy: 3,
  },
  {
    id: 'circleci-personal-token',
    description: 'CircleCI personal API token',
    severity: 'high',
    keywords: ['ccipat_'],
    pattern: re(String.raw`\b([Cc][Cc][Ii][Pp][Aa][Tt]_[a-zA-Z0-9]{22}_[a-fA-F0-9]{40})\b`),
    entropy: 3,
  },
  {
    id: 'circleci-project-token',
    description: 'CircleCI project API token',
    severity: 'high',
    keywords: ['cciprj_'],
    pattern: re(String.raw`\b([Cc][Cc][Ii][Pp][Rr][Jj]_[a-zA-Z0-9]{22}_[a-fA-F0-9]{40})\b`),
    entropy: 3,
  },
  {
    id: 'circleci-legacy-token',
    description: 'CircleCI legacy API token (40 hex after a circle…token name)',
    severity: 'high',
    keywords: ['circle'],
    pattern: re(String.raw`circle[\w.-]{0,30}?(?:token|api[_-]?key)["']?[ \t]{0,3}(?:=|:|=>)[ \t]{0,3}["']?([a-f0-9]{40})\b`, 'gi'),
    entropy: 3,
  },
  {
    id: 'circleci-masked-value',
    description: 'A value CircleCI masked: the secret was printed here',
    severity: 'info',
    keywords: ['****'],
    pattern: re(String.raw`\b([A-Za-z_][A-Za-z0-9_]{1,63}=\*{4,64})(?!\*)`),
    allowPlaceholders: false,
  },
];

export const GENERIC_RULE_ID = 'generic-api-key';

/** Every rule id, named rules first, for `--rules` and docs. */
export const RULE_IDS: readonly string[] = [...RULES.map((r) => r.id), GENERIC_RULE_ID];
