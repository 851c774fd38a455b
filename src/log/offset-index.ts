// A growable list of ascending string offsets (line starts), packed in a Uint32Array: 300k lines cost 1.2 MB
// instead of an array of boxed numbers, and a lookup offset → line is a binary search.

export class OffsetIndex {
  #data: Uint32Array;
  #length = 0;

  constructor(capacity = 1024) {
    this.#data = new Uint32Array(Math.max(16, capacity));
  }

  get length(): number {
    return this.#length;
  }

  /** The i-th offset; 0 when out of range (callers check the range first). */
  get(i: number): number {
    return i >= 0 && i < this.#length ? (this.#data[i] ?? 0) : 0;
  }

  push(offset: number): void {
    if (this.#length === this.#data.length) {
      const grown = new Uint32Array(this.#data.length * 2);
      grown.set(this.#data);
      this.#data = grown;
    }
    this.#data[this.#length++] = offset;
  }

  /** Keeps the first n entries. */
  truncate(n: number): void {
    this.#length = Math.max(0, Math.min(n, this.#length));
  }

  /** Index of the last entry ≤ offset, or -1 when every entry is greater (or the index is empty). */
  floor(offset: number): number {
    let lo = 0;
    let hi = this.#length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.#data[mid] ?? 0) <= offset) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }
}

/**
 * Appends to `into` the start of every line that begins at or after `from` (which must itself be a line start),
 * shifted by `base`. A final `\n` does not start a new (empty) line, so `a\nb\n` has two lines and `` has none.
 */
export function indexLineStarts(text: string, from: number, into: OffsetIndex, base = 0): void {
  if (from >= text.length) return;
  into.push(base + from);
  const last = text.length - 1;
  let nl = text.indexOf('\n', from);
  while (nl !== -1 && nl < last) {
    into.push(base + nl + 1);
    nl = text.indexOf('\n', nl + 1);
  }
}

/** Sorted-array helpers shared by the error list and match lists. */
export function firstAbove(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? 0) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** 1-based position of `value` in `sorted`, or null when absent. */
export function ordinalOf(sorted: readonly number[], value: number): number | null {
  const i = firstAbove(sorted, value) - 1;
  return i >= 0 && sorted[i] === value ? i + 1 : null;
}
