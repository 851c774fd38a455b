// Runs one search over a corpus (an evidence folder or the disk cache): files are read one at a time into a reused
// buffer and searched as bytes (exact), as text (regex), or indexed in memory and ranked (fuzzy). Hits come out in
// folder order (workflow, job, step, node), each file's hits together.
import { UsageError } from '../util/errors.js';
import { CorpusReader, type Corpus } from './corpus.js';
import { unmaskableReason } from './encodings.js';
import { ExactSearcher } from './exact.js';
import { exactHits, exactHitsOfDoc, regexHits } from './hits.js';
import type { EarlyWorker } from './parallel.js';
import { decode } from './positions.js';
import type { ExactPrefilter } from './rg/exact.js';
import { searchEngine } from './rg/locate.js';
import { exactEngine, folderWorthSharing, wantsSecondThread } from './threads.js';
import type { DocRef, SearchHit, SearchMode, SearchSummary } from './types.js';

export interface RunSearchOptions {
  pattern: string;
  mode: SearchMode;
  corpus: Corpus;
  /** Exact mode: the value as typed only, no encodings. */
  literalOnly?: boolean;
  /** Exact mode: also match through any number of escape sequences / invisible characters (slower on colourful logs). */
  thorough?: boolean;
  /** Stop after this many hits (default 10,000). */
  maxHits?: number;
  /** Characters of context kept each side of a match (default 80). */
  contextChars?: number;
  /** Fuzzy mode: results (default 100). */
  fuzzyLimit?: number;
  /** Each file's hits, as soon as it is searched (folder order). */
  onHits?: (hits: SearchHit[]) => void;
  /** Give the event loop a turn this often (ms), for a UI; default never. */
  yieldEveryMs?: number;
  /** Regex mode, patterns the linear engine cannot run: longest one file may take (default 5 s). */
  regexBudgetMs?: number;
  /** Exact mode: search big folders on two threads (default: as threads.ts decides; never with yieldEveryMs). */
  parallel?: boolean;
  /**
   * Exact mode: the second thread the caller started early because threads.ts said so (the fast entry, before it
   * read the command line), set up with the same pattern and options.
   */
  worker?: EarlyWorker;
  signal?: AbortSignal;
}

export interface SearchResult extends SearchSummary {
  hits: SearchHit[];
  /** Set when ripgrep named the files (`bytes` then counts only what the Node core read to confirm hits). */
  engine?: 'ripgrep';
}

export class UnmaskableError extends UsageError {
  constructor(readonly value: string, readonly reason: string) {
    super(`not searched: ${reason} (use --regex to look for it anyway)`);
  }
}

/** Throws UnmaskableError for a value CircleCI would never mask (under 4 characters, true/false). */
export function checkSearchable(pattern: string): void {
  const reason = unmaskableReason(pattern);
  if (reason) throw new UnmaskableError(pattern, reason);
}

export async function runSearch(o: RunSearchOptions): Promise<SearchResult> {
  const maxHits = o.maxHits ?? 10_000;
  const ctx = o.contextChars ?? 80;
  const result: SearchResult = { files: 0, bytes: 0, hits: [], capped: false, warnings: [], skipped: [] };
  const emit = (hits: SearchHit[]): void => {
    if (hits.length === 0) return;
    const room = maxHits - result.hits.length;
    const take = hits.length > room ? hits.slice(0, room) : hits;
    if (hits.length > room) result.capped = true;
    result.hits.push(...take);
    o.onHits?.(take);
  };
  const onFile = (hits: SearchHit[], bytes: number, files: number): void => {
    result.files += files;
    result.bytes += bytes;
    emit(hits);
  };
  const warn = (w: string): void => void result.warnings.push(w);

  // The engine is chosen here, once (threads.ts): ripgrep names the files, the core confirms each hit.
  const engine = o.mode === 'exact' ? exactEngine({ thorough: o.thorough, corpus: o.corpus.kind, nodeThreads: o.worker !== undefined || o.parallel === true }) : null;
  let searcher: ExactSearcher | null = null;
  let prefilter: ExactPrefilter | null = null;
  const stopRg = new AbortController();
  if (engine?.kind === 'ripgrep') {
    checkSearchable(o.pattern);
    searcher = new ExactSearcher(o.pattern, { literalOnly: o.literalOnly, thorough: o.thorough });
    // rg walks the folder while Node lists it: the two overlap.
    const { startExactPrefilter } = await import('./rg/exact.js');
    o.signal?.addEventListener('abort', () => stopRg.abort(), { once: true });
    prefilter = startExactPrefilter({ rg: engine.rg, searcher, root: o.corpus.root, signal: stopRg.signal });
    // rg reads the patterns to the end of its stdin before it searches, and that end is only written when the event
    // loop turns: the listing below is synchronous work, so without this turn rg would wait for all of it.
    await new Promise((r) => setImmediate(r));
  }

  // A big exact search on the Node core shares the files with a second thread: start it first, its start-up
  // overlaps the listing. A worker handed in was started on the same decision (threads.ts), asked before the
  // command line was read.
  let early: EarlyWorker | null = null;
  const shared = engine?.kind === 'node' && (o.worker !== undefined || wantsSecondThread({ mode: 'exact', interactive: o.yieldEveryMs !== undefined, forced: o.parallel }));
  if (shared) {
    checkSearchable(o.pattern);
    early = o.worker ?? (await import('./parallel.js')).startExactWorker({ pattern: o.pattern, literalOnly: Boolean(o.literalOnly), thorough: Boolean(o.thorough), ctx, maxHits });
  }
  let listed: Awaited<ReturnType<Corpus['list']>>;
  try {
    listed = await o.corpus.list();
  } catch (e) {
    early?.cancel();
    stopRg.abort();
    throw e;
  }
  result.warnings.push(...listed.warnings);
  const reader = new CorpusReader(o.corpus);

  if (engine?.kind === 'ripgrep' && prefilter && searcher) {
    result.skipped.push(...searcher.plan.skipped);
    const { exactSearchWithRg } = await import('./rg/exact.js');
    const r = await exactSearchWithRg({ rg: engine.rg, searcher, started: prefilter, corpus: o.corpus, docs: listed.docs, reader, ctx, maxHits, onFile, warn, signal: o.signal, streaming: o.yieldEveryMs !== undefined });
    if (!r.fallback) {
      result.engine = 'ripgrep';
      if (r.capped) result.capped = true;
      result.warnings.push(...reader.warnings);
      return result;
    }
    // rg could not run after all: the core searches everything, as without rg.
    result.skipped.length = 0;
  }

  if (o.mode === 'fuzzy') {
    await fuzzyPass(o, listed.docs, reader, result, emit);
  } else {
    let exact: ExactSearcher | null = null;
    let regex: RegExp | null = null;
    if (o.mode === 'exact') {
      checkSearchable(o.pattern);
      exact = searcher ?? new ExactSearcher(o.pattern, { literalOnly: o.literalOnly, thorough: o.thorough });
      result.skipped.push(...exact.plan.skipped);
      if (shared && !folderWorthSharing(listed.docs.length)) early?.cancel();
      if (shared && folderWorthSharing(listed.docs.length)) {
        const { runExactParallel } = await import('./parallel.js');
        const core = exact;
        const stopped = await runExactParallel({
          worker: early,
          pattern: o.pattern,
          literalOnly: Boolean(o.literalOnly),
          thorough: Boolean(o.thorough),
          corpus: o.corpus,
          docs: listed.docs,
          ctx,
          maxHits,
          reader,
          searchLoaded: (loaded, room) => exactHitsOfDoc(core, loaded, ctx, room),
          onFile,
          warn,
          signal: o.signal,
        });
        if (stopped) result.capped = true;
        result.warnings.push(...reader.warnings);
        return result;
      }
    } else {
      // Regex: rg's syntax over every document where rg runs (rg/regex.ts), the JavaScript engines otherwise.
      const regexEngine = searchEngine();
      if (regexEngine.kind === 'ripgrep') {
        const { regexSearchWithRg } = await import('./rg/regex.js');
        const r = await regexSearchWithRg({ rg: regexEngine.rg, pattern: o.pattern, corpus: o.corpus, docs: listed.docs, reader, ctx, maxHits, onFile, warn, signal: o.signal, streaming: o.yieldEveryMs !== undefined });
        result.engine = 'ripgrep';
        if (r.capped) result.capped = true;
        result.warnings.push(...reader.warnings);
        return result;
      }
      const compiled = (await import('./safe-regex.js')).compileSafeRegex(o.pattern);
      if (!compiled.linear) {
        const { runRegexInWorkers } = await import('./regex-runner.js');
        await runRegexInWorkers({
          source: o.pattern,
          corpus: o.corpus,
          docs: listed.docs,
          ctx,
          maxHits,
          budgetMs: o.regexBudgetMs ?? 5000,
          onFile,
          warn,
          signal: o.signal,
        });
        result.warnings.push(...reader.warnings);
        return result;
      }
      regex = compiled.re;
    }
    let lastYield = performance.now();
    for (const doc of listed.docs) {
      if (result.capped || o.signal?.aborted) break;
      if (o.yieldEveryMs !== undefined && performance.now() - lastYield >= o.yieldEveryMs) {
        await new Promise((r) => setImmediate(r));
        lastYield = performance.now();
      }
      const loaded = reader.load(doc);
      if (!loaded) continue;
      result.files++;
      if (loaded.kind === 'output') {
        result.bytes += loaded.length;
        // At least one, so a hit past the limit is noticed (and reported as capped).
        const room = Math.max(1, maxHits - result.hits.length);
        emit(exact ? exactHits(exact, loaded.bytes, loaded.length, loaded.ref, ctx, room) : regexHits(regex!, decode(loaded.bytes.subarray(0, loaded.length)), loaded.ref, ctx, room));
      } else {
        for (const item of loaded.items) {
          const bytes = Buffer.from(item.text, 'utf8');
          result.bytes += bytes.length;
          emit(exact ? exactHits(exact, bytes, bytes.length, item.ref, ctx, maxHits) : regexHits(regex!, item.text, item.ref, ctx, maxHits));
        }
      }
    }
  }
  result.warnings.push(...reader.warnings);
  return result;
}

async function fuzzyPass(o: RunSearchOptions, docs: Awaited<ReturnType<Corpus['list']>>['docs'], reader: CorpusReader, result: SearchResult, emit: (h: SearchHit[]) => void): Promise<void> {
  const { FuzzyIndex } = await import('./fuzzy.js');
  const index = new FuzzyIndex();
  const refs: DocRef[] = [];
  for (const doc of docs) {
    if (o.signal?.aborted) return;
    // Artifacts are often binary (archives, images): ranked lines of them would be noise.
    if (doc.kind === 'artifact') continue;
    const loaded = reader.load(doc);
    if (!loaded) continue;
    result.files++;
    if (loaded.kind === 'output') {
      result.bytes += loaded.length;
      index.add(refs.length, decode(loaded.bytes.subarray(0, loaded.length)));
      refs.push(loaded.ref);
    } else {
      for (const item of loaded.items) {
        index.add(refs.length, item.text);
        refs.push(item.ref);
      }
    }
    if (o.yieldEveryMs !== undefined) await new Promise((r) => setImmediate(r));
  }
  const found = index.search(o.pattern, { limit: o.fuzzyLimit ?? 100, budgetMs: 500 });
  // Folder order, so the output groups by job and step like the other modes; the score stays on each hit.
  found.sort((a, b) => a.doc - b.doc || a.line - b.line);
  const ctx = o.contextChars ?? 80;
  for (const f of found) {
    const [s, e] = f.ranges[0] ?? [0, 0];
    const before = f.text.slice(Math.max(0, s - ctx), s);
    const after = f.text.slice(e, e + ctx);
    emit([
      {
        ...refs[f.doc]!,
        line: f.line + 1,
        column: s + 1,
        match: f.text.slice(s, e),
        encoding: 'fuzzy',
        via: [],
        score: Math.round(f.score * 1000) / 1000,
        context: { text: before + f.text.slice(s, e) + after, start: before.length, end: before.length + (e - s), cutBefore: s - ctx > 0, cutAfter: e + ctx < f.text.length },
      },
    ]);
  }
}
