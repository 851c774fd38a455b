// Turns matches into hits (file, line, column, context), for the main thread and the worker threads alike: its own
// module so that a worker imports only this and the searchers, never the runner that starts it.
import { describeEncoding } from './encodings.js';
import type { ExactSearcher, RawHit } from './exact.js';
import type { LoadedDoc } from './corpus.js';
import { decode, LineWalker } from './positions.js';
import type { DocRef, SearchHit } from './types.js';

/** Exact hits of one loaded document (an output, or each command of a step-info file). */
export function exactHitsOfDoc(searcher: ExactSearcher, loaded: LoadedDoc, ctx: number, room: number): { hits: SearchHit[]; bytes: number } {
  if (loaded.kind === 'output') return { hits: exactHits(searcher, loaded.bytes, loaded.length, loaded.ref, ctx, room), bytes: loaded.length };
  const hits: SearchHit[] = [];
  let bytes = 0;
  for (const item of loaded.items) {
    const b = Buffer.from(item.text, 'utf8');
    bytes += b.length;
    hits.push(...exactHits(searcher, b, b.length, item.ref, ctx, room));
  }
  return { hits, bytes };
}

/** Exact hits of one buffer with their line, column and context. */
export function exactHits(searcher: ExactSearcher, buf: Buffer, len: number, ref: DocRef, ctx: number, max: number): SearchHit[] {
  const { hits } = searcher.search(buf, len, max);
  if (hits.length === 0) return [];
  const walker = new LineWalker(buf, len);
  return hits.map((h) => toHit(h, walker, buf, len, ref, ctx));
}

function toHit(h: RawHit, walker: LineWalker, buf: Buffer, len: number, ref: DocRef, ctx: number): SearchHit {
  const pos = walker.at(h.start);
  const hit: SearchHit = {
    ...ref,
    line: pos.line,
    column: pos.column,
    match: decode(buf.subarray(h.start, h.end)),
    encoding: describeEncoding(h.needle),
    via: h.via,
    context: byteContext(buf, len, pos.lineStart, h.start, h.end, ctx),
  };
  if (h.via.includes('line-break')) hit.endLine = pos.line + countNewlines(buf, h.start, h.end);
  return hit;
}

function countNewlines(buf: Buffer, from: number, to: number): number {
  let n = 0;
  let i = buf.indexOf(0x0a, from);
  while (i !== -1 && i < to) {
    n++;
    i = buf.indexOf(0x0a, i + 1);
  }
  return n;
}

/** Up to `ctx` characters each side of raw[start, end), within its line, cut on character boundaries. */
function byteContext(buf: Buffer, len: number, lineStart: number, start: number, end: number, ctx: number): SearchHit['context'] {
  const from = utf8Start(buf, Math.max(lineStart, start - ctx * 3));
  let lineEnd = buf.subarray(end, Math.min(len, end + ctx * 3 + 1)).indexOf(0x0a);
  lineEnd = lineEnd === -1 ? Math.min(len, end + ctx * 3) : end + lineEnd;
  if (lineEnd > end && buf[lineEnd - 1] === 0x0d && (lineEnd === len || buf[lineEnd] === 0x0a)) lineEnd--;
  const to = utf8Start(buf, lineEnd);
  const before = decode(buf.subarray(from, start));
  const match = decode(buf.subarray(start, end));
  // A wrapped match spans lines: the context is only its first line.
  const nl = match.indexOf('\n');
  const shownMatch = nl === -1 ? match : match.slice(0, nl).replace(/\r$/, '');
  const after = nl === -1 ? decode(buf.subarray(end, Math.max(end, to))) : '';
  return clipContext(before, shownMatch, after, ctx, from > lineStart, to < lineEnd || (nl === -1 && lineEnd < len && buf[lineEnd] !== 0x0a && buf[lineEnd] !== 0x0d));
}

function clipContext(before: string, match: string, after: string, ctx: number, cutBefore: boolean, cutAfter: boolean): SearchHit['context'] {
  let b = before;
  let a = after;
  if (b.length > ctx) {
    b = b.slice(b.length - ctx);
    cutBefore = true;
  }
  if (a.length > ctx) {
    a = a.slice(0, ctx);
    cutAfter = true;
  }
  return { text: b + match + a, start: b.length, end: b.length + match.length, cutBefore, cutAfter };
}

/** Moves back to the first byte of a UTF-8 character (never splits one). */
function utf8Start(buf: Buffer, i: number): number {
  let j = i;
  while (j > 0 && j > i - 4 && (buf[j]! & 0xc0) === 0x80) j--;
  return j;
}

/** Regex hits in a decoded text: one per match, clipped to the line it starts on. */
export function regexHits(re: RegExp, text: string, ref: DocRef, ctx: number, max: number): SearchHit[] {
  const out: SearchHit[] = [];
  re.lastIndex = 0;
  let line = 1;
  let lineStart = 0;
  let scanned = 0;
  let m: RegExpExecArray | null;
  while (out.length < max && (m = re.exec(text)) !== null) {
    if (m[0] === '') {
      re.lastIndex = m.index + 1;
      continue;
    }
    let nl = text.indexOf('\n', scanned);
    while (nl !== -1 && nl < m.index) {
      line++;
      lineStart = nl + 1;
      nl = text.indexOf('\n', nl + 1);
    }
    scanned = m.index;
    const lineEnd = nl === -1 ? text.length : nl > 0 && text[nl - 1] === '\r' ? nl - 1 : nl;
    const end = Math.min(m.index + m[0].length, Math.max(lineEnd, m.index + 1));
    const before = text.slice(Math.max(lineStart, m.index - ctx), m.index);
    const after = text.slice(end, Math.min(lineEnd, end + ctx));
    out.push({
      ...ref,
      line,
      column: m.index - lineStart + 1,
      match: text.slice(m.index, end),
      encoding: 'regex',
      via: [],
      context: { text: before + text.slice(m.index, end) + after, start: before.length, end: before.length + (end - m.index), cutBefore: m.index - ctx > lineStart, cutAfter: end + ctx < lineEnd },
    });
    if (re.lastIndex <= m.index) re.lastIndex = m.index + 1;
  }
  return out;
}

/**
 * A regex hit at raw[start, start + length) (byte offsets another engine found, e.g. ripgrep), built as regexHits
 * builds one from the decoded text: line, UTF-16 column, the match clipped to its line, up to `ctx` characters
 * each side within the line. Reads only a bounded window around the match, however long the line.
 */
export class ByteRegexHits {
  readonly #walker: LineWalker;
  /** The current line's end (before a `\r\n`), found once per line. */
  #lineStartSeen = -1;
  #lineEnd = 0;

  constructor(private readonly buf: Buffer, private readonly len: number, private readonly ref: DocRef, private readonly ctx: number) {
    this.#walker = new LineWalker(buf, len);
  }

  /** Offsets must not decrease between calls; null when the match is not inside the buffer (the file changed). */
  at(start: number, length: number): SearchHit | null {
    const { buf, len, ctx } = this;
    if (!(start >= 0 && length > 0 && start + length <= len)) return null;
    const pos = this.#walker.at(start);
    if (pos.lineStart !== this.#lineStartSeen) {
      this.#lineStartSeen = pos.lineStart;
      const nl = buf.subarray(0, len).indexOf(0x0a, start);
      this.#lineEnd = nl === -1 ? len : nl > 0 && buf[nl - 1] === 0x0d ? nl - 1 : nl;
    }
    const lineEnd = this.#lineEnd;
    const end = Math.min(start + length, Math.max(lineEnd, start + 1));
    // A UTF-16 unit takes 1 to 3 bytes (4 bytes make 2 units): 3 * ctx bytes always hold ctx units.
    const from = utf8Start(buf, Math.max(pos.lineStart, start - ctx * 3));
    let before = decode(buf.subarray(from, start));
    const cutBefore = from > pos.lineStart || before.length > ctx;
    if (before.length > ctx) before = before.slice(before.length - ctx);
    let to = Math.min(lineEnd, end + ctx * 3);
    if (to < lineEnd) to = Math.max(end, utf8Start(buf, to));
    let after = end < to ? decode(buf.subarray(end, to)) : '';
    const cutAfter = to < lineEnd || after.length > ctx;
    if (after.length > ctx) after = after.slice(0, ctx);
    const match = decode(buf.subarray(start, end));
    return {
      ...this.ref,
      line: pos.line,
      column: pos.column,
      match,
      encoding: 'regex',
      via: [],
      context: { text: before + match + after, start: before.length, end: before.length + match.length, cutBefore, cutAfter },
    };
  }
}
