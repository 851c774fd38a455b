// Whether an exact search should share a big folder with a second thread. Its own module so that deciding it loads
// nothing else (commands that never search import the search command's registration).
import { availableParallelism } from 'node:os';

/**
 * A second thread pays off only with cores to spare. On two it boots in ~40 ms, by when the main thread has listed
 * the folder and searched a good part of it, and then the two compete for memory bandwidth: over 300 MB on a
 * 2-core machine, 228 ms with it against 218 ms without.
 */
export function secondThreadPays(): boolean {
  return availableParallelism() >= 4;
}
