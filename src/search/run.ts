// Runs one search over a corpus (an evidence folder or the disk cache): files are read one at a time into a reused
// buffer and searched as bytes (exact), as text (regex), or indexed in memory and ranked (fuzzy). Hits come out in
// folder order (workflow, job, step, node), each file's hits together.
import { UsageError } from '../util/errors.js';
import { CorpusReader, type Corpus, type LoadedDoc } from './corpus.js';
import { describeEncoding, unmaskableReason } from './encodings.js';
import { ExactSearcher, type RawHit } from './exact.js';
import { decode, LineWalker } from './positions.js';
import { secondThreadPays } from './threads.js';
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
  /** Exact mode: search big folders on two threads (default: with 4 cores or more, unless yieldEveryMs is set). */
  parallel?: boolean;
  /** Exact mode: a second thread the caller already started (startExactWorker), with the same pattern and options. */
  worker?: import('./parallel.js').EarlyWorker | null;
  signal?: AbortSignal;
}

export interface SearchResult extends SearchSummary {
  hits: SearchHit[];
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
  // A big exact search shares the files with a second thread: start it first, its start-up overlaps the listing.
  let early: import('./parallel.js').EarlyWorker | null = null;
  const shared = o.mode === 'exact' && (o.parallel ?? (o.yieldEveryMs === undefined && secondThreadPays()));
  if (shared) {
    checkSearchable(o.pattern);
    early = o.worker !== undefined ? o.worker : (await import('./parallel.js')).startExactWorker({ pattern: o.pattern, literalOnly: Boolean(o.literalOnly), thorough: Boolean(o.thorough), ctx, maxHits });
  }
  let listed: Awaited<ReturnType<Corpus['list']>>;
  try {
    listed = await o.corpus.list();
  } catch (e) {
    early?.cancel();
    throw e;
  }
  result.warnings.push(...listed.warnings);
  const reader = new CorpusReader(o.corpus);
  const emit = (hits: SearchHit[]): void => {
    if (hits.length === 0) return;
    const room = maxHits - result.hits.length;
    const take = hits.length > room ? hits.slice(0, room) : hits;
    if (hits.length > room) result.capped = true;
    result.hits.push(...take);
    o.onHits?.(take);
  };

  if (o.mode === 'fuzzy') {
    await fuzzyPass(o, listed.docs, reader, result, emit);
  } else {
    let exact: ExactSearcher | null = null;
    let regex: RegExp | null = null;
    if (o.mode === 'exact') {
      checkSearchable(o.pattern);
      exact = new ExactSearcher(o.pattern, { literalOnly: o.literalOnly, thorough: o.thorough });
      result.skipped.push(...exact.plan.skipped);
      const { PARALLEL_MIN_DOCS, runExactParallel } = await import('./parallel.js');
      if (shared && listed.docs.length < PARALLEL_MIN_DOCS) early?.cancel();
      if (shared && listed.docs.length >= PARALLEL_MIN_DOCS) {
        const searcher = exact;
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
          searchLoaded: (loaded, room) => searchLoaded(searcher, loaded, ctx, room),
          onFile: (hits, bytes, files) => {
            result.files += files;
            result.bytes += bytes;
            emit(hits);
          },
          warn: (w) => result.warnings.push(w),
          signal: o.signal,
        });
        if (stopped) result.capped = true;
        result.warnings.push(...reader.warnings);
        return result;
      }
    } else {
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
          onFile: (hits, bytes, files) => {
            result.files += files;
            result.bytes += bytes;
            emit(hits);
          },
          warn: (w) => result.warnings.push(w),
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

/** Exact hits of one loaded document (an output, or each command of a step-info file). */
export function searchLoaded(searcher: ExactSearcher, loaded: LoadedDoc, ctx: number, room: number): { hits: SearchHit[]; bytes: number } {
  if (loaded.kind === 'output') return { hits: exactHits(searcher, loaded.bytes, loaded.length, loaded.ref, ctx, room), bytes: loaded.length };
  const hits: SearchHit[] = [];
  let bytes = 0;
  for (const item of loaded.items) {
    const b = Buffer.from(item.text, 'utf8');
    bytes += b.length;
    hits.push(...exactHits(searcher, b, b.length, item.ref, ctx, room));
  }
  return { hits, bytes };
}

/** Exact hits of one buffer with their line, column and context. */
export function exactHits(searcher: ExactSearcher, buf: Buffer, len: number, ref: DocRef, ctx: number, max: number): SearchHit[] {
  const { hits } = searcher.search(buf, len, max);
  if (hits.length === 0) return [];
  const walker = new LineWalker(buf, len);
  return hits.map((h) => toHit(h, walker, buf, len, ref, ctx));
}

function toHit(h: RawHit, walker: LineWalker, buf: Buffer, len: number, ref: DocRef, ctx: number): SearchHit {
  const pos = walker.at(h.start);
  const hit: SearchHit = {
    ...ref,
    line: pos.line,
    column: pos.column,
    match: decode(buf.subarray(h.start, h.end)),
    encoding: describeEncoding(h.needle),
    via: h.via,
    context: byteContext(buf, len, pos.lineStart, h.start, h.end, ctx),
  };
  if (h.via.includes('line-break')) hit.endLine = pos.line + countNewlines(buf, h.start, h.end);
  return hit;
}

function countNewlines(buf: Buffer, from: number, to: number): number {
  let n = 0;
  let i = buf.indexOf(0x0a, from);
  while (i !== -1 && i < to) {
    n++;
    i = buf.indexOf(0x0a, i + 1);
  }
  return n;
}

/** Up to `ctx` characters each side of raw[start, end), within its line, cut on character boundaries. */
function byteContext(buf: Buffer, len: number, lineStart: number, start: number, end: number, ctx: number): SearchHit['context'] {
  const from = utf8Start(buf, Math.max(lineStart, start - ctx * 3));
  let lineEnd = buf.subarray(end, Math.min(len, end + ctx * 3 + 1)).indexOf(0x0a);
  lineEnd = lineEnd === -1 ? Math.min(len, end + ctx * 3) : end + lineEnd;
  if (lineEnd > end && buf[lineEnd - 1] === 0x0d && (lineEnd === len || buf[lineEnd] === 0x0a)) lineEnd--;
  const to = utf8Start(buf, lineEnd);
  const before = decode(buf.subarray(from, start));
  const match = decode(buf.subarray(start, end));
  // A wrapped match spans lines: the context is only its first line.
  const nl = match.indexOf('\n');
  const shownMatch = nl === -1 ? match : match.slice(0, nl).replace(/\r$/, '');
  const after = nl === -1 ? decode(buf.subarray(end, Math.max(end, to))) : '';
  return clipContext(before, shownMatch, after, ctx, from > lineStart, to < lineEnd || (nl === -1 && lineEnd < len && buf[lineEnd] !== 0x0a && buf[lineEnd] !== 0x0d));
}

function clipContext(before: string, match: string, after: string, ctx: number, cutBefore: boolean, cutAfter: boolean): SearchHit['context'] {
  let b = before;
  let a = after;
  if (b.length > ctx) {
    b = b.slice(b.length - ctx);
    cutBefore = true;
  }
  if (a.length > ctx) {
    a = a.slice(0, ctx);
    cutAfter = true;
  }
  return { text: b + match + a, start: b.length, end: b.length + match.length, cutBefore, cutAfter };
}

/** Moves back to the first byte of a UTF-8 character (never splits one). */
function utf8Start(buf: Buffer, i: number): number {
  let j = i;
  while (j > 0 && j > i - 4 && (buf[j]! & 0xc0) === 0x80) j--;
  return j;
}

/** Regex hits in a decoded text: one per match, clipped to the line it starts on. */
export function regexHits(re: RegExp, text: string, ref: DocRef, ctx: number, max: number): SearchHit[] {
  const out: SearchHit[] = [];
  re.lastIndex = 0;
  let line = 1;
  let lineStart = 0;
  let scanned = 0;
  let m: RegExpExecArray | null;
  while (out.length < max && (m = re.exec(text)) !== null) {
    if (m[0] === '') {
      re.lastIndex = m.index + 1;
      continue;
    }
    let nl = text.indexOf('\n', scanned);
    while (nl !== -1 && nl < m.index) {
      line++;
      lineStart = nl + 1;
      nl = text.indexOf('\n', nl + 1);
    }
    scanned = m.index;
    const lineEnd = nl === -1 ? text.length : nl > 0 && text[nl - 1] === '\r' ? nl - 1 : nl;
    const end = Math.min(m.index + m[0].length, Math.max(lineEnd, m.index + 1));
    const before = text.slice(Math.max(lineStart, m.index - ctx), m.index);
    const after = text.slice(end, Math.min(lineEnd, end + ctx));
    out.push({
      ...ref,
      line,
      column: m.index - lineStart + 1,
      match: text.slice(m.index, end),
      encoding: 'regex',
      via: [],
      context: { text: before + text.slice(m.index, end) + after, start: before.length, end: before.length + (end - m.index), cutBefore: m.index - ctx > lineStart, cutAfter: end + ctx < lineEnd },
    });
    if (re.lastIndex <= m.index) re.lastIndex = m.index + 1;
  }
  return out;
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
