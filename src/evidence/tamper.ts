// A rerun over a folder first reads every file the manifest records and compares it with its
// recorded sha256 (a size check alone misses a changed byte). A file that no longer matches, or
// that something else (a symlink, a folder) has replaced, is never overwritten and never deleted:
// it is renamed beside its place (`<name>.tampered-<UTC stamp>`), recorded in the run and said on
// stderr, and the run fetches a fresh copy of what was recorded there.
import type { EvidenceDir } from './fs.js';
import type { FileRecord, SetAside } from './manifest.js';

export type { SetAside } from './manifest.js';


/** Files read at once: enough to keep a disk busy, few enough for two cores. */
const READERS = 4;

/** `20261204T161607Z`: a UTC time that is a valid, sortable part of a file name on every system. */
export function asideStamp(at: Date): string {
  return at.toISOString().replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '');
}

/**
 * Checks each recorded file against its size and sha256 and keeps aside every one that differs.
 * A missing file is not tampering (an earlier run was killed, or it was deleted): the run
 * fetches it again as before. Stops early, unfinished, when `signal` aborts.
 */
export async function setAsideTampered(dir: EvidenceDir, files: readonly FileRecord[], now: () => Date, signal?: AbortSignal): Promise<SetAside[]> {
  const out: SetAside[] = [];
  let next = 0;
  const reader = async (): Promise<void> => {
    while (next < files.length && !signal?.aborted) {
      const rec = files[next++]!;
      const found = await dir.digest(rec.path).catch((e: unknown) => ({ other: `unreadable (${e instanceof Error ? e.message : String(e)})` }));
      if (found === null || ('sha256' in found && found.sha256 === rec.sha256 && found.size === rec.size)) continue;
      out.push(await keepAside(dir, rec.path, { sha256: rec.sha256, size: rec.size }, found, now()));
    }
  };
  await Promise.all(Array.from({ length: READERS }, reader));
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Renames what is at `rel` aside (never deleting it) and says what was done. */
export async function keepAside(dir: EvidenceDir, rel: string, recorded: SetAside['recorded'], found: SetAside['found'], at: Date): Promise<SetAside> {
  const tag = recorded ? 'tampered' : 'unrecorded';
  const base = { path: rel, recorded, found, noticed_at: at.toISOString() };
  try {
    return { ...base, kept_as: await dir.moveAside(rel, tag, asideStamp(at)) };
  } catch (e) {
    return { ...base, kept_as: null, error: e instanceof Error ? e.message : String(e) };
  }
}

/** One line about a file kept aside, for stderr and the result's notes (names are safe: they passed the manifest's checks). */
export function describeSetAside(aside: SetAside): string {
  const what = 'other' in aside.found ? aside.found.other : `${aside.found.size} bytes, sha256 ${aside.found.sha256.slice(0, 12)}…`;
  const why = aside.recorded
    ? `no longer matches its recorded sha256 ${aside.recorded.sha256.slice(0, 12)}… (${aside.recorded.size} bytes); found ${what}`
    : `held ${what} that no record names, where a fetched file goes`;
  const where = aside.kept_as ? `kept aside as ${aside.kept_as}` : `left in place: ${aside.error ?? 'could not be moved'}`;
  return `${aside.path} ${why}; ${where}`;
}
