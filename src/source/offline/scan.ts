// One bounded walk over an evidence folder: DIR/<workflow-id>/job-<n>/… . Only real directories
// and regular files whose names match the layout are recorded; symlinks are never followed (a
// symlink with a layout name is reported, anything else is ignored without a word).
import { opendirSync, readdirSync, statSync, type Dirent } from 'node:fs';
import { basename, join, sep } from 'node:path';
import {
  isJobFile, isWorkflowDirName, isWorkflowFile, parseJobDir, parseStepFile, stepKey,
  type JobFile, type WorkflowFile,
} from './names.js';

export interface StepFiles { txt?: string; json?: string }

export interface ScannedJob {
  number: number;
  /** Path relative to DIR, for messages. */
  rel: string;
  dir: string;
  files: Set<JobFile>;
  /** `${step}:${node}` → absolute paths of its output files. */
  steps: Map<string, StepFiles>;
  /** The job's `artifacts/` folder (a real directory), when the download kept artifacts. */
  artifactsDir?: string;
}

export interface ScannedWorkflow {
  id: string;
  rel: string;
  dir: string;
  files: Set<WorkflowFile>;
  jobs: ScannedJob[];
}

export interface ScanResult {
  workflows: ScannedWorkflow[];
  manifest: boolean;
  warnings: string[];
}

/** A listed entry as the listing gave it (no copy per entry: a 13,600-file folder made ~14,000 objects for GC). */
type Entry = Dirent;

class Budget {
  used = 0;
  exhausted = false;
  constructor(readonly max: number, readonly warnings: string[]) {}
}

/** A directory this size or smaller holds a few thousand entries at most (ext4, xfs, btrfs, tmpfs alike). */
const SMALL_DIR_BYTES = 256 * 1024;

/**
 * At most `budget.max` entries across the whole walk; names are sorted so "first" is stable. A small directory is
 * read in one call; a big one through the directory stream, so a hostile folder with millions of entries is never
 * listed whole into memory. Both synchronous: a promise per entry made a 600-file folder take ~50 ms, not ~3.
 */
async function list(dir: string, rel: string, budget: Budget): Promise<Entry[]> {
  const out: Entry[] = [];
  if (budget.exhausted) return out;
  const add = (d: Dirent): boolean => {
    if (budget.used >= budget.max) {
      budget.exhausted = true;
      return false;
    }
    budget.used++;
    out.push(d);
    return true;
  };
  const sorted = (): Entry[] => out.sort(byName);
  let small: Dirent[] | null = null;
  try {
    if (statSync(dir).size <= SMALL_DIR_BYTES) small = readdirSync(dir, { withFileTypes: true });
  } catch {
    // The stream below says what went wrong.
  }
  if (small) {
    for (const d of small) if (!add(d)) break;
    return sorted();
  }
  let handle;
  try {
    handle = opendirSync(dir, { bufferSize: 1024 });
  } catch (e) {
    budget.warnings.push(`${rel || '.'}: cannot list (${(e as NodeJS.ErrnoException).code ?? 'error'}); skipped`);
    return out;
  }
  try {
    for (let d = handle.readSync(); d !== null; d = handle.readSync()) if (!add(d)) break;
  } catch {
    // A directory that vanishes or errors mid-walk keeps what was listed so far.
  } finally {
    try {
      handle.closeSync();
    } catch {
      // already closed
    }
  }
  return sorted();
}

const byName = (a: Entry, b: Entry): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

const joinRel = (a: string, b: string): string => (a === '' ? b : `${a}/${b}`);

/**
 * `dir` and a name listed in it, for a `dir` that path.join already normalised (no trailing separator) and a name
 * the layout accepted (never `.`, `..` or a separator): the same string as join() without its normalising pass,
 * whose intermediate strings were most of the walk's garbage.
 */
const inside = (dir: string, name: string): string => dir + sep + name;

export async function scanEvidence(root: string, maxEntries: number): Promise<ScanResult> {
  const warnings: string[] = [];
  const budget = new Budget(maxEntries, warnings);
  const workflows: ScannedWorkflow[] = [];
  const top = await list(root, '', budget);
  let manifest = false;

  for (const e of top) {
    if (e.name === 'manifest.json' && e.isFile()) manifest = true;
    if (e.isSymbolicLink() && isWorkflowDirName(e.name)) warnings.push(`${e.name}: is a symlink, ignored`);
    if (!e.isDirectory() || !isWorkflowDirName(e.name) || parseJobDir(e.name) !== null) continue;
    const wf = await scanWorkflow(join(root, e.name), e.name, e.name, budget, warnings);
    if (wf.jobs.length > 0 || wf.files.size > 0) workflows.push(wf);
  }

  // DIR may itself be one workflow's folder (the seed's first script writes circleci-output/<id>).
  if (top.some((e) => e.isDirectory() && parseJobDir(e.name) !== null)) {
    const wf = await scanWorkflowEntries(root, basename(root) || 'evidence', '', top, budget, warnings);
    workflows.unshift(wf);
  }

  if (budget.exhausted) warnings.push(`stopped reading the folder after ${maxEntries} entries; later entries are not shown`);
  return { workflows, manifest, warnings };
}

async function scanWorkflow(dir: string, id: string, rel: string, budget: Budget, warnings: string[]): Promise<ScannedWorkflow> {
  return scanWorkflowEntries(dir, id, rel, await list(dir, rel, budget), budget, warnings);
}

async function scanWorkflowEntries(dir: string, id: string, rel: string, entries: Entry[], budget: Budget, warnings: string[]): Promise<ScannedWorkflow> {
  const wf: ScannedWorkflow = { id, rel, dir, files: new Set(), jobs: [] };
  for (const e of entries) {
    const n = parseJobDir(e.name);
    const isLayoutName = n !== null || isWorkflowFile(e.name);
    if (e.isSymbolicLink() && isLayoutName) warnings.push(`${joinRel(rel, e.name)}: is a symlink, ignored`);
    if (e.isFile() && isWorkflowFile(e.name)) wf.files.add(e.name);
    // DIR itself (rel '') is as the caller gave it: join normalises it once.
    if (e.isDirectory() && n !== null) wf.jobs.push(await scanJob(rel === '' ? join(dir, e.name) : inside(dir, e.name), n, joinRel(rel, e.name), budget, warnings));
  }
  wf.jobs.sort((a, b) => a.number - b.number);
  return wf;
}

async function scanJob(dir: string, number: number, rel: string, budget: Budget, warnings: string[]): Promise<ScannedJob> {
  const job: ScannedJob = { number, rel, dir, files: new Set(), steps: new Map() };
  for (const e of await list(dir, rel, budget)) {
    const step = parseStepFile(e.name);
    if (e.isSymbolicLink() && (step !== null || isJobFile(e.name))) warnings.push(`${joinRel(rel, e.name)}: is a symlink, ignored`);
    if (e.isDirectory() && e.name === 'artifacts') job.artifactsDir = inside(dir, e.name);
    if (!e.isFile()) continue;
    if (isJobFile(e.name)) job.files.add(e.name);
    if (!step) continue;
    const key = stepKey(step.step, step.node);
    const files = job.steps.get(key) ?? {};
    const path = inside(dir, e.name);
    // `step-7.txt` and `step-7-node-0.txt` both name node 0; the plain name (the seed's) wins.
    if (files[step.ext] === undefined || !e.name.includes('-node-')) files[step.ext] = path;
    job.steps.set(key, files);
  }
  return job;
}
