// Third Miller column (wide terminals): what is inside the highlighted row, loaded lazily.
import { Box } from 'ink';
import { SafeText } from './SafeText.js';
import type { Job, Workflow } from '../../api/types.js';
import type { InvestigationSource } from '../../source/source.js';
import { display } from '../../text/display.js';
import { cell, fit } from '../../text/cell.js';
import { commandOf, loadStepRows, type StepRow } from '../state/step-rows.js';
import { useLoad } from '../hooks/use-load.js';
import type { CacheEntry, LoadedCache } from '../state/loaded-cache.js';
import type { Level } from '../state/nav.js';
import { selectionOf, type Selection } from '../state/selection.js';
import { statusColor } from '../theme.js';

interface Row { text: string; status?: string }

/** What the preview loads for a row: the cache slot (shared with the pane one level down), the load, its rows. */
interface PreviewPlan {
  entry(cache: LoadedCache): CacheEntry<unknown>;
  load(): Promise<unknown>;
  rows(data: unknown): Row[];
}

/** Ties the three to one type T; the widening to unknown happens only here. */
function plan<T>(entry: (cache: LoadedCache) => CacheEntry<T>, load: () => Promise<T>, rows: (data: T) => Row[]): PreviewPlan {
  return { entry: entry as (cache: LoadedCache) => CacheEntry<unknown>, load, rows: rows as (data: unknown) => Row[] };
}

function previewPlan(source: InvestigationSource, level: Level, selection: Selection | undefined): PreviewPlan | null {
  switch (level.kind) {
    case 'pipelines': {
      const pipeline = selectionOf(selection, 'pipeline')?.pipeline;
      if (!pipeline) return null;
      return plan((c) => c.workflows(pipeline.id), () => source.workflows(pipeline.id), (ws: Workflow[]) => ws.map((w) => ({ text: w.name, status: w.status })));
    }
    case 'workflows': {
      const workflow = selectionOf(selection, 'workflow')?.workflow;
      if (!workflow) return null;
      return plan((c) => c.jobs(workflow.id), () => source.jobs(workflow.id), (js: Job[]) => js.map((j) => ({ text: `${j.job_number ?? '-'} ${j.name}`, status: j.status })));
    }
    case 'jobs': {
      const n = selectionOf(selection, 'job')?.job;
      if (!n || n.job_number === null || n.type === 'approval') return null;
      const jobNumber = n.job_number;
      // The same rows (and cache slot) as the steps pane: whichever loads first serves both.
      return plan((c) => c.stepRows(jobNumber), () => loadStepRows(source, jobNumber), (steps: StepRow[]) => steps.map((s) => ({ text: s.name, status: s.status })));
    }
    case 'steps': {
      // A step without output still has a command to show.
      const step = selectionOf(selection, 'step')?.step;
      const jobNumber = level.job.job_number;
      if (!step || jobNumber === null) return null;
      return plan(
        (c) => c.outputHead(jobNumber, step.step),
        async () => (step.has_output ? (await source.stepOutput(jobNumber, step.step, 0)).text.split('\n').slice(0, 200) : []),
        (lines: string[]) => lines.map((l) => ({ text: l })),
      );
    }
    default:
      return null;
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

export function PreviewPane({ source, level, selection, width, height }: { source: InvestigationSource; level: Level; selection: Selection | undefined; width: number; height: number }) {
  const preview = previewPlan(source, level, selection);
  const { data, loading, error } = useLoad((cache) => preview?.entry(cache) ?? null, () => preview!.load());
  const rows = preview && data !== undefined ? preview.rows(data) : [];
  // A step shows what it ran above what it printed (its first lines; `c` shows all of it).
  const command = level.kind === 'steps' ? commandRows(selectionOf(selection, 'step')?.step) : [];
  const statusW = 10;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <SafeText color="gray">preview</SafeText>
      {command.map((line, i) => (
        <SafeText key={`cmd${i}`} color="cyan" wrap="truncate-end">{cell(line, Math.max(4, width))}</SafeText>
      ))}
      {!preview ? (
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
