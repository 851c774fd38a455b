// Exact search of one buffer for a value and all its encodings. One pass finds every needle at once over the raw
// bytes (Wu-Manber), together with *pieces* of each needle (halves, or 24-byte slices of long ones). A needle broken
// in one place (an escape sequence, an invisible character, a control, a line break) or wrapped over several lines
// (`env | base64 -w 76`, `xxd -p`) still has an intact piece; around a piece hit the lines are normalised (junk and
// line breaks removed, offsets kept) and searched for the whole needle, which is then mapped back to raw line and
// column. A value broken after every character by one zero-width character is its own needle. `thorough` adds a
// pass over every escape sequence and invisible character in the file (any number of breaks, at a cost that grows
// with how colourful the log is).
import { describeEncoding, planNeedles, type Needle, type NeedlePlan, type PlanOptions } from './encodings.js';
import { junkBetween, junkCandidateLines, normalise, pairTable, type JunkKind } from './junk.js';
import { MultiMatcher } from './matcher.js';

export interface RawHit {
  /** Raw byte offsets of the match. */
  start: number;
  end: number;
  needle: Needle;
  /** What the match had to be read through (empty for a match of the raw bytes). */
  via: JunkKind[];
}

/** Bytes scanned per step: small enough to stay in the CPU cache across the passes. */
const WINDOW = 1 << 20;
/** Needles at least this long also get pieces: halves, at most this long each. */
const MIN_PIECED = 16;
const MAX_PIECE = 24;
/** Zero-width characters an attacker can put after every character of a value to defeat masking. */
const INTERLEAVE = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad'];
/** How far a wrapped match may reach: a needle's length in bytes plus this many line breaks' worth. */
const WRAP_SLACK_LINES = 64;

interface Piece { bytes: Uint8Array; parent: number; offset: number }

export class ExactSearcher {
  readonly plan: NeedlePlan;
  readonly #matcher: MultiMatcher;
  readonly #needleCount: number;
  readonly #pieces: Piece[];
  readonly #pairs: Uint8Array;
  readonly #maxNeedle: number;
  readonly #interleaved: Buffer[];

  readonly #thorough: boolean;

  constructor(value: string, opts: PlanOptions & { thorough?: boolean; pieces?: boolean } = {}) {
    this.plan = planNeedles(value, opts);
    const needles = this.plan.needles;
    this.#needleCount = needles.length;
    this.#thorough = opts.thorough ?? false;
    this.#pieces = [];
    if (opts.pieces !== false) {
      needles.forEach((n, parent) => {
        const len = n.bytes.length;
        if (len < MIN_PIECED || n.encoding === 'spaced') return;
        const q = Math.min(MAX_PIECE, Math.ceil(len / 2));
        for (let offset = 0; offset < len; offset += q) {
          const at = Math.min(offset, len - q);
          this.#pieces.push({ bytes: n.bytes.subarray(at, at + q), parent, offset: at });
        }
      });
    }
    this.#interleaved = [];
    const chars = [...value];
    if (!opts.literalOnly && chars.length >= 4) {
      for (const z of INTERLEAVE) this.#interleaved.push(Buffer.from(chars.join(z), 'utf8'));
    }
    const patterns = [...needles.map((n) => n.bytes), ...this.#pieces.map((p) => p.bytes), ...this.#interleaved].map((b) => (b.length >= 2 ? b : Buffer.concat([b, b])));
    // A 1-byte needle cannot reach the matcher (values under 4 characters are refused); guard anyway.
    this.#matcher = new MultiMatcher(patterns);
    this.#pairs = pairTable(needles.map((n) => n.bytes));
    this.#maxNeedle = Math.max(...needles.map((n) => n.bytes.length));
  }

  get needles(): readonly Needle[] {
    return this.plan.needles;
  }

  /**
   * Every byte string the one pass looks for: the needles, their pieces and the zero-width-interleaved forms. A
   * file holding none of them has no hit (without `thorough`, whose junk pass needs none of them), so a fixed-string
   * prefilter (ripgrep) given exactly these names every file this searcher can find something in. Null with
   * `thorough`.
   */
  prefilterPatterns(): Buffer[] | null {
    if (this.#thorough) return null;
    return [...this.plan.needles.map((n) => n.bytes), ...this.#pieces.map((p) => Buffer.from(p.bytes)), ...this.#interleaved];
  }

  /** Every hit in buf[0, len), sorted by start, at most `max` (true in `capped` when more were left). */
  search(buf: Buffer, len: number, max = 10_000): { hits: RawHit[]; capped: boolean } {
    const needles = this.plan.needles;
    const raw: number[] = [];
    const candidates: number[] = [];
    let capped = false;
    for (let w = 0; w < len && !capped; w += WINDOW) {
      const to = Math.min(len, w + WINDOW);
      this.#matcher.scan(buf, w, to, len, raw);
      if (this.#thorough) junkCandidateLines(buf, w, to, len, this.#pairs, candidates);
      if (raw.length / 2 > max * 4) capped = true;
    }
    const hits = new Map<string, RawHit>();
    const add = (h: RawHit): void => {
      const key = `${h.start}:${h.end}:${needles.indexOf(h.needle)}`;
      if (!hits.has(key)) hits.set(key, h);
    };
    const wrapWindows: [number, number, number][] = [];
    for (let i = 0; i < raw.length; i += 2) {
      const start = raw[i]!;
      const index = raw[i + 1]!;
      if (index < this.#needleCount) {
        const needle = needles[index]!;
        add({ start, end: start + needle.bytes.length, needle, via: [] });
      } else if (index < this.#needleCount + this.#pieces.length) {
        const piece = this.#pieces[index - this.#needleCount]!;
        wrapWindows.push([start, piece.parent, piece.offset]);
      } else {
        const z = this.#interleaved[index - this.#needleCount - this.#pieces.length]!;
        add({ start, end: start + z.length, needle: needles[0]!, via: ['invisible'] });
      }
    }
    this.#junkHits(buf, candidates, add);
    this.#wrapHits(buf, len, wrapWindows, add);
    const sorted = [...hits.values()].sort((a, b) => a.start - b.start || a.end - b.end);
    if (sorted.length > max) return { hits: sorted.slice(0, max), capped: true };
    return { hits: sorted, capped };
  }

  /** Candidate lines, normalised: hits that needed the normalising (raw ones are already known). */
  #junkHits(buf: Buffer, lines: number[], add: (h: RawHit) => void): void {
    let lastEnd = -1;
    for (let i = 0; i < lines.length; i += 2) {
      const s = lines[i]!;
      const e = lines[i + 1]!;
      if (s < lastEnd) continue;
      lastEnd = e;
      this.#searchNormalised(buf, s, e, false, undefined, add);
    }
  }

  /** A piece of a needle was seen: look for the whole needle around it, through junk and line breaks. */
  #wrapHits(buf: Buffer, len: number, windows: [number, number, number][], add: (h: RawHit) => void): void {
    let doneTo = -1;
    // Pieces of different needles can point at the same region: normalise it once per needle.
    windows.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
    let lastParent = -1;
    for (const [at, parent, offset] of windows) {
      if (parent !== lastParent) doneTo = -1;
      lastParent = parent;
      if (at < doneTo) continue;
      const needle = this.plan.needles[parent]!;
      const reach = needle.bytes.length + WRAP_SLACK_LINES * 2;
      const from = Math.max(0, at - offset - reach);
      const to = Math.min(len, at + (needle.bytes.length - offset) + reach);
      // Whole lines, so columns and line numbers stay right.
      const s = from === 0 ? 0 : buf.lastIndexOf(0x0a, from) + 1;
      let e = buf.indexOf(0x0a, to);
      if (e === -1 || e > len) e = len;
      doneTo = e;
      this.#searchNormalised(buf, s, e, true, needle, add);
    }
  }

  #searchNormalised(buf: Buffer, s: number, e: number, joinLines: boolean, only: Needle | undefined, add: (h: RawHit) => void): void {
    if (e - s > 64 * 1024 * 1024) return; // a line this long is searched raw only
    const n = normalise(buf, s, e, joinLines);
    if (n.removed.length === 0) return;
    const view = n.bytes.subarray(0, n.length);
    for (const needle of only ? [only] : this.plan.needles) {
      let at = view.indexOf(needle.bytes);
      while (at !== -1) {
        const rs = n.map[at]!;
        const re = n.map[at + needle.bytes.length - 1]! + 1;
        if (re - rs !== needle.bytes.length) add({ start: rs, end: re, needle, via: junkBetween(n, rs, re) });
        at = view.indexOf(needle.bytes, at + Math.max(1, needle.bytes.length));
      }
    }
  }

  /** Longest needle in bytes (callers reading in chunks overlap them by this much). */
  get maxNeedleBytes(): number {
    return this.#maxNeedle;
  }
}

export { describeEncoding };
