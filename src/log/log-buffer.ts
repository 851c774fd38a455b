// One step's output, held outside React state: the raw text, an index of line starts, and lazily built
// search and error indexes. Rendering asks for a handful of lines at a time; nothing here is proportional
// to the log size per keystroke except the search scan itself.

import { errorPrefilter, isErrorLine } from './error-patterns.js';
import { OffsetIndex, firstAbove, indexLineStarts, ordinalOf } from './offset-index.js';
import { SearchCopy, plainText, type Haystack, type LineSource } from './search-copy.js';

export interface TimeMark {
  offset: number;
  time: string;
}

export interface MatchStats {
  /** Lines with at least one match, counted up to MATCH_COUNT_LIMIT. */
  count: number;
  /** True when counting stopped at the limit (show `10000+`). */
  capped: boolean;
}

export const MATCH_COUNT_LIMIT = 10_000;
const MATCH_CACHE_SIZE = 16;

interface MatchList {
  lines: number[];
  capped: boolean;
}

export class LogBuffer implements LineSource {
  #text: string;
  #times: readonly TimeMark[];
  readonly #starts: OffsetIndex;
  /** Lower-cased search copy: built ahead of the first `/` (most queries are lower-case). */
  readonly #folded: SearchCopy;
  /** Case-preserving copy, built on the first query with a capital letter (memory is only spent when needed). */
  readonly #matches = new Map<string, MatchList>();
  #errors: number[] = [];
  /** Lines below this have been scanned for errors. */
  #errorsScanned = 0;

  constructor(text = '', times: readonly TimeMark[] = []) {
    this.#text = text;
    this.#times = sortedTimes(times);
    // ~60 characters a line is typical of CI output; the index doubles if that guess is low.
    this.#starts = new OffsetIndex(Math.ceil(text.length / 60) + 16);
    indexLineStarts(text, 0, this.#starts);
    this.#folded = new SearchCopy(this, true);
  }

  get text(): string {
    return this.#text;
  }

  get lineCount(): number {
    return this.#starts.length;
  }

  lineStart(i: number): number {
    return i >= this.lineCount ? this.#text.length : this.#starts.get(i);
  }

  lineTerminator(i: number): number {
    if (i + 1 < this.lineCount) return this.#starts.get(i + 1) - 1;
    return this.#text.endsWith('\n') ? this.#text.length - 1 : this.#text.length;
  }

  /** Line i as printed, without its `\n` or `\r\n`; '' out of range. */
  line(i: number): string {
    if (i < 0 || i >= this.lineCount) return '';
    const start = this.#starts.get(i);
    let end = this.lineTerminator(i);
    if (end > start && this.#text.charCodeAt(end - 1) === 0x0d) end -= 1;
    return this.#text.slice(start, end);
  }

  /** Length of line(i) without building it. */
  lineLength(i: number): number {
    if (i < 0 || i >= this.lineCount) return 0;
    const start = this.#starts.get(i);
    const end = this.lineTerminator(i);
    return end > start && this.#text.charCodeAt(end - 1) === 0x0d ? end - 1 - start : end - start;
  }

  /** Line i with escape sequences and invisible characters removed (what search and error matching see). */
  plainLine(i: number): string {
    return plainText(this.line(i));
  }

  /** The line containing a text offset. */
  lineAt(offset: number): number {
    return Math.max(0, this.#starts.floor(offset));
  }

  /** Timestamp of the message that line i starts in, or null when the output has no times. */
  lineTime(i: number): string | null {
    if (i < 0 || i >= this.lineCount || this.#times.length === 0) return null;
    const start = this.#starts.get(i);
    let lo = 0;
    let hi = this.#times.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.#times[mid]?.offset ?? 0) <= start) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found < 0 ? null : (this.#times[found]?.time ?? null);
  }

  /**
   * New output for the same step (a running step printed more). Lines wholly inside the unchanged prefix keep
   * their index entries, search copy and error marks; only the rest is indexed again. Returns the number of lines kept.
   */
  replace(text: string, times: readonly TimeMark[] = []): number {
    const old = this.#text;
    const prefix = text.startsWith(old) ? old.length : commonPrefixLength(old, text);
    // Kept: the lines whose `\n` lies inside the unchanged prefix. The line holding the first changed character
    // (or starting right at it) is indexed again, except when the old text ended with `\n` and nothing changed.
    let kept = Math.max(0, this.#starts.floor(prefix));
    if (kept === this.lineCount - 1 && this.lineTerminator(kept) < prefix) kept = this.lineCount;
    const from = kept < this.lineCount ? this.#starts.get(kept) : old.length;

    this.#text = text;
    this.#times = sortedTimes(times);
    this.#starts.truncate(kept);
    indexLineStarts(text, from, this.#starts);
    this.#folded.truncate(kept);

    this.#matches.clear();
    this.#errors = this.#errors.slice(0, firstAbove(this.#errors, kept - 1));
    this.#errorsScanned = Math.min(this.#errorsScanned, kept);
    return kept;
  }

  /** Builds the search copy for at most ~budgetMs. True when search is ready (run it in idle slices). */
  prepareSearch(budgetMs = Number.POSITIVE_INFINITY): boolean {
    return this.#folded.build(budgetMs);
  }

  get searchReady(): boolean {
    return this.#folded.ready;
  }

  #haystack(): Haystack {
    return this.#folded.haystack();
  }

  /**
   * One search copy serves both cases: the lower-case copy finds candidates, and a case-sensitive
   * query checks each candidate line's plain text (no second copy of a 20 MB log).
   */
  #next(q: string, at: number, text: string, starts: Haystack['starts'], dir: 1 | -1): number {
    const sensitive = isCaseSensitive(q);
    const needle = q.toLowerCase();
    for (let pos = at; ; ) {
      const hit = dir === 1 ? text.indexOf(needle, pos) : pos < 0 ? -1 : text.lastIndexOf(needle, pos);
      if (hit === -1) return -1;
      const line = starts.floor(hit);
      if (!sensitive || this.plainLine(line).includes(q)) return hit;
      if (dir === 1) {
        if (line + 1 >= starts.length) return -1;
        pos = starts.get(line + 1);
      } else {
        pos = starts.get(line) - 1;
      }
    }
  }

  /**
   * The first line after `fromLine` (dir 1) or before it (dir -1) containing `query`, wrapping around the ends
   * like less; null when no line matches. Smart case: an all-lower-case query ignores case. `fromLine` may be -1
   * or lineCount to search from an end.
   */
  find(query: string, fromLine: number, dir: 1 | -1): number | null {
    const q = normalizeQuery(query);
    if (!q || this.lineCount === 0) return null;
    const { text, starts } = this.#haystack();
    const count = starts.length;
    let at: number;
    if (dir === 1) {
      const from = fromLine + 1 >= count || fromLine < 0 ? 0 : starts.get(fromLine + 1);
      at = this.#next(q, from, text, starts, 1);
      if (at === -1 && from > 0) at = this.#next(q, 0, text, starts, 1);
    } else {
      // A match must start before line fromLine: at or before the `\n` ending the line above (never on it).
      const limit = fromLine <= 0 ? -1 : fromLine >= count ? text.length : starts.get(fromLine) - 1;
      at = this.#next(q, limit, text, starts, -1);
      if (at === -1) at = this.#next(q, text.length, text, starts, -1);
    }
    return at === -1 ? null : Math.max(0, starts.floor(at));
  }

  /** How many lines match (bounded, cached per query). */
  matchCount(query: string): number {
    return this.matchStats(query).count;
  }

  matchStats(query: string): MatchStats {
    const list = this.#matchList(query);
    return { count: list.lines.length, capped: list.capped };
  }

  /** 1-based rank of `line` among the matching lines, or null (not a match, or past the counting limit). */
  matchOrdinal(query: string, line: number): number | null {
    return ordinalOf(this.#matchList(query).lines, line);
  }

  /** Lines that look like errors (see error-patterns.ts), ascending. Computed once; extended after replace(). */
  errorLines(): readonly number[] {
    if (this.#errorsScanned >= this.lineCount) return this.#errors;
    const { text, starts } = this.#haystack();
    const re = errorPrefilter();
    re.lastIndex = starts.get(this.#errorsScanned);
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      const line = starts.floor(m.index);
      if (isErrorLine(this.plainLine(line))) this.#errors.push(line);
      if (line + 1 >= starts.length) break;
      re.lastIndex = starts.get(line + 1);
    }
    this.#errorsScanned = this.lineCount;
    return this.#errors;
  }

  get errorsReady(): boolean {
    return this.#errorsScanned >= this.lineCount;
  }

  /** The next error line after `from` (dir 1) or before it (dir -1), wrapping; null when there are none. */
  nextError(from: number, dir: 1 | -1): number | null {
    const errors = this.errorLines();
    if (errors.length === 0) return null;
    if (dir === 1) return errors[firstAbove(errors, from)] ?? errors[0] ?? null;
    const i = firstAbove(errors, from - 1) - 1;
    return errors[i >= 0 ? i : errors.length - 1] ?? null;
  }

  #matchList(query: string): MatchList {
    const q = normalizeQuery(query);
    const cached = this.#matches.get(q);
    if (cached) {
      // Refresh its place in the LRU order.
      this.#matches.delete(q);
      this.#matches.set(q, cached);
      return cached;
    }
    const list: MatchList = { lines: [], capped: false };
    if (q && this.lineCount > 0) {
      const { text, starts } = this.#haystack();
      let at = this.#next(q, 0, text, starts, 1);
      while (at !== -1) {
        if (list.lines.length >= MATCH_COUNT_LIMIT) {
          list.capped = true;
          break;
        }
        const line = starts.floor(at);
        list.lines.push(line);
        if (line + 1 >= starts.length) break;
        at = this.#next(q, starts.get(line + 1), text, starts, 1);
      }
    }
    this.#matches.set(q, list);
    if (this.#matches.size > MATCH_CACHE_SIZE) {
      const oldest = this.#matches.keys().next().value;
      if (oldest !== undefined) this.#matches.delete(oldest);
    }
    return list;
  }
}

/** Queries are one line; a pasted newline would never match. */
export function normalizeQuery(query: string): string {
  return query.replace(/[\r\n]/g, '');
}

/** Smart case: any character that has a lower-case form different from itself makes the search exact. */
export function isCaseSensitive(query: string): boolean {
  return query !== query.toLowerCase();
}

function sortedTimes(times: readonly TimeMark[]): readonly TimeMark[] {
  for (let i = 1; i < times.length; i++) {
    if ((times[i]?.offset ?? 0) < (times[i - 1]?.offset ?? 0)) return [...times].sort((a, b) => a.offset - b.offset);
  }
  return times;
}

/** Length of the common prefix, comparing blocks natively before walking one block char by char. */
function commonPrefixLength(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  const block = 4096;
  let i = 0;
  while (i + block <= max && a.slice(i, i + block) === b.slice(i, i + block)) i += block;
  while (i < max && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}
