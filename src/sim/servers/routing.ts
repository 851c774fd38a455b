import { SIM_ORG, SIM_REPO } from '../story.js';
import { paginate } from '../http/page-token.js';
import { sendJson, sendMessage, type Exchange } from '../http/server-kit.js';
import type { SimState } from '../http/sim-state.js';

/**
 * Path segments with `%2F` treated as `/` (so `gh%2Facme%2Fpayments` equals the raw
 * slug) and every segment percent-decoded once. null when a segment is malformed.
 */
export function pathSegments(rawPath: string): string[] | null {
  const parts = rawPath
    .replace(/%2f/gi, '/')
    .split('/')
    .filter((s) => s.length > 0);
  try {
    return parts.map((s) => decodeURIComponent(s));
  } catch {
    return null;
  }
}

/** `gh/acme/payments` and `github/acme/payments` (any case) name the story's project. */
export function isSimProject(vcs: string | undefined, org: string | undefined, repo: string | undefined): boolean {
  return (
    (vcs === 'gh' || vcs === 'github') && org?.toLowerCase() === SIM_ORG && repo?.toLowerCase() === SIM_REPO
  );
}

/** `gh/acme` or `github/acme`: the owner slug of the story's contexts. */
export function isSimOrgSlug(slug: string): boolean {
  const [vcs, org, ...rest] = slug.split('/');
  return rest.length === 0 && (vcs === 'gh' || vcs === 'github') && org?.toLowerCase() === SIM_ORG;
}

export const isNumber = (s: string | undefined): s is string => s !== undefined && /^\d{1,12}$/.test(s);

export function notFound(ex: Exchange, message = 'Not Found'): void {
  sendMessage(ex, 404, message);
}

/** Sends one page of a list, or 404 `Not Found` for a page token that is not valid. */
export function sendPage<T>(state: SimState, ex: Exchange, all: readonly T[], tag: string): void {
  const token = ex.query.get('page-token');
  const page = paginate(all, tag, token ? token : null, state.options.pageSize ?? 20);
  if (!page) return notFound(ex);
  sendJson(ex, 200, page);
}
