// Events as text: a one-line summary of the payload for tables, and the full event pretty-printed
// for the detail view. Output is plain text from hostile input: callers sanitize it for the
// terminal (cell() for table cells, sanitize() per line for the detail view).
import { MARK_LABEL } from './actions.js';
import type { AuditEntity, AuditEvent } from './types.js';

/** `2026-11-19 10:04:05Z` (seconds matter in an audit trail). */
export function eventTime(e: AuditEvent): string {
  return e.occurred_at ? `${e.occurred_at.slice(0, 19).replace('T', ' ')}Z` : '-';
}

export function entityLabel(x: AuditEntity | null): string {
  if (!x) return '-';
  const name = x.name ?? x.id ?? '?';
  return x.type ? `${name} (${x.type})` : name;
}

export function actorLabel(e: AuditEvent): string {
  return e.actor ? (e.actor.name ?? e.actor.id ?? '?') : '-';
}

export function successLabel(e: AuditEvent): string {
  return e.success === null ? '-' : e.success ? 'yes' : 'NO';
}

export function markLabel(e: AuditEvent): string {
  return e.mark ? MARK_LABEL[e.mark] : '';
}

const short = (v: unknown): string => {
  if (v === null || v === undefined) return '-';
  if (typeof v === 'string') return v;
  return JSON.stringify(v) ?? String(v);
};

/** The payload and request in one line: what a person scans for (context, variables, job, IP). */
export function detailsLine(e: AuditEvent): string {
  const p = e.payload ?? {};
  const parts: string[] = [];
  const used = new Set<string>();
  const pick = (key: string, label = key) => {
    if (p[key] === undefined || p[key] === null || p[key] === '') return;
    used.add(key);
    parts.push(`${label}=${short(p[key])}`);
  };
  pick('context_name', 'context');
  pick('environment_variable_titles', 'vars');
  pick('job_name', 'job');
  pick('job_number', 'job#');
  pick('job_id');
  // What the target column already says goes last.
  const late = new Set(['project_slug', 'context_id', 'workflow_id']);
  for (const [k, v] of Object.entries(p)) if (!used.has(k) && !late.has(k)) parts.push(`${k}=${short(v)}`);
  if (e.unparsed) parts.push(...Object.keys(e.unparsed).map((k) => `${k}=<not JSON>`));
  if (e.request?.ip_address) parts.push(`ip=${e.request.ip_address}`);
  for (const [k, v] of Object.entries(p)) if (!used.has(k) && late.has(k)) parts.push(`${k}=${short(v)}`);
  return parts.join(' ');
}

/** The whole event, one field per line, payload and metadata pretty-printed (for the detail view). */
export function eventLines(e: AuditEvent): string[] {
  const lines: string[] = [];
  const row = (k: string, v: string) => lines.push(`${k.padEnd(13)}${v}`);
  const ent = (x: AuditEntity | null) => (x ? [x.name ?? '-', x.type ? `(${x.type})` : '', x.id ? `id ${x.id}` : ''].filter(Boolean).join(' ') : '-');
  row('action', e.action + (e.mark ? `   [${MARK_LABEL[e.mark]}]` : ''));
  row('occurred_at', e.occurred_at ?? '-');
  row('id', e.id ?? '-');
  row('success', successLabel(e));
  row('actor', ent(e.actor));
  row('target', ent(e.target));
  row('scope', ent(e.scope));
  row('organization', ent(e.organization));
  row('account', ent(e.account));
  if (e.request) row('request', [e.request.id ? `id ${e.request.id}` : '', e.request.ip_address ? `ip ${e.request.ip_address}` : '', e.request.client_trace_id ? `trace ${e.request.client_trace_id}` : ''].filter(Boolean).join(' · ') || '-');
  row('version', e.version === null ? '-' : String(e.version));
  row('source', `${e.source.file}:${e.source.line}`);
  for (const p of e.problems ?? []) row('problem', p);
  lines.push('', 'payload:');
  lines.push(...(e.payload ? JSON.stringify(e.payload, null, 2).split('\n') : ['  (none)']));
  if (Object.keys(e.metadata).length) lines.push('', 'metadata:', ...JSON.stringify(e.metadata, null, 2).split('\n'));
  for (const [k, v] of Object.entries(e.unparsed ?? {})) lines.push('', `${k} (not JSON, as written):`, ...v.split('\n'));
  const extra = [e.actor, e.target].flatMap((x, i) => (x?.extra ? [[i === 0 ? 'actor' : 'target', x.extra] as const] : []));
  for (const [k, v] of extra) lines.push('', `${k}, more fields:`, ...JSON.stringify(v, null, 2).split('\n'));
  if (e.extra) lines.push('', 'other columns:', ...Object.entries(e.extra).map(([k, v]) => `  ${k}: ${v}`));
  return lines;
}
