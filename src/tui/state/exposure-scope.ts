// What `x` looks at, from where the user is: the highlighted pipeline, workflow or job (a step's or a
// log's job), else what is being viewed, else the whole window. A workflow is scoped as the jobs it
// ran (the exposure view has no workflow scope), so its jobs are read first (`resolveExposureTarget`).
// Takes loose shapes so it does not depend on the app's Level union. Here in state/ (no Ink) because the header's
// breadcrumb and the level registry name exposure scopes too, and components do not import feature folders.
import type { Job, Pipeline, Workflow } from '../../api/types.js';
import type { ExposureScope } from '../../exposure/index.js';
import { selectionOf, type Selection } from './selection.js';

interface LevelLike { kind: string; job?: Job; pipeline?: Pipeline; workflow?: Workflow }

/** A scope ready to show, or a workflow whose jobs are needed first. `label` names what the scope stands for. */
export type ExposureTarget = { scope: ExposureScope; label?: string } | { workflow: Pick<Workflow, 'id' | 'name'> };

const ranSomething = (j: Job) => j.job_number !== null && j.type !== 'approval';
const jobScope = (j: Job): ExposureTarget => ({ scope: { kind: 'jobs', numbers: [j.job_number!] } });
const pipelineScope = (p: Pipeline): ExposureTarget => ({ scope: { kind: 'pipeline', pipelineId: p.id, number: p.number } });

export function exposureTargetFor(level: LevelLike, selection?: Selection): ExposureTarget {
  switch (level.kind) {
    case 'pipelines': {
      const pipeline = selectionOf(selection, 'pipeline')?.pipeline;
      return pipeline ? pipelineScope(pipeline) : { scope: { kind: 'window' } };
    }
    case 'workflows': {
      const workflow = selectionOf(selection, 'workflow')?.workflow;
      if (workflow) return { workflow };
      return level.pipeline ? pipelineScope(level.pipeline) : { scope: { kind: 'window' } };
    }
    case 'jobs': {
      const job = selectionOf(selection, 'job')?.job;
      if (job && ranSomething(job)) return jobScope(job);
      // An approval job reads nothing: the workflow it is in.
      if (level.workflow) return { workflow: level.workflow };
      return level.pipeline ? pipelineScope(level.pipeline) : { scope: { kind: 'window' } };
    }
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
