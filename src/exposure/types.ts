// Which secrets could each job in a window read, and which jobs could read each secret.
// Values are never known: CircleCI returns names and the last four characters only.
import type { PipelineQuery } from '../api/client.js';
import type { Context, ContextEnvVar, Job, JobDetails, Pipeline, Project, ProjectEnvVar, Workflow } from '../api/types.js';

/** The calls exposure needs; CircleCiClient has exactly these (pass it), tests may pass a stub. */
export interface ExposureApi {
  project(slug: string): Promise<Project>;
  projectEnvVars(slug: string): Promise<ProjectEnvVar[]>;
  contexts(owner: { slug?: string; id?: string }): Promise<Context[]>;
  contextEnvVars(contextId: string): Promise<ContextEnvVar[]>;
  pipelines(slug: string, q?: PipelineQuery): Promise<Pipeline[]>;
  pipeline(pipelineId: string): Promise<Pipeline>;
  workflows(pipelineId: string): Promise<Workflow[]>;
  jobs(workflowId: string): Promise<Job[]>;
  jobDetails(slug: string, n: number): Promise<JobDetails>;
}

/** What to look at: every job of the window, one pipeline, or given jobs. */
export type ExposureScope =
  | { kind: 'window' }
  | { kind: 'pipeline'; pipelineId: string; number?: number }
  | { kind: 'jobs'; numbers: number[] };

export interface SecretWhere {
  kind: 'project' | 'context';
  /** Context name (null for project variables). */
  context: string | null;
}

export interface JobRef {
  number: number;
  name: string;
  pipeline_number: number | null;
  /** Who triggered the pipeline. */
  actor: string | null;
  branch: string | null;
}

export interface SecretExposure extends SecretWhere {
  name: string;
  context_id: string | null;
  /** Last four characters as CircleCI shows them; null when the API did not give them. */
  last4: string | null;
  created_at: string | null;
  updated_at: string | null;
  /** Jobs in scope that could read it: audit-confirmed readers first, then notable jobs (a context read on record, a non-default branch), then newest first. */
  jobs: (JobRef & { accessed: boolean })[];
  job_count: number;
  accessed_count: number;
}

export interface AccessRecord {
  context: string;
  at: string | null;
  variables: string[];
  /** How the event was tied to the job: the payload's job_id, or the time and context. */
  match: 'job_id' | 'time';
  /** Other jobs that fit a time match as well (0 = unambiguous). */
  ambiguous: number;
  event_id: string | null;
  actor: string | null;
  ip: string | null;
}

export interface JobExposure extends JobRef {
  id: string;
  status: string;
  workflow: { id: string; name: string };
  started_at: string | null;
  stopped_at: string | null;
  /** Contexts from job details (plus any the audit log shows it read). */
  contexts: string[];
  /** False when job details could not be read (contexts unknown). */
  details: boolean;
  /** A context read on record, or a pipeline on a branch other than the project's default. */
  notable: boolean;
  secrets: { name: string; kind: 'project' | 'context'; context: string | null; shadowed_by?: string }[];
  accesses: AccessRecord[];
  /** "could read AWS_ACCESS_KEY_ID (project), NPM_TOKEN (context npm-publish)". */
  summary: string;
}

export interface ContextInfo {
  name: string;
  id: string | null;
  /** Variable names; null when they could not be listed. */
  variables: string[] | null;
  /** Where the names came from. */
  source: 'api' | 'audit' | 'unknown';
  note?: string;
}

export interface UnjoinedAccess {
  context: string;
  at: string | null;
  job_id: string | null;
  actor: string | null;
  ip: string | null;
  event_id: string | null;
  why: string;
}

export interface ExposureReport {
  project: { slug: string; organization: { id: string | null; slug: string | null; name: string | null } };
  window: { since: string | null; until: string | null };
  scope: ExposureScope;
  generated_at: string;
  pipelines: number;
  /** Jobs that ran (started) in scope; approval jobs and jobs that never started are left out. */
  jobs: JobExposure[];
  /** Most exposed first. */
  secrets: SecretExposure[];
  contexts: ContextInfo[];
  audit: {
    files: string[];
    summary: string;
    /** context.secrets.accessed events joined to a job in scope or falling in the window. */
    accessed_events: number;
    joined_by_job_id: number;
    joined_by_time: number;
    /** context.secrets.accessed events in the window that no job in scope explains (window scope only). */
    unjoined: UnjoinedAccess[];
  } | null;
  warnings: string[];
}
