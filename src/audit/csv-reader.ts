// Streaming CSV → rows, with csv-parse. What the admin download may contain and what we do:
// - a BOM, CRLF or LF line ends: csv-parse handles them;
// - a row with the wrong number of cells: skipped and counted (its cells cannot be trusted to be in
//   the right columns);
// - a quote that is never closed, or a record over `maxRecordBytes`: csv-parse cannot go on from
//   there, so that row is skipped and parsing restarts on the next physical line (found again from
//   a byte-offset checkpoint kept every 4,096 lines, so memory stays bounded);
// - a stray quote inside a cell (`a"b`, `"a"b`): taken literally (relax_quotes).
// Only the rows are held, a batch at a time; nothing keeps the whole file.
import { Readable, Transform, pipeline, type TransformCallback } from 'node:stream';
import { parse, type CsvError, type Parser } from 'csv-parse';
import { cell } from '../text/cell.js';
import { assign, compileHeader, emptyRow, type RawRow, type Role } from './fields.js';
import type { ByteOpener } from './files.js';
import { AuditFileError } from './stats.js';

export interface RowAt {
  row: RawRow;
  line: number;
}

export interface CsvHooks {
  skip(reason: string, line: number): void;
  header(style: 'blob' | 'flat' | 'mixed'): void;
}

const CHECKPOINT_EVERY = 4096;
const MAX_RESTARTS = 1000;
const BATCH = 2048;

const SEVERE: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted cell that is never closed',
  CSV_MAX_RECORD_SIZE: 'a row larger than the size limit',
  CSV_INVALID_CLOSING_QUOTE: 'a broken quote',
  INVALID_OPENING_QUOTE: 'a broken quote',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'a broken quote',
};

/** Byte offsets of line starts, one every 4,096 lines: where a restart can begin reading. */
class Checkpoints {
  readonly lines: number[] = [0];
  readonly offsets: number[] = [0];
  add(line: number, offset: number): void {
    if (line > this.lines[this.lines.length - 1]!) {
      this.lines.push(line);
      this.offsets.push(offset);
    }
  }
  /** The last checkpoint at or before the start of `line` (1-based): [lines before it, its byte offset]. */
  before(line: number): [number, number] {
    let i = this.lines.length - 1;
    while (i > 0 && this.lines[i]! > line - 1) i--;
    return [this.lines[i]!, this.offsets[i]!];
  }
}

/** Passes bytes through, counting newlines to record checkpoints. */
class LineTracker extends Transform {
  private line: number;
  private offset: number;
  constructor(startLine: number, startOffset: number, private readonly cps: Checkpoints) {
    super();
    this.line = startLine - 1;
    this.offset = startOffset;
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    let i = chunk.indexOf(10);
    while (i !== -1) {
      this.line++;
      if (this.line % CHECKPOINT_EVERY === 0) this.cps.add(this.line, this.offset + i + 1);
      i = chunk.indexOf(10, i + 1);
    }
    this.offset += chunk.length;
    cb(null, chunk);
  }
}

/** Reads from the start of `line`, via the nearest checkpoint. */
async function fromLine(open: ByteOpener, cps: Checkpoints, line: number): Promise<{ offset: number; chunks: AsyncIterable<Buffer> }> {
  const [cpLines, cpOffset] = cps.before(line);
  let toSkip = line - 1 - cpLines;
  let offset = cpOffset;
  const it = open(cpOffset)[Symbol.asyncIterator]();
  let rest: Buffer | null = null;
  while (rest === null) {
    const r = await it.next();
    if (r.done) return { offset, chunks: (async function* () {})() };
    let c = r.value;
    while (toSkip > 0) {
      const nl = c.indexOf(10);
      if (nl === -1) break;
      c = c.subarray(nl + 1);
      offset += nl + 1;
      toSkip--;
    }
    if (toSkip > 0) offset += c.length;
    else rest = c;
  }
  const first = rest;
  return {
    offset,
    chunks: (async function* () {
      try {
        if (first.length) yield first;
        for (;;) {
          const r = await it.next();
          if (r.done) return;
          yield r.value;
        }
      } finally {
        await it.return?.();
      }
    })(),
  };
}

/** Records of an object-mode stream in batches (one await per batch, not per record). */
async function* drain(stream: Parser): AsyncGenerator<string[][]> {
  let done = false;
  let error: unknown = null;
  let wake: (() => void) | null = null;
  const poke = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const onEnd = () => {
    done = true;
    poke();
  };
  const onError = (e: unknown) => {
    error ??= e;
    poke();
  };
  stream.on('readable', poke);
  stream.on('end', onEnd);
  stream.on('error', onError);
  try {
    for (;;) {
      const batch: string[][] = [];
      let r: unknown;
      while (batch.length < BATCH && (r = stream.read()) !== null) batch.push(r as string[]);
      if (batch.length) {
        yield batch;
        continue;
      }
      if (error) throw error;
      if (done || stream.readableEnded) return;
      await new Promise<void>((res) => (wake = res));
    }
  } finally {
    stream.off('readable', poke);
    stream.off('end', onEnd);
    stream.off('error', onError);
  }
}

function newlines(fields: string[]): number {
  let n = 0;
  for (const f of fields) {
    let i = f.indexOf('\n');
    while (i !== -1) {
      n++;
      i = f.indexOf('\n', i + 1);
    }
  }
  return n;
}

export async function* csvRows(file: string, open: ByteOpener, first: AsyncIterable<Buffer>, hooks: CsvHooks, maxRecordBytes: number): AsyncGenerator<RowAt[]> {
  const cps = new Checkpoints();
  let roles: Role[] | null = null;
  let width = 0;
  let endLine = 0;
  let restarts = 0;
  let segment: { chunks: AsyncIterable<Buffer>; line: number; offset: number } | null = { chunks: first, line: 1, offset: 0 };

  while (segment) {
    let severe: { code: string; records: number } | null = null;
    const source = Readable.from(segment.chunks, { objectMode: false });
    const tracker = new LineTracker(segment.line, segment.offset, cps);
    const parser: Parser = parse({
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      skip_records_with_error: true,
      max_record_size: maxRecordBytes,
      on_skip: (err: CsvError | undefined) => {
        if (severe === null) severe = { code: err?.code ?? 'CSV_ERROR', records: parser.info.records };
      },
    });
    let ioError: unknown = null;
    pipeline(source, tracker, parser, (e) => {
      if (e && (e as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') ioError = e;
    });
    let consumed = 0;
    let stopped = false;
    /** Where to read on after a broken row: the line after its first line. */
    let restartAt: number | null = null;
    try {
      for await (const records of drain(parser)) {
        const out: RowAt[] = [];
        for (const rec of records) {
          const s = severe as { code: string; records: number } | null;
          if (s !== null && consumed >= s.records) {
            stopped = true;
            break;
          }
          consumed++;
          const start = endLine + 1;
          endLine = start + newlines(rec);
          if (rec.length === 1 && rec[0]!.trim() === '') continue; // an empty line
          if (roles === null) {
            const h = compileHeader(rec);
            if (!h.hasAction) {
              const names = rec.slice(0, 12).map((x) => cell(x, 24)).join(', ');
              throw new AuditFileError(file, start, `not an audit-log CSV: the first row has no action column (it has: ${names}${rec.length > 12 ? ', …' : ''})`);
            }
            roles = h.roles;
            width = rec.length;
            hooks.header(h.style);
            continue;
          }
          if (rec.length !== width) {
            if (endLine > start) {
              // A quote that never closed swallowed the next lines up to some other quote: only
              // its first line is broken, so read on from the line after it.
              hooks.skip('a broken quote (a cell runs on over the next lines)', start);
              restartAt = start + 1;
              stopped = true;
              break;
            }
            hooks.skip(`wrong number of cells (want ${width})`, start);
            continue;
          }
          const row = emptyRow();
          for (let i = 0; i < width; i++) assign(row, roles[i]!, rec[i]);
          out.push({ row, line: start });
        }
        if (out.length) yield out;
        if (stopped) break;
      }
    } finally {
      source.destroy();
      tracker.destroy();
      parser.destroy();
    }
    if (ioError) throw ioError;
    const s = severe as { code: string; records: number } | null;
    if (restartAt === null) {
      if (s === null) break;
      // csv-parse cannot go on after this: the row starts on the line after the last good one.
      const broken = endLine + 1;
      if (roles === null) throw new AuditFileError(file, broken, `the header row is unreadable (${SEVERE[s.code] ?? s.code})`);
      hooks.skip(SEVERE[s.code] ?? `unreadable CSV (${s.code})`, broken);
      restartAt = broken + 1;
    }
    if (++restarts > MAX_RESTARTS) throw new AuditFileError(file, restartAt - 1, `more than ${MAX_RESTARTS} rows with broken quotes or oversized cells: this does not look like a CSV audit log`);
    endLine = restartAt - 1;
    const next = await fromLine(open, cps, restartAt);
    segment = { chunks: next.chunks, line: restartAt, offset: next.offset };
  }
  if (roles === null) throw new AuditFileError(file, null, 'no header row: the file holds no CSV rows');
}
