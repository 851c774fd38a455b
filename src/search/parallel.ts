// Exact search on two threads: the main thread and one worker take files off a shared counter (Atomics), so a
// folder of a few hundred MB is read and scanned on two cores, like ripgrep does on all of them (only where cores
// are to spare: threads.ts decides). Results are handed on in folder order. A worker that is slow to start is not
// waited for (the main thread may finish the folder alone); files it took but never reported (it failed or was
// stopped) are searched again on the main thread.
import { Worker } from 'node:worker_threads';
import type { Corpus, CorpusDoc, CorpusReader, LoadedDoc } from './corpus.js';
import type { SearchHit } from './types.js';
import { workerUrl, type ExactSearchSetup, type ExactWorkerData, type ExactWorkerDocs, type ExactWorkerMessage, type ExactWorkerSetup } from './worker-protocol.js';

export interface ParallelOptions extends ExactSearchSetup {
  corpus: Corpus;
  docs: CorpusDoc[];
  /** From startExactWorker(), started before the folder was listed (its ~35 ms start-up overlaps the listing). */
  worker: EarlyWorker | null;
  /** The main thread's own reader and per-document search. */
  reader: CorpusReader;
  searchLoaded(loaded: LoadedDoc, room: number): { hits: SearchHit[]; bytes: number };
  /** Each file's result, in folder order. */
  onFile(hits: SearchHit[], bytes: number, files: number): void;
  warn(message: string): void;
  signal?: AbortSignal;
}

interface Result {
  hits: SearchHit[];
  bytes: number;
  files: number;
}

export interface EarlyWorker {
  worker: Worker;
  next: Int32Array;
  /** Tells it what to search for (once, before runExactParallel hands it the files). */
  setup(o: ExactSearchSetup): void;
  /** Stops it (the folder turned out too small to share, or the command is not an exact search after all). */
  cancel(): void;
}

/**
 * Starts the second thread now, before the pattern is even known: a worker takes ~40 ms to boot, which then overlaps
 * the caller's own start-up and the folder listing. Null when the compiled worker is not there.
 */
export function prestartExactWorker(): EarlyWorker | null {
  const url = workerUrl('exact-worker');
  if (!url) return null;
  const next = new Int32Array(new SharedArrayBuffer(4));
  const data: ExactWorkerData = { next: next.buffer as SharedArrayBuffer };
  const worker = new Worker(url, { workerData: data });
  // Until it is given files it must not keep the process alive (a search that fails early just exits).
  worker.unref();
  return {
    worker,
    next,
    setup: (o) => worker.postMessage({ type: 'setup', ...o } satisfies ExactWorkerSetup),
    cancel: () => void worker.terminate(),
  };
}

/** prestartExactWorker(), set up for this search. */
export function startExactWorker(o: ExactSearchSetup): EarlyWorker | null {
  const early = prestartExactWorker();
  early?.setup(o);
  return early;
}

/** Resolves true when the hit limit stopped the search with files left unsearched (more hits may exist). */
export async function runExactParallel(o: ParallelOptions): Promise<boolean> {
  const next = o.worker?.next ?? new Int32Array(new SharedArrayBuffer(4));
  const results = new Map<number, Result>();
  let emitted = 0;
  let found = 0;
  const flush = (): void => {
    while (results.has(emitted)) {
      const r = results.get(emitted)!;
      results.delete(emitted);
      o.onFile(r.hits, r.bytes, r.files);
      emitted++;
    }
  };

  const worker = o.worker?.worker ?? null;
  let reported = false;
  let stopped = false;
  let settle: () => void = () => {};
  const finished = new Promise<void>((resolve) => (settle = resolve));
  if (worker) {
    worker.ref();
    worker.on('message', (m: ExactWorkerMessage) => {
      if (m.type === 'file') {
        reported = true;
        found += m.hits.length;
        results.set(m.index, { hits: m.hits, bytes: m.bytes, files: m.files });
        if (found >= o.maxHits) {
          if (Atomics.load(next, 0) < o.docs.length) stopped = true;
          Atomics.store(next, 0, o.docs.length);
        }
      } else {
        for (const w of m.warnings) o.warn(w);
        settle();
      }
    });
    worker.on('error', () => settle());
    worker.on('exit', () => settle());
    worker.postMessage({ type: 'docs', corpus: { kind: o.corpus.kind, root: o.corpus.root, label: o.corpus.label }, docs: o.docs } satisfies ExactWorkerDocs);
  } else {
    settle();
  }

  const runOne = (index: number): void => {
    const loaded = o.reader.load(o.docs[index]!);
    if (!loaded) {
      results.set(index, { hits: [], bytes: 0, files: 0 });
      return;
    }
    const r = o.searchLoaded(loaded, Math.max(1, o.maxHits - found));
    found += r.hits.length;
    results.set(index, { hits: r.hits, bytes: r.bytes, files: 1 });
  };

  let lastYield = performance.now();
  for (;;) {
    if (o.signal?.aborted || found >= o.maxHits) {
      stopped ||= found >= o.maxHits && Atomics.load(next, 0) < o.docs.length;
      Atomics.store(next, 0, o.docs.length);
      break;
    }
    const index = Atomics.add(next, 0, 1);
    if (index >= o.docs.length) break;
    runOne(index);
    flush();
    // Let the worker's messages in now and then (they are only read when this thread yields).
    if (performance.now() - lastYield > 4) {
      await new Promise((r) => setImmediate(r));
      lastYield = performance.now();
    }
  }
  if (worker) {
    // A worker that has not reported anything yet is still starting: the folder is done, stop it. One that has
    // says when it is done; its exit is not waited for (the process may end meanwhile).
    if (reported) await finished;
    void worker.terminate();
  }
  // Files the worker took but never reported (stopped, failed): search them here.
  for (let i = emitted; i < Math.min(o.docs.length, Atomics.load(next, 0)); i++) {
    if (!results.has(i) && found < o.maxHits && !o.signal?.aborted) runOne(i);
    else if (!results.has(i)) {
      stopped ||= found >= o.maxHits;
      results.set(i, { hits: [], bytes: 0, files: 0 });
    }
    flush();
  }
  flush();
  return stopped || found > o.maxHits;
}
