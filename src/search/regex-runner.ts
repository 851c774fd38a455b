// Runs a regex the linear engine cannot take in a worker thread, with a time budget per file: a file the pattern
// gets stuck on is abandoned (the worker is terminated, a warning names the file) and the search resumes with the
// next file in a fresh worker. Hits are handed back in folder order.
import { Worker } from 'node:worker_threads';
import type { Corpus, CorpusDoc } from './corpus.js';
import type { SearchHit } from './types.js';
import { workerUrl, type RegexWorkerData, type RegexWorkerMessage } from './worker-protocol.js';

export interface RegexRunOptions {
  source: string;
  corpus: Corpus;
  docs: CorpusDoc[];
  ctx: number;
  maxHits: number;
  /** Longest one file may take (default 5 s). */
  budgetMs: number;
  onFile(hits: SearchHit[], bytes: number, files: number): void;
  warn(message: string): void;
  signal?: AbortSignal;
}

/** The compiled regex worker (see workerUrl). */
function regexWorkerUrl(): URL {
  const url = workerUrl('regex-worker');
  if (!url) throw new Error('regex-worker.js not found: run `npm run build`');
  return url;
}

export async function runRegexInWorkers(o: RegexRunOptions): Promise<void> {
  let next = 0;
  let left = o.maxHits;
  while (next < o.docs.length && left > 0 && !o.signal?.aborted) {
    const stuck = await runOne(o, next, left, (hits, bytes, files) => {
      left -= hits.length;
      o.onFile(hits, bytes, files);
    });
    if (stuck === null) return;
    o.warn(`${o.docs[stuck]!.ref.file}: the regex took more than ${Math.round(o.budgetMs / 100) / 10} s on this file; skipped it (the pattern backtracks too much on this output)`);
    next = stuck + 1;
  }
}

/** Runs docs[from..] in one worker; resolves with the index of a file that overran the budget, or null when done. */
function runOne(o: RegexRunOptions, from: number, left: number, onFile: (hits: SearchHit[], bytes: number, files: number) => void): Promise<number | null> {
  const data: RegexWorkerData = { source: o.source, corpus: { kind: o.corpus.kind, root: o.corpus.root, label: o.corpus.label }, docs: o.docs.slice(from), first: from, ctx: o.ctx, maxHits: left };
  const worker = new Worker(regexWorkerUrl(), { workerData: data });
  return new Promise((resolve, reject) => {
    let current = -1;
    let startedAt = 0;
    let settled = false;
    const finish = (v: number | null, err?: unknown) => {
      if (settled) return;
      settled = true;
      clearInterval(timer);
      o.signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      if (err) reject(err);
      else resolve(v);
    };
    const onAbort = () => finish(null);
    o.signal?.addEventListener('abort', onAbort);
    const timer = setInterval(() => {
      if (current >= 0 && performance.now() - startedAt > o.budgetMs) finish(current);
    }, Math.min(100, Math.max(10, o.budgetMs / 10)));
    worker.on('message', (m: RegexWorkerMessage) => {
      if (m.type === 'start') {
        current = m.index;
        startedAt = performance.now();
      } else if (m.type === 'hits') {
        current = -1;
        onFile(m.hits, m.bytes, m.files);
      } else {
        for (const w of m.warnings) o.warn(w);
        finish(null);
      }
    });
    worker.on('error', (e) => finish(null, e));
    worker.on('exit', () => finish(null));
  });
}
