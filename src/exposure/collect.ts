// The jobs in scope, with their pipeline, workflow and details (for `contexts`).
import { isApiError } from '../api/errors.js';
import { pipelineGit } from '../api/normalize.js';
import type { Job, JobDetails, Pipeline, Workflow } from '../api/types.js';
import type { ExposureApi, ExposureScope } from './types.js';

export interface Run {
  job: Job;
  workflow: Workflow;
  pipeline: Pipeline;
  /** Null when job details could not be read. */
  details: JobDetails | null;
  detailsError: string | null;
}

/** At most `limit` calls in flight (the transport has its own limit too; this bounds the promises). */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** A job that ran: a build job with a number that has started (queued, blocked and approval jobs read nothing). */
export function ran(j: Job): boolean {
  return j.type !== 'approval' && j.job_number !== null && j.started_at !== null;
}

export function branchOf(p: Pipeline): string | null {
  return pipelineGit(p).branch;
}

export async function collectRuns(
  api: ExposureApi,
  slug: string,
  scope: ExposureScope,
  window: { since?: string; until?: string },
  opts: { concurrency: number; progress: (m: string) => void; warn: (m: string) => void },
): Promise<{ runs: Run[]; pipelines: number }> {
  const { concurrency, progress, warn } = opts;
  let pipelines: Pipeline[];
  const runs: Omit<Run, 'details' | 'detailsError'>[] = [];

  if (scope.kind === 'jobs') {
    const found = await mapLimit([...new Set(scope.numbers)], concurrency, async (n) => {
      const d = await api.jobDetails(slug, n);
      if (!d.pipeline.id || !d.latest_workflow.id) throw new Error(`job ${n} has no pipeline or workflow in its details`);
      const [p, wfs, jobs] = await Promise.all([api.pipeline(d.pipeline.id), api.workflows(d.pipeline.id), api.jobs(d.latest_workflow.id)]);
      const wf = wfs.find((w) => w.id === d.latest_workflow.id);
      const job = jobs.find((j) => j.job_number === n);
      if (!wf || !job) throw new Error(`job ${n} is not in its workflow's job list`);
      return { p, run: { job, workflow: wf, pipeline: p }, details: d };
    });
    pipelines = [...new Map(found.map((f) => [f.p.id, f.p])).values()];
    const out: Run[] = [];
    for (const f of found) {
      if (!ran(f.run.job)) warn(`job ${f.run.job.job_number} (${f.run.job.name}) has not run (${f.run.job.status}): it could read nothing yet`);
      else out.push({ ...f.run, details: f.details, detailsError: null });
    }
    return { runs: out, pipelines: pipelines.length };
  }

  if (scope.kind === 'pipeline') pipelines = [await api.pipeline(scope.pipelineId)];
  else {
    progress('listing pipelines in the window…');
    pipelines = await api.pipelines(slug, window);
  }
  progress(`reading the workflows and jobs of ${pipelines.length} pipeline${pipelines.length === 1 ? '' : 's'}…`);
  await mapLimit(pipelines, concurrency, async (p) => {
    const wfs = await api.workflows(p.id);
    for (const wf of wfs) {
      const jobs = await api.jobs(wf.id);
      for (const job of jobs) if (ran(job)) runs.push({ job, workflow: wf, pipeline: p });
    }
  });
  progress(`reading the details (contexts) of ${runs.length} job${runs.length === 1 ? '' : 's'}…`);
  const withDetails = await mapLimit(runs, concurrency, async (r): Promise<Run> => {
    try {
      return { ...r, details: await api.jobDetails(slug, r.job.job_number!), detailsError: null };
    } catch (e) {
      if (isApiError(e) && e.kind !== 'not-found' && e.kind !== 'forbidden') throw e;
      return { ...r, details: null, detailsError: e instanceof Error ? e.message : String(e) };
    }
  });
  return { runs: withDetails, pipelines: pipelines.length };
}
