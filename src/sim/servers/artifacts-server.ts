import { tokenAccepted } from '../http/faults.js';
import { said, send, sendMessage, type Exchange } from '../http/server-kit.js';
import type { SimState } from '../http/sim-state.js';

// The *.circle-artifacts.com stand-in: `/<job>/<node>/<url-encoded path>`. It wants the
// CircleCI token (when the simulator requires one) and answers with a 302 to a
// presigned storage URL on another origin, the hop where clients tend to leak tokens.

export function artifactsHandler(state: SimState): (ex: Exchange) => void {
  return (ex) => {
    if (ex.method !== 'GET' && ex.method !== 'HEAD') return sendMessage(ex, 405, 'Method Not Allowed');
    const m = /^\/(\d{1,12})\/(\d{1,4})\/(.+)$/.exec(ex.rawPath);
    let path: string | null = null;
    try {
      path = m?.[3] !== undefined ? decodeURIComponent(m[3]) : null;
    } catch {
      path = null;
    }
    if (!tokenAccepted(state, ex)) return sendMessage(ex, 401, 'You must log in first.');
    const job = m ? state.world.jobByNumber.get(Number(m[1])) : undefined;
    const node = Number(m?.[2]);
    const artifact = job?.artifacts.find((a) => a.nodeIndex === node && a.path === path);
    if (!artifact) return send(ex, 404, { 'content-type': 'text/plain; charset=utf-8' }, said(ex, 'Not Found'));
    const location = state.presigner.sign('artifact', artifact.key, Date.now(), state.options.outputLinkTtlSec ?? 600);
    send(ex, 302, { location, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-cache' }, '');
  };
}
