// The highlighted row, typed, and the key of each row in the four lists, in one place: the panes use the key for
// their rows and the navigation for "which row led here", so going back after a deep link or a `:` jump lands on it.
import type { StepSummary } from '../../api/step-summary.js';
import type { Job, Pipeline, Workflow } from '../../api/types.js';
import type { SearchHit } from '../../search/types.js';
import type { StepRow } from './step-rows.js';

/** The row under the cursor of the active list: what `d`, `x`, `y`, `c`, `R` and the preview column act on. */
export type Selection =
  | { kind: 'pipeline'; pipeline: Pipeline }
  | { kind: 'workflow'; workflow: Workflow }
  | { kind: 'job'; job: Job }
  | { kind: 'step'; step: StepRow }
  | { kind: 'hit'; hit: SearchHit };

/**
 * The selection when it is of `kind`, else undefined. A level reads only its own kind of row: right after a push
 * the selection can still be the row of the level below until the new list reports its cursor.
 */
export function selectionOf<K extends Selection['kind']>(s: Selection | undefined, kind: K): Extract<Selection, { kind: K }> | undefined {
  return s?.kind === kind ? (s as Extract<Selection, { kind: K }>) : undefined;
}

export const pipelineKey = (p: Pipeline): string => p.id || String(p.number);
export const workflowKey = (w: Workflow): string => w.id;
export const jobKey = (j: Job): string => j.id || String(j.job_number);
export const stepKey = (s: Pick<StepSummary, 'step'>): string => String(s.step);
