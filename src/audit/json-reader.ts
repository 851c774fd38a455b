// Streaming JSON → rows, for audit-log streaming objects (S3). The framing is not documented, so
// all of these are read, with line numbers: one object per line (JSON lines), objects one after
// another pretty-printed over many lines, and a whole-file JSON array. No full-file parse: values
// are cut out by a small scanner (depth, strings, escapes) and JSON.parse'd one at a time.
// Once the first object turns out to fit on one line, the rest is read line by line (fast path).
// A broken object is skipped and counted; with JSON lines the next line starts afresh.
import { StringDecoder } from 'node:string_decoder';
import { assign, emptyRow, RoleCache } from './fields.js';
import type { RowAt } from './csv-reader.js';

export interface JsonHooks {
  skip(reason: string, line: number): void;
}

const BATCH = 2048;

type Value = { text: string; line: number } | { broken: string; line: number };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Cuts top-level JSON values (or the elements of top-level arrays) out of a character stream. */
export class JsonSplitter {
  private depth = 0;
  /** Depth at which values start: 1 inside a top-level array, else 0. */
  private base = 0;
  private inString = false;
  private escaped = false;
  private parts: string[] | null = null;
  private size = 0;
  private start = 0;
  private broken: string | null = null;
  private line = 1;
  private col0 = true;
  /** Once known: every value so far sat on one line (JSON lines). */
  jsonLines: boolean | null = null;
  private junkLine = 0;

  constructor(private readonly maxBytes: number) {}

  /** Between values, nothing held. */
  get idle(): boolean {
    return this.parts === null && !this.inString && this.depth <= this.base && this.base === 0;
  }

  push(s: string, out: Value[]): void {
    let from = 0;
    const take = (to: number) => {
      if (this.parts && to > from) {
        this.size += to - from;
        if (this.size > this.maxBytes) {
          this.parts = null;
          this.broken ??= 'an object larger than the size limit';
        } else this.parts.push(s.slice(from, to));
      }
      from = to;
    };
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 0x5c) this.escaped = true;
        else if (c === 0x22) this.inString = false;
        else if (c === 0x0a) {
          // A raw line break cannot be inside a JSON string: this value is cut off.
          this.inString = false;
          this.broken ??= 'a string that runs past the end of its line';
          this.newline();
        }
        continue;
      }
      if (c === 0x0a) {
        this.newline();
        continue;
      }
      if (c === 0x20 || c === 0x09 || c === 0x0d) {
        if (this.depth > this.base) this.col0 = false;
        continue;
      }
      const atCol0 = this.col0;
      this.col0 = false;
      if (this.depth <= this.base) {
        // Between values.
        if (c === 0x7b || (c === 0x5b && this.depth === this.base && this.base === 1)) {
          take(i);
          this.begin();
          from = i;
          this.depth++;
          continue;
        }
        if (c === 0x5b && this.depth === 0) {
          this.base = 1;
          this.depth = 1;
          continue;
        }
        if (c === 0x5d && this.depth === 1 && this.base === 1) {
          this.depth = 0;
          this.base = 0;
          continue;
        }
        if (c === 0x2c) continue;
        if (this.junkLine !== this.line) {
          this.junkLine = this.line;
          out.push({ broken: 'text that is not a JSON object', line: this.line });
        }
        continue;
      }
      // Inside a value.
      if (c === 0x22) this.inString = true;
      else if (c === 0x7b || c === 0x5b) {
        if (c === 0x7b && atCol0 && this.jsonLines && this.base === 0) {
          // JSON lines: a line starting with `{` while the previous value is unfinished means that
          // value was cut off. Start again here.
          out.push({ broken: 'an object cut off before the next line', line: this.start });
          this.parts = null;
          this.depth = 0;
          from = i;
          this.begin();
        }
        this.depth++;
      } else if (c === 0x7d || c === 0x5d) {
        this.depth--;
        if (this.depth === this.base) {
          take(i + 1);
          this.finish(out);
        }
      }
    }
    take(s.length);
  }

  end(out: Value[]): void {
    if (this.depth > this.base || this.inString) out.push({ broken: 'an object cut off at the end of the file', line: this.start });
    this.parts = null;
  }

  private newline(): void {
    this.line++;
    this.col0 = true;
  }

  private begin(): void {
    this.parts = [];
    this.size = 0;
    this.start = this.line;
    this.broken = null;
  }

  private finish(out: Value[]): void {
    if (this.broken !== null || this.parts === null) out.push({ broken: this.broken ?? 'an unreadable object', line: this.start });
    else out.push({ text: this.parts.join(''), line: this.start });
    if (this.jsonLines === null) this.jsonLines = this.base === 0 && this.start === this.line;
    this.parts = null;
    this.broken = null;
  }
}

function toRow(v: unknown, roles: RoleCache) {
  const row = emptyRow();
  for (const [k, val] of Object.entries(v as Record<string, unknown>)) assign(row, roles.get(k), val);
  return row;
}

export async function* jsonRows(chunks: AsyncIterable<Buffer>, hooks: JsonHooks, maxBytes: number): AsyncGenerator<RowAt[]> {
  const decoder = new StringDecoder('utf8');
  const splitter = new JsonSplitter(maxBytes);
  const roles = new RoleCache();
  let lineMode = false;
  let partial = '';
  let partialTooBig = false;
  let line = 0;
  let out: RowAt[] = [];

  const accept = (text: string, at: number) => {
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch {
      hooks.skip('an object that is not valid JSON', at);
      return;
    }
    if (!isObj(v)) return hooks.skip('a JSON value that is not an object', at);
    out.push({ row: toRow(v, roles), line: at });
  };

  const lines = (s: string, final: boolean) => {
    let from = 0;
    for (;;) {
      const nl = s.indexOf('\n', from);
      if (nl === -1) break;
      line++;
      const text = partialTooBig ? '' : partial + s.slice(from, nl);
      if (partialTooBig) hooks.skip('an object larger than the size limit', line);
      else if (text.trim()) accept(text, line);
      partial = '';
      partialTooBig = false;
      from = nl + 1;
    }
    const rest = s.slice(from);
    if (!partialTooBig) {
      if (partial.length + rest.length > maxBytes) {
        partialTooBig = true;
        partial = '';
      } else partial += rest;
    }
    if (final && (partial.trim() || partialTooBig)) {
      line++;
      if (partialTooBig) hooks.skip('an object larger than the size limit', line);
      else accept(partial, line);
      partial = '';
    }
  };

  const feed = (s: string, final: boolean) => {
    if (lineMode) return lines(s, final);
    const values: Value[] = [];
    // Feed the splitter up to the end of the first value's line, then switch to lines if it was JSON lines.
    splitter.push(s, values);
    if (final) splitter.end(values);
    for (const v of values) {
      if ('broken' in v) hooks.skip(v.broken, v.line);
      else accept(v.text, v.line);
    }
  };

  for await (const chunk of chunks) {
    let s = decoder.write(chunk);
    // Until the first value shows the framing, feed the splitter a line at a time, so that the switch
    // to line mode (JSON lines) happens exactly at a line boundary with nothing half-read.
    while (s && !lineMode && splitter.jsonLines !== false) {
      const nl = s.indexOf('\n');
      const head = nl === -1 ? s : s.slice(0, nl + 1);
      s = nl === -1 ? '' : s.slice(nl + 1);
      if (nl !== -1) line++;
      feed(head, false);
      if (nl !== -1 && splitter.jsonLines === true && splitter.idle) lineMode = true;
    }
    if (s) feed(s, false);
    if (out.length >= BATCH) {
      yield out;
      out = [];
    }
  }
  feed(decoder.end(), true);
  if (out.length) yield out;
}
