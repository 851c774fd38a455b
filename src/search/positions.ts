// Raw byte offsets → 1-based line and column, walking forward through sorted offsets so a file costs at most one
// pass however many hits it has. Columns count UTF-16 code units of the decoded line (what JS strings, the log pane
// and editors index), invalid UTF-8 decoding to one U+FFFD per bad byte sequence.

const decoder = new TextDecoder('utf-8');

export interface Position {
  line: number;
  column: number;
  /** Byte offset where the line starts. */
  lineStart: number;
}

export class LineWalker {
  #pos = 0;
  #line = 1;
  #lineStart = 0;
  /** Column cache for the current line: byte offset → column reached so far. */
  #colAt = 0;
  #col = 1;

  constructor(private readonly buf: Buffer, private readonly len: number) {}

  /** Position of `offset`; offsets must not decrease between calls. */
  at(offset: number): Position {
    const buf = this.buf;
    if (offset < this.#pos) throw new Error('LineWalker offsets must not decrease');
    let nl = indexOfByte(buf, 0x0a, this.#pos, offset);
    while (nl !== -1) {
      this.#line++;
      this.#lineStart = nl + 1;
      this.#colAt = nl + 1;
      this.#col = 1;
      nl = indexOfByte(buf, 0x0a, nl + 1, offset);
    }
    this.#pos = offset;
    if (offset > this.#colAt) {
      this.#col += decoder.decode(buf.subarray(this.#colAt, offset)).length;
      this.#colAt = offset;
    }
    return { line: this.#line, column: this.#col, lineStart: this.#lineStart };
  }

  /** End of the line containing `offset` (the `\n`, or len), without a trailing `\r`. */
  lineEnd(offset: number): number {
    let e = indexOfByte(this.buf, 0x0a, offset, this.len);
    if (e === -1) e = this.len;
    if (e > 0 && this.buf[e - 1] === 0x0d) e--;
    return e;
  }
}

/** First `byte` in buf[from, to), or -1 (never reads past `to`: a 10 MB line must not be rescanned per hit). */
function indexOfByte(buf: Buffer, byte: number, from: number, to: number): number {
  if (from >= to) return -1;
  const i = buf.subarray(from, to).indexOf(byte);
  return i === -1 ? -1 : from + i;
}

/** Lines of a text, 1-based line/column of a string offset (for text searched as a string, e.g. bash_command). */
export function stringPosition(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  let nl = text.indexOf('\n');
  while (nl !== -1 && nl < offset) {
    line++;
    start = nl + 1;
    nl = text.indexOf('\n', start);
  }
  return { line, column: offset - start + 1 };
}

export function decode(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}
