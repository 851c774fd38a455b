// The local failure summary of a job, read through the InvestigationSource so a live project and an evidence
// folder give the same answer: the failing step(s) per node with exit code, duration, flags and command, the
// first error lines with context, and the earlier steps (on the failing node) that printed warnings.
import { isActionFinal, isJobFinal } from '../api/status.js';
import type { BuildDetails, JobDetails, Step, StepAction } from '../api/types.js';
import type { InvestigationSource } from '../source/source.js';
import { durationBetween } from '../util/time.js';
import { scanErrors, scanWarnings, type ExcerptOptions } from './excerpt.js';
import type { CollectedJob, FailedOutput, FailingAction, JobFacts, RcaSummary, WarningStep } from './types.js';

export interface CollectOptions extends ExcerptOptions {
  /** Earlier steps whose output is read for warnings (per failing node). */
  maxWarningSteps?: number;
  /** Called as each output is read ("reading step 103 node 2…"), for a progress line. */
  onProgress?: (what: string) => void;
}

const BAD = new Set(['failed', 'timedout', 'infrastructure_fail', 'canceled', 'terminated-unknown']);

/** An action that did not succeed: a bad status, a flag, or a non-zero exit code. */
export function isFailingAction(a: StepAction): boolean {
  return BAD.has(a.status) || a.failed || a.timedout || a.infrastructure_fail || a.canceled || (a.exit_code !== null && a.exit_code !== 0);
}

/** Failing actions in step order, then node order; canceled ones only when nothing actually failed. */
export function failingActions(build: BuildDetails): { step: Step; action: StepAction }[] {
  const all = build.steps.flatMap((step) => step.actions.filter(isFailingAction).map((action) => ({ step, action })));
  const hard = all.filter(({ action }) => !(action.canceled || action.status === 'canceled') || action.exit_code);
  return hard.length ? hard : all;
}

export function jobFacts(n: number, build: BuildDetails, details: JobDetails | null, project: string | null): JobFacts {
  return {
    number: n,
    name: details?.name ?? build.job_name ?? build.workflows?.job_name ?? null,
    status: details?.status ?? build.status ?? null,
    project_slug: details?.project.slug ?? project,
    branch: build.branch,
    commit_sha: build.vcs_revision,
    workflow_id: details?.latest_workflow.id ?? build.workflows?.workflow_id ?? null,
    workflow_name: details?.latest_workflow.name ?? build.workflows?.workflow_name ?? null,
    pipeline_id: details?.pipeline.id ?? null,
    web_url: details?.web_url ?? build.build_url,
    duration_ms: details?.duration ?? build.build_time_millis ?? durationBetween(build.start_time, build.stop_time),
    parallelism: Math.max(details?.parallelism ?? 0, build.parallel, 1),
    executor: details?.executor.type ?? build.executor,
    resource_class: details?.executor.resource_class ?? build.resource_class,
    failed: build.failed || build.status === 'failed',
    timedout: build.timedout || build.status === 'timedout',
    canceled: build.canceled || build.status === 'canceled',
    infrastructure_fail: build.infrastructure_fail || build.status === 'infrastructure_fail',
  };
}

const errText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Reads the build, job details and the outputs that matter; never throws for one unreadable output. */
export async function collectJob(source: InvestigationSource, n: number, opts: CollectOptions = {}): Promise<CollectedJob> {
  const [build, details] = await Promise.all([source.build(n), source.jobDetails(n).catch(() => null)]);
  const job = jobFacts(n, build, details, source.project);
  const notes: string[] = [];
  if (!isJobFinal(job.status) && build.lifecycle !== 'finished') notes.push(`job ${n} has not finished (${job.status ?? 'unknown status'}): the summary may change`);

  const failing: FailingAction[] = [];
  const outputs: FailedOutput[] = [];
  for (const { step, action } of failingActions(build)) {
    const fa: FailingAction = {
      step: step.step,
      name: step.name,
      node: action.index,
      nodes: step.actions.length,
      status: action.status,
      exit_code: action.exit_code,
      duration_ms: action.run_time_millis ?? durationBetween(action.start_time, action.end_time),
      timedout: action.timedout || action.status === 'timedout',
      canceled: action.canceled || action.status === 'canceled',
      infrastructure_fail: action.infrastructure_fail || action.status === 'infrastructure_fail',
      background: action.background,
      command: action.bash_command,
      output: null,
      excerpts: [],
      tail: [],
      output_error: null,
    };
    if (action.has_output) {
      opts.onProgress?.(`reading step ${step.step}${step.actions.length > 1 ? ` node ${action.index}` : ''}`);
      try {
        const out = await source.stepOutput(n, step.step, action.index);
        const scan = scanErrors(out.text, opts);
        fa.output = { lines: scan.lines, bytes: Buffer.byteLength(out.text, 'utf8'), truncated: out.truncated, error_lines: scan.errorLines };
        fa.excerpts = scan.blocks;
        fa.tail = scan.tail;
        outputs.push({ step: step.step, name: step.name, node: action.index, exit_code: action.exit_code, command: action.bash_command, text: out.text });
        if (!isActionFinal(action.status)) notes.push(`step ${step.step} is still running: its output may grow`);
      } catch (e) {
        fa.output_error = errText(e);
        notes.push(`the output of step ${step.step}${step.actions.length > 1 ? ` node ${action.index}` : ''} could not be read: ${errText(e)}`);
      }
    }
    failing.push(fa);
  }
  if (failing.length === 0) notes.push(job.status === 'success' ? `job ${n} succeeded: no step failed` : `no step of job ${n} failed (job status: ${job.status ?? 'unknown'})`);

  const warnings = await earlierWarnings(source, n, build, failing, opts, notes);
  const summary: RcaSummary = { job, failing, warnings, notes };
  return { summary, outputs };
}

/** Steps before the first failing step, on each failing node, that printed warning lines. */
async function earlierWarnings(source: InvestigationSource, n: number, build: BuildDetails, failing: FailingAction[], opts: CollectOptions, notes: string[]): Promise<WarningStep[]> {
  const max = opts.maxWarningSteps ?? 40;
  const out: WarningStep[] = [];
  const nodes = [...new Set(failing.map((f) => f.node))];
  let read = 0;
  for (const node of nodes) {
    const firstFail = build.steps.findIndex((s) => s.actions.some((a) => a.index === node && isFailingAction(a)));
    const earlier = firstFail < 0 ? [] : build.steps.slice(0, firstFail);
    for (const step of earlier) {
      const action = step.actions.find((a) => a.index === node) ?? (step.actions.length === 1 ? step.actions[0] : undefined);
      if (!action?.has_output) continue;
      if (read++ >= max) {
        notes.push(`only the first ${max} earlier steps were checked for warnings`);
        return out;
      }
      try {
        const text = (await source.stepOutput(n, step.step, action.index)).text;
        const w = scanWarnings(text);
        if (w.count) out.push({ step: step.step, name: step.name, node: action.index, status: action.status, count: w.count, lines: w.lines });
      } catch {
        // A warning scan is a hint; an unreadable earlier step is not worth a note of its own.
      }
    }
  }
  return out;
}
