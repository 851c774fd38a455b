import { SIM_ANCHOR_MS, SIM_MALICIOUS } from '../story.js';
import { cachedPerAnchor, getWorld, indexWorld } from '../world/build-world.js';
import type { SimArtifact, SimContext, SimEnvVar, SimJob, SimPipeline, SimStep, SimWorkflow, SimWorld, WorldLabels } from '../world/model.js';
import { Hostilizer, stableHostile, urlSafe } from './hostilizer.js';
import { OVERSIZED_PAYLOADS } from './payloads.js';

// The story with the terminal-attack corpus in every display string: names, branches, tags, commit
// messages, actors, errors, messages, executors, contexts, steps, commands, artifact paths, env var
// names, labels. Ids, numbers, statuses, times, slugs and URLs are the story's own, so every link a
// client follows still works; artifact paths stay fetchable (their URL is built from the hostile path).

/** The same login, context or variable name wherever it is served (they join objects). */
export const hostileLogin = (login: string): string => stableHostile('login', login);
export const hostileContextName = (name: string): string => stableHostile('context', name);
export const hostileEnvVarName = (name: string): string => stableHostile('envvar', name);

const worlds = new Map<number, SimWorld>();

/** Built once per anchor and process from the story, like getWorld(anchorMs); deterministic. */
export function getHostileWorld(anchorMs: number = SIM_ANCHOR_MS): SimWorld {
  return cachedPerAnchor(worlds, anchorMs, () => buildHostileWorld(getWorld(anchorMs)));
}

function buildHostileWorld(base: SimWorld): SimWorld {
  const h = new Hostilizer();
  const pipelines = base.pipelines.map((p) => hostilePipeline(p, h));
  const envVars: SimEnvVar[] = base.envVars.map((v) => ({ ...v, name: hostileEnvVarName(v.name) }));
  const contexts: SimContext[] = base.contexts.map((c) => ({
    ...c,
    name: hostileContextName(c.name),
    vars: c.vars.map((v) => ({ ...v, variable: hostileEnvVarName(v.variable) })),
  }));
  const labels: WorldLabels = {
    orgName: h.next(base.labels.orgName),
    repoName: h.next(base.labels.repoName),
    meLogin: hostileLogin(base.labels.meLogin),
    meName: h.next(base.labels.meName),
    defaultBranch: h.next(base.labels.defaultBranch),
    vcsProvider: h.next(base.labels.vcsProvider),
  };
  return indexWorld(pipelines, envVars, contexts, labels);
}

function hostilePipeline(p: SimPipeline, h: Hostilizer): SimPipeline {
  // B4's 200 KB SGR is too big to repeat: the malicious pipeline's commit body carries it once.
  const oversized = p.number === SIM_MALICIOUS.pipeline ? OVERSIZED_PAYLOADS.map((o) => o.text).join('') : '';
  const hp: SimPipeline = {
    ...p,
    branch: h.next(p.branch),
    trigger: { ...p.trigger, login: hostileLogin(p.trigger.login), name: h.next(p.trigger.name) },
    subject: h.next(p.subject),
    body: h.next(p.body) + oversized,
    workflows: [],
    // Every third pipeline also has a tag, every other one a pipeline error.
    ...(p.number % 3 === 0 ? { tag: h.next(`v1.${p.number}.0`) } : {}),
    ...(p.number % 2 === 0 ? { errors: [{ type: 'config', message: h.next('config: unknown key in workflow') }] } : {}),
  };
  hp.workflows = p.workflows.map((wf) => hostileWorkflow(wf, hp, h));
  return hp;
}

function hostileWorkflow(wf: SimWorkflow, pipeline: SimPipeline, h: Hostilizer): SimWorkflow {
  const hw: SimWorkflow = { ...wf, name: h.titled(wf.name), pipeline, jobs: [] };
  hw.jobs = wf.jobs.map((j) => hostileJob(j, hw, h));
  return hw;
}

function hostileJob(j: SimJob, workflow: SimWorkflow, h: Hostilizer): SimJob {
  const job: SimJob = {
    ...j,
    name: h.titled(j.name),
    pipeline: workflow.pipeline,
    workflow,
    contexts: j.contexts.map(hostileContextName),
    steps: j.steps.map((s): SimStep => ({ ...s, name: h.next(s.name), bashCommand: s.bashCommand === null ? null : h.next(s.bashCommand) })),
    // The artifacts host is asked for the path percent-encoded: no lone surrogate (encodeURIComponent throws on one).
    artifacts: j.artifacts.map((a): SimArtifact => ({ ...a, path: h.next(a.path, urlSafe) })),
  };
  if (j.type === 'build') {
    job.executor = h.next('docker');
    job.messages = [{ type: 'warning', message: h.next('Job used an image that is deprecated'), reason: h.next('deprecated-image') }];
  }
  return job;
}
