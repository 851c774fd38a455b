// Names that become paths in an evidence folder. Nothing from the API is ever joined onto a path
// without passing through here: workflow ids must look like ids, numbers must be numbers, and an
// artifact's path is decoded once, validated component by component, and renamed when it is
// unsafe or collides (security.md §4). The original path is kept only in the manifest.
import { posix } from 'node:path';

/** Prefix of our own temporary files: an artifact may never be named like one (they get cleaned up). */
export const TMP_PREFIX = '.sleuth-tmp-';
/** Lock file at the root of DIR while a download runs. */
export const LOCK_NAME = '.sleuth-lock';

const WORKFLOW_ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;

/** A workflow id usable as a folder name (uuid-ish), or null. A hostile id never becomes a path. */
export function safeWorkflowDir(id: unknown): string | null {
  return typeof id === 'string' && WORKFLOW_ID.test(id) ? id : null;
}

/** A non-negative safe integer (job number, step id, node index), or null. */
export function safeIndex(n: unknown): number | null {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : null;
}

/** Short, JSON-escaped form of an untrusted value for messages. */
export function quote(value: unknown, max = 80): string {
  const json = JSON.stringify(typeof value === 'string' ? value : String(value)) ?? '""';
  const escaped = json.replace(/[\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return escaped.length > max ? `${escaped.slice(0, max)}…` : escaped;
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** Invisible and direction-changing characters: legal in file names, but they make a listing lie. */
const INVISIBLE = /[\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\..*)?$/i;
const MAX_COMPONENT_BYTES = 255;
const MAX_DEPTH = 32;
const MAX_PATH_BYTES = 1024;

/**
 * `<name>.<suffix>`, the name shortened (by whole characters) when the two would pass 255 bytes:
 * the name a changed file is kept under beside the one it had.
 */
export function asideName(name: string, suffix: string): string {
  const tail = `.${suffix}`;
  const room = MAX_COMPONENT_BYTES - Buffer.byteLength(tail, 'utf8');
  let head = name;
  if (Buffer.byteLength(head, 'utf8') > room) {
    const chars = Array.from(name);
    while (chars.length > 0 && Buffer.byteLength(chars.join(''), 'utf8') > room) chars.pop();
    head = chars.join('');
  }
  return `${head}${tail}`;
}

/** Why one path component cannot be a file or folder name, or null when it can. */
export function componentProblem(c: string): string | null {
  if (c === '') return 'empty component';
  if (c === '.' || c === '..') return 'dot-dot or dot component';
  if (CONTROL.test(c)) return 'control character';
  if (INVISIBLE.test(c)) return 'invisible or bidi character';
  if (c.includes(':')) return 'colon (drive letter or stream name)';
  if (c.includes('/') || c.includes('\\')) return 'separator';
  if (/[. ]$/.test(c)) return 'trailing dot or space';
  if (RESERVED.test(c)) return 'reserved device name';
  if (c.startsWith(TMP_PREFIX) || c === LOCK_NAME) return 'name reserved by sleuth';
  if (Buffer.byteLength(c, 'utf8') > MAX_COMPONENT_BYTES) return 'component over 255 bytes';
  if (/[\ud800-\udfff]/.test(c.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''))) return 'unpaired surrogate';
  return null;
}

/** A relative `a/b/c` path every component of which is safe (used for manifest entries read back). */
export function isSafeRelPath(rel: unknown): rel is string {
  if (typeof rel !== 'string' || rel === '' || Buffer.byteLength(rel, 'utf8') > 4096) return false;
  const parts = rel.split('/');
  if (parts.length > MAX_DEPTH + 8) return false;
  return parts.every((p) => componentProblem(p) === null);
}

export type PathVerdict = { ok: true; parts: string[] } | { ok: false; reason: string };

/** Percent-decode exactly once; an invalid escape leaves the name as it is. Never decoded twice. */
export function decodeOnce(p: string): string {
  try {
    return decodeURIComponent(p);
  } catch {
    return p;
  }
}

/** Decode once, NFC-normalise, then validate. Never NFKC (fullwidth ．．／ would become ../). */
export function checkArtifactPath(raw: string): PathVerdict {
  const decoded = decodeOnce(raw).normalize('NFC');
  if (decoded === '') return { ok: false, reason: 'empty path' };
  if (/^[\\/]/.test(decoded)) return { ok: false, reason: 'absolute or UNC path' };
  if (/^[A-Za-z]:/.test(decoded)) return { ok: false, reason: 'drive letter' };
  if (Buffer.byteLength(decoded, 'utf8') > MAX_PATH_BYTES) return { ok: false, reason: 'path too long' };
  const parts = decoded.split(/[\\/]/);
  if (parts.length > MAX_DEPTH) return { ok: false, reason: 'path too deep' };
  for (const p of parts) {
    const problem = componentProblem(p);
    if (problem) return { ok: false, reason: problem };
  }
  // Belt and braces: the resolved path must stay strictly inside the root.
  const root = '/evidence-root';
  const rel = posix.relative(root, posix.resolve(root, ...parts));
  if (rel === '' || rel === '..' || rel.startsWith('../') || posix.isAbsolute(rel)) return { ok: false, reason: 'escapes the folder' };
  return { ok: true, parts };
}

export interface NamedArtifact {
  /** Path under `job-<n>/artifacts/`, `/`-separated. */
  rel: string;
  /** Why the name is not the original path (unsafe, collision), if it is not. */
  renamed: string | null;
}

/** Case- and normalisation-insensitive key: two names that collide on macOS or Windows collide here. */
const fold = (s: string): string => s.normalize('NFC').toUpperCase().toLowerCase().normalize('NFC');

/**
 * Gives every artifact of one job a distinct safe name. Deterministic: the same list (in any
 * order) always gets the same names, so a resumed download never writes a second copy.
 * Node 0 keeps its path; node i > 0 goes under `node-<i>/`; an unsafe path becomes `_unsafe/NNNN.bin`.
 * Artifacts are told apart by node, path and URL: one path listed with two URLs (two uploads)
 * gets two names; the same path and URL listed twice is one artifact, one name.
 */
export function nameArtifacts(items: readonly { path: string; node_index: number; url?: string }[]): Map<string, NamedArtifact> {
  const order = items
    .map((a) => ({ key: artifactKey(a.node_index, a.path, a.url), path: a.path, node: a.node_index }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const files = new Set<string>();
  const dirs = new Set<string>();
  const out = new Map<string, NamedArtifact>();
  let seq = 0;
  /** Per colliding name, the next `~i` to try: names are only ever taken, so lower ones stay taken (keeps naming linear). */
  const nextSuffix = new Map<string, number>();

  const conflict = (parts: string[]): 'none' | 'leaf' | 'dir' => {
    const keys = parts.map(fold);
    for (let i = 1; i < keys.length; i++) if (files.has(keys.slice(0, i).join('/'))) return 'dir';
    const full = keys.join('/');
    return files.has(full) || dirs.has(full) ? 'leaf' : 'none';
  };
  const take = (parts: string[]): string => {
    const keys = parts.map(fold);
    for (let i = 1; i < keys.length; i++) dirs.add(keys.slice(0, i).join('/'));
    files.add(keys.join('/'));
    return parts.join('/');
  };
  const unsafeName = (): string[] => {
    for (;;) {
      seq++;
      const parts = ['_unsafe', `${String(seq).padStart(4, '0')}.bin`];
      if (conflict(parts) === 'none') return parts;
    }
  };

  for (const a of order) {
    if (out.has(a.key)) continue; // the same artifact listed twice: one file
    const node = safeIndex(a.node);
    const verdict = checkArtifactPath(a.path);
    if (!verdict.ok || node === null) {
      out.set(a.key, { rel: take(unsafeName()), renamed: node === null ? 'bad node index' : (verdict as { reason: string }).reason });
      continue;
    }
    const parts = node === 0 ? verdict.parts : [`node-${node}`, ...verdict.parts];
    const clash = conflict(parts);
    if (clash === 'none') {
      out.set(a.key, { rel: take(parts), renamed: null });
      continue;
    }
    let chosen: string[] | null = null;
    if (clash === 'leaf') {
      const leaf = parts.at(-1)!;
      const dot = leaf.lastIndexOf('.');
      const [stem, ext] = dot > 0 ? [leaf.slice(0, dot), leaf.slice(dot)] : [leaf, ''];
      const slot = [...parts.slice(0, -1), `${stem}\u0000${ext}`].map(fold).join('/');
      let i = nextSuffix.get(slot) ?? 2;
      for (; i < 1000 && !chosen; i++) {
        const name = `${stem}~${i}${ext}`;
        const candidate = [...parts.slice(0, -1), name];
        if (componentProblem(name) === null && conflict(candidate) === 'none') chosen = candidate;
      }
      nextSuffix.set(slot, i);
    }
    out.set(a.key, { rel: take(chosen ?? unsafeName()), renamed: 'collides with another artifact (same path, or one that differs only in case or normalisation, or a file where a folder must be)' });
  }
  return out;
}

/** Key of a listed artifact in nameArtifacts' map (the URL, when given, tells two uploads of one path apart). */
export function artifactKey(node: number, path: string, url?: string): string {
  return url === undefined ? `${node}\u0000${path}` : `${node}\u0000${path}\u0000${url}`;
}
