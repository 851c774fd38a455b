// BuildDetails (the v1.1 "build") synthesised from step-info.json, the seed's flat projection
// `[.steps[]?.actions[]? | {step, index, name, …}]`: actions are grouped back into steps by step id.
// An output file with no matching action still gets an action, so no downloaded output is hidden.
import { obj, num } from '../../api/coerce.js';
import { pipelineGit, toBuildDetails } from '../../api/normalize.js';
import { isJobFinal } from '../../api/status.js';
import type { BuildDetails, Job, JobDetails, Pipeline } from '../../api/types.js';
import { stepKey } from './names.js';
import type { StepFiles } from './scan.js';
import { between } from './times.js';

export interface BuildFacts {
  job: Job;
  details: JobDetails | null;
  /** step-info.json as parsed, or undefined when missing / malformed. */
  stepInfo: unknown;
  stepFiles: ReadonlyMap<string, StepFiles>;
  workflow: { id: string; name: string };
  /** The real pipeline (from pipeline.json), or null for a synthetic one. */
  pipeline: Pipeline | null;
}

interface RawStep { id: number; name: string; actions: Record<string, unknown>[] }

export function buildFromEvidence(f: BuildFacts, rel: string, warnings: string[]): BuildDetails {
  const groups = groupActions(f.stepInfo, rel, warnings);
  addOrphanOutputs(groups, f.stepFiles);
  const git = f.pipeline ? pipelineGit(f.pipeline) : null;
  const status = f.job.status;
  const build = toBuildDetails({
    steps: [...groups.values()].map((g) => ({ name: g.name, actions: g.actions })),
  });
  let nodes = f.details?.parallelism ?? 1;
  for (const s of build.steps) {
    for (const a of s.actions) {
      // Offline, "has output" means "a file for it was downloaded"; links in evidence are never followed.
      a.has_output = f.stepFiles.has(stepKey(a.step, a.index));
      a.output_url = null;
      nodes = Math.max(nodes, a.index + 1);
    }
  }
  return {
    ...build,
    build_num: f.job.job_number ?? 0,
    job_name: f.job.name,
    lifecycle: 'finished',
    outcome: isJobFinal(status) ? status : null,
    status,
    parallel: nodes,
    branch: git?.branch ?? null,
    vcs_tag: git?.tag ?? null,
    vcs_revision: git?.revision ?? null,
    subject: git?.subject ?? null,
    build_url: f.details?.web_url ?? null,
    start_time: f.job.started_at,
    stop_time: f.job.stopped_at,
    build_time_millis: f.details?.duration ?? between(f.job.started_at, f.job.stopped_at),
    failed: status === 'failed',
    canceled: status === 'canceled',
    timedout: status === 'timedout',
    infrastructure_fail: status === 'infrastructure_fail',
    workflows: { workflow_id: f.workflow.id, workflow_name: f.workflow.name, job_name: f.job.name, job_id: f.job.id || null },
    executor: f.details?.executor.type ?? null,
    resource_class: f.details?.executor.resource_class ?? null,
  };
}

/** Flat actions → steps, in the order each step id first appears. */
function groupActions(stepInfo: unknown, rel: string, warnings: string[]): Map<number, RawStep> {
  const groups = new Map<number, RawStep>();
  if (stepInfo === undefined) return groups;
  if (!Array.isArray(stepInfo)) {
    warnings.push(`${rel}/step-info.json: not an array of step actions; ignored`);
    return groups;
  }
  let skipped = 0;
  for (const raw of stepInfo) {
    const a = obj(raw);
    const id = num(a.step);
    if (id === null || !Number.isSafeInteger(id) || id < 0) {
      skipped++;
      continue;
    }
    const index = num(a.index);
    const action = { ...a, step: id, index: index !== null && Number.isSafeInteger(index) && index >= 0 ? index : 0 };
    const g = groups.get(id) ?? { id, name: typeof a.name === 'string' ? a.name : `step ${id}`, actions: [] };
    g.actions.push(action);
    groups.set(id, g);
  }
  if (skipped > 0) warnings.push(`${rel}/step-info.json: ${skipped} action(s) without a step id; ignored`);
  return groups;
}

/** Output files whose step/node step-info does not list (or step-info is missing) get an action. */
function addOrphanOutputs(groups: Map<number, RawStep>, files: ReadonlyMap<string, StepFiles>): void {
  const orphans = [...files.keys()]
    .map((k) => k.split(':').map(Number) as [number, number])
    .filter(([step, node]) => !groups.get(step)?.actions.some((a) => a.index === node))
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (const [step, node] of orphans) {
    const g = groups.get(step) ?? { id: step, name: `step ${step}`, actions: [] };
    g.actions.push({ step, index: node, name: g.name, status: 'unknown' });
    groups.set(step, g);
  }
}
