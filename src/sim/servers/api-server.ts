import { applyApiFaults } from '../http/faults.js';
import { sendJson, sendMessage, type Exchange } from '../http/server-kit.js';
import { simNow, type SimState } from '../http/sim-state.js';
import { buildJson } from '../http/v1-build.js';
import { routeV2 } from './api-v2-routes.js';
import { jobById, redirectToArtifact, serverArtifactPath } from './artifact-redirect.js';
import { isNumber, isSimProject, notFound, pathSegments } from './routing.js';

// The CIRCLE_HOST server: fault knobs first (the token check among them), then /api/v2 and /api/v1.1,
// and in Server mode the artifacts (`/output/job/<job-uuid>/artifacts/<node>/<path>` → 302 to storage).

export function apiHandler(state: SimState): (ex: Exchange) => void {
  return (ex) => {
    if (applyApiFaults(state, ex)) return;
    const artifact = state.options.server ? serverArtifactPath(ex.rawPath) : null;
    if (artifact) {
      if (ex.method !== 'GET' && ex.method !== 'HEAD') return sendMessage(ex, 405, 'Method Not Allowed');
      return redirectToArtifact(state, ex, jobById(state, artifact.jobId), artifact.node, artifact.path);
    }
    const segs = pathSegments(ex.rawPath);
    if (!segs || segs[0] !== 'api') return notFound(ex);
    if (ex.method !== 'GET' && ex.method !== 'HEAD') return sendMessage(ex, 405, 'Method Not Allowed');
    if (segs[1] === 'v2') return routeV2(state, ex, segs.slice(2));
    if (segs[1] === 'v1.1') return routeV1(state, ex, segs.slice(2));
    notFound(ex);
  };
}

function routeV1(state: SimState, ex: Exchange, segs: string[]): void {
  const [head, vcs, org, repo, num, ...more] = segs;
  if (head !== 'project' || more.length > 0) return notFound(ex);
  if (!isSimProject(vcs, org, repo)) return notFound(ex, 'Project not found');
  const job = isNumber(num) ? state.world.jobByNumber.get(Number(num)) : undefined;
  if (!job || job.type === 'approval') return notFound(ex, 'Build not found');
  const now = simNow(state);
  const ttl = state.options.outputLinkTtlSec ?? 600;
  const web = state.options.server ? state.urls.api : null;
  const body = buildJson(job, state.world, (key) => state.presigner.sign('output', key, now, ttl), web);
  sendJson(ex, 200, body, { pretty: true, headers: { 'content-type': 'application/json;charset=utf-8' } });
}
