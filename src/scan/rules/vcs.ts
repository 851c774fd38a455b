// Source hosting and work tracking: GitHub, GitLab, Bitbucket, Atlassian, Linear.
import type { Rule } from '../rule.js';
import { END, re, START } from './define.js';

/** GitLab's `<prefix>-<20 url-safe characters>` tokens, one rule per prefix so a finding names the kind. */
const gitlab = (id: string, prefix: string, description: string, body = String.raw`[0-9a-zA-Z_-]{20}`): Rule => ({
  id,
  description,
  severity: 'high',
  keywords: [prefix.toLowerCase()],
  pattern: re(String.raw`${START}(${prefix}${body})(?![\w-])`),
  entropy: 3,
});

export const VCS_RULES: readonly Rule[] = [
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
  gitlab('gitlab-deploy-token', 'gldt-', 'GitLab deploy token'),
  gitlab('gitlab-runner-token', 'glrt-', 'GitLab runner authentication token', String.raw`[0-9a-zA-Z_-]{20,300}(?:\.[0-9a-z]{9})?`),
  gitlab('gitlab-runner-registration-token', 'GR1348941', 'GitLab runner registration token (legacy)'),
  gitlab('gitlab-pipeline-trigger-token', 'glptt-', 'GitLab pipeline trigger token', '[0-9a-f]{40}'),
  gitlab('gitlab-scim-token', 'glsoat-', 'GitLab SCIM OAuth token'),
  gitlab('gitlab-ci-job-token', 'glcbt-', 'GitLab CI/CD job token', String.raw`[0-9a-zA-Z]{1,5}_[0-9a-zA-Z_-]{20}`),
  gitlab('gitlab-feed-token', 'glft-', 'GitLab feed token'),
  gitlab('gitlab-feature-flag-token', 'glffct-', 'GitLab feature-flag client token'),
  gitlab('gitlab-incoming-mail-token', 'glimt-', 'GitLab incoming e-mail token', '[0-9a-zA-Z_-]{25}'),
  gitlab('gitlab-agent-token', 'glagent-', 'GitLab agent for Kubernetes token', '[0-9a-zA-Z_-]{50}'),
  gitlab('gitlab-oauth-app-secret', 'gloas-', 'GitLab OAuth application secret', '[0-9a-zA-Z_-]{64}'),
  {
    id: 'bitbucket-app-password',
    description: 'Bitbucket app password',
    severity: 'high',
    keywords: ['atbb'],
    pattern: re(String.raw`\b(ATBB[a-zA-Z0-9]{32})\b`),
    entropy: 3,
  },
  {
    id: 'atlassian-api-token',
    description: 'Atlassian API token (Jira, Confluence, Bitbucket)',
    severity: 'high',
    keywords: ['atatt3', 'atctt3'],
    pattern: re(String.raw`\b(AT[AC]TT3[A-Za-z0-9_=-]{150,250})${END}`, 'gm'),
    entropy: 3.5,
  },
  {
    id: 'linear-api-key',
    description: 'Linear API key',
    severity: 'high',
    keywords: ['lin_api_', 'lin_oauth_'],
    pattern: re(String.raw`\b(lin_api_[a-zA-Z0-9]{40}|lin_oauth_[a-f0-9]{64})\b`),
    entropy: 3,
  },
];
