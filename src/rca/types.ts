// The local failure summary of one job (nothing here leaves the machine). Field names are snake_case like the
// rest of `--json`. Text fields hold the log's own bytes as decoded: sanitize at display, never before.

/** One line of a step's output, numbered from 1 as the log pane numbers them. */
export interface ExcerptLine {
  n: number;
  /** The line as printed (escape sequences included), cut at a few hundred characters. */
  text: string;
  /** Name of the error pattern the line matched (src/log/error-patterns.ts), or null for a context line. */
  error: string | null;
}

/** Consecutive lines around one or more error lines. */
export interface ExcerptBlock {
  lines: ExcerptLine[];
}

/** A step on one parallel node that did not succeed. */
export interface FailingAction {
  step: number;
  name: string;
  node: number;
  /** Nodes the step ran on. */
  nodes: number;
  status: string;
  exit_code: number | null;
  duration_ms: number | null;
  timedout: boolean;
  canceled: boolean;
  infrastructure_fail: boolean;
  background: boolean;
  /** The bash command CircleCI ran for the step. */
  command: string | null;
  output: OutputStats | null;
  /** The first error lines with a few lines of context, merged where they overlap. */
  excerpts: ExcerptBlock[];
  /** The last lines of the output, when no line looked like an error. */
  tail: ExcerptLine[];
  /** Why the output is missing, when it could not be read. */
  output_error: string | null;
}

export interface OutputStats {
  lines: number;
  bytes: number;
  /** CircleCI cut the output itself. */
  truncated: boolean;
  error_lines: number;
}

/** An earlier step (on the failing node) that printed warnings. */
export interface WarningStep {
  step: number;
  name: string;
  node: number;
  status: string;
  count: number;
  lines: ExcerptLine[];
}

export interface JobFacts {
  number: number;
  name: string | null;
  status: string | null;
  project_slug: string | null;
  branch: string | null;
  commit_sha: string | null;
  workflow_id: string | null;
  workflow_name: string | null;
  pipeline_id: string | null;
  web_url: string | null;
  duration_ms: number | null;
  parallelism: number;
  executor: string | null;
  resource_class: string | null;
  failed: boolean;
  timedout: boolean;
  canceled: boolean;
  infrastructure_fail: boolean;
}

export interface RcaSummary {
  job: JobFacts;
  failing: FailingAction[];
  warnings: WarningStep[];
  /** Things the reader should know: the job is still running, an output could not be read, … */
  notes: string[];
}

/** The summary plus what `--send` needs and `--json` leaves out: each failing action's full output. */
export interface CollectedJob {
  summary: RcaSummary;
  outputs: FailedOutput[];
}

export interface FailedOutput {
  step: number;
  name: string;
  node: number;
  exit_code: number | null;
  /** The bash command the step ran (sent with the log as context). */
  command: string | null;
  text: string;
}
