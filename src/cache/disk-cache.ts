// On-disk response cache. One file per entry: a JSON header line, then the body bytes exactly as
// received. The header carries size and sha256, so a truncated or corrupt entry is detected,
// deleted and refetched. Writes go to a temporary name and are renamed into place (atomic).
// Never give it a token: keys are host + path, bodies are API responses.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

export interface CacheEntry {
  body: Buffer;
  storedAt: number;
  meta: Record<string, unknown>;
}

export interface CacheStats { hits: number; misses: number; writes: number; corrupt: number }

interface Header { v: 1; key: string; storedAt: number; ttlMs: number | null; size: number; sha256: string; meta: Record<string, unknown> }

/** A TTL of `null` means forever (finished jobs never change). */
export type Ttl = number | null;

export class DiskCache {
  readonly stats: CacheStats = { hits: 0, misses: 0, writes: 0, corrupt: 0 };
  private readonly root: string;

  constructor(dir: string, private readonly opts: { refresh?: boolean; now?: () => number } = {}) {
    this.root = join(dir, 'v1');
  }

  get dir(): string {
    return this.root;
  }

  async get(key: string): Promise<CacheEntry | null> {
    if (this.opts.refresh) return this.miss();
    const file = this.pathFor(key);
    let data: Buffer;
    try {
      data = await readFile(file);
    } catch {
      return this.miss();
    }
    const nl = data.indexOf(0x0a);
    let header: Header | null = null;
    try {
      header = nl > 0 ? (JSON.parse(data.subarray(0, nl).toString('utf8')) as Header) : null;
    } catch {
      header = null;
    }
    const body = nl > 0 ? data.subarray(nl + 1) : Buffer.alloc(0);
    if (!header || header.v !== 1 || header.key !== key || body.length !== header.size || sha256(body) !== header.sha256) {
      this.stats.corrupt++;
      await rm(file, { force: true }).catch(() => {});
      return this.miss();
    }
    if (header.ttlMs !== null && this.now() - header.storedAt > header.ttlMs) return this.miss();
    this.stats.hits++;
    return { body, storedAt: header.storedAt, meta: header.meta ?? {} };
  }

  async put(key: string, body: Buffer, ttlMs: Ttl, meta: Record<string, unknown> = {}): Promise<void> {
    const file = this.pathFor(key);
    const header: Header = { v: 1, key, storedAt: this.now(), ttlMs, size: body.length, sha256: sha256(body), meta };
    const tmp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      await mkdir(join(file, '..'), { recursive: true, mode: 0o700 });
      const fh = await open(tmp, 'wx', 0o600);
      try {
        await fh.writeFile(Buffer.concat([Buffer.from(JSON.stringify(header) + '\n'), body]));
        await fh.sync();
      } finally {
        await fh.close();
      }
      await rename(tmp, file);
      this.stats.writes++;
    } catch {
      // A cache that cannot be written (read-only home, full disk) must never fail the command.
      await rm(tmp, { force: true }).catch(() => {});
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathFor(key), { force: true }).catch(() => {});
  }

  pathFor(key: string): string {
    const h = sha256(Buffer.from(key));
    return join(this.root, h.slice(0, 2), `${h}.entry`);
  }

  private miss(): null {
    this.stats.misses++;
    return null;
  }

  private now(): number {
    return this.opts.now ? this.opts.now() : Date.now();
  }
}

function sha256(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}
