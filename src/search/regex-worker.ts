// Worker thread for regexes the linear engine cannot run: searches the files it is given, announcing each before
// it starts so the parent can abandon a file that takes too long (by terminating this worker).
import { parentPort, workerData } from 'node:worker_threads';
import { CorpusReader } from './corpus.js';
import { regexHits } from './hits.js';
import { decode } from './positions.js';
import { compileSafeRegex } from './safe-regex.js';
import type { RegexWorkerData, RegexWorkerMessage } from './worker-protocol.js';
import type { SearchHit } from './types.js';

const data = workerData as RegexWorkerData;
const port = parentPort!;
const { re } = compileSafeRegex(data.source);
const reader = new CorpusReader({ ...data.corpus, list: async () => ({ docs: [], warnings: [] }) });
let left = data.maxHits;
data.docs.forEach((doc, i) => {
  if (left <= 0) return;
  const index = data.first + i;
  port.postMessage({ type: 'start', index } satisfies RegexWorkerMessage);
  const loaded = reader.load(doc);
  if (!loaded) return port.postMessage({ type: 'hits', index, hits: [], bytes: 0, files: 0 } satisfies RegexWorkerMessage);
  const hits: SearchHit[] = [];
  let bytes = 0;
  if (loaded.kind === 'output') {
    bytes = loaded.length;
    hits.push(...regexHits(re, decode(loaded.bytes.subarray(0, loaded.length)), loaded.ref, data.ctx, left));
  } else {
    for (const item of loaded.items) {
      bytes += item.text.length;
      hits.push(...regexHits(re, item.text, item.ref, data.ctx, left - hits.length));
    }
  }
  left -= hits.length;
  port.postMessage({ type: 'hits', index, hits, bytes, files: 1 } satisfies RegexWorkerMessage);
});
port.postMessage({ type: 'done', warnings: reader.warnings } satisfies RegexWorkerMessage);
