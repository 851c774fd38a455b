// What `x` looks at, from where the user is: the job under the cursor or being viewed, else the
// pipeline being viewed, else the whole window. Takes loose shapes so it does not depend on the
// app's Level union.
import type { Job, Pipeline } from '../../api/types.js';
import type { ExposureScope } from '../../exposure/index.js';

interface LevelLike { kind: string; job?: Job; pipeline?: Pipeline }

const isJob = (x: unknown): x is Job => typeof x === 'object' && x !== null && 'job_number' in x && 'type' in x && 'dependencies' in x;

export function exposureScopeFor(level: LevelLike, highlight?: unknown): ExposureScope {
  const job = level.job ?? (level.kind === 'jobs' && isJob(highlight) ? highlight : undefined);
  if (job && job.job_number !== null && job.type !== 'approval') return { kind: 'jobs', numbers: [job.job_number] };
  if (level.pipeline && (level.kind === 'workflows' || level.kind === 'jobs')) return { kind: 'pipeline', pipelineId: level.pipeline.id, number: level.pipeline.number };
  return { kind: 'window' };
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
