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
  /** The first newline at or after #pos (-1: none before len; -2: not looked for yet). Found once, used until passed. */
  #nextNl = -2;
  /** Column cache for the current line: byte offset → column reached so far. */
  #colAt = 0;
  #col = 1;

  constructor(private readonly buf: Buffer, private readonly len: number) {}

  /** Position of `offset`; offsets must not decrease between calls. */
  at(offset: number): Position {
    if (offset < this.#pos) throw new Error('LineWalker offsets must not decrease');
    for (;;) {
      if (this.#nextNl === -2) this.#nextNl = this.#newlineFrom(this.#pos);
      const nl = this.#nextNl;
      if (nl === -1 || nl >= offset) break;
      this.#line++;
      this.#lineStart = nl + 1;
      this.#colAt = nl + 1;
      this.#col = 1;
      this.#pos = nl + 1;
      this.#nextNl = -2;
    }
    this.#pos = offset;
    if (offset > this.#colAt) {
      this.#col += decoder.decode(this.buf.subarray(this.#colAt, offset)).length;
      this.#colAt = offset;
    }
    return { line: this.#line, column: this.#col, lineStart: this.#lineStart };
  }

  /** memchr over the buffer (no copy, no allocation); bytes past len are another file's. */
  #newlineFrom(from: number): number {
    if (from >= this.len) return -1;
    const i = this.buf.indexOf(0x0a, from);
    return i === -1 || i >= this.len ? -1 : i;
  }
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
