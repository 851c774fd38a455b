// What both search modes on ripgrep (exact.ts, regex.ts) are given by runSearch.
import type { Corpus, CorpusDoc, CorpusReader } from '../corpus.js';
import type { SearchHit } from '../types.js';
import type { Ripgrep } from './locate.js';

export interface RgSearchOptions {
  rg: Ripgrep;
  corpus: Corpus;
  docs: CorpusDoc[];
  reader: CorpusReader;
  ctx: number;
  maxHits: number;
  /** Each file's hits (with bytes and files searched, which may come in a last call with no hits). */
  onFile: (hits: SearchHit[], bytes: number, files: number) => void;
  warn: (w: string) => void;
  signal?: AbortSignal;
  /** A UI: each file's hits as soon as they are confirmed, in the order rg finds them. Default: folder order. */
  streaming?: boolean;
}
