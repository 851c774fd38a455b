// Reading a response body under a cap: a runaway stream, a huge JSON list or a gzip bomb ends
// with one clear line naming the endpoint and the cap, never an out-of-memory crash.
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { formatBytes } from '../util/progress-text.js';
import { ApiError } from './errors.js';

export function flattenHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

export function tooLarge(where: string, max: number, what = 'response'): ApiError {
  return new ApiError('malformed', `the ${what} from ${where} is larger than ${formatBytes(max)}, the cap for one ${what}; stopped reading`);
}

/** The body, read while it stays within `max` bytes. A Content-Length over the cap is refused before reading. */
export async function readCapped(body: AsyncIterable<Buffer> & { destroy?: () => unknown }, contentLength: string | undefined, max: number, where: () => string): Promise<Buffer> {
  const declared = contentLength !== undefined && /^\d+$/.test(contentLength.trim()) ? Number(contentLength) : null;
  if (declared !== null && declared > max) {
    body.destroy?.();
    throw tooLarge(where(), max);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > max) throw tooLarge(where(), max);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

export function decode(raw: Buffer, encoding: string | undefined, max: number, where: () => string): Buffer {
  const enc = (encoding ?? '').trim().toLowerCase();
  if (!enc || enc === 'identity' || raw.length === 0) return raw;
  try {
    if (enc === 'gzip' || enc === 'x-gzip') return gunzipSync(raw, { maxOutputLength: max });
    if (enc === 'deflate') return inflateSync(raw, { maxOutputLength: max });
    if (enc === 'br') return brotliDecompressSync(raw, { maxOutputLength: max });
  } catch {
    throw new ApiError('malformed', `the response from ${where()} could not be decompressed (${enc}) or is larger than ${formatBytes(max)}, the cap for one response`);
  }
  return raw;
}
