// Presigned storage and artifact hosts, as both the client (one step output for the TUI) and the
// evidence downloader (every output and artifact of a job) fetch from them: what a non-200 there
// means, and the one refresh of a step-output link that has expired.
import { ApiError } from './errors.js';
import type { HttpResponse, Transport } from './transport.js';
import type { StepAction } from './types.js';

/**
 * What a non-200 from storage or an artifact host means. Storage speaks for itself: a 401/403 there is about the
 * link or the host, not the token's standing with the API. `what` names the item ("output of step 3 of job 7");
 * left out when the caller's own label already says it (the downloader's task labels).
 */
export function storageError(status: number, what?: string): ApiError {
  const [kind, message]: [ApiError['kind'], string] =
    status === 403 || status === 400 ? ['forbidden', `refused (${status}), even with a fresh link`]
    : status === 401 ? ['auth', 'needs credentials (401)']
    : status === 404 ? ['not-found', 'gone (404)']
    : status === 429 ? ['rate-limited', 'rate limited (429)']
    : [status >= 500 ? 'server' : 'http', `answered ${status}`];
  return new ApiError(kind, what ? `the ${what}: ${message}` : message, status);
}

export interface OutputLinkFetch {
  transport: Transport;
  /** The same action from a freshly fetched build (undefined when that build no longer lists it). */
  freshAction: () => Promise<StepAction | undefined>;
  /** Names the output in the error message (see storageError). */
  what?: string;
  signal?: AbortSignal;
  /** Turns a failure to fetch (and the non-200 answer, with its body) into the caller's error. Default: as is. */
  asError?: (error: unknown, body?: Buffer) => unknown;
}

/**
 * A step's output from its presigned link, fetched with no credentials at all (storage never sees the token).
 * The links expire in minutes: a 403 or 400 gets one fresh copy of the action and its link is tried instead.
 * Returns the 200 and the action it came from (whose status says whether the output is final).
 */
export async function fetchOutputLink(url: string, action: StepAction, how: OutputLinkFetch): Promise<{ res: HttpResponse; action: StepAction }> {
  const asError = how.asError ?? ((e: unknown) => e);
  const get = (link: string) => how.transport.fetchUrl(link, { credentials: 'none' }, how.signal).catch((e: unknown) => {
    throw asError(e);
  });
  let res = await get(url);
  let from = action;
  if (res.status === 403 || res.status === 400) {
    const fresh = await how.freshAction();
    if (fresh?.output_url) {
      res = await get(fresh.output_url);
      from = fresh;
    }
  }
  if (res.status !== 200) throw asError(storageError(res.status, how.what), res.body);
  return { res, action: from };
}
