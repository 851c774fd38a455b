// Opening one corpus file the way every reader must (search's CorpusReader, scan's ripgrep batches): read-only,
// never through a symlink, a regular file, under the size cap; each refusal is the same one-line warning.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { formatBytes } from '../source/offline/limits.js';

const FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** The open file and its size, or null with a warning pushed. The caller closes `fd`. */
export function openDocChecked(path: string, label: string, max: number, warnings: string[]): { fd: number; size: number } | null {
  let fd: number;
  try {
    fd = openSync(path, FLAGS);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    warnings.push(code === 'ELOOP' ? `${label}: is a symlink, not read` : `${label}: cannot read (${code ?? 'error'})`);
    return null;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) {
      warnings.push(`${label}: not a regular file, not read`);
    } else if (st.size > max) {
      warnings.push(`${label} is ${formatBytes(st.size)}, over the ${formatBytes(max)} limit for one file; not searched`);
    } else {
      return { fd, size: st.size };
    }
  } catch (e) {
    warnings.push(`${label}: cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  closeSync(fd);
  return null;
}

/** Reads up to `size` bytes of `fd` from its start into `buf` (which holds them); the count read. */
export function readOpened(fd: number, buf: Buffer, size: number): number {
  let got = 0;
  while (got < size) {
    const n = readSync(fd, buf, got, size - got, got);
    if (n === 0) break;
    got += n;
  }
  return got;
}
