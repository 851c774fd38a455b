// Fuzzy search over every line of many logs, fast enough to run on each keystroke: fuse.js costs hundreds of ms a
// query at 160k lines (ink-notes §4), so it only ranks a prefiltered candidate set. The prefilter is a trigram index
// over blocks of 1,024 lines (one bitset of blocks per hashed trigram, a few MB for a million lines):
//  1. exact: only blocks holding every trigram of the query are scanned with indexOf for the query as typed;
//  2. near: blocks holding most of its trigrams are scanned line by line, each line scored by how many of the
//     query's trigrams it holds (a typo breaks at most three), and the best lines kept;
//  3. fuse.js ranks those candidates (at most 1,000), exact hits first.
// The lower-cased text is the log pane's own search copy (escape sequences and invisible characters removed), so
// what matches here matches there.
import Fuse from 'fuse.js';
import { LogBuffer } from '../log/log-buffer.js';
import { SearchCopy, type Haystack } from '../log/search-copy.js';

export interface FuzzyResult {
  /** Index of the document (as given to add()). */
  doc: number;
  /** 0-based line in the document. */
  line: number;
  /** The line as searched: escape sequences and invisible characters removed (still unsanitized text). */
  text: string;
  /** 0 = perfect … 1. */
  score: number;
  /** Ranges [start, end) of `text` that matched. */
  ranges: [number, number][];
  /** The line contains the query as typed (case-insensitively). */
  exact: boolean;
}

export interface FuzzyOptions {
  /** Results returned (default 200). */
  limit?: number;
  /** Lines handed to fuse.js at most (default 1000). */
  candidates?: number;
  /** Time for the near (typo) stage at most (default 60 ms, 25 ms when the query was also found as typed). */
  budgetMs?: number;
}

interface Segment {
  doc: number;
  buffer: LogBuffer;
  copy: SearchCopy;
  hay: Haystack | null;
  /** First global block id of this segment (set when indexed). */
  firstBlock: number;
}

/** Characters of a line given to fuse.js: ranking a 10 MB line would cost as much as ranking 10k lines. */
const RANK_WINDOW = 2000;
const BLOCK_LINES = 1024;
const BUCKET_BITS = 16;
const BUCKETS = 1 << BUCKET_BITS;

const tri = (a: number, b: number, c: number): number => (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77) ^ Math.imul(c, 0xc2b2ae3d)) >>> (32 - BUCKET_BITS);

/** Distinct trigram buckets of a (lower-cased) string. */
function trigramsOf(s: string): number[] {
  const out = new Set<number>();
  for (let i = 2; i < s.length; i++) out.add(tri(s.charCodeAt(i - 2), s.charCodeAt(i - 1), s.charCodeAt(i)));
  return [...out];
}

export class FuzzyIndex {
  readonly #segments: Segment[] = [];
  #lines = 0;
  /** blocks: [segment, first line, end line). */
  #blocks: { seg: number; from: number; to: number }[] = [];
  /** BUCKETS rows of `#words` Uint32 words: bit b of row t = block b holds trigram t. */
  #table = new Uint32Array(BUCKETS * 4);
  #words = 4;

  /** Adds a document; its search copy and trigrams are built by prepare() (or on the first search). */
  add(doc: number, text: string): void {
    const buffer = new LogBuffer(text);
    this.#segments.push({ doc, buffer, copy: new SearchCopy(buffer, true), hay: null, firstBlock: -1 });
    this.#lines += buffer.lineCount;
  }

  get lineCount(): number {
    return this.#lines;
  }

  get documentCount(): number {
    return this.#segments.length;
  }

  /** Builds missing search copies and trigram blocks for at most ~budgetMs; true when all are ready. */
  prepare(budgetMs = Number.POSITIVE_INFINITY): boolean {
    const deadline = performance.now() + budgetMs;
    for (let si = 0; si < this.#segments.length; si++) {
      const s = this.#segments[si]!;
      if (s.hay) continue;
      if (!s.copy.build(Math.max(0, deadline - performance.now()))) return false;
      s.hay = s.copy.haystack();
      this.#indexSegment(si);
      if (performance.now() >= deadline) return this.#segments.every((x) => x.hay !== null);
    }
    return true;
  }

  #indexSegment(si: number): void {
    const s = this.#segments[si]!;
    const hay = s.hay!;
    const lines = hay.starts.length;
    s.firstBlock = this.#blocks.length;
    for (let from = 0; from < lines; from += BLOCK_LINES) this.#blocks.push({ seg: si, from, to: Math.min(lines, from + BLOCK_LINES) });
    const need = Math.ceil(this.#blocks.length / 32);
    if (need > this.#words) this.#grow(Math.max(need, this.#words * 2));
    const W = this.#words;
    const table = this.#table;
    const text = hay.text;
    for (let b = s.firstBlock; b < this.#blocks.length; b++) {
      const blk = this.#blocks[b]!;
      const start = hay.starts.get(blk.from);
      const end = blk.to < lines ? hay.starts.get(blk.to) : text.length;
      const word = b >>> 5;
      const bit = 1 << (b & 31);
      let c1 = 10;
      let c2 = 10;
      for (let i = start; i < end; i++) {
        const c3 = text.charCodeAt(i);
        if (c3 !== 10 && c2 !== 10 && c1 !== 10) table[tri(c1, c2, c3) * W + word]! |= bit;
        c1 = c2;
        c2 = c3;
      }
    }
  }

  #grow(words: number): void {
    const next = new Uint32Array(BUCKETS * words);
    const W = this.#words;
    for (let t = 0; t < BUCKETS; t++) next.set(this.#table.subarray(t * W, t * W + W), t * words);
    this.#table = next;
    this.#words = words;
  }

  /** Blocks holding at least `need` of the trigrams, best first (all of them when need = count). */
  #blocksWith(trigrams: number[], need: number): number[] {
    const W = this.#words;
    const counts = new Uint16Array(this.#blocks.length);
    for (const t of trigrams) {
      const row = t * W;
      for (let w = 0; w < W; w++) {
        let bits = this.#table[row + w]!;
        while (bits !== 0) {
          const low = bits & -bits;
          const b = (w << 5) + 31 - Math.clz32(low);
          if (b < counts.length) counts[b]!++;
          bits ^= low;
        }
      }
    }
    const out: number[] = [];
    for (let b = 0; b < counts.length; b++) if (counts[b]! >= need) out.push(b);
    return out.sort((a, b) => counts[b]! - counts[a]! || a - b);
  }

  search(query: string, opts: FuzzyOptions = {}): FuzzyResult[] {
    const q = query.replace(/[\r\n]/g, ' ').trim().toLowerCase();
    if (!q) return [];
    this.prepare();
    const limit = opts.limit ?? 200;
    const max = opts.candidates ?? 1000;
    // candidate key: segment index * 2^32 + line
    const found = new Map<number, { seg: number; line: number; exact: boolean }>();
    const trigrams = trigramsOf(q);

    // 1. Exact: the query as typed, only in blocks that hold all its trigrams.
    const exactBlocks = trigrams.length ? this.#blocksWith(trigrams, trigrams.length).sort((a, b) => a - b) : this.#blocks.map((_, i) => i);
    for (const b of exactBlocks) {
      if (found.size >= max) break;
      const blk = this.#blocks[b]!;
      const hay = this.#segments[blk.seg]!.hay!;
      const start = hay.starts.get(blk.from);
      const end = blk.to < hay.starts.length ? hay.starts.get(blk.to) : hay.text.length;
      // Within the block only: an indexOf from here over the whole log would rescan it for every block.
      const part = hay.text.slice(start, end);
      let at = part.indexOf(q);
      while (at !== -1 && found.size < max) {
        const line = Math.max(0, hay.starts.floor(start + at));
        found.set(blk.seg * 4294967296 + line, { seg: blk.seg, line, exact: true });
        const next = line + 1 < hay.starts.length ? hay.starts.get(line + 1) : hay.text.length;
        if (next >= end) break;
        at = part.indexOf(q, next - start);
      }
    }

    // 2. Near: lines holding most of the query's trigrams (a typo spoils at most three of them). Given less time when
    // the query was found as typed: near matches are then extras.
    const budget = opts.budgetMs ?? (found.size > 0 ? 25 : 60);
    if (found.size < limit && trigrams.length >= 2) this.#near(trigrams, max, performance.now() + budget, found);

    const cands = [...found.values()];
    const items = cands.map((c) => {
      const seg = this.#segments[c.seg]!;
      const text = seg.buffer.plainLine(c.line);
      let from = 0;
      if (text.length > RANK_WINDOW) {
        const at = c.exact ? text.toLowerCase().indexOf(q) : 0;
        from = Math.max(0, Math.min(at - RANK_WINDOW / 4, text.length - RANK_WINDOW));
      }
      return { c, text, from, window: text.length > RANK_WINDOW ? text.slice(from, from + RANK_WINDOW) : text };
    });
    const fuse = new Fuse(items, { keys: ['window'], includeScore: true, includeMatches: true, ignoreLocation: true, threshold: 0.5, minMatchCharLength: Math.min(2, q.length) });
    const ranked = fuse.search(q.length > 64 ? q.slice(0, 64) : q);
    const out: FuzzyResult[] = ranked.map((r) => {
      const it = r.item;
      const ranges: [number, number][] = [];
      if (it.c.exact) {
        const at = it.text.toLowerCase().indexOf(q);
        if (at >= 0) ranges.push([at, at + q.length]);
      } else {
        for (const m of r.matches ?? []) for (const [a, b] of m.indices) ranges.push([it.from + a, it.from + b + 1]);
        ranges.sort((a, b) => b[1] - b[0] - (a[1] - a[0]));
      }
      return { doc: this.#segments[it.c.seg]!.doc, line: it.c.line, text: it.text, score: it.c.exact ? 0 : (r.score ?? 1), ranges, exact: it.c.exact };
    });
    // Exact hits first, then by score; stable within (document order, line order).
    out.sort((a, b) => Number(b.exact) - Number(a.exact) || a.score - b.score || a.doc - b.doc || a.line - b.line);
    return out.slice(0, limit);
  }

  /** Lines of the blocks that hold most of the trigrams, scored by trigrams held; the best `max` are kept. */
  #near(trigrams: number[], max: number, deadline: number, found: Map<number, { seg: number; line: number; exact: boolean }>): void {
    const T = trigrams.length;
    const need = Math.max(T > 3 ? 2 : 1, Math.ceil(T * 0.5));
    const wanted = new Uint8Array(1 << BUCKET_BITS);
    for (const t of trigrams) wanted[t] = 1;
    const seen = new Uint32Array(1 << BUCKET_BITS);
    let stamp = 0;
    // Lines by how many trigrams they hold (no sort: a short query can match hundreds of thousands of lines).
    const byCount: number[][] = Array.from({ length: T + 1 }, () => []);
    let kept = 0;
    for (const b of this.#blocksWith(trigrams, need)) {
      if (performance.now() >= deadline) break;
      const blk = this.#blocks[b]!;
      const hay = this.#segments[blk.seg]!.hay!;
      const text = hay.text;
      for (let line = blk.from; line < blk.to; line++) {
        const start = hay.starts.get(line);
        const end = line + 1 < hay.starts.length ? hay.starts.get(line + 1) : text.length;
        stamp++;
        let n = 0;
        for (let i = start + 2; i < end; i++) {
          const t = tri(text.charCodeAt(i - 2), text.charCodeAt(i - 1), text.charCodeAt(i));
          if (wanted[t] === 1 && seen[t] !== stamp) {
            seen[t] = stamp;
            n++;
          }
        }
        if (n >= need) {
          byCount[n]!.push(blk.seg, line);
          kept++;
        }
      }
      // Enough lines that hold every trigram: nothing better can come.
      if ((byCount[T]?.length ?? 0) / 2 >= max) break;
      if (kept > max * 50) break;
    }
    for (let n = T; n >= need && found.size < max; n--) {
      const list = byCount[n]!;
      for (let i = 0; i < list.length && found.size < max; i += 2) {
        const key = list[i]! * 4294967296 + list[i + 1]!;
        if (!found.has(key)) found.set(key, { seg: list[i]!, line: list[i + 1]!, exact: false });
      }
    }
  }

  /** Line `line` of document `doc` as searched (for previews). */
  line(doc: number, line: number): string {
    const seg = this.#segments.find((s) => s.doc === doc);
    return seg ? seg.buffer.plainLine(line) : '';
  }
}
