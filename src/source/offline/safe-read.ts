// Reads one file of the evidence folder as bytes: never through a symlink, never outside the
// folder, never more than a given size, never blocking on a FIFO. The file is opened read-only
// and never written.
import { constants } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import { sep } from 'node:path';
import { formatBytes } from './limits.js';

export class EvidenceReadError extends Error {
  constructor(readonly reason: 'missing' | 'not-a-file' | 'outside' | 'too-large' | 'io', message: string) {
    super(message);
    this.name = 'EvidenceReadError';
  }
}

const FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** `root` must be a real path (no symlinks); `path` an absolute path under it; `label` how messages name it. */
export async function readEvidenceBytes(root: string, path: string, label: string, maxBytes: number): Promise<Buffer> {
  let real: string;
  try {
    real = await realpath(path);
  } catch (e) {
    throw ioError(e, label);
  }
  if (real !== path || !real.startsWith(root.endsWith(sep) ? root : root + sep)) {
    throw new EvidenceReadError('outside', `${label}: resolves outside the evidence folder (symlink?), not read`);
  }
  let fh;
  try {
    fh = await open(path, FLAGS);
  } catch (e) {
    throw ioError(e, label);
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw new EvidenceReadError('not-a-file', `${label}: not a regular file, not read`);
    if (st.size > maxBytes) {
      throw new EvidenceReadError('too-large', `${label} is ${formatBytes(st.size)}, over the ${formatBytes(maxBytes)} limit for one file; open it with another tool`);
    }
    const buf = Buffer.allocUnsafe(st.size);
    let got = 0;
    while (got < st.size) {
      const { bytesRead } = await fh.read(buf, got, st.size - got, got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return got === st.size ? buf : buf.subarray(0, got);
  } catch (e) {
    if (e instanceof EvidenceReadError) throw e;
    throw ioError(e, label);
  } finally {
    await fh.close();
  }
}

/** Bytes → text. Invalid UTF-8 becomes U+FFFD; a body too long for one JS string is a clear error. */
export function decodeEvidence(bytes: Uint8Array, label: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  } catch {
    throw new EvidenceReadError('too-large', `${label} (${formatBytes(bytes.length)}) is too large to decode as one text; open it with another tool`);
  }
}

function ioError(e: unknown, label: string): EvidenceReadError {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new EvidenceReadError('missing', `${label}: missing`);
  if (code === 'ELOOP' || code === 'EMLINK') return new EvidenceReadError('outside', `${label}: is a symlink, not read`);
  return new EvidenceReadError('io', `${label}: cannot read (${code ?? 'error'})`);
}
