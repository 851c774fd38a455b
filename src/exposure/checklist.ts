// The rotation checklist: every reachable secret, where it lives, its last four characters, when it
// was created, and the jobs that could read it, most exposed first. Markdown for the incident doc,
// CSV for a tracker. Names come from the API and job names from config: both are escaped (and CSV
// cells are defused against spreadsheet formulas).
import { cell } from '../text/cell.js';
import { shortTime } from '../util/time.js';
import type { ExposureReport, SecretExposure } from './types.js';

const MD_JOBS = 12;

function mdText(s: string): string {
  return cell(s, 200).replace(/[\\`*_[\]<>|~&]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`));
}

function mdCode(s: string): string {
  const c = cell(s, 200);
  const fence = c.includes('`') ? '``' : '`';
  return `${fence}${fence.length > 1 ? ' ' : ''}${c}${fence.length > 1 ? ' ' : ''}${fence}`;
}

function whereMd(s: SecretExposure): string {
  return s.kind === 'project' ? 'project env var' : `context ${mdCode(s.context ?? '?')}`;
}

function jobMd(j: SecretExposure['jobs'][number]): string {
  const ctx = [j.pipeline_number !== null ? `pipeline ${j.pipeline_number}` : null, j.actor, j.branch].filter(Boolean).map((x) => mdText(String(x))).join(', ');
  return `#${j.number} ${mdText(j.name)}${ctx ? ` (${ctx})` : ''}${j.accessed ? ' **read (audit log)**' : ''}`;
}

export function windowText(r: ExposureReport): string {
  if (r.scope.kind === 'jobs') return `job${r.scope.numbers.length === 1 ? '' : 's'} ${r.scope.numbers.join(', ')}`;
  if (r.scope.kind === 'pipeline') return `pipeline ${r.scope.number ?? r.scope.pipelineId}`;
  return `${r.window.since ? shortTime(r.window.since) : 'the first pipeline'} → ${r.window.until ? shortTime(r.window.until) : 'now'}`;
}

export function checklistMarkdown(r: ExposureReport): string {
  const lines = [
    `# Secret rotation checklist: ${mdText(r.project.slug)}`,
    '',
    `Scope: ${mdText(windowText(r))} · ${r.pipelines} pipeline${r.pipelines === 1 ? '' : 's'} · ${r.jobs.length} job${r.jobs.length === 1 ? '' : 's'} ran · generated ${shortTime(r.generated_at)}`,
  ];
  if (r.audit) lines.push(`Audit log: ${r.audit.accessed_events} context read${r.audit.accessed_events === 1 ? '' : 's'}, ${r.audit.joined_by_job_id} joined to jobs by job id, ${r.audit.joined_by_time} by time${r.scope.kind === 'window' ? `, ${r.audit.unjoined.length} unexplained` : ''}.`);
  lines.push(
    'Most exposed first. CircleCI never returns values, only the last 4 characters: rotate each secret at its issuer, then update it where it lives.',
    '',
  );
  if (r.secrets.length === 0) lines.push('No job in scope could read a stored secret.');
  for (const s of r.secrets) {
    const facts = [
      whereMd(s),
      `last 4 ${s.last4 ? mdCode(s.last4) : 'unknown'}`,
      s.created_at ? `created ${mdText(shortTime(s.created_at) === '-' ? s.created_at : shortTime(s.created_at))}` : 'created: unknown',
      ...(s.updated_at ? [`updated ${mdText(shortTime(s.updated_at))}`] : []),
    ];
    const jobs = s.jobs.slice(0, MD_JOBS).map(jobMd).join('; ');
    const more = s.jobs.length > MD_JOBS ? `; and ${s.jobs.length - MD_JOBS} more` : '';
    const audited = s.accessed_count ? `, ${s.accessed_count} confirmed by the audit log` : '';
    lines.push(`- [ ] ${mdCode(s.name)} · ${facts.join(' · ')} · ${s.job_count} job${s.job_count === 1 ? '' : 's'} could read it${audited}: ${jobs}${more}`);
  }
  if (r.audit?.unjoined.length) {
    lines.push('', '## Context reads no job in scope explains', '');
    for (const u of r.audit.unjoined) lines.push(`- ${mdText(u.at ?? '?')} · context ${mdCode(u.context)} · by ${mdText(u.actor ?? '?')} from ${mdText(u.ip ?? '?')} · ${mdText(u.why)}`);
  }
  if (r.warnings.length) {
    lines.push('', '## Gaps', '');
    for (const w of r.warnings) lines.push(`- ${mdText(w)}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A spreadsheet evaluates a cell that starts with `=`, `+`, `-`, `@`, TAB or CR, even after blanks (OWASP, CSV
 * injection); the full-width forms too, in some locales.
 */
const FORMULA_START = /^\s*[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;

/** Prefixes a cell a spreadsheet would run with `'`, which makes it text. */
export function defuseFormula(s: string): string {
  return FORMULA_START.test(s) ? `'${s}` : s;
}

/**
 * The one way a value becomes a CSV cell. Text from data is sanitized first (one line, escapes shown, no colour):
 * sanitizing can itself bring a `=` to the front (`\x1b[31m=HYPERLINK(…)`), so the defusing comes after it. Then
 * RFC 4180 quoting, around the defused text. A finite number is the writer's own (a count): written as is, so a
 * negative one stays a number.
 */
export function csvSafe(v: string | number | boolean | null): string {
  if (v === null) return '';
  if (typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) return String(v);
  const s = defuseFormula(cell(String(v), 10_000));
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const CHECKLIST_CSV_HEADER = ['secret', 'where', 'context', 'last4', 'created_at', 'updated_at', 'jobs', 'read_per_audit_log', 'job_numbers', 'actors'] as const;

export function checklistCsv(r: ExposureReport): string {
  const rows = [CHECKLIST_CSV_HEADER.join(',')];
  for (const s of r.secrets) {
    const actors = [...new Set(s.jobs.map((j) => j.actor).filter((a): a is string => !!a))].join(' ');
    rows.push([
      s.name, s.kind, s.context, s.last4, s.created_at, s.updated_at, s.job_count, s.accessed_count,
      s.jobs.map((j) => j.number).join(' '), actors,
    ].map((v) => csvSafe(v)).join(','));
  }
  return `${rows.join('\r\n')}\r\n`;
}
