// The one place that decides which engine runs an exact search (ripgrep or the Node core) and whether the Node core
// gets a second thread. The fast entry (before it reads the command line), runSearch (before it lists the folder) and
// the folder-size check all ask here. Its own module so that deciding it loads nothing else (commands that never
// search import the search command's registration).
import { availableParallelism } from 'node:os';
import { searchEngine, type Engine } from './rg/locate.js';
import type { SearchMode } from './types.js';

export interface ExactEngineQuestion {
  /** `--thorough`: any number of breaks inside the value, which only the core's junk pass finds. */
  thorough?: boolean;
  /** What is searched: the disk cache alone is all JSON-wrapped entries the core decodes; `unknown` counts as it. */
  corpus: 'evidence' | 'cache' | 'unknown';
  /** The caller asked for the Node core's second thread (tests, a worker it started itself). */
  nodeThreads?: boolean;
  env?: NodeJS.ProcessEnv;
}

/**
 * ripgrep where it can do the job (rg/exact.ts: it names the files, the core confirms the hits), else the Node core
 * and why. rg itself may still turn a search down (a value it cannot take as fixed strings): runSearch then uses
 * the core.
 */
export function exactEngine(q: ExactEngineQuestion): Engine {
  if (q.thorough) return { kind: 'node', reason: '--thorough' };
  if (q.corpus !== 'evidence') return { kind: 'node', reason: 'the disk cache is searched by the Node core' };
  if (q.nodeThreads) return { kind: 'node', reason: 'two Node threads asked for' };
  return searchEngine(q.env);
}

export interface SecondThreadQuestion {
  mode: SearchMode;
  /** A UI that wants the event loop back now and then (runSearch's yieldEveryMs): it stays on one thread. */
  interactive: boolean;
  /** The caller's own choice (tests), which wins over the cores rule for an exact search. */
  forced?: boolean;
  /** Cores this process may use (default: availableParallelism()). */
  cores?: number;
}

/**
 * Only an exact search is shared (regex runs in its own budgeted worker, fuzzy builds one index). And a second
 * thread pays off only with cores to spare: on two it boots in ~40 ms, by when the main thread has listed the folder
 * and searched a good part of it, and then the two compete for memory bandwidth: over 300 MB on a 2-core machine,
 * 228 ms with it against 218 ms without.
 */
export function wantsSecondThread(q: SecondThreadQuestion): boolean {
  if (q.mode !== 'exact') return false;
  if (q.forced !== undefined) return q.forced;
  return !q.interactive && (q.cores ?? availableParallelism()) >= 4;
}

/** Folders with fewer files than this are searched on one thread (a worker takes ~30 ms to start). */
export const PARALLEL_MIN_DOCS = 24;

/** Whether a folder of this many files is worth sharing with the second thread once it has been listed. */
export function folderWorthSharing(docCount: number): boolean {
  return docCount >= PARALLEL_MIN_DOCS;
}
