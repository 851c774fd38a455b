import { between, seedOf, seededRandom, stableHex } from '../ids.js';
import { linesToMessages, serializeOutput } from '../output/messages.js';
import { simJobId, simPipelineId, simUserId, simWorkflowId } from '../story.js';
import { SECOND } from '../time.js';
import type { ArtifactSpec } from './artifact-bodies.js';
import type {
  ActionStatus,
  JobStatus,
  OutputSource,
  SimAction,
  SimJob,
  SimPipeline,
  SimStep,
  SimTrigger,
  SimWorkflow,
  WorkflowStatus,
} from './model.js';
import type { StepPlan } from './step-plan.js';

// Builders shared by the routine and the incident pipelines. They keep the
// invariants the API must honour: job times enclose step times, job status follows
// its actions, workflow stop time follows its jobs.

export interface PipelineSpec {
  number: number;
  createdMs: number;
  branch: string;
  trigger: Omit<SimTrigger, 'receivedMs'>;
  subject: string;
  body?: string;
}

export function newPipeline(spec: PipelineSpec): SimPipeline {
  return {
    id: simPipelineId(spec.number),
    number: spec.number,
    branch: spec.branch,
    createdMs: spec.createdMs,
    trigger: { ...spec.trigger, receivedMs: spec.createdMs - 412 },
    revision: stableHex(`revision:${spec.number}`, 40),
    subject: spec.subject,
    body: spec.body ?? '',
    workflows: [],
  };
}

export function newWorkflow(pipeline: SimPipeline, name: string, status: WorkflowStatus): SimWorkflow {
  const wf: SimWorkflow = {
    id: simWorkflowId(pipeline.number, name),
    name,
    status,
    pipeline,
    createdMs: pipeline.createdMs + 1_530,
    stoppedMs: null,
    startedBy: simUserId(pipeline.trigger.login),
    jobs: [],
  };
  pipeline.workflows.push(wf);
  return wf;
}

/** Sets the workflow's stop time from its jobs (null while anything still runs). */
export function finishWorkflow(wf: SimWorkflow): void {
  if (wf.status === 'running') return;
  const stops = wf.jobs.map((j) => j.stoppedMs).filter((t): t is number => t !== null);
  wf.stoppedMs = (stops.length ? Math.max(...stops) : wf.createdMs) + 1_204;
}

export interface JobSpec {
  number: number;
  name: string;
  /** Job becomes ready (created) at this instant; it starts a few seconds later. */
  readyMs: number;
  dependsOn?: SimJob[];
  parallelism?: number;
  contexts?: readonly string[];
  resourceClass?: SimJob['resourceClass'];
  image?: string;
  plan: (node: number, job: SimJob) => StepPlan[];
  artifacts?: (job: SimJob) => ArtifactSpec[];
}

/** Instant a job that depends on `jobs` becomes ready. */
export function after(jobs: SimJob[], gapMs = 2_000): number {
  return Math.max(...jobs.map((j) => j.stoppedMs ?? j.startedMs ?? j.createdMs)) + gapMs;
}

const wholeSecond = (ms: number): number => Math.ceil(ms / SECOND) * SECOND;

export function addJob(wf: SimWorkflow, spec: JobSpec): SimJob {
  const r = seededRandom(seedOf(`job-times:${spec.number}`));
  const createdMs = spec.readyMs;
  const queuedMs = createdMs + between(r(), 150, 400);
  // Whole seconds, so the job list (second precision) and job details (ms) agree exactly.
  const startedMs = wholeSecond(queuedMs + between(r(), 1_000, 4_000));
  const job: SimJob = {
    id: simJobId(spec.number),
    number: spec.number,
    name: spec.name,
    type: 'build',
    status: 'success',
    pipeline: wf.pipeline,
    workflow: wf,
    dependencies: (spec.dependsOn ?? []).map((j) => j.id),
    createdMs,
    queuedMs,
    startedMs,
    stoppedMs: null,
    parallelism: spec.parallelism ?? 1,
    contexts: [...(spec.contexts ?? [])],
    resourceClass: spec.resourceClass ?? 'medium',
    image: spec.image ?? 'cimg/node:20.18',
    steps: [],
    artifacts: [],
  };
  layoutSteps(job, spec.plan);
  job.status = jobStatusFromActions(job);
  job.artifacts = (spec.artifacts?.(job) ?? []).map((a) => ({
    path: a.path,
    nodeIndex: a.nodeIndex,
    key: stableHex(`artifact:${job.number}:${a.nodeIndex}:${a.path}`, 40),
    body: typeof a.body === 'string' ? Buffer.from(a.body, 'utf8') : a.body,
    contentType: a.contentType,
  }));
  wf.jobs.push(job);
  return job;
}

export function addApprovalJob(wf: SimWorkflow, number: number, name: string, dependsOn: SimJob[]): SimJob {
  const readyMs = after(dependsOn, 1_000);
  const id = simJobId(number);
  const job: SimJob = {
    id,
    number,
    name,
    type: 'approval',
    status: 'on_hold',
    pipeline: wf.pipeline,
    workflow: wf,
    dependencies: dependsOn.map((j) => j.id),
    createdMs: readyMs,
    queuedMs: readyMs,
    startedMs: wholeSecond(readyMs),
    stoppedMs: null,
    parallelism: 1,
    contexts: [],
    resourceClass: 'small',
    image: '',
    steps: [],
    artifacts: [],
    // Real payloads use the job id as the approval request id.
    approvalRequestId: id,
  };
  wf.jobs.push(job);
  return job;
}

function layoutSteps(job: SimJob, plan: JobSpec['plan']): void {
  const alloc = stableHex(`alloc:${job.number}`, 24);
  const byId = new Map<number, SimStep>();
  let lastEnd = job.startedMs ?? job.createdMs;
  let running = false;
  for (let node = 0; node < job.parallelism; node++) {
    let t = (job.startedMs ?? job.createdMs) + 180 + node * 37;
    for (const p of plan(node, job)) {
      const exitCode = p.exitCode !== undefined ? p.exitCode : p.id === 0 || p.id === 99 ? null : 0;
      const status: ActionStatus = p.status ?? (exitCode !== null && exitCode !== 0 ? 'failed' : 'success');
      const startMs = t;
      const endMs = status === 'running' ? null : startMs + p.durationMs;
      const key = p.output ? `${alloc}-${job.id}-${p.id}-${node}` : null;
      const action: SimAction = {
        index: node,
        status,
        exitCode,
        startMs,
        endMs,
        outputKey: key,
        output: p.output ? toSource(p, startMs, endMs, seedOf(`${job.number}:${p.id}:${node}`)) : null,
        noOutputUrl: p.noOutputUrl ?? 'absent',
        allocationId: `${alloc}-${node}-build/${stableHex(`agent:${job.number}:${node}`, 8).toUpperCase()}`,
      };
      let step = byId.get(p.id);
      if (!step) {
        step = { id: p.id, name: p.name, bashCommand: p.bashCommand, background: p.background ?? false, actions: [] };
        byId.set(p.id, step);
      }
      step.actions.push(action);
      if (endMs === null) running = true;
      else {
        t = endMs + 25;
        lastEnd = Math.max(lastEnd, endMs);
      }
    }
  }
  job.steps = [...byId.values()].sort((a, b) => a.id - b.id);
  job.stoppedMs = running ? null : wholeSecond(lastEnd + 300);
}

function toSource(p: StepPlan, startMs: number, endMs: number | null, seed: number): OutputSource {
  const out = p.output;
  if (!out) throw new Error('no output');
  switch (out.kind) {
    case 'lines':
      return () => serializeOutput(linesToMessages(out.lines(startMs), { startMs, endMs: endMs ?? startMs, seed }));
    case 'messages':
      return (clock) => serializeOutput(out.messages(startMs, endMs, clock));
    case 'body':
      return () => out.body(startMs, endMs ?? startMs);
  }
}

function jobStatusFromActions(job: SimJob): JobStatus {
  const actions = job.steps.flatMap((s) => s.actions);
  if (actions.some((a) => a.status === 'running')) return 'running';
  if (actions.some((a) => a.status === 'failed')) return 'failed';
  return 'success';
}

/** Status of one parallel node, as JobDetails.parallel_runs reports it. */
export function nodeStatus(job: SimJob, node: number): string {
  const actions = job.steps.flatMap((s) => s.actions.filter((a) => a.index === node));
  if (actions.some((a) => a.status === 'running')) return 'running';
  if (actions.some((a) => a.status === 'failed')) return 'failed';
  return 'success';
}

