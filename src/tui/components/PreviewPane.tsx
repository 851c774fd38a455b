// Third Miller column (wide terminals): what is inside the highlighted row, loaded lazily.
import { Box } from 'ink';
import { SafeText } from './SafeText.js';
import type { Job, Pipeline, Workflow } from '../../api/types.js';
import type { StepSummary } from '../../api/step-summary.js';
import type { InvestigationSource } from '../../source/source.js';
import { display } from '../../text/display.js';
import { cell, fit } from '../../text/cell.js';
import { commandOf, loadStepRows, stepsMemoKey, type StepRow } from '../panes/step-command.js';
import { useLoad } from '../hooks/use-load.js';
import type { Level } from '../state/nav.js';
import { statusColor } from '../theme.js';

interface Row { text: string; status?: string }

function previewKey(level: Level, item: unknown): string | null {
  if (!item) return null;
  switch (level.kind) {
    case 'pipelines': return `workflows:${(item as Pipeline).id}`;
    case 'workflows': return `jobs:${(item as Workflow).id}`;
    case 'jobs': return (item as Job).job_number === null || (item as Job).type === 'approval' ? null : stepsMemoKey((item as Job).job_number!);
    // A step without output still has a command to show.
    case 'steps': return level.job.job_number !== null ? `preview-log:${level.job.job_number}:${(item as StepSummary).step}` : null;
    default: return null;
  }
}

async function loadRows(source: InvestigationSource, level: Level, item: unknown): Promise<Row[] | unknown> {
  switch (level.kind) {
    case 'pipelines': return source.workflows((item as Pipeline).id);
    case 'workflows': return source.jobs((item as Workflow).id);
    // The same rows (and memo key) as the steps pane: whichever loads first serves both.
    case 'jobs': return loadStepRows(source, (item as Job).job_number!);
    case 'steps': {
      if (!(item as StepSummary).has_output) return [];
      const out = await source.stepOutput(level.job.job_number!, (item as StepSummary).step, 0);
      return out.text.split('\n').slice(0, 200);
    }
    default: return [];
  }
}

function toRows(level: Level, data: unknown): Row[] {
  if (!Array.isArray(data)) return [];
  switch (level.kind) {
    case 'pipelines': return (data as Workflow[]).map((w) => ({ text: w.name, status: w.status }));
    case 'workflows': return (data as Job[]).map((j) => ({ text: `${j.job_number ?? '-'} ${j.name}`, status: j.status }));
    case 'jobs': return (data as StepSummary[]).map((s) => ({ text: s.name, status: s.status }));
    case 'steps': return (data as string[]).map((l) => ({ text: l }));
    default: return [];
  }
}

/** At most 6 lines of a step's command, `$ ` first, `…` when there is more. */
function commandRows(step: StepRow | undefined): string[] {
  const cmd = commandOf(step);
  if (cmd === null) return [];
  const lines = cmd.split(/\r?\n/).filter((l) => l.trim() !== '');
  const shown = lines.slice(0, 6).map((l, i) => (i === 0 ? `$ ${l}` : `  ${l}`));
  return lines.length > 6 ? [...shown, `  … (${lines.length - 6} more; c shows all)`] : shown;
}

export function PreviewPane({ source, level, item, width, height }: { source: InvestigationSource; level: Level; item: unknown; width: number; height: number }) {
  const key = previewKey(level, item);
  const { data, loading, error } = useLoad(key, () => loadRows(source, level, item) as Promise<unknown>);
  const rows = key ? toRows(level, data) : [];
  // A step shows what it ran above what it printed (its first lines; `c` shows all of it).
  const command = level.kind === 'steps' ? commandRows(item as StepRow | undefined) : [];
  const statusW = 10;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <SafeText color="gray">preview</SafeText>
      {command.map((line, i) => (
        <SafeText key={`cmd${i}`} color="cyan" wrap="truncate-end">{cell(line, Math.max(4, width))}</SafeText>
      ))}
      {!key ? (
        command.length ? null : <SafeText color="gray">nothing to preview</SafeText>
      ) : error && !loading ? (
        <SafeText color="red" wrap="truncate-end">{cell(`could not load: ${error} · r retries`, Math.max(4, width))}</SafeText>
      ) : loading && !data ? (
        <SafeText color="gray">loading…</SafeText>
      ) : null}
      {rows.slice(0, Math.max(0, height - 1 - command.length)).map((r, i) =>
        r.status === undefined ? (
          <SafeText key={i} wrap="truncate-end">{display(r.text, { maxLineLength: width * 2 })}</SafeText>
        ) : (
          <SafeText key={i} wrap="truncate-end">
            {fit(r.text, Math.max(4, width - statusW - 1))} <SafeText color={statusColor(r.status)}>{fit(r.status, statusW)}</SafeText>
          </SafeText>
        ),
      )}
    </Box>
  );
}
