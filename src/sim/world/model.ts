// In-memory model of the story. Serializers in ../http turn it into the exact
// CircleCI wire shapes; nothing here knows about URLs or ports.

export type JobStatus = 'success' | 'failed' | 'running' | 'on_hold' | 'blocked' | 'canceled';
export type WorkflowStatus = 'success' | 'failed' | 'running' | 'on_hold' | 'failing';
export type ActionStatus = 'success' | 'failed' | 'running';

/** Wall-clock facts an output may depend on (only the running deploy step uses them). */
export interface OutputClock {
  now: number;
  simStartedAt: number;
}

/** Produces the serialized body of a presigned output URL (a JSON array of messages). */
export type OutputSource = (clock: OutputClock) => Buffer;

export interface SimAction {
  index: number;
  status: ActionStatus;
  exitCode: number | null;
  startMs: number;
  endMs: number | null;
  /** Storage key of the presigned output; null when the step printed nothing. */
  outputKey: string | null;
  output: OutputSource | null;
  /** How a step without output shows it: `"output_url": null` or no key at all. */
  noOutputUrl: 'null' | 'absent';
  allocationId: string;
}

export interface SimStep {
  id: number;
  name: string;
  bashCommand: string | null;
  background: boolean;
  actions: SimAction[];
}

export interface SimArtifact {
  path: string;
  nodeIndex: number;
  /** Storage key behind the artifacts host's 302. */
  key: string;
  body: Buffer;
  contentType: string;
}

export interface SimTrigger {
  type: 'webhook' | 'api' | 'scheduled_pipeline' | 'explicit';
  login: string;
  name: string;
  avatarUrl: string | null;
  receivedMs: number;
}

export interface SimPipeline {
  id: string;
  number: number;
  branch: string;
  createdMs: number;
  trigger: SimTrigger;
  revision: string;
  subject: string;
  body: string;
  workflows: SimWorkflow[];
  /** Hostile mode only: a tag beside the branch, and pipeline errors. Absent in the story. */
  tag?: string;
  errors?: Array<{ type: string; message: string }>;
}

export interface SimWorkflow {
  id: string;
  name: string;
  status: WorkflowStatus;
  pipeline: SimPipeline;
  createdMs: number;
  stoppedMs: number | null;
  startedBy: string;
  jobs: SimJob[];
}

export interface SimJob {
  id: string;
  number: number;
  name: string;
  type: 'build' | 'approval';
  status: JobStatus;
  pipeline: SimPipeline;
  workflow: SimWorkflow;
  dependencies: string[];
  createdMs: number;
  queuedMs: number;
  startedMs: number | null;
  stoppedMs: number | null;
  parallelism: number;
  contexts: string[];
  resourceClass: 'small' | 'medium' | 'large';
  image: string;
  steps: SimStep[];
  artifacts: SimArtifact[];
  approvalRequestId?: string;
  /** Hostile mode only: the executor type (default "docker") and job messages (default none). */
  executor?: string;
  messages?: Array<{ type: string; message: string; reason: string }>;
}

export interface SimEnvVar {
  name: string;
  value: string;
  /** undefined = key absent, null = JSON null, string = as served (ISO or "#joda/inst …"). */
  createdAt: string | null | undefined;
}

export interface SimContextVar {
  variable: string;
  createdAt: string;
  updatedAt: string;
}

export interface SimContext {
  id: string;
  name: string;
  createdAt: string;
  vars: SimContextVar[];
}

export interface OutputRef {
  job: SimJob;
  step: SimStep;
  action: SimAction;
}

export interface ArtifactRef {
  job: SimJob;
  artifact: SimArtifact;
}

/** Display strings served outside the story's objects: the project, its organization, the current user. */
export interface WorldLabels {
  orgName: string;
  repoName: string;
  meLogin: string;
  meName: string;
  defaultBranch: string;
  vcsProvider: string;
}

export interface SimWorld {
  /** Newest first, the order of the pipeline list. */
  pipelines: SimPipeline[];
  pipelineById: Map<string, SimPipeline>;
  pipelineByNumber: Map<number, SimPipeline>;
  workflowById: Map<string, SimWorkflow>;
  jobByNumber: Map<number, SimJob>;
  outputs: Map<string, OutputRef>;
  artifacts: Map<string, ArtifactRef>;
  envVars: SimEnvVar[];
  contexts: SimContext[];
  labels: WorldLabels;
}
