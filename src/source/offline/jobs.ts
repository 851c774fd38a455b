// A Job from job-info.json (the seed's {name, status, started_at, stopped_at}, or a full v2 Job),
// filled in from job-details.json and the folder name where job-info leaves gaps.
import { toJob } from '../../api/normalize.js';
import type { Job, JobDetails } from '../../api/types.js';

export function jobFromEvidence(info: unknown, details: JobDetails | null, number: number, project: string | null, rel: string, warnings: string[]): Job {
  const job = toJob(info);
  if (job.job_number !== null && job.job_number !== number) {
    warnings.push(`${rel}/job-info.json: says job ${job.job_number}, the folder says ${number}; using ${number}`);
  }
  job.job_number = number;
  if (job.name === '') job.name = details?.name || `job-${number}`;
  if (job.status === 'unknown' && details) job.status = details.status;
  job.started_at ??= details?.started_at ?? null;
  job.stopped_at ??= details?.stopped_at ?? null;
  if (job.project_slug === '') job.project_slug = details?.project.slug ?? project ?? '';
  return job;
}
