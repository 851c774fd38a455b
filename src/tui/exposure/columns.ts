// Columns of the exposure lists, and the full text of one job or one secret.
import { accessText, jobTitle, whereText, type JobExposure, type SecretExposure } from '../../exposure/index.js';
import { UTC_TIME_WIDTH, utcTime } from '../../util/time.js';
import type { Col } from '../list/columns.js';

export const jobCols: Col<JobExposure>[] = [
  { title: '#', get: (j) => String(j.number), width: 6, align: 'right', priority: 9 },
  { title: 'JOB', get: (j) => j.name, flex: 2, min: 10, priority: 9 },
  { title: 'PIPE', get: (j) => (j.pipeline_number === null ? '-' : String(j.pipeline_number)), width: 5, align: 'right', priority: 6 },
  { title: 'ACTOR', get: (j) => j.actor ?? '-', width: 14, priority: 7 },
  { title: 'CONTEXTS', get: (j) => (j.details ? j.contexts.join(',') || '-' : '?'), flex: 2, min: 10, tone: (j) => (j.contexts.length ? 'warn' : !j.details ? 'muted' : undefined), priority: 8 },
  { title: 'SECRETS', get: (j) => String(j.secrets.length), width: 7, align: 'right', priority: 8 },
  { title: 'READ', get: (j) => (j.accesses.length ? String(j.accesses.length) : '-'), width: 4, align: 'right', tone: (j) => (j.accesses.length ? 'error' : undefined), priority: 7 },
];

export const secretCols: Col<SecretExposure>[] = [
  { title: 'SECRET', get: (s) => s.name, flex: 2, min: 12, priority: 9 },
  { title: 'WHERE', get: whereText, flex: 1, min: 10, tone: (s) => (s.kind === 'context' ? 'warn' : undefined), priority: 9 },
  { title: 'LAST4', get: (s) => s.last4 ?? '-', width: 5, priority: 6 },
  { title: 'CREATED', get: (s) => utcTime(s.created_at), width: UTC_TIME_WIDTH, priority: 4 },
  { title: 'JOBS', get: (s) => String(s.job_count), width: 5, align: 'right', priority: 8 },
  { title: 'READ', get: (s) => (s.kind === 'project' ? '-' : String(s.accessed_count)), width: 4, align: 'right', tone: (s) => (s.accessed_count ? 'error' : undefined), priority: 7 },
];

export function jobLines(j: JobExposure): string[] {
  const lines = [
    jobTitle(j),
    `workflow ${j.workflow.name} · started ${utcTime(j.started_at)} · stopped ${utcTime(j.stopped_at)}`,
    `contexts: ${j.details ? j.contexts.join(', ') || 'none' : 'unknown (job details could not be read)'}`,
    '',
    `could read ${j.secrets.length} secret${j.secrets.length === 1 ? '' : 's'}:`,
    ...j.secrets.map((s) => `  ${s.name.padEnd(28)} ${whereText(s)}${s.shadowed_by ? ` (shadowed by context ${s.shadowed_by})` : ''}`),
  ];
  if (j.accesses.length) lines.push('', 'audit log:', ...j.accesses.map((a) => `  ${accessText(a)}${a.variables.length ? ` · ${a.variables.join(', ')}` : ''}`));
  return lines;
}

export function secretLines(s: SecretExposure): string[] {
  return [
    `${s.name} · ${whereText(s)}`,
    `last 4: ${s.last4 ?? 'unknown'} · created ${s.created_at ? utcTime(s.created_at) : 'unknown'}${s.updated_at ? ` · updated ${utcTime(s.updated_at)}` : ''}`,
    '',
    `${s.job_count} job${s.job_count === 1 ? '' : 's'} could read it${s.accessed_count ? `, ${s.accessed_count} confirmed by the audit log` : ''}:`,
    ...s.jobs.map((j) => `  #${String(j.number).padEnd(6)} ${j.name} · pipeline ${j.pipeline_number ?? '-'} ${j.branch ?? ''} by ${j.actor ?? '?'}${j.accessed ? ' · READ (audit log)' : ''}`),
  ];
}
