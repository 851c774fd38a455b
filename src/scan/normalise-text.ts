// The text rules run on: escape sequences, controls and invisible characters removed, so `\x1b[8mAKIA…` (concealed)
// and `AKIA<U+200B>…` still match, with a map from every kept character back to the original offset.

/** CSI, OSC/DCS/SOS/PM/APC strings (bounded, terminated), other ESC sequences, C0/C1 controls, invisible Unicode. */
const JUNK =
  /\x1b\[[\x30-\x3f]{0,64}[\x20-\x2f]{0,8}[\x40-\x7e]|\x1b[\]PX^_][^\x07\x1b\n]{0,4096}(?:\x07|\x1b\\|\u009c)|\x1b[\x20-\x2f]{0,8}[\x30-\x7e]|\x1b|\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u034f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufe00-\ufe0f\ufeff]|\udb40[\udc00-\udc7f\udd00-\uddef]/g;

export interface NormalisedText {
  text: string;
  /**
   * Where the removals fall in the normalised text and how much had been removed up to and including each (a
   * normalised offset maps back by adding the removed lengths before it). Null when nothing was removed.
   */
  map: { at: Int32Array; removedBefore: Int32Array } | null;
  /** Original offsets where something was removed, and what. */
  removed: { at: number; length: number; kind: 'ansi' | 'control' | 'invisible' }[];
}

export function normaliseText(text: string): NormalisedText {
  JUNK.lastIndex = 0;
  if (!JUNK.test(text)) return { text, map: null, removed: [] };
  JUNK.lastIndex = 0;
  const parts: string[] = [];
  const removed: NormalisedText['removed'] = [];
  const at: number[] = [];
  const cum: number[] = [];
  let n = 0;
  let total = 0;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = JUNK.exec(text)) !== null) {
    if (m.index > last) {
      parts.push(text.slice(last, m.index));
      n += m.index - last;
    }
    const c = m[0].charCodeAt(0);
    removed.push({ at: m.index, length: m[0].length, kind: c === 0x1b ? 'ansi' : c < 0x20 || (c >= 0x7f && c <= 0x9f) ? 'control' : 'invisible' });
    total += m[0].length;
    at.push(n);
    cum.push(total);
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return { text: parts.join(''), map: { at: Int32Array.from(at), removedBefore: Int32Array.from(cum) }, removed };
}

/** Original offset of normalised offset `i` (a character kept there; `end` asks for the position after one). */
function original(map: NonNullable<NormalisedText['map']>, i: number, end: boolean): number {
  // The last removal at a normalised position ≤ i (< i for an end: junk right after a match is not part of it).
  let lo = 0;
  let hi = map.at.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (end ? map.at[mid]! < i : map.at[mid]! <= i) lo = mid + 1;
    else hi = mid;
  }
  return i + (lo > 0 ? map.removedBefore[lo - 1]! : 0);
}

/** Original [start, end) of normalised [s, e). */
export function originalSpan(n: NormalisedText, s: number, e: number): [number, number] {
  if (!n.map) return [s, e];
  const start = original(n.map, s, false);
  const end = e > s ? original(n.map, e, true) : start;
  return [start, end];
}

/** Kinds of junk removed inside original [start, end). */
export function junkWithin(n: NormalisedText, start: number, end: number): ('ansi' | 'control' | 'invisible')[] {
  const kinds = new Set<'ansi' | 'control' | 'invisible'>();
  // `removed` is sorted by offset: find the first at or after `start`.
  let lo = 0;
  let hi = n.removed.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (n.removed[mid]!.at < start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < n.removed.length && n.removed[i]!.at < end; i++) kinds.add(n.removed[i]!.kind);
  return [...kinds];
}
