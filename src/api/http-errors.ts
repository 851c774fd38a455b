// Turns a non-2xx response into one clear line. The body is attacker-controllable text: only a
// short, control-free excerpt of a JSON `message`/`error` is ever quoted, scrubbed of the token
// BEFORE it is cut (a cut token no longer matches, and its prefix would be printed).
import { ApiError } from './errors.js';
import type { HttpResponse } from './http-response.js';

const REASONS: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' };

export type Scrub = (text: string) => string;
const asIs: Scrub = (t) => t;

/** A server message made safe to quote in one line: secrets scrubbed, controls and invisible characters escaped, then length capped. */
export function oneLine(text: string, max = 160, scrub: Scrub = asIs): string {
  const flat = scrub(text).replace(/[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g, (c) => (c === '\n' || c === '\r' || c === '\t' ? ' ' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)).replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** The API's own message: `{"message"}`, `{"error"}`, or a short plain-text body. HTML pages say nothing useful. */
export function serverMessage(res: HttpResponse, scrub: Scrub = asIs): string | null {
  const text = res.body.subarray(0, 4096).toString('utf8').trim();
  if (!text || /^<(!doctype|html|\?xml|body|head)/i.test(text)) return null;
  try {
    const j = JSON.parse(res.body.toString('utf8')) as unknown;
    if (typeof j === 'string') return oneLine(j, 160, scrub);
    if (j && typeof j === 'object') {
      const o = j as Record<string, unknown>;
      const m = o.message ?? o.error;
      if (typeof m === 'string') return oneLine(m, 160, scrub);
      if (m && typeof m === 'object' && typeof (m as Record<string, unknown>).detail === 'string') return oneLine((m as Record<string, string>).detail!, 160, scrub);
    }
    return null;
  } catch {
    return text.length <= 200 ? oneLine(text, 160, scrub) : null;
  }
}

export function statusLabel(status: number): string {
  return `${status}${REASONS[status] ? ` (${REASONS[status]})` : ''}`;
}

/** `scrub` removes the token from server text before any of it is shortened. */
export function errorFor(res: HttpResponse, what: string, where: string, scrub: Scrub = asIs): ApiError {
  const msg = serverMessage(res, scrub);
  const quoted = msg ? `: ${msg}` : '';
  switch (true) {
    case res.status === 401:
      return new ApiError('auth', `CircleCI rejected the token (401${quoted}). Set CIRCLE_TOKEN to a personal API token (project tokens do not work on API v2); see \`sleuth doctor\`.`, 401);
    case res.status === 403:
      return new ApiError('forbidden', `CircleCI refused access to ${what} (403${quoted}).`, 403);
    case res.status === 404:
      return new ApiError('not-found', `${what} not found, or the token cannot see this project (404${quoted}).`, 404);
    case res.status === 429: {
      const ra = res.headers['retry-after'];
      return new ApiError('rate-limited', `CircleCI rate limit hit for ${where} and retries ran out${ra ? ` (Retry-After: ${oneLine(ra, 40, scrub)}s)` : ''}; try again shortly.`, 429);
    }
    case res.status >= 500:
      return new ApiError('server', `CircleCI answered ${statusLabel(res.status)} for ${where}${quoted}; retries ran out.`, res.status);
    default:
      return new ApiError('http', `CircleCI answered ${statusLabel(res.status)} for ${where}${quoted}.`, res.status);
  }
}
