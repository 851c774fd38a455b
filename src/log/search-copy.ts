// The text that `/` searches: every line of the log with escape sequences, controls and invisible characters removed
// (so colour codes inside a word don't break a match), optionally lower-cased for case-insensitive queries. Line k
// of the copy is line k of the log (each ends in `\n`), so a hit maps straight back to a line.
//
// Built in bounded steps (the pane runs them in idle slices after opening a log), and appended to, not rebuilt,
// when a running step's output grows.

import { CharKind, charKind } from '../text/char-class.js';
import { stripAnsi } from '../text/sanitize.js';
import { OffsetIndex, indexLineStarts } from './offset-index.js';

/** What the copy reads from the log buffer. */
export interface LineSource {
  readonly text: string;
  readonly lineCount: number;
  lineStart(i: number): number;
  /** Line i without its `\n` or `\r\n`. */
  line(i: number): string;
}

/** A copy's text and the start of each line in it. */
export interface Haystack {
  readonly text: string;
  readonly starts: OffsetIndex;
}

/** Anything but tab, newline and printable ASCII: the places where stripping might change a line. */
const NOT_PLAIN_ASCII = /[^\t\n\x20-\x7e]/g;
/** Lines scanned per step between deadline checks. */
const LINES_PER_STEP = 4096;
/** Characters lower-cased per step (a 20 MB log at once would hold the event loop for ~50 ms). */
const LOWER_PER_STEP = 1 << 21;

/** Index of the first character of text[from, to) that stripping would change or drop, or -1. */
function firstUnsafe(text: string, from: number, to: number): number {
  NOT_PLAIN_ASCII.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = NOT_PLAIN_ASCII.exec(text)) !== null && m.index < to) {
    const width = safeCharWidth(text, m.index);
    if (width === 0) return m.index;
    NOT_PLAIN_ASCII.lastIndex = m.index + width;
  }
  return -1;
}

/** One line as search sees it: unchanged when it is plain text, else stripped (never containing a newline). */
export function plainText(line: string): string {
  return firstUnsafe(line, 0, line.length) === -1 ? line : stripAnsi(line).replace(/[\r\n]/g, ' ');
}

export class SearchCopy {
  readonly #source: LineSource;
  readonly #fold: boolean;
  /** The copy of the first #doneLines lines. */
  #text = '';
  readonly #starts = new OffsetIndex();
  #doneLines = 0;
  #scanLine = 0;
  /** Scanned, not yet appended: lines #doneLines..#scanLine-1 as blocks (one join per scan step). */
  #blocks: string[] = [];
  /** Raw offset where the current run of unchanged lines began (copied as one slice of the log). */
  #runStart = 0;
  /** Finishing, in steps: the blocks joined, lower-cased piece by piece, then indexed and appended. */
  #tail: string | null = null;
  #foldParts: string[] = [];
  #foldAt = 0;

  constructor(source: LineSource, fold: boolean) {
    this.#source = source;
    this.#fold = fold;
  }

  get ready(): boolean {
    return this.#doneLines === this.#source.lineCount;
  }

  /** Works for about budgetMs at most (each step is bounded); true when the copy covers every line. */
  build(budgetMs = Number.POSITIVE_INFINITY): boolean {
    const deadline = performance.now() + budgetMs;
    const count = this.#source.lineCount;
    while (this.#scanLine < count) {
      this.#scanLines(this.#scanLine, Math.min(count, this.#scanLine + LINES_PER_STEP));
      if (performance.now() >= deadline) return false;
    }
    while (!this.ready) {
      this.#finishStep();
      if (!this.ready && performance.now() >= deadline) return false;
    }
    return true;
  }

  /** Forgets lines from `lines` on (the log changed there). Call after the source re-indexed. */
  truncate(lines: number): void {
    const keep = Math.min(lines, this.#doneLines);
    if (this.#starts.length > keep) {
      this.#text = this.#text.slice(0, this.#starts.get(keep));
      this.#starts.truncate(keep);
    }
    this.#doneLines = keep;
    this.#scanLine = keep;
    this.#blocks = [];
    this.#tail = null;
    this.#foldParts = [];
    this.#foldAt = 0;
    this.#runStart = keep >= this.#source.lineCount ? this.#source.text.length : this.#source.lineStart(keep);
  }

  /** The copy to search; builds whatever is missing first. */
  haystack(): Haystack {
    this.build();
    return { text: this.#text, starts: this.#starts };
  }

  /** Lines a..b-1: unchanged lines extend the current run; the others are stripped and appended one by one. */
  #scanLines(a: number, b: number): void {
    const src = this.#source;
    const text = src.text;
    const base = src.lineStart(a);
    // Scan a slice: a global regex over the whole log would run on to its end whenever these lines are clean.
    const chunk = text.slice(base, b < src.lineCount ? src.lineStart(b) : text.length);
    const parts: string[] = [];
    let from = 0;
    let p: number;
    while ((p = firstUnsafe(chunk, from, chunk.length)) !== -1) {
      const i = lineOf(src, base + p, a, b);
      const start = src.lineStart(i);
      const next = i + 1 < src.lineCount ? src.lineStart(i + 1) : text.length;
      if (start > this.#runStart) parts.push(text.slice(this.#runStart, start));
      // plainText keeps a line whose only oddity was the CR of its CRLF.
      parts.push(`${plainText(src.line(i))}\n`);
      this.#runStart = next;
      from = next - base;
    }
    if (parts.length > 0) this.#blocks.push(parts.length === 1 ? (parts[0] ?? '') : parts.join(''));
    this.#scanLine = b;
  }

  /** One bounded step of appending the scanned lines to the copy. */
  #finishStep(): void {
    const text = this.#source.text;
    if (this.#tail === null) {
      if (this.#runStart < text.length) this.#blocks.push(text.slice(this.#runStart));
      this.#runStart = text.length;
      // A single unchanged run is a slice of the log itself: no copy is made of a clean log.
      this.#tail = this.#blocks.length === 1 ? (this.#blocks[0] ?? '') : this.#blocks.join('');
      this.#blocks = [];
      return;
    }
    let tail = this.#tail;
    if (this.#fold) {
      if (this.#foldAt < tail.length) {
        // Cut after a newline: lower-casing is context-sensitive within a word (final sigma), never across lines.
        let end = Math.min(tail.length, this.#foldAt + LOWER_PER_STEP);
        if (end < tail.length) {
          const nl = tail.indexOf('\n', end);
          end = nl === -1 ? tail.length : nl + 1;
        }
        this.#foldParts.push(tail.slice(this.#foldAt, end).toLowerCase());
        this.#foldAt = end;
        return;
      }
      tail = this.#foldParts.length === 1 ? (this.#foldParts[0] ?? '') : this.#foldParts.join('');
    }
    indexLineStarts(tail, 0, this.#starts, this.#text.length);
    this.#text = flat(this.#text ? this.#text + tail : tail);
    this.#doneLines = this.#scanLine;
    this.#tail = null;
    this.#foldParts = [];
    this.#foldAt = 0;
  }
}

/** Flattens a concatenation now (the first indexOf would), so the first search doesn't pay for it. */
function flat(s: string): string {
  s.indexOf('\0', s.length - 1);
  return s;
}

/** Width in UTF-16 units of a character stripping keeps as is, 0 when stripping would change it. */
function safeCharWidth(text: string, p: number): number {
  const code = text.charCodeAt(p);
  if (code < 0xa0) return 0; // C0 (tab and newline never get here), DEL, C1
  if (code >= 0xd800 && code <= 0xdfff) {
    const cp = text.codePointAt(p) ?? 0xfffd;
    if (cp <= 0xffff) return 0; // lone surrogate
    const kind = charKind(cp);
    return kind === CharKind.Hidden || kind === CharKind.Combining ? 0 : 2;
  }
  const kind = charKind(code);
  // Combining marks are kept up to a cap per base: let the stripper apply it.
  return kind === CharKind.Hidden || kind === CharKind.Combining ? 0 : 1;
}

/** Line containing raw offset p, searching only lines a..b-1. */
function lineOf(src: LineSource, p: number, a: number, b: number): number {
  let lo = a;
  let hi = b - 1;
  let found = a;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (src.lineStart(mid) <= p) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}
