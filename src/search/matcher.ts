// Hand-written for speed: a pasted secret is searched in a dozen encodings at once, and a dozen Buffer.indexOf
// passes over a 300 MB folder cost a dozen times grep. This is Wu-Manber (a multi-pattern Horspool): one pass over
// the bytes, jumping ahead by up to the shortest pattern's length on every 2-byte block no pattern contains.

export class MultiMatcher {
  /** Length of the shortest pattern: the window the shift table is built over. */
  readonly window: number;
  readonly #patterns: Uint8Array[];
  readonly #shift: Uint8Array;
  /** Block (2 bytes) at a window's end → patterns whose window ends with it. */
  readonly #buckets: (Int32Array | undefined)[];

  constructor(patterns: readonly Uint8Array[]) {
    if (patterns.length === 0) throw new Error('MultiMatcher needs at least one pattern');
    if (patterns.some((p) => p.length < 2)) throw new Error('MultiMatcher patterns must be 2 bytes or longer');
    this.#patterns = patterns.slice();
    const m = Math.min(...patterns.map((p) => p.length));
    this.window = m;
    const shift = new Uint8Array(65536).fill(Math.min(255, m - 1));
    const buckets = new Map<number, number[]>();
    patterns.forEach((p, index) => {
      for (let q = 2; q <= m; q++) {
        const block = ((p[q - 2] ?? 0) << 8) | (p[q - 1] ?? 0);
        const s = Math.min(255, m - q);
        if (s < (shift[block] ?? 0)) shift[block] = s;
      }
      const last = ((p[m - 2] ?? 0) << 8) | (p[m - 1] ?? 0);
      const list = buckets.get(last) ?? [];
      list.push(index);
      buckets.set(last, list);
    });
    this.#shift = shift;
    this.#buckets = new Array<Int32Array | undefined>(65536);
    for (const [block, list] of buckets) this.#buckets[block] = Int32Array.from(list);
  }

  get patternCount(): number {
    return this.#patterns.length;
  }

  /**
   * Every occurrence of every pattern that starts in [from, to) and ends by `limit` (≤ buf.length), appended to
   * `out` as pairs (start, pattern index), in order of the window's end. Overlapping occurrences are all reported.
   */
  scan(buf: Uint8Array, from: number, to: number, limit: number, out: number[]): void {
    const m = this.window;
    const shift = this.#shift;
    const buckets = this.#buckets;
    const patterns = this.#patterns;
    const end = Math.min(limit, to + m - 1);
    let pos = from + m - 1;
    while (pos < end) {
      const block = (buf[pos - 1]! << 8) | buf[pos]!;
      const s = shift[block]!;
      if (s !== 0) {
        pos += s;
        continue;
      }
      const bucket = buckets[block];
      const start = pos - m + 1;
      if (bucket !== undefined) {
        for (let k = 0; k < bucket.length; k++) {
          const index = bucket[k]!;
          const p = patterns[index]!;
          const len = p.length;
          if (start + len > limit) continue;
          let i = 0;
          while (i < len && buf[start + i] === p[i]) i++;
          if (i === len) out.push(start, index);
        }
      }
      pos += 1;
    }
  }
}
