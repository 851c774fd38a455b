// A second thread for the exact search of a big folder: it takes the next file off a counter shared with the main
// thread (so both stay busy whatever the file sizes), searches it, and posts each file's hits back.
import { parentPort, workerData } from 'node:worker_threads';
import { CorpusReader, type Corpus, type CorpusDoc } from './corpus.js';
import { ExactSearcher } from './exact.js';
import { exactHits } from './run.js';
import type { SearchHit } from './types.js';

export interface ExactWorkerData {
  pattern: string;
  literalOnly: boolean;
  thorough: boolean;
  /** Int32Array[1] over a SharedArrayBuffer: the next doc index to take. */
  next: SharedArrayBuffer;
  ctx: number;
  maxHits: number;
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
// Built while the parent is still listing the folder.
const searcher = new ExactSearcher(data.pattern, { literalOnly: data.literalOnly, thorough: data.thorough });

port.once('message', (m: ExactWorkerDocs) => {
  const docs = m.docs;
  const reader = new CorpusReader({ ...m.corpus, list: async () => ({ docs: [], warnings: [] }) });
  let found = 0;
  for (;;) {
    const index = Atomics.add(next, 0, 1);
    if (index >= docs.length || found >= data.maxHits) break;
    const loaded = reader.load(docs[index]!);
    const hits: SearchHit[] = [];
    let bytes = 0;
    if (loaded?.kind === 'output') {
      bytes = loaded.length;
      hits.push(...exactHits(searcher, loaded.bytes, loaded.length, loaded.ref, data.ctx, Math.max(1, data.maxHits - found)));
    } else if (loaded) {
      for (const item of loaded.items) {
        const b = Buffer.from(item.text, 'utf8');
        bytes += b.length;
        hits.push(...exactHits(searcher, b, b.length, item.ref, data.ctx, Math.max(1, data.maxHits - found)));
      }
    }
    found += hits.length;
    port.postMessage({ type: 'file', index, hits, bytes, files: loaded ? 1 : 0 } satisfies ExactWorkerMessage);
  }
  port.postMessage({ type: 'done', warnings: reader.warnings } satisfies ExactWorkerMessage);
});
