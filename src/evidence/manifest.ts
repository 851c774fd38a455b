// manifest.json: the record of what is in the folder and where each file came from (NIST SP
// 800-86 / RFC 3227: who, when, from where, with which digest). It is also the record of what is
// done: a file counts only once it is listed here, so a killed run never counts a partial file.
// The manifest is read back on every run, and everything in it is treated as untrusted input.
import { createHash } from 'node:crypto';
import os from 'node:os';
import { isObj } from '../api/coerce.js';
import { isSafeRelPath, safeIndex, safeWorkflowDir } from './safe-name.js';

export const MANIFEST_NAME = 'manifest.json';
export const SUMS_NAME = 'SHA256SUMS';
export const MANIFEST_FORMAT = 'circle-sleuth-evidence';
export const MANIFEST_VERSION = 1;

export type FileKind = 'pipeline' | 'workflow' | 'job-info' | 'job-details' | 'step-info' | 'step-output' | 'step-output-text' | 'artifact' | 'raw-body';

/**
 * A response the downloader could not use (not JSON, nested too deep, a list too long, …). Its body
 * is kept exactly as received in `file` (a `raw-body` file record), so nothing CircleCI sent is lost.
 */
export interface UnparsedRecord {
  /** The API path (relative to `circleci.host`, with its query) or storage URL (presigned query removed). */
  endpoint: string;
  /** Where the body is kept, relative to DIR; null when it could not be fetched again. */
  file: string | null;
  /** Why it could not be used, in one line. */
  reason: string;
  /** UTC, ISO-8601. */
  fetched_at: string;
}

export interface Replacement { sha256: string; size: number; fetched_at: string; replaced_at: string }

export interface FileRecord {
  /** Relative to DIR, `/`-separated. */
  path: string;
  kind: FileKind;
  size: number;
  sha256: string;
  /** The endpoint the bytes came from, presigned query removed (API paths relative to `circleci.host`). */
  source: string | null;
  /** Where the last redirect hop landed (artifacts: the storage URL), query removed. */
  final_url?: string | null;
  /** HTTP status of the response the bytes came from. */
  status: number | null;
  /** UTC, ISO-8601. */
  fetched_at: string;
  content_type?: string | null;
  /** The step output came from sleuth's response cache (fetched_at is when it was first fetched). */
  from_cache?: boolean;
  /** For derived files (`step-N.txt`): the file of record they were made from. */
  derived_from?: string;
  job?: number;
  step?: number;
  node?: number;
  /** Whether what the file describes had finished when it was fetched (finished things are immutable). */
  final?: boolean;
  /** Artifacts: the path exactly as CircleCI listed it (JSON-escaped by the JSON encoding). */
  original_path?: string;
  artifact_node?: number;
  /**
   * Artifacts listed more than once with the same node, path and URL (one upload, listed twice):
   * every listing this one file holds. Absent when the file holds one listing (original_path).
   */
  originals?: { path: string; node: number; url: string }[];
  /** Why the file's name is not the original path. */
  renamed?: string | null;
  /** Artifacts: whether the Circle-Token was offered to the artifact host. */
  credentials?: 'token' | 'none';
  /** Earlier contents this file replaced (a running job refetched, or a damaged file restored). */
  replaced?: Replacement[];
  note?: string;
}

export interface JobEntry {
  number: number;
  workflow_id: string;
  name: string;
  type: string;
  status: string;
  /** The job had finished when downloaded: its evidence will not change again. */
  final: boolean;
  /** Every file of the job is in the folder and listed here. */
  complete: boolean;
  completed_at: string | null;
  notes: string[];
}

export interface WorkflowEntry {
  id: string;
  name: string;
  status: string;
  pipeline_id: string;
  pipeline_number: number | null;
  /** Jobs CircleCI lists without a number (approval jobs): no folder can be made for them. At most MAX_UNNUMBERED. */
  unnumbered_jobs: { id: string; name: string; type: string; status: string }[];
  /** How many there were, when more than `unnumbered_jobs` lists. */
  unnumbered_total?: number;
}

/** Unnumbered jobs listed per workflow: a hostile list of 300,000 must not swell the manifest. */
export const MAX_UNNUMBERED = 1000;
/** Earlier digests kept per file (a running job refetched on every run). */
const MAX_REPLACED = 100;
/** Entries of `unparsed` kept (read back or written). */
export const MAX_UNPARSED = 10_000;

export type TargetRecord =
  | { kind: 'job'; number: number }
  | { kind: 'workflow'; id: string }
  | { kind: 'pipeline'; number: number }
  | { kind: 'project' };

export interface QueryRecord {
  project: string | null;
  window: { since: string | null; until: string | null };
  target: TargetRecord;
}

export interface RunRecord {
  started_at: string;
  finished_at: string | null;
  query: QueryRecord;
  me: { login: string; id: string } | null;
  outcome: 'complete' | 'incomplete' | 'interrupted' | 'running';
  files_written: number;
  files_unchanged: number;
  files_replaced: number;
  bytes_written: number;
  failures: { what: string; error: string }[];
  /** Artifacts and step outputs this run could not fetch for a reason of their own (each also among `failures`). */
  missing?: MissingItem[];
  /** Responses this run could not use (each is in the manifest's `unparsed`). */
  unparsed?: number;
  /** Files this run found changed since recorded (or unrecorded, in the way of a write) and kept aside, never overwritten. */
  tampered?: SetAside[];
}

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  format_version: number;
  tool: { name: string; version: string };
  node: string;
  machine: { hostname: string; user: string | null; platform: string };
  circleci: { host: string; me: { login: string; id: string } | null };
  /** The query of the latest run (every run is in `runs`). */
  query: QueryRecord;
  started_at: string;
  finished_at: string | null;
  complete: boolean;
  runs: RunRecord[];
  workflows: Record<string, WorkflowEntry>;
  jobs: Record<string, JobEntry>;
  files: FileRecord[];
  /** What could not be parsed, and where its body is kept: the folder is complete except these. */
  unparsed: UnparsedRecord[];
  notes: string[];
}

/** The manifest in memory: files by path for quick lookups. */
export class ManifestState {
  readonly files = new Map<string, FileRecord>();
  constructor(readonly manifest: Manifest) {
    for (const f of manifest.files) this.files.set(f.path, f);
  }

  toJSON(): Manifest {
    const files = [...this.files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return { ...this.manifest, files };
  }
}

const SHA = /^[0-9a-f]{64}$/;
const KINDS = new Set<FileKind>(['pipeline', 'workflow', 'job-info', 'job-details', 'step-info', 'step-output', 'step-output-text', 'artifact', 'raw-body']);

/**
 * Reads a manifest back. Returns null when the bytes are not a circle-sleuth manifest at all;
 * entries that do not validate (unsafe paths, bad digests) are dropped with a note, so a
 * tampered manifest can neither point a write outside DIR nor vouch for a file it should not.
 */
export function parseManifest(bytes: Buffer, notes: string[]): Manifest | null {
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch {
    return null;
  }
  if (!isObj(raw) || raw.format !== MANIFEST_FORMAT || typeof raw.format_version !== 'number') return null;
  if (raw.format_version > MANIFEST_VERSION) return null;
  const files: FileRecord[] = [];
  let dropped = 0;
  for (const f of Array.isArray(raw.files) ? raw.files : []) {
    if (!isObj(f) || !isSafeRelPath(f.path) || typeof f.sha256 !== 'string' || !SHA.test(f.sha256) || safeIndex(f.size) === null || !KINDS.has(f.kind as FileKind)) {
      dropped++;
      continue;
    }
    // `replaced` is spread into the next record: anything but a list of earlier digests is dropped.
    if (f.replaced !== undefined) {
      const earlier = replacements(f.replaced);
      if (earlier.length !== (Array.isArray(f.replaced) ? f.replaced.length : -1)) dropped++;
      f.replaced = earlier.length > 0 ? earlier : undefined;
    }
    files.push(f as unknown as FileRecord);
  }
  const jobs: Record<string, JobEntry> = {};
  for (const [k, v] of Object.entries(isObj(raw.jobs) ? raw.jobs : {})) {
    const jobNumber = safeIndex(Number(k));
    if (jobNumber === null || String(jobNumber) !== k || !isObj(v) || safeWorkflowDir(v.workflow_id) === null) {
      dropped++;
      continue;
    }
    jobs[k] = {
      number: jobNumber,
      workflow_id: v.workflow_id as string,
      name: typeof v.name === 'string' ? v.name : '',
      type: typeof v.type === 'string' ? v.type : 'build',
      status: typeof v.status === 'string' ? v.status : 'unknown',
      final: v.final === true,
      complete: v.complete === true,
      completed_at: typeof v.completed_at === 'string' ? v.completed_at : null,
      notes: Array.isArray(v.notes) ? v.notes.filter((x): x is string => typeof x === 'string') : [],
    };
  }
  const unparsed: UnparsedRecord[] = [];
  for (const u of Array.isArray(raw.unparsed) ? raw.unparsed : []) {
    if (unparsed.length >= MAX_UNPARSED) break;
    if (!isObj(u) || typeof u.endpoint !== 'string' || typeof u.reason !== 'string' || (u.file !== null && !isSafeRelPath(u.file))) {
      dropped++;
      continue;
    }
    unparsed.push({ endpoint: u.endpoint, file: u.file as string | null, reason: u.reason, fetched_at: typeof u.fetched_at === 'string' ? u.fetched_at : '' });
  }
  if (dropped > 0) notes.push(`${dropped} entr${dropped === 1 ? 'y' : 'ies'} of the previous manifest did not validate and were ignored`);
  const workflows = isObj(raw.workflows) ? (raw.workflows as Record<string, WorkflowEntry>) : {};
  return {
    ...(raw as unknown as Manifest),
    runs: Array.isArray(raw.runs) ? (raw.runs as RunRecord[]) : [],
    workflows: Object.fromEntries(Object.entries(workflows).filter(([k]) => safeWorkflowDir(k) !== null)),
    jobs,
    files,
    unparsed,
    notes: Array.isArray(raw.notes) ? raw.notes.filter((x): x is string => typeof x === 'string') : [],
  };
}

/** Earlier digests a file record lists, kept only when each is well formed (at most the last MAX_REPLACED). */
function replacements(v: unknown): Replacement[] {
  if (!Array.isArray(v)) return [];
  const ok = v.filter((r): r is Replacement => isObj(r) && typeof r.sha256 === 'string' && SHA.test(r.sha256) && safeIndex(r.size) !== null
    && typeof r.fetched_at === 'string' && typeof r.replaced_at === 'string');
  return ok.length > MAX_REPLACED ? ok.slice(-MAX_REPLACED) : ok;
}

/** Where a run ran: the machine and the OS user (NIST SP 800-61r2: who handled the evidence). */
export function machine(): Manifest['machine'] {
  let user: string | null = null;
  try {
    user = os.userInfo().username;
  } catch {
    user = null;
  }
  return { hostname: os.hostname(), user, platform: `${process.platform}-${process.arch}` };
}

export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * `sha256sum -c` input: `<hex>  <path>` per line, sorted. GNU escapes a name holding a backslash
 * or newline by starting the line with `\`; our names never do, but the format is kept exact.
 */
export function sha256sums(entries: readonly { path: string; sha256: string }[]): string {
  return [...entries]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((e) => {
      const needs = /[\\\n\r]/.test(e.path);
      const name = needs ? e.path.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : e.path;
      return `${needs ? '\\' : ''}${e.sha256}  ${name}\n`;
    })
    .join('');
}

/**
 * One artifact or step output not in the folder for a reason of its own (401, 403, 404, an expired or refused link,
 * too large, a URL refused): the rest of the run is unaffected, and a rerun tries it again.
 */
export interface MissingItem {
  kind: 'artifact' | 'step-output';
  job: number;
  /** Where it would be, relative to DIR (a step output's body of record, `step-<n>[-node-<i>].json`). */
  file: string;
  /** Artifacts: the path as CircleCI listed it. */
  path?: string;
  /** The artifact's node, or the step output's parallel node. */
  node: number;
  step?: number;
  /** The URL asked (presigned query removed; API paths relative to the host). */
  source: string;
  /** The status that said no (null: no answer to count, e.g. a URL refused before asking). */
  status: number | null;
  /** Short, and the same for items that failed alike: "401 needs credentials", "404 gone", "too large". */
  reason: string;
}

/** A file found changed (or something no record named, in the way of a write) and kept aside. */
export interface SetAside {
  /** Where it was, relative to DIR. */
  path: string;
  /** What the manifest recorded at `path`; null when no record named the file that was there. */
  recorded: { sha256: string; size: number } | null;
  /** What was there instead: a file's digest, or what else it was ("a symlink", "a directory"). */
  found: { sha256: string; size: number } | { other: string };
  /** Where it is now, relative to DIR; null when it could not be moved (see `error`: it was left in place). */
  kept_as: string | null;
  error?: string;
  /** UTC, ISO-8601. */
  noticed_at: string;
}
