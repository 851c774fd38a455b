// Normalised CircleCI objects. Field names follow the API (snake_case) so `--json` output and
// evidence files read like CircleCI's own; every field the API may omit is present here as null.

export type JobStatus =
  | 'success' | 'running' | 'not_run' | 'failed' | 'retried' | 'queued' | 'not_running'
  | 'infrastructure_fail' | 'timedout' | 'on_hold' | 'terminated-unknown' | 'blocked'
  | 'canceled' | 'unauthorized' | (string & {});

export type WorkflowStatus =
  | 'success' | 'running' | 'not_run' | 'failed' | 'error' | 'failing' | 'on_hold'
  | 'canceled' | 'unauthorized' | (string & {});

export interface Pipeline {
  id: string;
  number: number;
  project_slug: string;
  state: string;
  created_at: string;
  updated_at: string | null;
  trigger: { type: string; received_at: string | null; actor: { login: string; avatar_url: string | null } };
  vcs: {
    provider_name: string | null;
    origin_repository_url: string | null;
    target_repository_url: string | null;
    revision: string | null;
    branch: string | null;
    tag: string | null;
    commit: { subject: string | null; body: string | null } | null;
  } | null;
  errors: { type: string; message: string }[];
  trigger_parameters: Record<string, unknown> | null;
}

export interface Workflow {
  id: string;
  name: string;
  pipeline_id: string;
  pipeline_number: number | null;
  project_slug: string;
  status: WorkflowStatus;
  started_by: string | null;
  canceled_by: string | null;
  errored_by: string | null;
  tag: string | null;
  created_at: string | null;
  stopped_at: string | null;
}

export interface Job {
  id: string;
  name: string;
  job_number: number | null;
  type: 'build' | 'approval' | (string & {});
  status: JobStatus;
  project_slug: string;
  started_at: string | null;
  stopped_at: string | null;
  dependencies: string[];
  approved_by: string | null;
  canceled_by: string | null;
  approval_request_id: string | null;
}

export interface JobDetails {
  number: number;
  name: string;
  status: JobStatus;
  web_url: string | null;
  project: { id: string | null; slug: string | null; name: string | null; external_url: string | null };
  parallel_runs: { index: number; status: string }[];
  parallelism: number;
  executor: { type: string | null; resource_class: string | null };
  pipeline: { id: string | null };
  latest_workflow: { id: string | null; name: string | null };
  contexts: { name: string }[];
  organization: { name: string | null };
  messages: { type: string; message: string; reason: string | null }[];
  created_at: string | null;
  queued_at: string | null;
  started_at: string | null;
  stopped_at: string | null;
  duration: number | null;
}

/** One action = one step on one parallel node (v1.1 `steps[].actions[]`). */
export interface StepAction {
  step: number;
  index: number;
  name: string;
  bash_command: string | null;
  status: string;
  exit_code: number | null;
  start_time: string | null;
  end_time: string | null;
  run_time_millis: number | null;
  background: boolean;
  parallel: boolean;
  has_output: boolean;
  /** Presigned, short-lived, sensitive: never cached, never printed. */
  output_url: string | null;
  truncated: boolean;
  failed: boolean;
  timedout: boolean;
  canceled: boolean;
  infrastructure_fail: boolean;
  type: string | null;
  allocation_id: string | null;
}

export interface Step {
  /** CircleCI step id (0, 99, 101, 102, …), not a position. */
  step: number;
  name: string;
  actions: StepAction[];
}

/** v1.1 "build": a job with its steps. */
export interface BuildDetails {
  build_num: number;
  job_name: string | null;
  lifecycle: string | null;
  outcome: string | null;
  status: string | null;
  parallel: number;
  branch: string | null;
  vcs_tag: string | null;
  vcs_revision: string | null;
  subject: string | null;
  build_url: string | null;
  start_time: string | null;
  stop_time: string | null;
  build_time_millis: number | null;
  failed: boolean;
  canceled: boolean;
  timedout: boolean;
  infrastructure_fail: boolean;
  workflows: { workflow_id: string | null; workflow_name: string | null; job_name: string | null; job_id: string | null } | null;
  executor: string | null;
  resource_class: string | null;
  steps: Step[];
}

export interface Artifact { path: string; node_index: number; url: string }

export interface ProjectEnvVar { name: string; value: string; created_at: string | null }

export interface Context { id: string; name: string; created_at: string | null }

export interface ContextEnvVar {
  variable: string;
  context_id: string;
  created_at: string | null;
  updated_at: string | null;
  truncated_value: string | null;
}

export interface Me { id: string; login: string; name: string | null }

export interface Project {
  slug: string;
  name: string | null;
  id: string | null;
  organization_name: string | null;
  organization_slug: string | null;
  organization_id: string | null;
  vcs_info: { vcs_url: string | null; provider: string | null; default_branch: string | null } | null;
}

/** What a step printed on one node. `text` joins the messages in order, byte for byte as decoded. */
export interface StepOutput {
  text: string;
  /** 'json' when the body was CircleCI's message array; 'text' when it was not JSON and kept verbatim. */
  format: 'json' | 'text' | 'none';
  messages: number;
  truncated: boolean;
  /** Where each message starts in `text`, with the time CircleCI stamped on it (for the `t` view). */
  times: { offset: number; time: string }[];
}
