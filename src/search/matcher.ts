// Hand-written for speed: a pasted secret is searched in a dozen encodings at once, and a dozen Buffer.indexOf
// passes over a 300 MB folder cost a dozen times grep. This is Wu-Manber (a multi-pattern Horspool): one pass over
// the bytes, jumping ahead by up to the shortest pattern's length on every 2-byte block no pattern contains.
//
// Each jump waits on two loads (the block, then its shift), so one scan runs at the memory latency, not the CPU's
// speed. Four scans over four quarters of the range, advanced together in one loop, have independent chains that
// the CPU overlaps: about 3x faster than one (measured over 300 MB of CI logs: 78 ms → 25 ms per thread).
//
// The loops are small module functions on plain arguments: V8 compiles those in a few milliseconds, where one big
// method took ~15 ms, twice, while the search ran ~15 times slower meanwhile. The constructor runs every path once
// on a made-up text, so a first real hit does not throw the compiled code away for lack of type feedback.

/** Ranges shorter than this are scanned in one lane (the four-lane set-up is not worth it). */
const MIN_LANED = 4096;

interface Table {
  /** Length of the shortest pattern: the window the shift table is built over. */
  window: number;
  patterns: Uint8Array[];
  /** 2-byte block → how far a window ending with it may jump. */
  shift: Uint8Array;
  /** Block at a window's end → patterns whose window ends with it. */
  buckets: (Int32Array | undefined)[];
}

export class MultiMatcher {
  readonly #t: Table;
  /** scanFour's state: four positions, then the four lanes' ends. */
  readonly #lanes = new Int32Array(8);

  constructor(patterns: readonly Uint8Array[]) {
    if (patterns.length === 0) throw new Error('MultiMatcher needs at least one pattern');
    if (patterns.some((p) => p.length < 2)) throw new Error('MultiMatcher patterns must be 2 bytes or longer');
    const m = Math.min(...patterns.map((p) => p.length));
    const shift = new Uint8Array(65536).fill(Math.min(255, m - 1));
    const lists = new Map<number, number[]>();
    patterns.forEach((p, index) => {
      for (let q = 2; q <= m; q++) {
        const block = ((p[q - 2] ?? 0) << 8) | (p[q - 1] ?? 0);
        const s = Math.min(255, m - q);
        if (s < (shift[block] ?? 0)) shift[block] = s;
      }
      const last = ((p[m - 2] ?? 0) << 8) | (p[m - 1] ?? 0);
      const list = lists.get(last) ?? [];
      list.push(index);
      lists.set(last, list);
    });
    const buckets = new Array<Int32Array | undefined>(65536);
    for (const [block, list] of lists) buckets[block] = Int32Array.from(list);
    this.#t = { window: m, patterns: patterns.slice(), shift, buckets };
    this.#feedback();
  }

  get window(): number {
    return this.#t.window;
  }

  get patternCount(): number {
    return this.#t.patterns.length;
  }

  /**
   * Every occurrence of every pattern that starts in [from, to) and ends by `limit` (≤ buf.length), appended to
   * `out` as pairs (start, pattern index). Overlapping occurrences are all reported. Pairs are in no set order.
   */
  scan(buf: Uint8Array, from: number, to: number, limit: number, out: number[]): void {
    const t = this.#t;
    const m = t.window;
    const end = Math.min(limit, to + m - 1);
    if (to - from < MIN_LANED) {
      scanOne(buf, t, from + m - 1, end, limit, out);
      return;
    }
    // Lane k takes the windows ending in [a_k + m - 1, a_{k+1} + m - 1): every start in [from, to) exactly once.
    const lanes = this.#lanes;
    const q = (to - from) >> 2;
    lanes[4] = Math.min(end, from + q + m - 1);
    lanes[5] = Math.min(end, lanes[4]! + q);
    lanes[6] = Math.min(end, lanes[5]! + q);
    lanes[7] = end;
    lanes[0] = from + m - 1;
    lanes[1] = lanes[4]!;
    lanes[2] = lanes[5]!;
    lanes[3] = lanes[6]!;
    scanFour(buf, t, lanes, limit, out);
    // The lanes rarely end together: each finishes on its own.
    for (let k = 0; k < 4; k++) scanOne(buf, t, lanes[k]!, lanes[k + 4]!, limit, out);
  }

  /** Every path of the scan once (four lanes, one lane, a candidate, a match), on a text holding each pattern. */
  #feedback(): void {
    const filler = Buffer.from('The quick brown fox jumps over the lazy dog; 0123456789 =+/_-.\r\n');
    const parts: Uint8Array[] = [];
    let size = 0;
    for (let i = 0; size < MIN_LANED * 2; i++) {
      const p = this.#t.patterns[i % this.#t.patterns.length]!;
      parts.push(filler, p);
      size += filler.length + p.length;
    }
    const text = Buffer.concat(parts);
    this.scan(text, 0, text.length, text.length, []);
    this.scan(text, 0, 64, text.length, []);
  }
}

/** The four lanes together until one ends; a lane stopped on a zero shift is checked and stepped on. */
function scanFour(buf: Uint8Array, t: Table, lanes: Int32Array, limit: number, out: number[]): void {
  const shift = t.shift;
  for (;;) {
    skipFour(buf, shift, lanes);
    if (!(lanes[0]! < lanes[4]! && lanes[1]! < lanes[5]! && lanes[2]! < lanes[6]! && lanes[3]! < lanes[7]!)) return;
    for (let k = 0; k < 4; k++) {
      const pos = lanes[k]!;
      if (shift[(buf[pos - 1]! << 8) | buf[pos]!] === 0) {
        verifyAt(buf, t, pos, limit, out);
        lanes[k] = pos + 1;
      }
    }
  }
}

/** One lane: the windows ending in [pos, end). */
function scanOne(buf: Uint8Array, t: Table, pos: number, end: number, limit: number, out: number[]): void {
  for (;;) {
    pos = skipOne(buf, t.shift, pos, end);
    if (pos >= end) return;
    verifyAt(buf, t, pos, limit, out);
    pos += 1;
  }
}

/** Advances the four lanes (positions in lanes[0..3], ends in lanes[4..7]) until one ends or meets a zero shift. */
function skipFour(buf: Uint8Array, shift: Uint8Array, lanes: Int32Array): void {
  let p0 = lanes[0]!;
  let p1 = lanes[1]!;
  let p2 = lanes[2]!;
  let p3 = lanes[3]!;
  const e0 = lanes[4]!;
  const e1 = lanes[5]!;
  const e2 = lanes[6]!;
  const e3 = lanes[7]!;
  while (p0 < e0 && p1 < e1 && p2 < e2 && p3 < e3) {
    const s0 = shift[(buf[p0 - 1]! << 8) | buf[p0]!]!;
    const s1 = shift[(buf[p1 - 1]! << 8) | buf[p1]!]!;
    const s2 = shift[(buf[p2 - 1]! << 8) | buf[p2]!]!;
    const s3 = shift[(buf[p3 - 1]! << 8) | buf[p3]!]!;
    if (s0 === 0 || s1 === 0 || s2 === 0 || s3 === 0) break;
    p0 += s0;
    p1 += s1;
    p2 += s2;
    p3 += s3;
  }
  lanes[0] = p0;
  lanes[1] = p1;
  lanes[2] = p2;
  lanes[3] = p3;
}

/** The first position in [pos, end) whose block has a zero shift, or a position ≥ end. */
function skipOne(buf: Uint8Array, shift: Uint8Array, pos: number, end: number): number {
  while (pos < end) {
    const s = shift[(buf[pos - 1]! << 8) | buf[pos]!]!;
    if (s === 0) return pos;
    pos += s;
  }
  return pos;
}

/** The window ending at `pos` has a zero shift: compare the patterns whose window ends with its block. */
function verifyAt(buf: Uint8Array, t: Table, pos: number, limit: number, out: number[]): void {
  const bucket = t.buckets[(buf[pos - 1]! << 8) | buf[pos]!];
  if (bucket === undefined) return;
  const start = pos - t.window + 1;
  for (let k = 0; k < bucket.length; k++) {
    const index = bucket[k]!;
    const p = t.patterns[index]!;
    const len = p.length;
    if (start + len > limit) continue;
    let i = 0;
    while (i < len && buf[start + i] === p[i]) i++;
    if (i === len) out.push(start, index);
  }
}
