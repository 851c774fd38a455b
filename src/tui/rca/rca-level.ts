// The RCA level of the navigation stack, and which job `R` opens it for: the highlighted job of the jobs list, or
// the job a steps/log level is in.
import type { Job, Pipeline, Workflow } from '../../api/types.js';
import type { Level } from '../state/nav.js';
import { selectionOf, type Selection } from '../state/selection.js';

export type RcaLevel = Extract<Level, { kind: 'rca' }>;

/** The levels `R` works from (structurally: the app's Level union, without importing it). */
export type RcaOrigin =
  | { kind: 'jobs'; pipeline: Pipeline; workflow: Workflow }
  | { kind: 'steps' | 'log'; pipeline: Pipeline; workflow: Workflow; job: Job }
  | { kind: string };

/** The level to push, or a reason why there is none (shown on the status line). */
export function rcaTarget(level: RcaOrigin, selection: Selection | undefined): RcaLevel | { why: string } {
  let job: Job | undefined;
  if (level.kind === 'jobs') job = selectionOf(selection, 'job')?.job;
  else if ((level.kind === 'steps' || level.kind === 'log') && 'job' in level) job = level.job;
  if (!job || !('pipeline' in level) || !('workflow' in level)) return { why: 'R: select a job first (jobs or steps list)' };
  if (job.type === 'approval' || job.job_number === null) return { why: `${job.name} is an approval job: it has no steps to summarize` };
  return { kind: 'rca', pipeline: level.pipeline, workflow: level.workflow, job };
}
