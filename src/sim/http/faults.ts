import { seededRandom } from '../ids.js';
import { send, sendMessage, type Exchange } from './server-kit.js';
import type { SimState } from './sim-state.js';

// Fault knobs of the API server, applied in this order: injected responses, rate
// limiting, random 502s, token check. Returns true when the request was answered.

const BAD_GATEWAY_HTML =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

export function applyApiFaults(state: SimState, ex: Exchange): boolean {
  return answerInjection(state, ex) || answerRateLimit(state, ex) || answer502(state, ex) || answerBadToken(state, ex);
}

/** An injected response for this request, if one matches (the API server, and the artifact host in Cloud mode). */
export function answerInjection(state: SimState, ex: Exchange): boolean {
  const target = ex.record.url;
  const slot = state.injections.find(({ injection: { match } }) => {
    if (typeof match === 'string') return target.includes(match);
    match.lastIndex = 0;
    return match.test(target);
  });
  if (!slot) return false;
  slot.remaining -= 1;
  if (slot.remaining <= 0) state.injections.splice(state.injections.indexOf(slot), 1);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(slot.injection.headers ?? {})) headers[k.toLowerCase()] = v;
  headers['content-type'] ??= 'application/json';
  send(ex, slot.injection.status, headers, slot.injection.body);
  return true;
}

function answerRateLimit(state: SimState, ex: Exchange): boolean {
  const every = Math.floor(state.options.rateLimitEvery ?? 0);
  const f = state.faults;
  if (every !== f.rateLimitEvery) {
    f.rateLimitEvery = every;
    f.rateLimitCount = 0;
  }
  if (every <= 0) return false;
  f.rateLimitCount += 1;
  if (f.rateLimitCount % every !== 0) return false;
  const retryAfter = String(state.options.rateLimitRetryAfterSec ?? 1);
  const headers = {
    'retry-after': retryAfter,
    'ratelimit-limit': String(every),
    'ratelimit-remaining': '0',
    'ratelimit-reset': retryAfter,
    'x-ratelimit-limit-minute': '300',
    'x-ratelimit-remaining-minute': '0',
    'x-ratelimit-reset': retryAfter,
  };
  if (state.options.rateLimitTextBody) send(ex, 429, { ...headers, 'content-type': 'text/plain; charset=utf-8' }, 'Rate limited.');
  else send(ex, 429, { ...headers, 'content-type': 'application/json' }, '{"message":"Rate limit exceeded."}');
  return true;
}

function answer502(state: SimState, ex: Exchange): boolean {
  const ratio = state.options.fail502Ratio ?? 0;
  const seed = state.options.seed ?? 1;
  const f = state.faults;
  if (seed !== f.seed) {
    f.seed = seed;
    f.random = seededRandom(seed);
  }
  if (ratio <= 0) return false;
  if (f.random() >= ratio) return false;
  send(ex, 502, { 'content-type': 'text/html', server: 'nginx' }, BAD_GATEWAY_HTML);
  return true;
}

/** The token a request presents: Circle-Token header, HTTP Basic (token as user) or Bearer. */
export function presentedToken(ex: Exchange): string | null {
  const header = ex.req.headers['circle-token'];
  if (typeof header === 'string') return header;
  const auth = ex.req.headers.authorization ?? '';
  const bearer = /^Bearer\s+(.+)$/i.exec(auth);
  if (bearer?.[1]) return bearer[1].trim();
  const basic = /^Basic\s+(.+)$/i.exec(auth);
  if (basic?.[1]) return Buffer.from(basic[1].trim(), 'base64').toString('utf8').replace(/:.*$/s, '');
  return null;
}

export function tokenAccepted(state: SimState, ex: Exchange): boolean {
  const required = state.options.requiredToken;
  return required === null || required === undefined || presentedToken(ex) === required;
}

function answerBadToken(state: SimState, ex: Exchange): boolean {
  if (tokenAccepted(state, ex)) return false;
  sendMessage(ex, 401, 'You must log in first.');
  return true;
}
