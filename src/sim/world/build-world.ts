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

/** When pipeline `number` was created, in a world whose newest pipeline (909) was created at `anchorMs`. */
export function pipelineCreatedMs(number: number, anchorMs: number = SIM_ANCHOR_MS): number {
  return anchorMs - (SIM_PIPELINES.last - number) * SIM_PIPELINES.intervalHours * HOUR;
}

const worlds = new Map<number, SimWorld>();

/**
 * The whole story around `anchorMs` (default the fixed SIM_ANCHOR, which tests compare bytes against; the demo
 * passes a time relative to now). Built once per anchor and process: immutable and deterministic, and two anchors
 * give the same world with every time shifted by their difference.
 */
export function getWorld(anchorMs: number = SIM_ANCHOR_MS): SimWorld {
  return cachedPerAnchor(worlds, anchorMs, () => buildWorld(anchorMs));
}

/** A world per anchor, keeping the few most recently asked for: a process rarely needs more than the fixed one and the demo's. */
export function cachedPerAnchor<T>(cache: Map<number, T>, anchorMs: number, build: () => T, keep = 2): T {
  let value = cache.get(anchorMs);
  if (value === undefined) {
    value = build();
    cache.set(anchorMs, value);
    for (const old of cache.keys()) if (cache.size > keep && old !== anchorMs) cache.delete(old);
  }
  return value;
}

export const STORY_LABELS: WorldLabels = Object.freeze({
  orgName: SIM_ORG,
  repoName: SIM_REPO,
  meLogin: SIM_ME.login,
  meName: SIM_ME.name,
  defaultBranch: 'main',
  vcsProvider: 'GitHub',
});

function buildWorld(anchorMs: number): SimWorld {
  const pipelines: SimPipeline[] = [];
  for (let n = SIM_PIPELINES.last; n >= SIM_PIPELINES.first; n--) {
    const build = SPECIAL[n] ?? ((ms: number) => buildRoutinePipeline(n, ms));
    pipelines.push(build(pipelineCreatedMs(n, anchorMs)));
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
