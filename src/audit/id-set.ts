// Event ids already seen, for dedupe over millions of rows without millions of strings on the heap.
// Each id is kept as a 64-bit hash (two independent 32-bit FNV-1a variants) in an open-addressing
// table of typed arrays (9 bytes per slot, at most half full), so 1,000,000 ids take ~19 MB
// off-heap instead of ~100 MB of strings on the heap. Two different ids collide with probability ~n²/2⁶⁵ (3·10⁻⁸ for a
// million): a false "duplicate" is that unlikely.

export class IdSet {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private used: Uint8Array;
  private count = 0;

  constructor(initialSlots = 1 << 12) {
    this.hi = new Uint32Array(initialSlots);
    this.lo = new Uint32Array(initialSlots);
    this.used = new Uint8Array(initialSlots);
  }

  get size(): number {
    return this.count;
  }

  /** Adds the id; false when it was already there. */
  add(id: string): boolean {
    if ((this.count + 1) * 2 > this.used.length) this.grow();
    const [h, l] = hash64(id);
    return this.insert(h, l);
  }

  private insert(h: number, l: number): boolean {
    const mask = this.used.length - 1;
    let i = (l ^ Math.imul(h, 0x9e3779b1)) & mask;
    while (this.used[i]) {
      if (this.hi[i] === h && this.lo[i] === l) return false;
      i = (i + 1) & mask;
    }
    this.used[i] = 1;
    this.hi[i] = h;
    this.lo[i] = l;
    this.count++;
    return true;
  }

  private grow(): void {
    const { hi, lo, used } = this;
    const slots = used.length * 2;
    this.hi = new Uint32Array(slots);
    this.lo = new Uint32Array(slots);
    this.used = new Uint8Array(slots);
    this.count = 0;
    for (let i = 0; i < used.length; i++) if (used[i]) this.insert(hi[i]!, lo[i]!);
  }
}

function hash64(s: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return [a >>> 0, (b ^ (a >>> 7)) >>> 0];
}
