// The one interface every pane reads through. The live CircleCI API and an offline evidence
// folder both implement it, so the panes cannot tell them apart.
import type { BuildDetails, Job, JobDetails, Pipeline, Workflow } from '../api/types.js';

export interface PipelineWindow {
  since?: string;
  until?: string;
  branch?: string;
}

export interface LoadedOutput {
  text: string;
  format: 'json' | 'text' | 'none';
  truncated: boolean;
  /** Start offset of each message in `text` and its timestamp (empty when unknown). */
  times: { offset: number; time: string }[];
  /** False while the step is still running: a later load may return more. */
  final: boolean;
}

/** A cursor over pipelines, newest first; `next()` loads one more page. */
export interface PipelinePager {
  next(): Promise<{ items: Pipeline[]; done: boolean }>;
}

export interface InvestigationSource {
  readonly kind: 'live' | 'offline';
  /** Shown in the header: `gh/acme/payments` or `evidence ./circleci-output`. */
  readonly label: string;
  readonly project: string | null;
  /** The evidence folder's real path when browsing one (a send is recorded there, search reads it); null live. */
  readonly evidenceDir: string | null;
  pipelines(window: PipelineWindow): PipelinePager;
  pipelineByNumber(n: number): Promise<Pipeline>;
  pipelineById(id: string): Promise<Pipeline>;
  workflows(pipelineId: string): Promise<Workflow[]>;
  workflow(workflowId: string): Promise<Workflow>;
  jobs(workflowId: string): Promise<Job[]>;
  /** Null when the job has no details (approval jobs, or an evidence folder without them). */
  jobDetails(jobNumber: number): Promise<JobDetails | null>;
  build(jobNumber: number, opts?: { fresh?: boolean }): Promise<BuildDetails>;
  /** Which workflow a job belongs to (for deep links that start at a job). */
  locateJob(jobNumber: number): Promise<{ workflowId: string } | null>;
  stepOutput(jobNumber: number, step: number, node: number): Promise<LoadedOutput>;
  /** Lists the source had to cut short since the last call (a server that kept offering pages): one line each. */
  takeWarnings(): string[];
}
