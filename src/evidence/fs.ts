// The only code that writes an evidence folder. Every directory is created by us (0700) and
// lstat'ed on the way in, so a pre-planted symlink is refused, never followed; every file is
// written to a temporary name (O_EXCL|O_NOFOLLOW, 0600), fsync'ed and renamed into place, so a
// file under its real name is always complete. No file ever gets an exec bit.
// The chain of folders down to a file is checked again at every write (the node-tar
// CVE-2021-37701 lesson: a cache of checked folders lets a folder swapped for a link be written
// through), and each folder's identity (dev:ino) is compared with the one first seen.
import { constants, existsSync, type BigIntStats, type Stats } from 'node:fs';
import { chmod, lstat, mkdir, open, readdir, readFile, realpath, rename, unlink } from 'node:fs/promises';
import { createHash, randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { asideName, componentProblem, LOCK_NAME, TMP_PREFIX } from './safe-name.js';

export class EvidenceFsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EvidenceFsError';
  }
}

const WRITE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);
const READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
const DIR_FLAGS = constants.O_RDONLY | (constants.O_DIRECTORY ?? 0) | (constants.O_NOFOLLOW ?? 0);
// Node has no openat. On Linux a path through /proc/self/fd/N resolves inside the folder held open as N, so
// the temp file and the rename stay in the checked folder even if its path is swapped in between.
const PIN_BY_FD = process.platform === 'linux' && existsSync('/proc/self/fd');
export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

const code = (e: unknown): string | undefined => (e as NodeJS.ErrnoException | null)?.code;

/** A folder's identity: a folder swapped for another (a link, or a real folder elsewhere) has another. */
const idOf = (st: BigIntStats): string => `${st.dev}:${st.ino}`;

function kindOf(st: Stats | BigIntStats): string {
  return st.isSymbolicLink() ? 'a symlink' : st.isDirectory() ? 'a directory' : st.isFile() ? 'a file' : 'not a regular file';
}

export class EvidenceDir {
  /** Identity (dev:ino) of each folder this process made or entered, as first seen; a folder must keep it. */
  private readonly known = new Map<string, string>();
  /** Folders this process created: nothing is in them but what it wrote. */
  private readonly created = new Set<string>();
  private readonly tmpTag = `${process.pid.toString(16)}${randomBytes(4).toString('hex')}`;
  private tmpSeq = 0;

  private constructor(readonly root: string, readonly label: string, rootId: string) {
    this.known.set(root, rootId);
  }

  /** Opens (creating it 0700 if needed) the folder. Refuses a DIR that is a symlink or not a directory. */
  static async open(dir: string): Promise<EvidenceDir> {
    const abs = resolve(dir);
    let st: Stats | null = await lstat(abs).catch((e: unknown) => {
      if (code(e) === 'ENOENT') return null;
      throw new EvidenceFsError(`cannot use ${dir} (${code(e) ?? 'error'})`);
    });
    if (st === null) {
      await mkdir(dirname(abs), { recursive: true, mode: DIR_MODE }).catch((e: unknown) => {
        throw new EvidenceFsError(`cannot create the parent of ${dir} (${code(e) ?? 'error'})`);
      });
      await mkdir(abs, { mode: DIR_MODE }).catch((e: unknown) => {
        if (code(e) !== 'EEXIST') throw new EvidenceFsError(`cannot create ${dir} (${code(e) ?? 'error'})`);
      });
      st = await lstat(abs);
      if (st.isDirectory()) await chmod(abs, DIR_MODE);
    }
    if (st.isSymbolicLink()) throw new EvidenceFsError(`${dir} is a symlink; refusing to write evidence through it (pass the real path)`);
    if (!st.isDirectory()) throw new EvidenceFsError(`${dir} exists and is not a directory`);
    const real = await realpath(abs);
    return new EvidenceDir(real, dir, idOf(await lstat(real, { bigint: true })));
  }

  /** The absolute path of a `/`-separated relative path, after checking each component's name. */
  abs(rel: string): string {
    const parts = rel.split('/');
    for (const p of parts) {
      const problem = componentProblem(p);
      if (problem) throw new EvidenceFsError(`internal: refusing an unsafe evidence path (${problem})`);
    }
    return join(this.root, ...parts);
  }

  /**
   * Creates (0700) or enters each folder of `parts` under the root, refusing symlinks, non-directories and a
   * folder whose identity changed since this process first saw it. Checked again at every call, never cached.
   */
  async ensureDir(parts: readonly string[]): Promise<string> {
    const paths = [this.root];
    const rels = [this.label];
    for (const p of parts) {
      const problem = componentProblem(p);
      if (problem) throw new EvidenceFsError(`internal: refusing an unsafe folder name (${problem})`);
      paths.push(join(paths.at(-1)!, p));
      rels.push(rels.length === 1 ? p : `${rels.at(-1)!}/${p}`);
    }
    // All at once: for thousands of files in a few folders this is one round of cheap lstats per write.
    const seen = await Promise.all(paths.map(lstatDir));
    let creating = false;
    for (let i = 0; i < paths.length; i++) {
      const path = paths[i]!;
      const rel = rels[i]!;
      let st = creating ? await lstatDir(path) : seen[i]!;
      if (st === null && i > 0) {
        // Missing (never made, or moved away): made anew under the parents just checked; deeper ones too.
        creating = true;
        this.known.delete(path);
        try {
          await mkdir(path, { mode: DIR_MODE });
          await chmod(path, DIR_MODE);
          this.created.add(path);
        } catch (e) {
          this.created.delete(path);
          if (code(e) !== 'EEXIST') throw new EvidenceFsError(`cannot create ${rel} (${code(e) ?? 'error'})`);
        }
        st = await lstatDir(path);
      }
      if (st === null) throw new EvidenceFsError(`${rel} is gone; cannot write evidence into it`);
      if (st instanceof Error) throw new EvidenceFsError(`cannot use ${rel} (${code(st) ?? 'error'})`);
      if (!st.isDirectory() || st.isSymbolicLink()) throw new EvidenceFsError(`refusing to write into ${rel}: it is ${kindOf(st)}, not a folder sleuth made`);
      const was = this.known.get(path);
      if (was === undefined) this.known.set(path, idOf(st));
      else if (was !== idOf(st)) throw new EvidenceFsError(`refusing to write into ${rel}: it was replaced by another folder after sleuth checked it`);
    }
    return paths.at(-1)!;
  }

  /**
   * Holds the just-checked folder `dir` open (Linux) and returns a base path that resolves inside it, so
   * a swap after the check cannot redirect the write. Elsewhere the base is the path itself.
   */
  private async pin(dir: string, rel: string): Promise<{ base: string; pinned: boolean; release: () => Promise<void> }> {
    if (!PIN_BY_FD) return { base: dir, pinned: false, release: async () => undefined };
    const name = rel || this.label;
    const fh = await open(dir, DIR_FLAGS).catch((e: unknown) => {
      throw new EvidenceFsError(code(e) === 'ELOOP' ? `refusing to write into ${name}: it is a symlink` : `cannot use ${name} (${code(e) ?? 'error'})`);
    });
    const st = await fh.stat({ bigint: true }).catch(() => null);
    if (!st || idOf(st) !== this.known.get(dir)) {
      await fh.close();
      throw new EvidenceFsError(`refusing to write into ${name}: it was replaced by another folder after sleuth checked it`);
    }
    return { base: `/proc/self/fd/${fh.fd}`, pinned: true, release: () => fh.close() };
  }

  /** Whether the folder of `rel` was created by this process (so it holds only what this process wrote). */
  inNewFolder(rel: string): boolean {
    const slash = rel.lastIndexOf('/');
    return slash > 0 && this.created.has(this.abs(rel.slice(0, slash)));
  }

  /** Size and mtime of a regular file, null if absent; throws if the name is a symlink or anything else. */
  async statFile(rel: string): Promise<{ size: number; mtimeMs: number } | null> {
    const st = await lstat(this.abs(rel)).catch((e: unknown) => (code(e) === 'ENOENT' || code(e) === 'ENOTDIR' ? null : Promise.reject(e)));
    if (st === null) return null;
    if (!st.isFile()) throw new EvidenceFsError(`refusing ${rel}: it is ${kindOf(st)}`);
    return { size: st.size, mtimeMs: st.mtimeMs };
  }

  /**
   * Atomic write: temp name (O_EXCL|O_NOFOLLOW, 0600) → write → fchmod → fsync → rename.
   * `checked`: the caller has just lstat'ed the destination (statFile) and found no symlink.
   */
  async write(rel: string, data: Uint8Array, opts: { checked?: boolean } = {}): Promise<void> {
    const parts = rel.split('/');
    const dirParts = parts.slice(0, -1);
    const name = parts.at(-1)!;
    const problem = componentProblem(name);
    if (problem) throw new EvidenceFsError(`internal: refusing an unsafe file name (${problem})`);
    const dir = await this.ensureDir(dirParts);
    const { base, pinned, release } = await this.pin(dir, dirParts.join('/'));
    try {
      const dest = join(base, name);
      if (!opts.checked) {
        const existing = await lstat(dest).catch((e: unknown) => (code(e) === 'ENOENT' ? null : Promise.reject(e)));
        if (existing && !existing.isFile()) throw new EvidenceFsError(`refusing to replace ${rel}: it is ${kindOf(existing)}`);
      }
      const tmp = join(base, `${TMP_PREFIX}${this.tmpTag}${(this.tmpSeq++).toString(16)}`);
      const fh = await open(tmp, WRITE_FLAGS, FILE_MODE);
      try {
        try {
          await fh.writeFile(data);
          await fh.chmod(FILE_MODE);
          await fh.sync();
        } finally {
          await fh.close();
        }
        // Without a pinned folder, the chain is checked once more just before the rename (a narrow window remains).
        if (!pinned) await this.ensureDir(dirParts);
        await rename(tmp, dest);
      } catch (e) {
        await unlink(tmp).catch(() => undefined);
        throw e;
      }
    } catch (e) {
      // A raw error would name the /proc/self/fd path; the message names the file instead.
      throw e instanceof EvidenceFsError ? e : new EvidenceFsError(`cannot write ${rel} (${code(e) ?? 'error'})`);
    } finally {
      await release();
    }
  }

  /** Reads a small regular file (never through a symlink), or null when absent. */
  async readSmall(rel: string, maxBytes: number): Promise<Buffer | null> {
    let fh;
    try {
      fh = await open(this.abs(rel), READ_FLAGS);
    } catch (e) {
      if (code(e) === 'ENOENT') return null;
      if (code(e) === 'ELOOP') throw new EvidenceFsError(`refusing ${rel}: it is a symlink`);
      throw new EvidenceFsError(`cannot read ${rel} (${code(e) ?? 'error'})`);
    }
    try {
      const st = await fh.stat();
      if (!st.isFile()) throw new EvidenceFsError(`refusing ${rel}: not a regular file`);
      if (st.size > maxBytes) throw new EvidenceFsError(`${rel} is larger than ${maxBytes} bytes`);
      return await fh.readFile();
    } finally {
      await fh.close();
    }
  }

  /**
   * What is at `rel` now, never through a symlink at its name: a regular file's size and sha256
   * (read in pieces, so any size), what else it is, or null when nothing is there.
   */
  async digest(rel: string): Promise<{ size: number; sha256: string } | { other: string } | null> {
    let fh;
    try {
      fh = await open(this.abs(rel), READ_FLAGS);
    } catch (e) {
      if (code(e) === 'ENOENT' || code(e) === 'ENOTDIR') return null;
      if (code(e) === 'ELOOP') return { other: 'a symlink' };
      throw new EvidenceFsError(`cannot read ${rel} (${code(e) ?? 'error'})`);
    }
    try {
      const st = await fh.stat();
      if (!st.isFile()) return { other: kindOf(st) };
      const hash = createHash('sha256');
      const buf = Buffer.allocUnsafe(1 << 20);
      let size = 0;
      for (;;) {
        const { bytesRead } = await fh.read(buf, 0, buf.length, null);
        if (bytesRead === 0) break;
        hash.update(buf.subarray(0, bytesRead));
        size += bytesRead;
      }
      return { size, sha256: hash.digest('hex') };
    } finally {
      await fh.close();
    }
  }

  /**
   * Renames whatever is at `rel` (file, symlink, anything: never followed, never deleted) to a new
   * name beside it, `<name>.<tag>-<stamp>`, that nothing holds yet. Returns the new relative path.
   */
  async moveAside(rel: string, tag: string, stamp: string): Promise<string> {
    const parts = rel.split('/');
    const dirParts = parts.slice(0, -1);
    const name = parts.at(-1)!;
    const dir = await this.ensureDir(dirParts);
    const { base, release } = await this.pin(dir, dirParts.join('/'));
    try {
      for (let n = 1; n < 1000; n++) {
        const aside = asideName(name, `${tag}-${stamp}${n > 1 ? `-${n}` : ''}`);
        const taken = await lstat(join(base, aside)).then(() => true, (e: unknown) => (code(e) === 'ENOENT' ? false : Promise.reject(e)));
        if (taken) continue;
        await rename(join(base, name), join(base, aside));
        return [...dirParts, aside].join('/');
      }
      throw new EvidenceFsError(`cannot find a free name to keep ${rel} aside`);
    } catch (e) {
      throw e instanceof EvidenceFsError ? e : new EvidenceFsError(`cannot keep ${rel} aside (${code(e) ?? 'error'})`);
    } finally {
      await release();
    }
  }

  /** fsync a folder so renames in it survive a crash of the machine, not only of the process. */
  async syncDir(rel = ''): Promise<void> {
    const path = rel ? this.abs(rel) : this.root;
    let fh;
    try {
      fh = await open(path, constants.O_RDONLY | (constants.O_DIRECTORY ?? 0) | (constants.O_NOFOLLOW ?? 0));
      await fh.sync();
    } catch {
      // Some file systems cannot fsync a directory; the files themselves were fsync'ed.
    } finally {
      await fh?.close();
    }
  }

  /** Removes temporary files a killed run left behind (never following symlinks). Returns how many. */
  async cleanTmp(maxEntries = 2_000_000): Promise<number> {
    let removed = 0;
    let seen = 0;
    const walk = async (dir: string): Promise<void> => {
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        if (++seen > maxEntries) return;
        const path = join(dir, entry.name);
        if (entry.isDirectory()) await walk(path);
        else if (entry.isFile() && entry.name.startsWith(TMP_PREFIX)) {
          await unlink(path).then(() => removed++, () => undefined);
        }
      }
    };
    await walk(this.root);
    return removed;
  }

  /**
   * One download at a time per folder. A lock left by a killed run (its pid is gone) is taken
   * over. Returns the release function.
   */
  async lock(): Promise<() => Promise<void>> {
    const path = join(this.root, LOCK_NAME);
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const fh = await open(path, WRITE_FLAGS, FILE_MODE);
        await fh.writeFile(`${process.pid}\n`);
        await fh.close();
        return async () => {
          await unlink(path).catch(() => undefined);
        };
      } catch (e) {
        if (code(e) !== 'EEXIST') throw new EvidenceFsError(`cannot lock ${this.label} (${code(e) ?? 'error'})`);
      }
      const st = await lstat(path).catch(() => null);
      if (st && !st.isFile()) throw new EvidenceFsError(`${this.label}/${LOCK_NAME} is ${kindOf(st)}; remove it`);
      const pid = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(pid) && pid > 0 && (pid === process.pid || alive(pid))) {
        throw new EvidenceFsError(`another sleuth download (pid ${pid}) is writing ${this.label}; wait for it or stop it`);
      }
      await unlink(path).catch(() => undefined);
    }
    throw new EvidenceFsError(`cannot lock ${this.label}`);
  }
}

/** lstat of a folder on the chain: its stats, null when absent, or the error. */
function lstatDir(path: string): Promise<BigIntStats | null | Error> {
  return lstat(path, { bigint: true }).catch((e: unknown) => (code(e) === 'ENOENT' ? null : e instanceof Error ? e : new Error(String(e))));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return code(e) === 'EPERM';
  }
}
