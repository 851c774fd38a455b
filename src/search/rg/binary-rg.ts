// The standalone binary's rg: its boot script checks only its size at each start (hashing 5.7 MB cost ~25 ms of every
// start, and most starts run no search); its bytes are checked here before its first run in each process.
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync, rmSync } from 'node:fs';
import type { BinaryRuntime } from '../../util/runtime.js';

const checked = new Map<string, boolean>();

/**
 * Whether the binary's rg holds the bytes it was built with (a regular file, not a link); checked once per process.
 * One that does not is removed from the private folder, so the next start writes it again.
 */
export function rgIntact(runtime: BinaryRuntime): boolean {
  const path = runtime.rgPath;
  if (path === null || runtime.rgSha256 === null) return false;
  let ok = checked.get(path);
  if (ok === undefined) {
    ok = sha256Of(path) === runtime.rgSha256;
    checked.set(path, ok);
    if (!ok) rmSync(path, { force: true });
  }
  return ok;
}

function sha256Of(path: string): string | null {
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
    const st = fstatSync(fd);
    if (!st.isFile()) return null;
    const hash = createHash('sha256');
    const buf = Buffer.allocUnsafe(1 << 20);
    for (let at = 0; ; ) {
      const n = readSync(fd, buf, 0, buf.length, at);
      if (n === 0) break;
      hash.update(buf.subarray(0, n));
      at += n;
    }
    return hash.digest('hex');
  } catch {
    return null;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
