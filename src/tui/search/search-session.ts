// The global search pane's data (no Ink): every step output of the corpus read once into a fuzzy index, in small
// slices so keys stay responsive, and queries answered from it (fuzzy) or by the exact searcher streaming over the
// files (a pasted secret, with its encodings). One session per app: it survives the pane unmounting while a log
// opened from it is shown.
import { CorpusReader, type Corpus } from '../../search/corpus.js';
import { unmaskableReason } from '../../search/encodings.js';
import type { FuzzyIndex } from '../../search/fuzzy.js';
import { decode } from '../../search/positions.js';
import type { DocRef, SearchHit } from '../../search/types.js';

export type SearchModeChoice = 'auto' | 'exact' | 'fuzzy';

export interface IndexProgress {
  files: number;
  total: number;
  bytes: number;
  done: boolean;
  /** Set when the index stopped early (memory cap) or a file could not be read. */
  notes: string[];
}

/** Text kept in memory for fuzzy search at most (the rest is still searched exactly). */
export const MAX_INDEX_BYTES = 512 * 1024 * 1024;
const SLICE_MS = 12;
const CONTEXT = 120;

/** `auto`: a query that looks like a token (no spaces, letters and digits or symbols, 12+ characters) is exact. */
export function effectiveMode(mode: SearchModeChoice, query: string): 'exact' | 'fuzzy' {
  if (mode !== 'auto') return mode;
  const q = query.trim();
  return q.length >= 12 && !/\s/.test(q) && /[0-9_\-+/=.]/.test(q) && /[A-Za-z]/.test(q) ? 'exact' : 'fuzzy';
}

export class SearchSession {
  readonly #corpus: Corpus;
  #index: FuzzyIndex | null = null;
  readonly #refs: DocRef[] = [];
  #progress: IndexProgress = { files: 0, total: 0, bytes: 0, done: false, notes: [] };
  #started: Promise<void> | null = null;
  readonly #listeners = new Set<(p: IndexProgress) => void>();
  #stopped = false;

  constructor(corpus: Corpus) {
    this.#corpus = corpus;
  }

  get corpus(): Corpus {
    return this.#corpus;
  }

  get progress(): IndexProgress {
    return this.#progress;
  }

  onProgress(fn: (p: IndexProgress) => void): () => void {
    this.#listeners.add(fn);
    return () => {
      this.#listeners.delete(fn);
    };
  }

  stop(): void {
    this.#stopped = true;
  }

  /** Reads the corpus into the fuzzy index (once; later calls return the same promise). */
  index(): Promise<void> {
    this.#started ??= this.#build();
    return this.#started;
  }

  async #build(): Promise<void> {
    const { FuzzyIndex } = await import('../../search/fuzzy.js');
    const index = new FuzzyIndex();
    this.#index = index;
    const listed = await this.#corpus.list();
    const reader = new CorpusReader(this.#corpus);
    this.#set({ total: listed.docs.length, notes: listed.warnings.slice(0, 3) });
    let slice = performance.now();
    for (const doc of listed.docs) {
      if (this.#stopped) return;
      if (this.#progress.bytes > MAX_INDEX_BYTES) {
        this.#set({ notes: [...this.#progress.notes, `fuzzy index stopped at ${MAX_INDEX_BYTES >> 20} MB; exact search still covers every file`] });
        break;
      }
      const loaded = reader.load(doc);
      let bytes = 0;
      if (loaded?.kind === 'output') {
        bytes = loaded.length;
        index.add(this.#refs.length, decode(loaded.bytes.subarray(0, loaded.length)));
        this.#refs.push(loaded.ref);
      } else if (loaded) {
        for (const item of loaded.items) {
          bytes += item.text.length;
          index.add(this.#refs.length, item.text);
          this.#refs.push(item.ref);
        }
      }
      this.#progress = { ...this.#progress, files: this.#progress.files + 1, bytes: this.#progress.bytes + bytes };
      if (performance.now() - slice > SLICE_MS) {
        this.#emit();
        await turn();
        slice = performance.now();
      }
    }
    // The lower-cased search copies, in slices too.
    while (!index.prepare(SLICE_MS)) {
      if (this.#stopped) return;
      await turn();
    }
    if (reader.warnings.length) this.#set({ notes: [...this.#progress.notes, `${reader.warnings.length} file(s) could not be read`] });
    this.#set({ done: true });
  }

  /** Fuzzy results over what is indexed so far, as hits. */
  fuzzy(query: string, limit = 300): SearchHit[] {
    if (!this.#index) return [];
    return this.#index.search(query, { limit, budgetMs: 30 }).map((r) => {
      const [s, e] = r.ranges[0] ?? [0, 0];
      const a = Math.max(0, s - CONTEXT / 2);
      const text = r.text.slice(a, e + CONTEXT);
      return {
        ...this.#refs[r.doc]!,
        line: r.line + 1,
        column: s + 1,
        match: r.text.slice(s, e),
        encoding: 'fuzzy',
        via: [],
        score: r.score,
        context: { text, start: s - a, end: e - a, cutBefore: a > 0, cutAfter: e + CONTEXT < r.text.length },
      };
    });
  }

  /** Exact search (with encodings) streamed from the files; hits arrive per file. */
  async exact(query: string, onHits: (hits: SearchHit[]) => void, signal: AbortSignal): Promise<{ skipped: string[]; capped: boolean } | { unmaskable: string }> {
    const why = unmaskableReason(query);
    if (why) return { unmaskable: why };
    const { runSearch } = await import('../../search/run.js');
    const r = await runSearch({ pattern: query, mode: 'exact', corpus: this.#corpus, maxHits: 2000, onHits, yieldEveryMs: SLICE_MS, signal, contextChars: CONTEXT / 2 });
    return { skipped: r.skipped.map((s) => s.encoding), capped: r.capped };
  }

  #set(patch: Partial<IndexProgress>): void {
    this.#progress = { ...this.#progress, ...patch };
    this.#emit();
  }

  #emit(): void {
    for (const l of this.#listeners) l(this.#progress);
  }
}

const turn = () => new Promise<void>((r) => setImmediate(r));
