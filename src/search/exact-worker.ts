// A second thread for the exact search of a big folder: it takes the next file off a counter shared with the main
// thread (so both stay busy whatever the file sizes), searches it, and posts each file's hits back.
import { parentPort, workerData } from 'node:worker_threads';
import { CorpusReader, type Corpus, type CorpusDoc } from './corpus.js';
import { ExactSearcher } from './exact.js';
import { exactHits } from './run.js';
import type { WorkerSetup } from './parallel.js';
import type { SearchHit } from './types.js';

export interface ExactWorkerData {
  /** Int32Array[1] over a SharedArrayBuffer: the next doc index to take. */
  next: SharedArrayBuffer;
}

/** What to search for: sent as soon as the command line is read (the worker may still be booting). */
export interface ExactWorkerSetup extends WorkerSetup {
  type: 'setup';
}

/** The parent starts the worker before it has listed the folder, then sends the list. */
export interface ExactWorkerDocs {
  type: 'docs';
  corpus: Pick<Corpus, 'kind' | 'root' | 'label'>;
  docs: CorpusDoc[];
}

export type ExactWorkerMessage =
  | { type: 'file'; index: number; hits: SearchHit[]; bytes: number; files: number }
  | { type: 'done'; warnings: string[] };

const data = workerData as ExactWorkerData;
const port = parentPort!;
const next = new Int32Array(data.next);
let setup: ExactWorkerSetup | null = null;
let searcher: ExactSearcher | null = null;

port.on('message', (m: ExactWorkerSetup | ExactWorkerDocs) => {
  if (m.type === 'setup') {
    // Built while the parent is still listing the folder.
    setup = m;
    searcher = new ExactSearcher(m.pattern, { literalOnly: m.literalOnly, thorough: m.thorough });
  } else if (setup && searcher) {
    searchDocs(setup, searcher, m);
  }
});

function searchDocs(o: WorkerSetup, searcher: ExactSearcher, m: ExactWorkerDocs): void {
  const docs = m.docs;
  const reader = new CorpusReader({ ...m.corpus, list: async () => ({ docs: [], warnings: [] }) });
  let found = 0;
  for (;;) {
    const index = Atomics.add(next, 0, 1);
    if (index >= docs.length || found >= o.maxHits) break;
    const loaded = reader.load(docs[index]!);
    const hits: SearchHit[] = [];
    let bytes = 0;
    if (loaded?.kind === 'output') {
      bytes = loaded.length;
      hits.push(...exactHits(searcher, loaded.bytes, loaded.length, loaded.ref, o.ctx, Math.max(1, o.maxHits - found)));
    } else if (loaded) {
      for (const item of loaded.items) {
        const b = Buffer.from(item.text, 'utf8');
        bytes += b.length;
        hits.push(...exactHits(searcher, b, b.length, item.ref, o.ctx, Math.max(1, o.maxHits - found)));
      }
    }
    found += hits.length;
    port.postMessage({ type: 'file', index, hits, bytes, files: loaded ? 1 : 0 } satisfies ExactWorkerMessage);
  }
  port.postMessage({ type: 'done', warnings: reader.warnings } satisfies ExactWorkerMessage);
  port.close();
}
