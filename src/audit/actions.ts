// Action names. CircleCI's docs mix separators (`workflow.job.start`, `workflow-job-start`,
// `checkout-key.create`), so every comparison goes through one canonical form where `-` and `.`
// are the same character. Underscores stay (`env_var`, `config_source`).
import type { AuditMark } from './types.js';

/** Lowercase, trimmed, `-` → `.`: the form every action comparison uses. */
export function canonicalAction(action: string): string {
  return action.trim().toLowerCase().replace(/-/g, '.');
}

/**
 * Does `action` start with `prefix`? Case-insensitive, `.` and `-` alike, a trailing `*` or
 * separator ignored: `context.secrets` matches `context-secrets-accessed`, `checkout-key` matches
 * `checkout-key.create`, `context.env` matches `context.env_var.delete`.
 */
export function actionMatches(action: string, prefix: string): boolean {
  const p = canonicalPrefix(prefix);
  return p === '' || canonicalAction(action).startsWith(p);
}

export function canonicalPrefix(prefix: string): string {
  return canonicalAction(prefix).replace(/[*.]+$/, '');
}

/** The events the incident guide and the audit-log docs call out, in the order they are checked. */
const MARKS: { prefix: string; exact?: boolean; mark: AuditMark }[] = [
  { prefix: 'context.secrets.accessed', exact: true, mark: 'secrets' },
  // Newer docs spell a job asking for a context `workflow-job-context-request`.
  { prefix: 'workflow.job.context.request', exact: true, mark: 'secrets' },
  { prefix: 'context.env_var.', mark: 'context-var' },
  { prefix: 'project.env_var.', mark: 'project-var' },
  { prefix: 'project.settings.update', exact: true, mark: 'settings' },
  { prefix: 'checkout.key.', mark: 'checkout-key' },
  { prefix: 'config_source.', mark: 'config' },
  { prefix: 'project.stop_building', exact: true, mark: 'stop' },
  { prefix: 'user.logged_in', exact: true, mark: 'login' },
  { prefix: 'workflow.job.', mark: 'job' },
];

export function markOf(action: string): AuditMark | null {
  const a = canonicalAction(action);
  for (const m of MARKS) if (m.exact ? a === m.prefix : a.startsWith(m.prefix)) return m.mark;
  return null;
}

/** Short label for tables (fits 8 columns). */
export const MARK_LABEL: Record<AuditMark, string> = {
  secrets: 'secrets',
  'context-var': 'ctx-var',
  'project-var': 'proj-var',
  settings: 'settings',
  'checkout-key': 'key',
  config: 'config',
  stop: 'stop',
  login: 'login',
  job: 'job',
};

/** high: secrets and changes to what jobs can reach; medium: logins; low: job lifecycle noise. */
export function markSeverity(mark: AuditMark | null): 'high' | 'medium' | 'low' | null {
  if (mark === null) return null;
  if (mark === 'job') return 'low';
  if (mark === 'login') return 'medium';
  return 'high';
}

export function isSecretsAccess(action: string): boolean {
  return canonicalAction(action) === 'context.secrets.accessed';
}
