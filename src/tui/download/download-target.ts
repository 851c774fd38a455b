// What `d` downloads: the highlighted row of the current list, or the job a steps/log level is in (the level
// registry, levels/registry.tsx, says which for each level); `D`: the pipeline window.
import type { Job, Pipeline } from '../../api/types.js';
import type { PipelineWindow } from '../../source/source.js';
import { utcTime } from '../../util/time.js';
import { selectionOf, type Selection } from '../state/selection.js';

export type TuiDownloadTarget =
  | { kind: 'job'; number: number; label: string }
  | { kind: 'workflow'; id: string; label: string }
  | { kind: 'pipeline'; number: number; label: string }
  | { kind: 'window'; since: string; until?: string; label: string };

/** The highlighted row when it is a `kind` row (a list's own kind), else nothing to download. */
export function rowTarget(selection: Selection | undefined, kind: 'pipeline' | 'workflow' | 'job'): TuiDownloadTarget | null {
  switch (kind) {
    case 'pipeline': {
      const p = selectionOf(selection, 'pipeline')?.pipeline;
      return p ? { kind: 'pipeline', number: p.number, label: `pipeline ${p.number}` } : null;
    }
    case 'workflow': {
      const w = selectionOf(selection, 'workflow')?.workflow;
      return w ? { kind: 'workflow', id: w.id, label: `workflow ${w.name}` } : null;
    }
    case 'job': {
      const j = selectionOf(selection, 'job')?.job;
      return j ? jobTarget(j) : null;
    }
  }
}

/** A job by its number (an approval job has none: nothing to download). */
export function jobTarget(job: Job): TuiDownloadTarget | null {
  return job.job_number !== null ? { kind: 'job', number: job.job_number, label: `job ${job.job_number}` } : null;
}

/** `D`: the window given on the command line, else from the oldest pipeline loaded so far (`loaded`, newest first). */
export function windowTarget(window: PipelineWindow, loaded: readonly Pipeline[]): TuiDownloadTarget | null {
  const since = window.since ?? loaded.at(-1)?.created_at;
  if (!since) return null;
  return { kind: 'window', since, ...(window.until ? { until: window.until } : {}), label: `window since ${utcTime(since)}` };
}
