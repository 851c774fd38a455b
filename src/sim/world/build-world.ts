import { SIM_ANCHOR_MS, SIM_HUGE_LOG, SIM_MALICIOUS, SIM_MATRIX, SIM_ME, SIM_ORG, SIM_PIPELINES, SIM_REPO, SIM_RUNNING, SIM_SHARDS } from '../story.js';
import { HOUR } from '../time.js';
import { CONTEXTS, PROJECT_ENV_VARS } from './credentials.js';
import {
  buildMaliciousPipeline,
  buildMatrixPipeline,
  buildNightlyPipeline,
  buildRunningPipeline,
  buildShardsPipeline,
} from './incident-pipelines.js';
import type { SimContext, SimEnvVar, SimPipeline, SimWorld, WorldLabels } from './model.js';
import { buildRoutinePipeline } from './routine-pipelines.js';

const SPECIAL: Record<number, (createdMs: number) => SimPipeline> = {
  [SIM_MALICIOUS.pipeline]: buildMaliciousPipeline,
  [SIM_SHARDS.pipeline]: buildShardsPipeline,
  [SIM_MATRIX.pipeline]: buildMatrixPipeline,
  [SIM_HUGE_LOG.pipeline]: buildNightlyPipeline,
  [SIM_RUNNING.pipeline]: buildRunningPipeline,
};

export function pipelineCreatedMs(number: number): number {
  return SIM_ANCHOR_MS - (SIM_PIPELINES.last - number) * SIM_PIPELINES.intervalHours * HOUR;
}

let world: SimWorld | null = null;

/** The whole story, built once per process (it is immutable and deterministic). */
export function getWorld(): SimWorld {
  world ??= buildWorld();
  return world;
}

export const STORY_LABELS: WorldLabels = Object.freeze({
  orgName: SIM_ORG,
  repoName: SIM_REPO,
  meLogin: SIM_ME.login,
  meName: SIM_ME.name,
  defaultBranch: 'main',
  vcsProvider: 'GitHub',
});

function buildWorld(): SimWorld {
  const pipelines: SimPipeline[] = [];
  for (let n = SIM_PIPELINES.last; n >= SIM_PIPELINES.first; n--) {
    const build = SPECIAL[n] ?? ((ms: number) => buildRoutinePipeline(n, ms));
    pipelines.push(build(pipelineCreatedMs(n)));
  }
  return indexWorld(pipelines, [...PROJECT_ENV_VARS], [...CONTEXTS], STORY_LABELS);
}

/** A world around `pipelines` (newest first), with the lookup maps every server uses. */
export function indexWorld(pipelines: SimPipeline[], envVars: SimEnvVar[], contexts: SimContext[], labels: WorldLabels): SimWorld {
  const w: SimWorld = {
    pipelines,
    pipelineById: new Map(),
    pipelineByNumber: new Map(),
    workflowById: new Map(),
    jobByNumber: new Map(),
    outputs: new Map(),
    artifacts: new Map(),
    envVars,
    contexts,
    labels,
  };
  for (const p of pipelines) {
    w.pipelineById.set(p.id, p);
    w.pipelineByNumber.set(p.number, p);
    for (const wf of p.workflows) {
      w.workflowById.set(wf.id, wf);
      for (const job of wf.jobs) {
        if (w.jobByNumber.has(job.number)) throw new Error(`duplicate job number ${job.number}`);
        w.jobByNumber.set(job.number, job);
        for (const step of job.steps)
          for (const action of step.actions) if (action.outputKey) w.outputs.set(action.outputKey, { job, step, action });
        for (const artifact of job.artifacts) w.artifacts.set(artifact.key, { job, artifact });
      }
    }
  }
  return w;
}
