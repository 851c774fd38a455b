// `sleuth verify DIR`: does the folder hold exactly what its manifest.json records? Every recorded
// file is read (never through a symlink) and compared with its size and sha256; SHA256SUMS must
// agree with the manifest (and vouch for manifest.json itself); anything in the folder no record
// names is listed. Files a download kept aside (changed since recorded, see tamper.ts) are named
// as such, not as unknown extras. Read only: it creates, changes and follows nothing.
import type { Dirent } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { isObj } from '../api/coerce.js';
import { EvidenceDir, EvidenceFsError } from './fs.js';
import { MANIFEST_NAME, parseManifest, sha256, SUMS_NAME, type Manifest } from './manifest.js';
import { isSafeRelPath } from './safe-name.js';

export type DifferenceKind = 'missing' | 'size' | 'sha256' | 'not-a-file' | 'symlink' | 'extra' | 'sums' | 'manifest';

export interface Difference {
  kind: DifferenceKind;
  /** Relative to DIR, `/`-separated; null for the folder as a whole. Untrusted when from the folder (kind extra, symlink). */
  path: string | null;
  detail: string;
}

export interface VerifyReport {
  dir: string;
  /** Files the manifest records, and how many of them match. */
  recorded: number;
  matched: number;
  differences: Difference[];
  /** Files a download kept aside (changed since recorded), as its run recorded them. */
  keptAside: { path: string; was: string; noticed_at: string }[];
  /** What the manifest says about itself (not differences): an incomplete folder, the last run's outcome. */
  notes: string[];
}

/** DIR cannot be verified at all: no folder, no manifest, not a circle-sleuth manifest. */
export class NotEvidenceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotEvidenceError';
  }
}

const MAX_MANIFEST_BYTES = 256 * 1024 * 1024;
const MAX_ENTRIES = 2_000_000;
const READERS = 4;
const BOOKKEEPING = new Set([MANIFEST_NAME, SUMS_NAME]);

type EntryType = 'file' | 'dir' | 'symlink' | 'other';

export async function verifyEvidence(dirArg: string): Promise<VerifyReport> {
  const abs = resolve(dirArg);
  const st = await lstat(abs).catch(() => null);
  if (!st) throw new NotEvidenceError(`${dirArg}: no such folder`);
  if (st.isSymbolicLink()) throw new NotEvidenceError(`${dirArg} is a symlink; pass the real path (sleuth never follows one)`);
  if (!st.isDirectory()) throw new NotEvidenceError(`${dirArg} is not a folder`);
  const dir = await EvidenceDir.open(abs);
  const bytes = await dir.readSmall(MANIFEST_NAME, MAX_MANIFEST_BYTES).catch((e: unknown) => {
    throw new NotEvidenceError(`${dirArg}: ${e instanceof EvidenceFsError ? e.message : 'cannot read manifest.json'}`);
  });
  if (!bytes) throw new NotEvidenceError(`${dirArg} has no manifest.json: not an evidence folder`);
  const dropped: string[] = [];
  const manifest = parseManifest(bytes, dropped);
  if (!manifest) throw new NotEvidenceError(`${dirArg}/manifest.json is not a circle-sleuth manifest`);

  const differences: Difference[] = dropped.map((d) => ({ kind: 'manifest', path: MANIFEST_NAME, detail: d }));
  const records = new Map(manifest.files.map((f) => [f.path, f]));
  const entries = await walk(dir.root);
  const aside = keptAside(manifest);

  // Every recorded file: present, a regular file, the recorded size and sha256.
  let matched = 0;
  const list = [...records.values()];
  let next = 0;
  const reader = async (): Promise<void> => {
    while (next < list.length) {
      const rec = list[next++]!;
      const problem = await checkFile(dir, rec.path, rec.size, rec.sha256, entries, aside);
      if (problem) differences.push(problem);
      else matched++;
    }
  };
  await Promise.all(Array.from({ length: READERS }, reader));

  differences.push(...(await checkSums(dir, manifest, bytes)));

  // Whatever is in the folder that no record names.
  const keptAsideFound: VerifyReport['keptAside'] = [];
  for (const [rel, type] of entries) {
    if (type === 'dir' || records.has(rel) || BOOKKEEPING.has(rel)) continue;
    const kept = aside.get(rel);
    if (kept && type === 'file') keptAsideFound.push({ path: rel, ...kept });
    else if (type === 'symlink') differences.push({ kind: 'symlink', path: rel, detail: 'a symlink no record names (not followed)' });
    else differences.push({ kind: 'extra', path: rel, detail: type === 'file' ? 'a file no record names' : 'something no record names, not a regular file' });
  }
  if (entries.size >= MAX_ENTRIES) differences.push({ kind: 'extra', path: null, detail: `more than ${MAX_ENTRIES} entries: the rest of the folder was not looked at` });

  const notes: string[] = [];
  const last = manifest.runs.at(-1);
  if (!manifest.complete) notes.push(`the manifest says the folder is not complete${isObj(last) && typeof last.outcome === 'string' ? ` (last run: ${last.outcome})` : ''}`);
  const order = (a: Difference, b: Difference): number => ((a.path ?? '') < (b.path ?? '') ? -1 : (a.path ?? '') > (b.path ?? '') ? 1 : a.kind < b.kind ? -1 : 1);
  return { dir: dir.root, recorded: records.size, matched, differences: differences.sort(order), keptAside: keptAsideFound.sort((a, b) => (a.path < b.path ? -1 : 1)), notes };
}

/** One recorded file against what is on disk; null when it matches. */
async function checkFile(dir: EvidenceDir, rel: string, size: number, digest: string, entries: Map<string, EntryType>, aside: Map<string, { was: string }>): Promise<Difference | null> {
  const type = entries.get(rel);
  if (type === undefined) {
    const parts = rel.split('/');
    for (let i = 1; i < parts.length; i++) {
      const up = entries.get(parts.slice(0, i).join('/'));
      if (up === 'symlink') return { kind: 'symlink', path: rel, detail: `is behind a symlink (${parts.slice(0, i).join('/')}), not followed` };
      if (up !== undefined && up !== 'dir') return { kind: 'not-a-file', path: rel, detail: `${parts.slice(0, i).join('/')} is not a folder` };
    }
    const kept = [...aside.entries()].find(([, v]) => v.was === rel);
    return { kind: 'missing', path: rel, detail: kept ? `is missing (its changed copy was kept aside as ${kept[0]})` : 'is missing' };
  }
  if (type === 'symlink') return { kind: 'symlink', path: rel, detail: 'is a symlink (not followed)' };
  if (type !== 'file') return { kind: 'not-a-file', path: rel, detail: `is ${type === 'dir' ? 'a folder' : 'not a regular file'}` };
  const found = await dir.digest(rel).catch((e: unknown) => ({ other: e instanceof Error ? e.message : 'unreadable' }));
  if (found === null) return { kind: 'missing', path: rel, detail: 'is missing (it went while being verified)' };
  if ('other' in found) return { kind: 'not-a-file', path: rel, detail: `is ${found.other}` };
  if (found.size !== size) return { kind: 'size', path: rel, detail: `has ${found.size} bytes, recorded ${size}` };
  if (found.sha256 !== digest) return { kind: 'sha256', path: rel, detail: `has sha256 ${found.sha256}, recorded ${digest}` };
  return null;
}

/** SHA256SUMS against the manifest: the same files with the same digests, plus manifest.json's own. */
async function checkSums(dir: EvidenceDir, manifest: Manifest, manifestBytes: Buffer): Promise<Difference[]> {
  const out: Difference[] = [];
  const sumsDiff = (path: string | null, detail: string): void => {
    out.push({ kind: 'sums', path, detail });
  };
  let text: Buffer | null;
  try {
    text = await dir.readSmall(SUMS_NAME, MAX_MANIFEST_BYTES);
  } catch (e) {
    sumsDiff(SUMS_NAME, e instanceof Error ? e.message : 'cannot be read');
    return out;
  }
  if (!text) {
    sumsDiff(SUMS_NAME, 'is missing');
    return out;
  }
  const sums = new Map<string, string>();
  let lineNo = 0;
  for (const line of text.toString('utf8').split('\n')) {
    lineNo++;
    if (line === '') continue;
    // GNU format: `<hex>  <name>` (or ` *<name>`); a leading `\` means the name is escaped.
    const hit = /^(\\?)([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (!hit) {
      sumsDiff(SUMS_NAME, `line ${lineNo} is not a sha256sum line`);
      continue;
    }
    const name = hit[1] ? hit[3]!.replace(/\\(\\|n|r)/g, (_, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : '\\')) : hit[3]!;
    if (sums.has(name)) sumsDiff(isSafeRelPath(name) ? name : null, `is listed twice in ${SUMS_NAME}`);
    sums.set(name, hit[2]!);
  }
  for (const f of manifest.files) {
    const listed = sums.get(f.path);
    if (listed === undefined) sumsDiff(f.path, `is recorded in the manifest but not listed in ${SUMS_NAME}`);
    else if (listed !== f.sha256) sumsDiff(f.path, `${SUMS_NAME} gives sha256 ${listed}, the manifest ${f.sha256}`);
  }
  const manifestDigest = sums.get(MANIFEST_NAME);
  if (manifestDigest === undefined) sumsDiff(MANIFEST_NAME, `is not listed in ${SUMS_NAME}`);
  else if (manifestDigest !== sha256(manifestBytes)) sumsDiff(MANIFEST_NAME, `changed since ${SUMS_NAME} was written (its sha256 is not the one listed)`);
  const recorded = new Set(manifest.files.map((f) => f.path));
  for (const name of sums.keys()) {
    if (name !== MANIFEST_NAME && !recorded.has(name)) sumsDiff(isSafeRelPath(name) ? name : null, `${SUMS_NAME} lists ${isSafeRelPath(name) ? 'a file' : 'an unsafe name'} the manifest does not record`);
  }
  return out;
}

/** kept_as → (recorded path, when) for each file a run recorded as kept aside; hostile entries ignored. */
function keptAside(manifest: Manifest): Map<string, { was: string; noticed_at: string }> {
  const out = new Map<string, { was: string; noticed_at: string }>();
  for (const run of Array.isArray(manifest.runs) ? manifest.runs : []) {
    const list: unknown = isObj(run) ? (run as unknown as Record<string, unknown>).tampered : undefined;
    for (const t of Array.isArray(list) ? list : []) {
      if (!isObj(t) || !isSafeRelPath(t.kept_as) || !isSafeRelPath(t.path)) continue;
      out.set(t.kept_as, { was: t.path, noticed_at: typeof t.noticed_at === 'string' ? t.noticed_at : '' });
    }
  }
  return out;
}

/** Every entry under `root`, relative, never following a symlink (a symlinked folder is an entry, not descended). */
async function walk(root: string): Promise<Map<string, EntryType>> {
  const out = new Map<string, EntryType>();
  const go = async (abs: string, rel: string): Promise<void> => {
    let list: Dirent[];
    try {
      list = await readdir(abs, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of list) {
      if (out.size >= MAX_ENTRIES) return;
      const entryRel = rel ? `${rel}/${e.name}` : e.name;
      const type: EntryType = e.isSymbolicLink() ? 'symlink' : e.isDirectory() ? 'dir' : e.isFile() ? 'file' : 'other';
      out.set(entryRel, type);
      if (type === 'dir') await go(join(abs, e.name), entryRel);
    }
  };
  await go(root, '');
  return out;
}
