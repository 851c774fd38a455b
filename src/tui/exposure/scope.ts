// What `x` looks at, from where the user is: the highlighted pipeline, workflow or job (a step's or a
// log's job), else what is being viewed, else the whole window. A workflow is scoped as the jobs it
// ran (the exposure view has no workflow scope), so its jobs are read first (`resolveExposureTarget`).
// Takes loose shapes so it does not depend on the app's Level union.
import type { Job, Pipeline, Workflow } from '../../api/types.js';
import type { ExposureScope } from '../../exposure/index.js';

interface LevelLike { kind: string; job?: Job; pipeline?: Pipeline; workflow?: Workflow }

/** A scope ready to show, or a workflow whose jobs are needed first. `label` names what the scope stands for. */
export type ExposureTarget = { scope: ExposureScope; label?: string } | { workflow: Pick<Workflow, 'id' | 'name'> };

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
const isJob = (x: unknown): x is Job => isObject(x) && 'job_number' in x && 'type' in x && 'dependencies' in x;
const isPipeline = (x: unknown): x is Pipeline => isObject(x) && typeof x.id === 'string' && typeof x.number === 'number' && 'trigger' in x;
const isWorkflow = (x: unknown): x is Workflow => isObject(x) && typeof x.id === 'string' && typeof x.name === 'string' && 'pipeline_id' in x && !('job_number' in x);

const ranSomething = (j: Job) => j.job_number !== null && j.type !== 'approval';
const jobScope = (j: Job): ExposureTarget => ({ scope: { kind: 'jobs', numbers: [j.job_number!] } });
const pipelineScope = (p: Pipeline): ExposureTarget => ({ scope: { kind: 'pipeline', pipelineId: p.id, number: p.number } });

export function exposureTargetFor(level: LevelLike, highlight?: unknown): ExposureTarget {
  switch (level.kind) {
    case 'pipelines':
      return isPipeline(highlight) ? pipelineScope(highlight) : { scope: { kind: 'window' } };
    case 'workflows':
      if (isWorkflow(highlight)) return { workflow: highlight };
      return level.pipeline ? pipelineScope(level.pipeline) : { scope: { kind: 'window' } };
    case 'jobs':
      if (isJob(highlight) && ranSomething(highlight)) return jobScope(highlight);
      // An approval job reads nothing: the workflow it is in.
      if (level.workflow) return { workflow: level.workflow };
      return level.pipeline ? pipelineScope(level.pipeline) : { scope: { kind: 'window' } };
    default:
      if (level.job && ranSomething(level.job)) return jobScope(level.job);
      if (level.pipeline) return pipelineScope(level.pipeline);
      return { scope: { kind: 'window' } };
  }
}

/** A workflow target becomes the scope of its jobs (approval jobs left out: they read nothing). */
export async function resolveExposureTarget(t: ExposureTarget, jobsOf: (workflowId: string) => Promise<Job[]>): Promise<{ scope: ExposureScope; label?: string }> {
  if ('scope' in t) return t;
  const numbers = (await jobsOf(t.workflow.id)).filter(ranSomething).map((j) => j.job_number!);
  return { scope: { kind: 'jobs', numbers }, label: `workflow ${t.workflow.name}` };
}

export function scopeLabel(scope: ExposureScope): string {
  switch (scope.kind) {
    case 'jobs': return scope.numbers.length === 1 ? `job ${scope.numbers[0]}` : `jobs ${scope.numbers.join(', ')}`;
    case 'pipeline': return `pipeline ${scope.number ?? scope.pipelineId}`;
    case 'window': return 'window';
  }
}

/** Stable key for the app's level list (`exposure:job:5015`). */
export function scopeKey(scope: ExposureScope): string {
  return scope.kind === 'jobs' ? `exposure:jobs:${scope.numbers.join(',')}` : scope.kind === 'pipeline' ? `exposure:pipeline:${scope.pipelineId}` : 'exposure:window';
}
