// Build API paths from values that may come from the API itself (ids, numbers): each is checked
// so a hostile id cannot rewrite the path (`../../me`) or smuggle a query string.
import { ApiError } from './errors.js';

const ID = /^[A-Za-z0-9_-]{1,100}$/;

export function id(value: string, what: string): string {
  if (!ID.test(value)) throw new ApiError('refused', `refusing a malformed ${what} id from input or the API`);
  return value;
}

export function jobNum(value: number | string): string {
  const s = String(value);
  if (!/^\d{1,12}$/.test(s)) throw new ApiError('refused', `not a job number: ${JSON.stringify(s).slice(0, 40)}`);
  return s;
}

/** `gh/acme/payments` → `gh/acme/payments` with each segment percent-encoded. */
export function slugPath(slug: string): string {
  const parts = slug.split('/');
  if (parts.length !== 3 || parts.some((p) => !p || p === '.' || p === '..')) {
    throw new ApiError('refused', `not a project slug: ${JSON.stringify(slug).slice(0, 60)} (expected vcs/org/repo, e.g. gh/acme/payments)`);
  }
  return parts.map(encodeURIComponent).join('/');
}

/** v1.1 wants the long VCS names: gh → github, bb → bitbucket. */
export function v1SlugPath(slug: string): string {
  const [vcs, ...rest] = slugPath(slug).split('/');
  const long = vcs === 'gh' ? 'github' : vcs === 'bb' ? 'bitbucket' : vcs;
  return [long, ...rest].join('/');
}

export function query(params: Record<string, string | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}
