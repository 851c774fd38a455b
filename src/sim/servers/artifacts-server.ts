import { answerInjection, tokenAccepted } from '../http/faults.js';
import { sendMessage, type Exchange } from '../http/server-kit.js';
import type { SimState } from '../http/sim-state.js';
import { cloudArtifactPath, redirectToArtifact } from './artifact-redirect.js';

// The *.circle-artifacts.com stand-in (Cloud mode only): `/<job>/<node>/<url-encoded path>`. It honours
// injected responses, wants the CircleCI token (when the simulator requires one) and answers with a 302
// to a presigned storage URL on another origin, the hop where clients tend to leak tokens.

export function artifactsHandler(state: SimState): (ex: Exchange) => void {
  return (ex) => {
    if (answerInjection(state, ex)) return;
    if (ex.method !== 'GET' && ex.method !== 'HEAD') return sendMessage(ex, 405, 'Method Not Allowed');
    const route = cloudArtifactPath(ex.rawPath);
    if (!tokenAccepted(state, ex)) return sendMessage(ex, 401, 'You must log in first.');
    const job = route ? state.world.jobByNumber.get(route.number) : undefined;
    redirectToArtifact(state, ex, job, route?.node ?? -1, route?.path ?? null);
  };
}
