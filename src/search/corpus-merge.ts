// Several corpora searched as one (a live TUI, `sleuth search DIR --cache`): the evidence folder and the disk cache
// often hold the same step output, once as `step-N.txt` and once as a cache entry. Each thing is read once: a cache
// entry whose step output (host, project, job, step, node) or job commands (host, project, job) an evidence folder
// already holds is left out, because the folder's copy is the one with a custody record. Artifacts are only ever
// in a folder. Every doc keeps its `origin` so a hit can say where it came from.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { obj } from '../api/coerce.js';
import { readEvidenceBytes } from '../source/offline/safe-read.js';
import { BUILD_KEY, CORPUS_LIMITS, decodeSlug, OUTPUT_KEY, type Corpus, type CorpusDoc } from './corpus.js';

/** job-details.json is a few KB; anything far bigger is not one. */
const MAX_JOB_DETAILS_BYTES = 1 << 20;
/** A cache entry's header line (key, size, digest, meta) fits well inside this. */
const MAX_HEADER_BYTES = 16 * 1024;
const FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

export function multiCorpus(parts: readonly Corpus[]): Corpus {
  if (parts.length === 1) return parts[0]!;
  return {
    kind: parts[0]?.kind ?? 'evidence',
    root: parts[0]?.root ?? '',
    label: parts.map((p) => p.label).join(' + '),
    mixed: parts.some((p) => p.kind === 'evidence') && parts.some((p) => p.kind === 'cache'),
    async list() {
      const listed = await Promise.all(parts.map(async (p) => ({ p, ...(await p.list()) })));
      const held = new HeldByEvidence();
      for (const l of listed) if (l.p.kind === 'evidence') await held.add(l.p, l.docs);
      const docs: CorpusDoc[] = [];
      const warnings: string[] = [];
      let n = 0;
      for (const l of listed) {
        warnings.push(...l.warnings);
        for (const d of l.docs) {
          // Reading thousands of headers: let a UI draw now and then.
          if (++n % 256 === 0) await new Promise((r) => setImmediate(r));
          if (d.kind === 'cache-entry' && held.covers(cacheIdentity(d.path))) continue;
          docs.push(d);
        }
      }
      return { docs, warnings };
    },
  };
}

/** What a cache entry is, from its header's key: a step's output or a job's v1.1 build (its commands). */
export interface CacheIdentity {
  /** The CircleCI host the key starts with. */
  host: string;
  project: string;
  job: number;
  /** null for a build (the job's commands). */
  step: number | null;
  node: number | null;
}

/** null when the entry cannot be read or its key is neither kind (it is then kept: never drop what is unknown). */
export function cacheIdentity(path: string): CacheIdentity | null {
  const key = headerKey(path);
  if (key === null) return null;
  const out = OUTPUT_KEY.exec(key);
  if (out) return { host: key.slice(0, out.index), project: decodeSlug(out[1]!), job: Number(out[2]), step: Number(out[3]), node: Number(out[4]) };
  const build = BUILD_KEY.exec(key);
  if (build) return { host: key.slice(0, build.index), project: decodeSlug(build[1]!), job: Number(build[2]), step: null, node: null };
  return null;
}

function headerKey(path: string): string | null {
  let fd: number;
  try {
    fd = openSync(path, FLAGS);
  } catch {
    return null;
  }
  try {
    if (!fstatSync(fd).isFile()) return null;
    const buf = Buffer.alloc(MAX_HEADER_BYTES);
    let got = 0;
    while (got < buf.length) {
      const n = readSync(fd, buf, got, buf.length - got, got);
      if (n === 0) break;
      got += n;
    }
    const nl = buf.subarray(0, got).indexOf(0x0a);
    if (nl <= 0) return null;
    const key = (JSON.parse(buf.subarray(0, nl).toString('utf8')) as { key?: unknown }).key;
    return typeof key === 'string' ? key : null;
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/** Slugs as CircleCI accepts them: `github/` is `gh/`, and names are not case-sensitive. */
const sameSlug = (s: string): string => decodeSlug(s.toLowerCase());
const sameHost = (h: string): string => h.toLowerCase().replace(/\/+$/, '');
const idKey = (project: string, job: number, step: number | null, node: number | null): string => `${sameSlug(project)}\0${job}\0${step ?? '-'}\0${node ?? '-'}`;

/**
 * The step outputs and job commands the evidence folders hold, each with the host it was fetched from (null when the
 * folder has no readable manifest: then the project alone decides). A job whose project cannot be told is not held,
 * so a cache entry of a same-numbered job of another project is never dropped.
 */
class HeldByEvidence {
  readonly #held = new Map<string, Set<string | null>>();

  async add(corpus: Corpus, docs: readonly CorpusDoc[]): Promise<void> {
    const manifest = await readJson(corpus.root, join(corpus.root, 'manifest.json'), CORPUS_LIMITS.maxJsonBytes);
    const host = text(obj(obj(manifest).circleci).host);
    const folderProject = onlyProject(manifest);
    const projects = new Map<string, string | null>();
    for (const d of docs) {
      if (d.kind !== 'txt' && d.kind !== 'json' && d.kind !== 'step-info') continue;
      const job = d.ref.job;
      if (job === null) continue;
      const jobDir = dirname(d.path);
      let project = projects.get(jobDir);
      if (project === undefined) {
        const details = await readJson(corpus.root, join(jobDir, 'job-details.json'), MAX_JOB_DETAILS_BYTES);
        project = text(obj(obj(details).project).slug) ?? folderProject;
        projects.set(jobDir, project);
      }
      if (project === null) continue;
      const key = d.kind === 'step-info' ? idKey(project, job, null, null) : idKey(project, job, d.ref.step, d.ref.node);
      const hosts = this.#held.get(key) ?? new Set();
      hosts.add(host === null ? null : sameHost(host));
      this.#held.set(key, hosts);
    }
  }

  covers(id: CacheIdentity | null): boolean {
    if (id === null) return false;
    const hosts = this.#held.get(idKey(id.project, id.job, id.step, id.node));
    return hosts !== undefined && (hosts.has(null) || hosts.has(sameHost(id.host)));
  }
}

/** The one project every run of the manifest names; null when none or several (a folder reused for two projects). */
function onlyProject(manifest: unknown): string | null {
  const m = obj(manifest);
  const runs = Array.isArray(m.runs) ? m.runs : [];
  const named = new Set([m.query, ...runs.map((r) => obj(r).query)].map((q) => text(obj(q).project)).filter((p): p is string => p !== null));
  return named.size === 1 ? [...named][0]! : null;
}

/** A non-empty string, else null. */
const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

async function readJson(root: string, path: string, max: number): Promise<unknown> {
  try {
    return JSON.parse((await readEvidenceBytes(root, path, path, max)).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
