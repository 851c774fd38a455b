// Opening audit files: expand directories (an S3 prefix synced to disk), read bytes from any offset,
// gunzip transparently, and tell CSV from JSON by the first character that is not a BOM or space.
import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import { AuditFileError } from './stats.js';

export interface AuditInput {
  path: string;
  /** Found inside a directory: a file that is not an audit log is ignored (with a note), not fatal. */
  fromDir: boolean;
}

/** Files as given; a directory stands for every regular file under it (sorted, dotfiles left out). */
export async function expandPaths(paths: string[]): Promise<AuditInput[]> {
  const out: AuditInput[] = [];
  for (const p of paths) {
    const s = await statOrFail(p);
    if (s.isDirectory()) {
      for (const f of await walk(p)) out.push({ path: f, fromDir: true });
    } else out.push({ path: p, fromDir: false });
  }
  return out;
}

async function walk(dir: string, depth = 0): Promise<string[]> {
  if (depth > 12) return [];
  const entries = await readdir(dir, { withFileTypes: true }).catch((e: NodeJS.ErrnoException) => {
    throw new AuditFileError(dir, null, `cannot list the directory (${e.code ?? e.message})`);
  });
  const out: string[] = [];
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (e.name.startsWith('.')) continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(full, depth + 1)));
    else if (e.isFile()) out.push(full);
  }
  return out;
}

async function statOrFail(p: string) {
  try {
    return await stat(p);
  } catch (e) {
    throw fsError(p, e);
  }
}

export function fsError(path: string, e: unknown): AuditFileError {
  const code = (e as NodeJS.ErrnoException)?.code;
  const why =
    code === 'ENOENT' ? 'no such file' :
    code === 'EACCES' || code === 'EPERM' ? 'permission denied' :
    code === 'EISDIR' ? 'is a directory' :
    code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR' ? 'the gzip data is corrupt' :
    `cannot read it (${code ?? (e as Error)?.message ?? String(e)})`;
  return new AuditFileError(path, null, why);
}

async function isGzip(path: string): Promise<boolean> {
  const fh = await open(path, 'r').catch((e) => {
    throw fsError(path, e);
  });
  try {
    const b = Buffer.alloc(2);
    const { bytesRead } = await fh.read(b, 0, 2, 0);
    return bytesRead === 2 && b[0] === 0x1f && b[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

/** Bytes of the (decompressed) file from `fromByte` on. */
export type ByteOpener = (fromByte: number) => AsyncIterable<Buffer>;

export async function opener(path: string): Promise<ByteOpener> {
  const gz = await isGzip(path);
  return (fromByte) => chunksOf(path, gz, fromByte);
}

async function* chunksOf(path: string, gz: boolean, fromByte: number): AsyncGenerator<Buffer> {
  const file = createReadStream(path, { highWaterMark: 256 * 1024, ...(gz ? {} : { start: fromByte }) });
  const stream = gz ? file.pipe(createGunzip()) : file;
  if (gz) file.on('error', (e) => stream.destroy(e));
  let skip = gz ? fromByte : 0;
  try {
    for await (const c of stream as AsyncIterable<Buffer>) {
      if (skip >= c.length) {
        skip -= c.length;
        continue;
      }
      yield skip ? c.subarray(skip) : c;
      skip = 0;
    }
  } catch (e) {
    throw fsError(path, e);
  } finally {
    file.destroy();
    stream.destroy();
  }
}

export type Sniffed = { kind: 'csv' | 'json-array' | 'json-lines' | 'empty'; chunks: AsyncIterable<Buffer> };

/** Looks at the first significant byte without losing any: the returned chunks start at byte 0. */
export async function sniff(path: string, chunks: AsyncIterable<Buffer>): Promise<Sniffed> {
  const it = chunks[Symbol.asyncIterator]();
  const held: Buffer[] = [];
  let kind: Sniffed['kind'] | null = null;
  let offset = 0;
  while (kind === null) {
    const r = await it.next();
    if (r.done) {
      kind = 'empty';
      break;
    }
    held.push(r.value);
    const all = held.length === 1 ? r.value : Buffer.concat(held);
    if (offset === 0 && all.length >= 2 && ((all[0] === 0xff && all[1] === 0xfe) || (all[0] === 0xfe && all[1] === 0xff))) {
      throw new AuditFileError(path, 1, 'UTF-16 text; save it as UTF-8 (CSV UTF-8) and try again');
    }
    let i = all.length >= 3 && all[0] === 0xef && all[1] === 0xbb && all[2] === 0xbf ? 3 : 0;
    while (i < all.length && (all[i] === 0x20 || all[i] === 0x09 || all[i] === 0x0a || all[i] === 0x0d)) i++;
    if (i < all.length) {
      const c = all[i];
      kind = c === 0x5b ? 'json-array' : c === 0x7b ? 'json-lines' : 'csv';
      if (all.subarray(0, Math.min(all.length, 4096)).includes(0)) throw new AuditFileError(path, null, 'binary data (NUL bytes), not an audit log (CSV or JSON)');
    }
    offset = all.length;
  }
  async function* replay(): AsyncGenerator<Buffer> {
    try {
      for (const h of held) yield h;
      for (;;) {
        const r = await it.next();
        if (r.done) return;
        yield r.value;
      }
    } finally {
      await it.return?.();
    }
  }
  return { kind, chunks: replay() };
}
