// A Workflow for a folder: workflow.json when present, else summarised from its jobs.
import { toWorkflow } from '../../api/normalize.js';
import { isJobFinal } from '../../api/status.js';
import type { Job, JobDetails, Workflow, WorkflowStatus } from '../../api/types.js';
import { earliest, latest } from './times.js';

const FAILED = new Set(['failed', 'timedout', 'infrastructure_fail', 'terminated-unknown', 'unauthorized']);
const RUNNING = new Set(['running', 'queued', 'not_running', 'blocked']);

/** failed if any job failed; running if any still runs; on_hold / canceled next; success otherwise. */
export function workflowStatusFromJobs(jobs: readonly Job[]): WorkflowStatus {
  if (jobs.every((j) => j.status === 'unknown')) return 'unknown';
  if (jobs.some((j) => FAILED.has(j.status))) return 'failed';
  if (jobs.some((j) => RUNNING.has(j.status))) return 'running';
  if (jobs.some((j) => j.status === 'on_hold')) return 'on_hold';
  if (jobs.some((j) => j.status === 'canceled')) return 'canceled';
  return 'success';
}

export interface WorkflowFacts {
  id: string;
  rel: string;
  raw: unknown;
  jobs: readonly Job[];
  details: readonly (JobDetails | null)[];
  project: string | null;
}

export function workflowFromEvidence(f: WorkflowFacts, warnings: string[]): Workflow {
  if (f.raw !== undefined) {
    const wf = toWorkflow(f.raw);
    if (wf.id !== '' && wf.id !== f.id) warnings.push(`${f.rel}/workflow.json: says workflow ${wf.id}, the folder says ${f.id}; using the folder`);
    wf.id = f.id;
    if (wf.name === '') wf.name = nameFromJobs(f) ?? f.id;
    if (wf.project_slug === '') wf.project_slug = f.project ?? '';
    return wf;
  }
  const allFinal = f.jobs.length > 0 && f.jobs.every((j) => isJobFinal(j.status));
  return toWorkflow({
    id: f.id,
    name: nameFromJobs(f) ?? f.id,
    project_slug: f.project ?? '',
    status: workflowStatusFromJobs(f.jobs),
    created_at: earliest(f.jobs.map((j) => j.started_at)),
    stopped_at: allFinal ? latest(f.jobs.map((j) => j.stopped_at)) : null,
  });
}

/** job-details.json knows the workflow's name (latest_workflow); job-info does not. */
function nameFromJobs(f: WorkflowFacts): string | null {
  for (const d of f.details) if (d?.latest_workflow.name && (d.latest_workflow.id === null || d.latest_workflow.id === f.id)) return d.latest_workflow.name;
  return null;
}
