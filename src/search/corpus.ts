// The files a search or a scan reads: an evidence folder (the downloader's / the incident guide's layout, walked by
// the offline source's own walker and name patterns) or the disk cache (a JSON header line, then the body). Every
// file is untrusted: opened read-only, never through a symlink, never past a size cap; a bad file is a warning.
import { closeSync, opendirSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { parseStepOutput } from '../api/step-output.js';
import { DEFAULT_LIMITS } from '../source/offline/limits.js';
import { scanEvidence, type StepFiles } from '../source/offline/scan.js';
import { FailError } from '../util/errors.js';
import { openDocChecked, readOpened } from './open-doc.js';
import type { DocRef } from './types.js';

export interface CorpusDoc {
  kind: 'txt' | 'json' | 'step-info' | 'cache-entry' | 'artifact';
  /** Absolute path. */
  path: string;
  /** Known before reading (evidence); a cache entry's is filled in when it is read. */
  ref: DocRef;
  /** The evidence job folder it lies in (one object shared by the job's documents): checked before it is read. */
  job?: JobFolder;
}

/** A job folder as the walk saw it (a real directory, `dir` its real path); `rel` and `folder` name it in messages. */
export interface JobFolder { dir: string; rel: string; folder: string }

export type LoadedDoc =
  | { kind: 'output'; ref: DocRef; bytes: Buffer; length: number }
  | { kind: 'commands'; items: { ref: DocRef; text: string }[] };

export interface Corpus {
  readonly kind: 'evidence' | 'cache';
  /** Real path of the folder searched. */
  readonly root: string;
  /** How messages name it. */
  readonly label: string;
  /** True when it joins an evidence folder and the cache (corpus-merge.ts): hits then say where they came from. */
  readonly mixed?: boolean;
  list(): Promise<{ docs: CorpusDoc[]; warnings: string[] }>;
}

export interface CorpusLimits {
  maxEntries: number;
  /** One step output (or cache entry). */
  maxFileBytes: number;
  /** One step-info.json. */
  maxJsonBytes: number;
}

export const CORPUS_LIMITS: CorpusLimits = {
  maxEntries: DEFAULT_LIMITS.maxEntries,
  maxFileBytes: DEFAULT_LIMITS.maxOutputBytes,
  maxJsonBytes: DEFAULT_LIMITS.maxJsonBytes,
};

function realDir(dir: string, what: string): string {
  const abs = resolve(dir);
  let st;
  try {
    st = statSync(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new FailError(`${what} ${dir} does not exist`);
    throw new FailError(`${what} ${dir} cannot be read (${code ?? 'error'})`);
  }
  if (!st.isDirectory()) throw new FailError(`${what} ${dir} is not a directory`);
  return realpathSync(abs);
}

const rel = (root: string, path: string): string => relative(root, path).split(sep).join('/');

/**
 * Whether a job folder is still the real directory the walk saw, not a symlink swapped in since (opening a file
 * with O_NOFOLLOW only refuses a link in its last name). realpath checks every component at once.
 */
function stillInPlace(job: JobFolder): boolean {
  try {
    return realpathSync.native(job.dir) === job.dir;
  } catch {
    return false;
  }
}

const movedWarning = (job: JobFolder): string => `${job.rel}: is no longer a folder inside ${job.folder}; skipped`;

/** A job's outputs in step, then node order: `key` is stepKey's `<step>:<node>`. */
function stepsInOrder(steps: ReadonlyMap<string, StepFiles>): { step: number; node: number; files: StepFiles }[] {
  const out: { step: number; node: number; files: StepFiles }[] = [];
  for (const [key, files] of steps) {
    const colon = key.indexOf(':');
    out.push({ step: Number(key.slice(0, colon)), node: Number(key.slice(colon + 1)), files });
  }
  return out.sort((a, b) => a.step - b.step || a.node - b.node);
}

/** An evidence folder: DIR/<workflow-id>/job-<n>/step-<s>[-node-<i>].txt|.json and step-info.json. */
export function evidenceCorpus(dir: string, limits: CorpusLimits = CORPUS_LIMITS): Corpus {
  const root = realDir(dir, 'evidence folder');
  return {
    kind: 'evidence',
    root,
    label: dir,
    async list() {
      const scan = await scanEvidence(root, limits.maxEntries);
      const warnings = [...scan.warnings];
      const artifactBudget: ArtifactBudget = { left: limits.maxEntries, max: limits.maxEntries, warned: false };
      const docs: CorpusDoc[] = [];
      for (const wf of scan.workflows) {
        for (const sj of wf.jobs) {
          // The walk saw a real directory: whether it still is one is checked when a document of it is read
          // (CorpusReader), so a search on rg pays that only for the jobs rg names.
          const job: JobFolder = { dir: sj.dir, rel: sj.rel, folder: dir };
          const workflowId = wf.id;
          const number = sj.number;
          // The walk built job.dir as DIR's real path plus names it checked: the relative name needs no path maths.
          const relName = (path: string): string => `${sj.rel}/${path.slice(sj.dir.length + 1)}`;
          for (const s of stepsInOrder(sj.steps)) {
            // The .txt is the text the log pane shows (line numbers agree); the .json body only when alone.
            const path = s.files.txt ?? s.files.json;
            if (path === undefined) continue;
            const ref: DocRef = { file: relName(path), workflowId, job: number, origin: 'evidence', step: s.step, node: s.node, field: 'output' };
            docs.push({ kind: s.files.txt ? 'txt' : 'json', path, ref, job });
          }
          if (sj.files.has('step-info.json')) {
            const path = join(sj.dir, 'step-info.json');
            docs.push({ kind: 'step-info', path, ref: { file: relName(path), workflowId, job: number, origin: 'evidence', step: null, node: null, field: 'bash_command' }, job });
          }
          if (sj.artifactsDir === undefined) continue;
          // The artifact walk lists inside the job folder now: not through a symlink swapped in since the walk.
          if (!stillInPlace(job)) {
            warnings.push(movedWarning(job));
            continue;
          }
          for (const path of walkArtifacts(sj.artifactsDir, `${sj.rel}/artifacts`, artifactBudget, warnings)) {
            docs.push({ kind: 'artifact', path, ref: { file: relName(path), workflowId, job: number, origin: 'evidence', step: null, node: null, field: 'artifact' }, job });
          }
        }
      }
      return { docs, warnings };
    },
  };
}

/** Entries the artifact walk may still look at across the folder; one warning when it runs out. */
interface ArtifactBudget { left: number; max: number; warned: boolean }

/** Artifacts nest as deep as the job stored them; deeper than this is not a real artifact tree. */
const MAX_ARTIFACT_DEPTH = 32;

/**
 * Every regular file under a job's artifacts folder, in name order: directories walked through their stream (never
 * a whole huge listing at once), symlinks never followed, at most `budget.left` entries across the folder.
 */
function walkArtifacts(dir: string, rel: string, budget: ArtifactBudget, warnings: string[], depth = 0): string[] {
  const files: string[] = [];
  if (depth > MAX_ARTIFACT_DEPTH) {
    warnings.push(`${rel}: nested deeper than ${MAX_ARTIFACT_DEPTH} folders; not searched`);
    return files;
  }
  const entries: { name: string; dir: boolean }[] = [];
  let handle;
  try {
    handle = opendirSync(dir, { bufferSize: 1024 });
  } catch (e) {
    warnings.push(`${rel}: cannot list (${(e as NodeJS.ErrnoException).code ?? 'error'}); not searched`);
    return files;
  }
  try {
    for (let d = handle.readSync(); d !== null; d = handle.readSync()) {
      if (budget.left <= 0) {
        if (!budget.warned) warnings.push(`${rel}: stopped after ${budget.max} artifact entries; the rest is not searched`);
        budget.warned = true;
        break;
      }
      budget.left--;
      if (d.isFile() || d.isDirectory()) entries.push({ name: d.name, dir: d.isDirectory() });
    }
  } catch {
    // A folder that vanishes mid-walk keeps what was listed.
  } finally {
    handle.closeSync();
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.dir) files.push(...walkArtifacts(path, `${rel}/${e.name}`, budget, warnings, depth + 1));
    else files.push(path);
  }
  return files;
}

/** The disk cache (`--cache`): step output entries and v1.1 builds (for their commands). */
export function cacheCorpus(cacheDir: string, limits: CorpusLimits = CORPUS_LIMITS): Corpus {
  const top = realDir(cacheDir, 'cache directory');
  const root = join(top, 'v1');
  return {
    kind: 'cache',
    root: top,
    label: cacheDir,
    async list() {
      const warnings: string[] = [];
      const docs: CorpusDoc[] = [];
      let seen = 0;
      let shards: import('node:fs').Dirent[] = [];
      try {
        shards = readdirSync(root, { withFileTypes: true });
      } catch {
        return { docs, warnings: [`${cacheDir} has no cache entries yet`] };
      }
      for (const shard of shards.sort((a, b) => (a.name < b.name ? -1 : 1))) {
        if (!shard.isDirectory() || !/^[0-9a-f]{2}$/.test(shard.name)) continue;
        let entries: import('node:fs').Dirent[] = [];
        try {
          entries = readdirSync(join(root, shard.name), { withFileTypes: true });
        } catch {
          continue;
        }
        for (const e of entries) {
          if (++seen > limits.maxEntries) {
            warnings.push(`stopped after ${limits.maxEntries} cache entries`);
            return { docs, warnings };
          }
          if (!e.isFile() || !/^[0-9a-f]{64}\.entry$/.test(e.name)) continue;
          const path = join(root, shard.name, e.name);
          docs.push({ kind: 'cache-entry', path, ref: { file: rel(top, path), workflowId: null, job: null, step: null, node: null, field: 'output', origin: 'cache' } });
        }
      }
      return { docs, warnings };
    },
  };
}

/** `output:<vcs>/<org>/<repo>/<job>/<step>/<node>` at the end of a step-output cache key. */
export const OUTPUT_KEY = /output:([^/\s]+\/[^/\s]+\/[^/\s]+)\/(\d{1,12})\/(\d{1,10})\/(\d{1,6})$/;
/** `/api/v1.1/project/<vcs>/<org>/<repo>/<job>` at the end of a build cache key. */
export const BUILD_KEY = /\/api\/v1\.1\/project\/([^/\s]+\/[^/\s]+\/[^/\s]+)\/(\d{1,12})$/;

/** Reads corpus documents one at a time into a reused buffer (a search holds one file's bytes at a time). */
export class CorpusReader {
  #buf = Buffer.allocUnsafe(4 << 20);
  /** Job folder → still the real directory the walk saw; each checked once. */
  readonly #jobs = new Map<string, boolean>();
  readonly warnings: string[] = [];

  constructor(private readonly corpus: Corpus, private readonly limits: CorpusLimits = CORPUS_LIMITS) {}

  /**
   * The document's text, or null (with a warning) when it cannot be read. An output's `bytes` is only valid until
   * the next call: copy what you keep.
   */
  load(doc: CorpusDoc): LoadedDoc | null {
    if (!this.inPlace(doc)) return null;
    const max = doc.kind === 'step-info' ? this.limits.maxJsonBytes : this.limits.maxFileBytes;
    const got = this.#read(doc, max);
    if (got === null) return null;
    const { bytes, length } = got;
    switch (doc.kind) {
      case 'txt':
      case 'artifact':
        return { kind: 'output', ref: doc.ref, bytes, length };
      case 'json': {
        const text = parseStepOutput(bytes.subarray(0, length)).text;
        const out = Buffer.from(text, 'utf8');
        return { kind: 'output', ref: doc.ref, bytes: out, length: out.length };
      }
      case 'step-info':
        return { kind: 'commands', items: commandsOf(bytes.subarray(0, length), doc.ref, null, this.warnings) };
      case 'cache-entry':
        return this.#cacheEntry(doc, bytes, length);
    }
  }

  /**
   * False when the document's job folder was swapped for something else (a symlink) since the walk: none of that
   * job is read. The warning goes to `warnings`, once per job.
   */
  inPlace(doc: CorpusDoc, warnings: string[] = this.warnings): boolean {
    const job = doc.job;
    if (job === undefined) return true;
    let ok = this.#jobs.get(job.dir);
    if (ok === undefined) {
      ok = stillInPlace(job);
      this.#jobs.set(job.dir, ok);
      if (!ok) warnings.push(movedWarning(job));
    }
    return ok;
  }

  #cacheEntry(doc: CorpusDoc, bytes: Buffer, length: number): LoadedDoc | null {
    const nl = bytes.subarray(0, Math.min(length, 64 * 1024)).indexOf(0x0a);
    if (nl <= 0) return null;
    let header: { v?: unknown; key?: unknown; size?: unknown };
    try {
      header = JSON.parse(bytes.subarray(0, nl).toString('utf8')) as typeof header;
    } catch {
      return null;
    }
    const body = bytes.subarray(nl + 1, length);
    if (header.v !== 1 || typeof header.key !== 'string' || header.size !== body.length) return null;
    const out = OUTPUT_KEY.exec(header.key);
    if (out) {
      const ref: DocRef = { ...doc.ref, project: decodeSlug(out[1]!), job: Number(out[2]), step: Number(out[3]), node: Number(out[4]), field: 'output' };
      const text = Buffer.from(parseStepOutput(body).text, 'utf8');
      return { kind: 'output', ref, bytes: text, length: text.length };
    }
    const build = BUILD_KEY.exec(header.key);
    if (build) {
      const ref: DocRef = { ...doc.ref, project: decodeSlug(build[1]!), job: Number(build[2]), field: 'bash_command' };
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch {
        return null;
      }
      const steps = (parsed as { steps?: unknown }).steps;
      const actions = Array.isArray(steps) ? steps.flatMap((s) => ((s as { actions?: unknown }).actions as unknown[] | undefined) ?? []) : [];
      return { kind: 'commands', items: commandsFromActions(actions, ref) };
    }
    return null;
  }

  #read(doc: CorpusDoc, max: number): { bytes: Buffer; length: number } | null {
    const label = doc.ref.file;
    const opened = openDocChecked(doc.path, label, max, this.warnings);
    if (!opened) return null;
    const { fd, size } = opened;
    try {
      if (size > this.#buf.length) this.#buf = Buffer.allocUnsafe(Math.max(size, this.#buf.length * 2));
      return { bytes: this.#buf, length: readOpened(fd, this.#buf, size) };
    } catch (e) {
      this.warnings.push(`${label}: cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
      return null;
    } finally {
      closeSync(fd);
    }
  }
}

export function decodeSlug(s: string): string {
  try {
    return s.split('/').map(decodeURIComponent).join('/').replace(/^github\//, 'gh/').replace(/^bitbucket\//, 'bb/');
  } catch {
    return s;
  }
}

/** step-info.json: the seed's flat list of actions `{step, index, name, bash_command, …}`. */
function commandsOf(bytes: Buffer, ref: DocRef, _project: string | null, warnings: string[]): { ref: DocRef; text: string }[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    warnings.push(`${ref.file}: not valid JSON; its commands were not searched`);
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return commandsFromActions(parsed, ref);
}

function commandsFromActions(actions: unknown[], ref: DocRef): { ref: DocRef; text: string }[] {
  const out: { ref: DocRef; text: string }[] = [];
  const seen = new Set<string>();
  for (const a of actions) {
    if (typeof a !== 'object' || a === null) continue;
    const { step, index, bash_command: cmd } = a as { step?: unknown; index?: unknown; bash_command?: unknown };
    if (typeof cmd !== 'string' || cmd === '') continue;
    const s = typeof step === 'number' && Number.isSafeInteger(step) ? step : null;
    const n = typeof index === 'number' && Number.isSafeInteger(index) ? index : 0;
    // Every parallel node runs the same command: search it once per step.
    const key = `${s}:${cmd}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ ref: { ...ref, step: s, node: n, field: 'bash_command' }, text: cmd });
  }
  return out;
}
