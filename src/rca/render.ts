// The summary as display rows, shared by the CLI (painted by tone) and the TUI pane (Ink colours by tone).
// Every piece of text from CircleCI or the log is sanitized here: a row is safe to write to a terminal.
import { sanitize } from '../text/sanitize.js';
import { formatDuration } from '../util/time.js';
import type { ExcerptLine, FailingAction, RcaSummary } from './types.js';

export type RowTone = 'title' | 'heading' | 'error' | 'warn' | 'muted' | 'text' | 'ok';

export interface RcaRow {
  text: string;
  tone: RowTone;
}

/** One untrusted string as one visible line: escapes shown, no colour, newlines as ⏎. */
export function safe(text: string | null | undefined, max = 300): string {
  if (text === null || text === undefined) return '-';
  return sanitize(text, { keepColor: false, maxLineLength: max }).replace(/\n/g, '⏎');
}

const flagList = (f: { timedout: boolean; canceled: boolean; infrastructure_fail: boolean; background?: boolean }): string[] =>
  [f.timedout && 'TIMED OUT', f.canceled && 'CANCELED', f.infrastructure_fail && 'INFRASTRUCTURE FAIL', f.background && 'background'].filter((x): x is string => Boolean(x));

function numbered(l: ExcerptLine, width: number): RcaRow {
  return { text: `  ${String(l.n).padStart(width)} │ ${safe(l.text, 400)}`, tone: l.error ? 'error' : 'text' };
}

function commandRows(cmd: string | null): RcaRow[] {
  if (!cmd) return [];
  const lines = cmd.replace(/\r\n/g, '\n').split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#!'));
  const shown = lines.slice(0, 6).map((l) => ({ text: `  $ ${safe(l, 300)}`, tone: 'muted' as const }));
  if (lines.length > 6) shown.push({ text: `  $ … (${lines.length - 6} more lines)`, tone: 'muted' });
  return shown;
}

function actionRows(f: FailingAction): RcaRow[] {
  const rows: RcaRow[] = [];
  const where = f.nodes > 1 ? ` · node ${f.node} of ${f.nodes}` : '';
  const exit = f.exit_code === null ? 'no exit code' : `exit ${f.exit_code}`;
  const flags = flagList(f);
  rows.push({ text: `✖ step ${f.step} ${safe(f.name, 80)}${where} · ${safe(f.status, 30)} · ${exit} · ${formatDuration(f.duration_ms)}${flags.length ? ` · ${flags.join(' · ')}` : ''}`, tone: 'error' });
  rows.push(...commandRows(f.command));
  if (f.output_error) rows.push({ text: `  (output could not be read: ${safe(f.output_error, 200)})`, tone: 'warn' });
  else if (!f.output) rows.push({ text: '  (this step printed nothing)', tone: 'muted' });
  else {
    const o = f.output;
    const shown = f.excerpts.reduce((k, b) => k + b.lines.filter((l) => l.error).length, 0);
    rows.push({
      text: `  ${o.lines} lines${o.truncated ? ' (truncated by CircleCI)' : ''} · ${o.error_lines === 0 ? 'no line looks like an error; last lines:' : `${o.error_lines} error line${o.error_lines === 1 ? '' : 's'}${o.error_lines > shown ? `, first ${shown} shown` : ''}:`}`,
      tone: 'muted',
    });
    const lines = f.excerpts.length ? f.excerpts.flatMap((b) => b.lines) : f.tail;
    const width = String(Math.max(1, ...lines.map((l) => l.n))).length;
    f.excerpts.forEach((b, i) => {
      if (i > 0) rows.push({ text: `  ${' '.repeat(width)} ┆`, tone: 'muted' });
      rows.push(...b.lines.map((l) => numbered(l, width)));
    });
    if (!f.excerpts.length) rows.push(...f.tail.map((l) => numbered(l, width)));
  }
  return rows;
}

export function summaryRows(s: RcaSummary): RcaRow[] {
  const j = s.job;
  const rows: RcaRow[] = [];
  const flags = flagList(j);
  rows.push({ text: `job ${j.number} ${safe(j.name, 60)} · ${safe(j.status, 30)}${flags.length ? ` · ${flags.join(' · ')}` : ''}`, tone: 'title' });
  const facts = [
    j.project_slug && safe(j.project_slug, 80),
    j.workflow_name && `workflow ${safe(j.workflow_name, 60)}`,
    j.branch && `branch ${safe(j.branch, 60)}`,
    j.commit_sha && `commit ${safe(j.commit_sha.slice(0, 12), 12)}`,
    `duration ${formatDuration(j.duration_ms)}`,
    j.parallelism > 1 && `parallelism ${j.parallelism}`,
    (j.executor || j.resource_class) && safe(`${j.executor ?? ''} ${j.resource_class ?? ''}`.trim(), 60),
  ].filter((x): x is string => Boolean(x));
  rows.push({ text: facts.join(' · '), tone: 'muted' });
  for (const n of s.notes) rows.push({ text: `note: ${safe(n, 300)}`, tone: 'warn' });
  rows.push({ text: '', tone: 'text' });
  if (s.failing.length === 0) rows.push({ text: 'no failing step', tone: 'ok' });
  else rows.push({ text: s.failing.length === 1 ? 'Failing step' : `Failing steps (${s.failing.length})`, tone: 'heading' });
  s.failing.forEach((f, i) => {
    if (i > 0) rows.push({ text: '', tone: 'text' });
    rows.push(...actionRows(f));
  });
  if (s.warnings.length) {
    rows.push({ text: '', tone: 'text' });
    rows.push({ text: 'Earlier steps that printed warnings', tone: 'heading' });
    for (const w of s.warnings) {
      rows.push({ text: `⚠ step ${w.step} ${safe(w.name, 80)}${s.job.parallelism > 1 ? ` · node ${w.node}` : ''} · ${safe(w.status, 30)} · ${w.count} warning line${w.count === 1 ? '' : 's'}`, tone: 'warn' });
      const width = String(Math.max(1, ...w.lines.map((l) => l.n))).length;
      rows.push(...w.lines.map((l) => ({ text: `  ${String(l.n).padStart(width)} │ ${safe(l.text, 400)}`, tone: 'text' as const })));
    }
  }
  return rows;
}
