// The one place that decides whether a search gets a second thread. The fast entry (before it reads the command
// line), runSearch (before it lists the folder) and the folder-size check all ask here. Its own module so that
// deciding it loads nothing else (commands that never search import the search command's registration).
import { availableParallelism } from 'node:os';
import type { SearchMode } from './types.js';

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
