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
