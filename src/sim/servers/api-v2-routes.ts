import { SIM_ORG_ID } from '../story.js';
import { sendJson, sendMessage, type Exchange } from '../http/server-kit.js';
import type { SimState } from '../http/sim-state.js';
import {
  collaborationsJson,
  contextJson,
  contextVarsJson,
  envVarJson,
  jobDetailsJson,
  jobListItemJson,
  meJson,
  pipelineJson,
  projectJson,
  workflowJson,
} from '../http/v2-shapes.js';
import { artifactUrl } from './artifact-redirect.js';
import { isNumber, isSimOrgSlug, isSimProject, notFound, sendPage } from './routing.js';

// API v2 routes. `segs` is the path after /api/v2, already split and decoded.

export function routeV2(state: SimState, ex: Exchange, segs: string[]): void {
  const [head, a, b] = segs;
  const w = state.world;
  switch (head) {
    case 'me':
      if (segs.length === 1) return sendJson(ex, 200, meJson(w.labels));
      if (segs.length === 2 && a === 'collaborations') return sendJson(ex, 200, collaborationsJson(w.labels));
      break;
    case 'project':
      return routeProject(state, ex, segs.slice(1));
    case 'pipeline': {
      if (!a || segs.length > 3) break;
      const p = w.pipelineById.get(a);
      if (!p) return notFound(ex, 'Pipeline not found');
      if (segs.length === 2) return sendJson(ex, 200, pipelineJson(p, w.labels));
      if (b === 'workflow') return sendPage(state, ex, p.workflows.map(workflowJson), `workflows:${p.id}`);
      break;
    }
    case 'workflow': {
      if (!a || segs.length > 3) break;
      const wf = w.workflowById.get(a);
      if (!wf) return notFound(ex, 'Workflow not found');
      if (segs.length === 2) return sendJson(ex, 200, workflowJson(wf));
      if (b === 'job') return sendPage(state, ex, wf.jobs.map(jobListItemJson), `jobs:${wf.id}`);
      break;
    }
    case 'context':
      return routeContext(state, ex, segs.slice(1));
  }
  notFound(ex);
}

function routeProject(state: SimState, ex: Exchange, segs: string[]): void {
  const [vcs, org, repo, a, b, ...more] = segs;
  if (!isSimProject(vcs, org, repo)) return notFound(ex, 'Project not found');
  const w = state.world;
  if (a === undefined) return sendJson(ex, 200, projectJson(w.labels));
  if (more.length > 0) return notFound(ex);
  if (a === 'pipeline' && b === undefined) {
    const branch = ex.query.get('branch');
    const list = branch ? w.pipelines.filter((p) => p.branch === branch) : w.pipelines;
    return sendPage(state, ex, list.map((p) => pipelineJson(p, w.labels)), `pipelines:${branch ?? ''}`);
  }
  if (a === 'pipeline' && isNumber(b)) {
    const p = w.pipelineByNumber.get(Number(b));
    return p ? sendJson(ex, 200, pipelineJson(p, w.labels)) : notFound(ex, 'Pipeline not found');
  }
  if (a === 'job' && isNumber(b)) {
    const job = w.jobByNumber.get(Number(b));
    // Approval jobs have a number but no details, exactly like CircleCI.
    if (!job || job.type === 'approval') return notFound(ex, 'Job not found');
    return sendJson(ex, 200, jobDetailsJson(job, w.labels, state.options.server ? state.urls.api : null));
  }
  if (isNumber(a) && b === 'artifacts') {
    const job = w.jobByNumber.get(Number(a));
    if (!job) return notFound(ex, 'Job not found');
    const items = job.artifacts.map((art) => ({
      path: art.path,
      node_index: art.nodeIndex,
      url: artifactUrl(state, job, art),
    }));
    return sendPage(state, ex, items, `artifacts:${job.number}`);
  }
  if (a === 'envvar' && b === undefined) return sendPage(state, ex, w.envVars.map(envVarJson), 'envvars');
  if (a === 'envvar' && b !== undefined) {
    const v = w.envVars.find((e) => e.name === b);
    return v ? sendJson(ex, 200, envVarJson(v)) : notFound(ex, 'Environment variable not found');
  }
  notFound(ex);
}

function routeContext(state: SimState, ex: Exchange, segs: string[]): void {
  const w = state.world;
  const [id, sub, ...more] = segs;
  if (id === undefined) {
    const slug = ex.query.get('owner-slug');
    const ownerId = ex.query.get('owner-id');
    if (!slug && !ownerId) return sendMessage(ex, 400, 'Must provide either owner-id or owner-slug.');
    const ours = ownerId ? ownerId === SIM_ORG_ID : isSimOrgSlug(slug ?? '');
    return sendPage(state, ex, ours ? w.contexts.map(contextJson) : [], `contexts:${slug ?? ownerId ?? ''}`);
  }
  const ctx = w.contexts.find((c) => c.id === id);
  if (!ctx) return notFound(ex, 'Context not found');
  if (more.length > 0) return notFound(ex);
  if (sub === undefined) return sendJson(ex, 200, contextJson(ctx));
  if (sub === 'environment-variable') return sendPage(state, ex, contextVarsJson(ctx), `ctxvars:${ctx.id}`);
  notFound(ex);
}
