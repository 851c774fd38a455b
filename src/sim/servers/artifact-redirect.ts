import { said, send, type Exchange } from '../http/server-kit.js';
import { simNow, type SimState } from '../http/sim-state.js';
import type { SimArtifact, SimJob } from '../world/model.js';

// Where an artifact lives and how it is handed out, in both modes. Cloud lists it on the artifact host
// (`/<job-number>/<node>/<path>`, the *.circle-artifacts.com stand-in); CircleCI Server lists it on the
// CircleCI host itself (`/output/job/<job-uuid>/artifacts/<node>/<path>`). Either answers a 302 to a
// presigned storage link, the hop where clients tend to carry the token along. The path is encoded whole
// (`/` too), so no listed path, `..` or not, can be read as dot segments and normalised away.

/** The URL the v2 artifact list gives for `art`. */
export function artifactUrl(state: SimState, job: SimJob, art: SimArtifact): string {
  const path = encodeURIComponent(art.path);
  return state.options.server
    ? `${state.urls.api}/output/job/${job.id}/artifacts/${art.nodeIndex}/${path}`
    : `${state.urls.artifacts}/${job.number}/${art.nodeIndex}/${path}`;
}

/** Server mode's artifact route on the API origin: `/output/job/<job-uuid>/artifacts/<node>/<path>`, or null. */
export function serverArtifactPath(rawPath: string): { jobId: string; node: number; path: string | null } | null {
  const m = /^\/output\/job\/([0-9a-f-]{36})\/artifacts\/(\d{1,4})\/(.+)$/.exec(rawPath);
  if (!m) return null;
  return { jobId: m[1]!, node: Number(m[2]), path: decoded(m[3]!) };
}

/** Cloud's artifact-host route: `/<job-number>/<node>/<path>`, or null. */
export function cloudArtifactPath(rawPath: string): { number: number; node: number; path: string | null } | null {
  const m = /^\/(\d{1,12})\/(\d{1,4})\/(.+)$/.exec(rawPath);
  if (!m) return null;
  return { number: Number(m[1]), node: Number(m[2]), path: decoded(m[3]!) };
}

function decoded(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

/** 302 to the artifact's presigned storage link, or 404 when the job has no such artifact. */
export function redirectToArtifact(state: SimState, ex: Exchange, job: SimJob | undefined, node: number, path: string | null): void {
  const artifact = job?.artifacts.find((a) => a.nodeIndex === node && a.path === path);
  if (!artifact) return send(ex, 404, { 'content-type': 'text/plain; charset=utf-8' }, said(ex, 'Not Found'));
  const location = state.presigner.sign('artifact', artifact.key, simNow(state), state.options.outputLinkTtlSec ?? 600);
  send(ex, 302, { location, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-cache' }, '');
}

/** A job by its uuid (Server's artifact URLs name the job that way). */
export function jobById(state: SimState, id: string): SimJob | undefined {
  const w = state.world;
  let byId = ids.get(w.jobByNumber);
  if (!byId) {
    byId = new Map([...w.jobByNumber.values()].map((j) => [j.id, j]));
    ids.set(w.jobByNumber, byId);
  }
  return byId.get(id);
}

const ids = new WeakMap<Map<number, SimJob>, Map<string, SimJob>>();
