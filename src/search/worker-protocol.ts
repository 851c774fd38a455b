// What the search workers are given and what they post back, shared by each runner and its worker so that neither
// imports the other (a worker file is started by URL, never imported). Also where the compiled worker files are.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Corpus, CorpusDoc } from './corpus.js';
import type { SearchHit } from './types.js';

/** What an exact search looks for: sent to the second thread as soon as the command line is read. */
export interface ExactSearchSetup {
  pattern: string;
  literalOnly: boolean;
  thorough: boolean;
  ctx: number;
  maxHits: number;
}

/** The corpus as a worker rebuilds it: the fields a CorpusReader reads (no listing function crosses threads). */
export type WorkerCorpus = Pick<Corpus, 'kind' | 'root' | 'label'>;

export interface ExactWorkerData {
  /** Int32Array[1] over a SharedArrayBuffer: the next doc index to take. */
  next: SharedArrayBuffer;
}

export interface ExactWorkerSetup extends ExactSearchSetup {
  type: 'setup';
}

/** The parent starts the worker before it has listed the folder, then sends the list. */
export interface ExactWorkerDocs {
  type: 'docs';
  corpus: WorkerCorpus;
  docs: CorpusDoc[];
}

export type ExactWorkerMessage =
  | { type: 'file'; index: number; hits: SearchHit[]; bytes: number; files: number }
  | { type: 'done'; warnings: string[] };

export interface RegexWorkerData {
  source: string;
  corpus: WorkerCorpus;
  docs: CorpusDoc[];
  /** Index of docs[0] in the parent's list. */
  first: number;
  ctx: number;
  maxHits: number;
}

export type RegexWorkerMessage =
  | { type: 'start'; index: number }
  | { type: 'hits'; index: number; hits: SearchHit[]; bytes: number; files: number }
  | { type: 'done'; warnings: string[] };

/**
 * The compiled worker beside this module (dist/search, or dist/fast where the bundle puts every entry side by side);
 * run from the TypeScript sources (tests), the built one in dist/. Null when it has not been built.
 */
export function workerUrl(name: 'exact-worker' | 'regex-worker'): URL | null {
  const here = new URL(`./${name}.js`, import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  const built = fileURLToPath(here).replace(/([\\/])src([\\/]search[\\/])/, '$1dist$2');
  return existsSync(built) ? pathToFileURL(built) : null;
}
