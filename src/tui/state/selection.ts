// The key of each row in the four lists, in one place: the panes use it for their rows and the
// navigation for "which row led here", so going back after a deep link or a `:` jump lands on it.
import type { StepSummary } from '../../api/step-summary.js';
import type { Job, Pipeline, Workflow } from '../../api/types.js';
import type { Level } from './nav.js';

export const pipelineKey = (p: Pipeline): string => p.id || String(p.number);
export const workflowKey = (w: Workflow): string => w.id;
export const jobKey = (j: Job): string => j.id || String(j.job_number);
export const stepKey = (s: Pick<StepSummary, 'step'>): string => String(s.step);

/** The row of the level below `next` that opens `next` (null when `next` is not one of the drill-down levels). */
export function rowKeyLeadingTo(next: Level): string | null {
  switch (next.kind) {
    case 'workflows': return pipelineKey(next.pipeline);
    case 'jobs': return workflowKey(next.workflow);
    case 'steps': return jobKey(next.job);
    case 'log': return stepKey(next.step);
    default: return null;
  }
}
