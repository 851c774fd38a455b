// The exposure report as text for a terminal: jobs that ran with contexts first (the interesting
// ones), the rest folded into one line, then every secret with the jobs that could read it.
// Every name is hostile text and goes through cell().
import { accessText, jobTitle, whereText, windowText, type ExposureReport, type SecretExposure } from '../../exposure/index.js';
import { cell } from '../../text/cell.js';
import { shortTime } from '../../util/time.js';
import type { Palette } from '../color.js';
import { renderTable } from '../table.js';

const FOLD_LIST = 12;

export function renderExposure(r: ExposureReport, p: Palette): string {
  const out: string[] = [];
  const line = (s: string) => out.push(s);
  const ctxJobs = r.jobs.filter((j) => j.contexts.length > 0 || !j.details || j.accesses.length > 0);
  const plain = r.jobs.filter((j) => !ctxJobs.includes(j)).sort((a, b) => Number(b.notable) - Number(a.notable));
  const projectVars = r.secrets.filter((s) => s.kind === 'project').length;
  const used = [...new Set(r.jobs.flatMap((j) => j.contexts))];

  line(p.bold(cell(`Exposure of ${r.project.slug} · ${windowText(r)}`, 200)));
  line(cell(`${r.pipelines} pipeline${r.pipelines === 1 ? '' : 's'} · ${r.jobs.length} job${r.jobs.length === 1 ? '' : 's'} ran · ${projectVars} project env var${projectVars === 1 ? '' : 's'} · contexts used: ${used.join(', ') || 'none'}`, 400));
  if (r.audit) {
    const a = r.audit;
    line(cell(`Audit log: ${a.accessed_events} context read${a.accessed_events === 1 ? '' : 's'} · ${a.joined_by_job_id} joined by job id · ${a.joined_by_time} by time${r.scope.kind === 'window' ? ` · ${a.unjoined.length} unexplained` : ''}`, 400));
  } else line(p.gray('No audit log given (--audit FILE): context reads are inferred from job details only.'));

  line('');
  line(p.bold(ctxJobs.length ? 'Jobs that ran with contexts (newest first)' : 'No job in scope ran with a context.'));
  for (const j of ctxJobs) {
    line(`  ${p.bold(cell(jobTitle(j), 160))}`);
    line(`      contexts: ${cell(j.contexts.join(', ') || (j.details ? 'none' : 'unknown (no job details)'), 200)}`);
    line(`      ${cell(j.summary, 2000)}`);
    for (const a of j.accesses) line(`      ${p.red('audit:')} ${cell(accessText(a), 200)}`);
  }
  if (plain.length) {
    const list = plain.slice(0, FOLD_LIST).map((j) => `#${j.number} ${j.name}`).join(', ');
    line('');
    line(cell(`${plain.length} other job${plain.length === 1 ? '' : 's'} could read only the ${projectVars} project env var${projectVars === 1 ? '' : 's'} (notable first): ${list}${plain.length > FOLD_LIST ? `, … (${plain.length - FOLD_LIST} more; --json lists every job)` : ''}`, 2000));
  }

  line('');
  line(p.bold('Secrets, most exposed first'));
  if (r.secrets.length === 0) line('  none');
  else {
    out.push(renderTable<SecretExposure>(r.secrets, [
      { header: 'SECRET', value: (s) => s.name, max: 40 },
      { header: 'WHERE', value: (s) => whereText(s), max: 28 },
      { header: 'LAST4', value: (s) => s.last4 ?? '-' },
      { header: 'CREATED', value: (s) => shortTime(s.created_at) },
      { header: 'JOBS', value: (s) => String(s.job_count), align: 'right' },
      { header: 'READ', value: (s) => (s.kind === 'project' ? '-' : String(s.accessed_count)), align: 'right', paint: (t, s) => (s.accessed_count ? p.red(t) : t) },
      { header: 'JOBS (NOTABLE FIRST)', value: (s) => s.jobs.slice(0, 4).map((j) => `#${j.number}`).join(' ') + (s.jobs.length > 4 ? ' …' : ''), max: 40 },
    ], { headerPaint: p.gray }).trimEnd().split('\n').map((l) => `  ${l}`).join('\n'));
  }
  if (r.audit?.unjoined.length) {
    line('');
    line(p.bold('Context reads in the window that no job in scope explains'));
    for (const u of r.audit.unjoined) line(cell(`  ${u.at ?? '?'} · ${u.context} · by ${u.actor ?? '?'} from ${u.ip ?? '?'} · ${u.why}`, 300));
  }
  if (r.warnings.length) {
    line('');
    line(p.yellow('Gaps'));
    for (const w of r.warnings) line(`  ${cell(w, 400)}`);
  }
  return `${out.join('\n')}\n`;
}
