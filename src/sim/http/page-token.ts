import { sha1Hex } from '../ids.js';

// Opaque page tokens: base64url of "<offset>:<tag hash>". A token only works for the
// list it came from; anything else (tampered, stale, other list) is a 404 like CircleCI's.

export interface Page<T> {
  items: T[];
  next_page_token: string | null;
}

function tagHash(tag: string): string {
  return sha1Hex(`page:${tag}`).slice(0, 10);
}

export function encodePageToken(tag: string, offset: number): string {
  return Buffer.from(`${offset}:${tagHash(tag)}`, 'utf8').toString('base64url');
}

/** Offset encoded in the token, or null when the token is not valid for this list. */
export function decodePageToken(token: string, tag: string): number | null {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return null;
  const m = /^(\d{1,9}):([0-9a-f]{10})$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (!m || m[2] !== tagHash(tag)) return null;
  return Number(m[1]);
}

/** One page of `all`, or null for an invalid page token. */
export function paginate<T>(all: readonly T[], tag: string, token: string | null, pageSize: number): Page<T> | null {
  let offset = 0;
  if (token) {
    const decoded = decodePageToken(token, tag);
    if (decoded === null || decoded <= 0 || decoded >= all.length) return null;
    offset = decoded;
  }
  const size = Math.max(1, Math.floor(pageSize));
  const end = offset + size;
  return { items: all.slice(offset, end), next_page_token: end < all.length ? encodePageToken(tag, end) : null };
}
