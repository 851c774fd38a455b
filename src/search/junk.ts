// Bytes a terminal does not show: escape sequences, control characters and invisible Unicode (zero-width, bidi,
// tags, BOM, soft hyphen). Printed inside a secret they hide it from CircleCI's masking and from a plain search,
// while the reader (or the attacker) still sees the secret. Search matches through them on a normalised copy of
// the affected lines (security.md §1.3) and maps every hit back to the raw bytes.
//
// Byte-level on purpose: the search works on Buffers (never decoded strings) and must survive invalid UTF-8.

export type JunkKind = 'ansi' | 'control' | 'invisible' | 'line-break';

/** Longest escape-sequence string (OSC, DCS, …) removed as a whole; an unterminated one only loses its ESC. */
const MAX_STRING_SEQUENCE = 4096;
const MAX_CSI = 256;

/**
 * Length in bytes of the junk sequence starting at `p` (0 when the byte there is visible text). A line end
 * (`\n`, or `\r` right before it) is not junk here; `kind` receives what was found.
 */
export function junkLength(buf: Uint8Array, p: number, limit: number): number {
  const b = buf[p]!;
  if (b === 0x1b) return escLength(buf, p, limit);
  if (b < 0x20) {
    if (b === 0x09 || b === 0x0a) return 0;
    if (b === 0x0d) return p + 1 < limit && buf[p + 1] === 0x0a ? 0 : 1;
    return 1;
  }
  if (b === 0x7f) return 1;
  if (b < 0xc2) return 0;
  const b1 = p + 1 < limit ? buf[p + 1]! : -1;
  const b2 = p + 2 < limit ? buf[p + 2]! : -1;
  switch (b) {
    case 0xc2: // C1 controls U+0080–U+009F, soft hyphen U+00AD
      return (b1 >= 0x80 && b1 <= 0x9f) || b1 === 0xad ? 2 : 0;
    case 0xcd: // combining grapheme joiner U+034F
      return b1 === 0x8f ? 2 : 0;
    case 0xd8: // Arabic letter mark U+061C
      return b1 === 0x9c ? 2 : 0;
    case 0xe1: // Mongolian vowel separator U+180E
      return b1 === 0xa0 && b2 === 0x8e ? 3 : 0;
    case 0xe2:
      if (b1 === 0x80) return (b2 >= 0x8b && b2 <= 0x8f) || (b2 >= 0xa8 && b2 <= 0xae) ? 3 : 0; // ZW*, LRM/RLM, LS/PS, bidi embeddings
      if (b1 === 0x81) return b2 >= 0xa0 && b2 <= 0xaf && b2 !== 0xa5 ? 3 : 0; // word joiner, invisible operators, isolates
      return 0;
    case 0xef:
      if (b1 === 0xbb) return b2 === 0xbf ? 3 : 0; // BOM / ZWNBSP U+FEFF
      if (b1 === 0xb8) return b2 >= 0x80 && b2 <= 0x8f ? 3 : 0; // variation selectors U+FE00–U+FE0F
      return 0;
    case 0xf3: {
      // Tags U+E0000–U+E007F and variation selectors U+E0100–U+E01EF: F3 A0 80..87 xx
      const b3 = p + 3 < limit ? buf[p + 3]! : -1;
      return b1 === 0xa0 && b2 >= 0x80 && b2 <= 0x87 && b3 >= 0x80 && b3 <= 0xbf ? 4 : 0;
    }
    default:
      return 0;
  }
}

export function junkKind(first: number): JunkKind {
  if (first === 0x1b) return 'ansi';
  if (first < 0x20 || first === 0x7f) return 'control';
  return first === 0xc2 ? 'control' : 'invisible';
}

function escLength(buf: Uint8Array, p: number, limit: number): number {
  if (p + 1 >= limit) return 1;
  const c = buf[p + 1]!;
  if (c === 0x5b /* [ */) {
    let i = p + 2;
    const max = Math.min(limit, p + MAX_CSI);
    while (i < max && buf[i]! >= 0x20 && buf[i]! <= 0x3f) i++;
    if (i < max && buf[i]! >= 0x40 && buf[i]! <= 0x7e) return i + 1 - p;
    return 1;
  }
  if (c === 0x5d || c === 0x50 || c === 0x58 || c === 0x5e || c === 0x5f) {
    // OSC, DCS, SOS, PM, APC: up to BEL, ESC \ or C1 ST (C2 9C).
    const max = Math.min(limit, p + MAX_STRING_SEQUENCE);
    for (let i = p + 2; i < max; i++) {
      const d = buf[i]!;
      if (d === 0x07) return i + 1 - p;
      if (d === 0x1b) return i + 1 < limit && buf[i + 1] === 0x5c ? i + 2 - p : 1;
      if (d === 0x0a) return 1;
      if (d === 0xc2 && i + 1 < limit && buf[i + 1] === 0x9c) return i + 2 - p;
    }
    return 1;
  }
  if (c >= 0x20 && c <= 0x2f) {
    // nF sequences (charset designators ESC ( B, ESC # 8): intermediates then one final byte.
    let i = p + 1;
    while (i < limit && i < p + 8 && buf[i]! >= 0x20 && buf[i]! <= 0x2f) i++;
    return i < limit && buf[i]! >= 0x30 && buf[i]! <= 0x7e ? i + 1 - p : 1;
  }
  if (c >= 0x30 && c <= 0x7e) return 2; // ESC 7, ESC c, ESC =, …
  return 1;
}

/** Lead bytes worth looking for: every junk sequence starts with one of these (rare C0 controls aside). */
export const JUNK_LEADS: readonly number[] = [0x1b, 0xe2, 0xef, 0xc2, 0xf3, 0x00, 0x08, 0x07];

/** A normalised copy of raw bytes, with the raw offset of every byte kept. */
export interface Normalised {
  bytes: Buffer;
  length: number;
  /** map[i] = raw offset of normalised byte i. */
  map: Int32Array;
  /** Kinds of junk removed, by raw offset (only filled when asked). */
  removed: { at: number; length: number; kind: JunkKind }[];
}

/**
 * Removes junk from raw[start, end). With `joinLines`, line breaks (`\n`, `\r\n`) are removed too, so text wrapped
 * over several lines (`base64 -w 76`) reads as one.
 */
export function normalise(buf: Uint8Array, start: number, end: number, joinLines: boolean): Normalised {
  const size = end - start;
  const bytes = Buffer.allocUnsafe(size);
  const map = new Int32Array(size);
  const removed: Normalised['removed'] = [];
  let n = 0;
  let p = start;
  while (p < end) {
    const b = buf[p]!;
    if (joinLines && (b === 0x0a || (b === 0x0d && p + 1 < end && buf[p + 1] === 0x0a))) {
      const len = b === 0x0d ? 2 : 1;
      removed.push({ at: p, length: len, kind: 'line-break' });
      p += len;
      continue;
    }
    // Fast path: printable ASCII and ordinary UTF-8 lead bytes are not junk unless junkLength says so.
    if ((b >= 0x20 && b < 0x7f) || b === 0x09 || b === 0x0a || (b >= 0x80 && b < 0xc2)) {
      bytes[n] = b;
      map[n++] = p++;
      continue;
    }
    const len = junkLength(buf, p, end);
    if (len === 0) {
      bytes[n] = b;
      map[n++] = p++;
      continue;
    }
    removed.push({ at: p, length: len, kind: junkKind(b) });
    p += len;
  }
  return { bytes, length: n, map, removed };
}

/** Kinds of junk removed inside raw[from, to). */
export function junkBetween(n: Normalised, from: number, to: number): JunkKind[] {
  const kinds = new Set<JunkKind>();
  for (const r of n.removed) if (r.at >= from && r.at < to) kinds.add(r.kind);
  return [...kinds];
}

/** Adjacent byte pairs of the needles: junk between two such bytes may split a needle. */
export function pairTable(needles: readonly Uint8Array[]): Uint8Array {
  const t = new Uint8Array(65536);
  for (const n of needles) for (let i = 1; i < n.length; i++) t[(n[i - 1]! << 8) | n[i]!] = 1;
  return t;
}

/**
 * Lines of raw[from, to) where junk sits between two bytes that are adjacent in some needle: the only lines whose
 * normalised copy can hold a needle the raw bytes do not. Returns [lineStart, lineEnd) pairs, sorted, distinct.
 * Cost: one memchr per lead byte plus O(1) per junk sequence found.
 */
export function junkCandidateLines(buf: Buffer, from: number, to: number, limit: number, pairs: Uint8Array, out: number[]): void {
  const found: number[] = [];
  for (const lead of JUNK_LEADS) {
    let p = buf.indexOf(lead, from);
    while (p !== -1 && p < to) {
      const len = junkLength(buf, p, limit);
      if (len === 0) {
        p = buf.indexOf(lead, p + 1);
        continue;
      }
      // The whole run of junk, then the visible bytes on each side.
      let q = p + len;
      for (let more = junkLength(buf, q, limit); q < limit && more > 0; more = q < limit ? junkLength(buf, q, limit) : 0) q += more;
      let before = p - 1;
      while (before >= 0 && isContinuationOfJunk(buf, before)) before--;
      const prev = before >= 0 ? buf[before]! : -1;
      const next = q < limit ? buf[q]! : -1;
      if (prev >= 0 && next >= 0 && prev !== 0x0a && next !== 0x0a && next !== 0x0d && pairs[(prev << 8) | next] === 1) {
        const lineStart = before < 0 ? 0 : buf.lastIndexOf(0x0a, before) + 1;
        let lineEnd = buf.indexOf(0x0a, q);
        if (lineEnd === -1 || lineEnd > limit) lineEnd = limit;
        found.push(lineStart, lineEnd);
        p = lineEnd >= to ? -1 : buf.indexOf(lead, lineEnd);
        continue;
      }
      p = q >= to ? -1 : buf.indexOf(lead, q);
    }
  }
  if (found.length === 0) return;
  // Sort the pairs by start and merge duplicates (several lead bytes can flag the same line).
  const idx = Array.from({ length: found.length / 2 }, (_, i) => i).sort((a, b) => found[2 * a]! - found[2 * b]!);
  let lastStart = -1;
  for (const i of idx) {
    const s = found[2 * i]!;
    if (s === lastStart) continue;
    lastStart = s;
    out.push(s, found[2 * i + 1]!);
  }
}

/**
 * True when the byte at `i` ends a junk sequence that an earlier lead byte started (a CSI's final byte, the tail of
 * a zero-width character): walking back over junk must not stop on it. Only short sequences are recognised; this
 * only decides which visible byte is "before" a run, so a miss costs a candidate, never a wrong hit.
 */
function isContinuationOfJunk(buf: Uint8Array, i: number): boolean {
  for (let back = 1; back <= 16 && i - back + 1 >= 0; back++) {
    const s = i - back + 1;
    const b = buf[s]!;
    if (b === 0x1b || b === 0xe2 || b === 0xef || b === 0xc2 || b === 0xf3 || b < 0x20 || b === 0x7f) {
      if (b === 0x0a || b === 0x09) return false;
      const len = junkLength(buf, s, buf.length);
      if (len > 0 && s + len - 1 >= i) return true;
    }
  }
  return false;
}
