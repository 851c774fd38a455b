// A second thread for the exact search of a big folder: it takes the next file off a counter shared with the main
// thread (so both stay busy whatever the file sizes), searches it, and posts each file's hits back.
import { parentPort, workerData } from 'node:worker_threads';
import { CorpusReader } from './corpus.js';
import { ExactSearcher } from './exact.js';
import { exactHitsOfDoc } from './hits.js';
import type { ExactSearchSetup, ExactWorkerData, ExactWorkerDocs, ExactWorkerMessage, ExactWorkerSetup } from './worker-protocol.js';

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

function searchDocs(o: ExactSearchSetup, searcher: ExactSearcher, m: ExactWorkerDocs): void {
  const docs = m.docs;
  const reader = new CorpusReader({ ...m.corpus, list: async () => ({ docs: [], warnings: [] }) });
  let found = 0;
  for (;;) {
    const index = Atomics.add(next, 0, 1);
    if (index >= docs.length || found >= o.maxHits) break;
    const loaded = reader.load(docs[index]!);
    const { hits, bytes } = loaded ? exactHitsOfDoc(searcher, loaded, o.ctx, Math.max(1, o.maxHits - found)) : { hits: [], bytes: 0 };
    found += hits.length;
    port.postMessage({ type: 'file', index, hits, bytes, files: loaded ? 1 : 0 } satisfies ExactWorkerMessage);
  }
  port.postMessage({ type: 'done', warnings: reader.warnings } satisfies ExactWorkerMessage);
  port.close();
}
