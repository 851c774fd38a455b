// Regex search on ripgrep: one syntax for the whole search (Rust's regex, what `rg` and `grep -E` users know; linear
// time, so no pattern can hang it). rg reports where each match is (`-o -b`: file, byte offset, the match); the file
// is then read through the corpus reader (no symlinks, the size cap, the same warnings) and the hit built from those
// bytes as the Node engine builds one. Step outputs kept as JSON, step-info commands and cache entries are searched
// as the reader decodes them: their text goes to a private temporary file that the same rg run reads.
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { sanitize } from '../../text/sanitize.js';
import { UsageError } from '../../util/errors.js';
import { CorpusReader, type CorpusDoc } from '../corpus.js';
import { ByteRegexHits } from '../hits.js';
import type { DocRef, SearchHit } from '../types.js';
import type { RgSearchOptions } from './search-options.js';
import { runRg, type RgExit } from './run-rg.js';

export interface RgRegexSearch extends RgSearchOptions {
  pattern: string;
}

/** Bytes of file names on one rg command line (Linux allows 2 MB of argv; stay far below). */
const ARGV_BUDGET = 512 * 1024;
/** rg processes at once for the folder's own files (the machine may have 2 cores). */
const CONCURRENT_RUNS = 2;
/** Bytes of one output record kept: the file name, the offset and the start of the match (its length is counted). */
const MAX_RECORD = 64 * 1024;
const SLICE_MS = 12;
const RAW_KINDS = new Set<CorpusDoc['kind']>(['txt', 'artifact']);

/** Arguments of every search run (the pattern comes on stdin; never on the command line, where `ps` shows it). */
const SEARCH_ARGS = ['--no-config', '-a', '--encoding', 'none', '--no-ignore', '--hidden', '-o', '-b', '--null', '--with-filename', '--no-heading', '--no-line-number', '--color', 'never', '--stats', '-f', '-'];

export async function regexSearchWithRg(o: RgRegexSearch): Promise<{ capped: boolean }> {
  checkPatternShape(o.pattern);
  const dir = mkdtempSync(join(tmpdir(), 'sleuth-rg-'));
  try {
    await probePattern(o, dir);
    return await search(o, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What rg would take differently from the user's meaning: `-f` reads one pattern per line. */
function checkPatternShape(pattern: string): void {
  if (pattern === '') throw new UsageError('this regex matches the empty string: it would match every line');
  if (/[\r\n]/.test(pattern)) throw new UsageError('invalid regex: it holds a line break (a match never spans lines)');
}

/**
 * rg on one empty line, before anything is searched: a pattern it rejects is one clear line (exit 2), and one that
 * matches the empty string (it would match every line) is refused as the Node engine refuses it.
 */
async function probePattern(o: RgRegexSearch, dir: string): Promise<void> {
  const probe = join(dir, 'empty-line');
  writePrivate(probe, Buffer.from('\n'));
  let count = '';
  const exit = await runRg({
    rg: o.rg.path,
    args: ['--no-config', '--count', '--encoding', 'none', '-f', '-', '--', probe],
    cwd: dir,
    stdin: o.pattern,
    separator: 10,
    onRecord: (r) => (count += r.toString('latin1')),
    signal: o.signal,
  });
  if (exit.code === 2) throw new UsageError(`invalid regex: ${rejection(exit)}`);
  if (exit.code === 0 && Number(count) > 0) throw new UsageError('this regex matches the empty string: it would match every line');
}

/** rg's reason for refusing a pattern (`error: unclosed group`), without the lines that quote the pattern. */
function rejection(exit: RgExit): string {
  const lines = (exit.stderr ?? '').split('\n');
  const reason = lines.find((l) => l.startsWith('error: '))?.slice('error: '.length) ?? lines.find((l) => l.trim() !== '')?.replace(/^rg: /, '') ?? 'ripgrep refused it';
  return oneLine(reason);
}

const oneLine = (s: string): string => sanitize(s, { keepColor: false, markControls: false, maxLineLength: 200 }).replace(/\n/g, ' ').trim();

function writePrivate(path: string, data: Buffer): void {
  const fd = openSync(path, 'wx', 0o600);
  try {
    writeSync(fd, data);
  } finally {
    closeSync(fd);
  }
}

/** A decoded text in the temporary file: where it starts, how long it is, whose it is. */
interface Segment {
  start: number;
  length: number;
  doc: number;
  ref: DocRef;
}

/** A hit with where it sorts in folder order. */
interface Placed {
  doc: number;
  part: number;
  hit: SearchHit;
}

async function search(o: RgRegexSearch, dir: string): Promise<{ capped: boolean }> {
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  o.signal?.addEventListener('abort', onAbort, { once: true });
  const out = new Output(o, () => stop.abort());
  try {
    const raw: number[] = [];
    const decoded: number[] = [];
    o.docs.forEach((d, i) => (RAW_KINDS.has(d.kind) ? raw : decoded).push(i));
    out.files += raw.length;
    const rawRuns = runPool(batches(o, raw).map((batch) => () => runBatch(o, out, stop.signal, batch)), CONCURRENT_RUNS);
    const decodedRun = searchDecoded(o, out, stop.signal, dir, decoded);
    await Promise.all([rawRuns, decodedRun]);
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
  }
  out.finish();
  return { capped: out.capped };
}

/** Hits on their way to the caller: streamed soon after rg reports them, or sorted into folder order at the end. */
class Output {
  files = 0;
  bytes = 0;
  capped = false;
  #count = 0;
  #pending: Placed[] = [];
  #flushQueued = false;

  constructor(private readonly o: RgRegexSearch, private readonly stopAll: () => void) {}

  /** False once the limit is passed (one hit over it, so the caller sees the search was capped). */
  add(p: Placed): boolean {
    if (this.capped) return false;
    this.#pending.push(p);
    if (++this.#count > this.o.maxHits) {
      this.capped = true;
      this.stopAll();
    }
    if (this.o.streaming && !this.#flushQueued) {
      // Records come in bursts (one read of rg's output): hand each burst over at once, after it is parsed.
      this.#flushQueued = true;
      setImmediate(() => {
        this.#flushQueued = false;
        this.#flush();
      });
    }
    return !this.capped;
  }

  #flush(): void {
    const all = this.#pending;
    this.#pending = [];
    let from = 0;
    for (let i = 1; i <= all.length; i++) {
      if (i === all.length || all[i]!.doc !== all[from]!.doc) {
        this.o.onFile(all.slice(from, i).map((p) => p.hit), 0, 0);
        from = i;
      }
    }
  }

  finish(): void {
    if (!this.o.streaming) this.#pending.sort((a, b) => a.doc - b.doc || a.part - b.part);
    this.#flush();
    this.o.onFile([], this.bytes, this.files);
  }
}

/** The folder's files as rg is given them: relative to the corpus root and `./`-prefixed (a name may start with `-`). */
function argName(o: RgRegexSearch, doc: CorpusDoc): string {
  const rel = relative(o.corpus.root, doc.path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? doc.path : `./${rel}`;
}

function batches(o: RgRegexSearch, indexes: number[]): Map<string, number>[] {
  const out: Map<string, number>[] = [];
  let current = new Map<string, number>();
  let size = 0;
  for (const i of indexes) {
    const name = argName(o, o.docs[i]!);
    const bytes = Buffer.byteLength(name) + 1;
    if (size + bytes > ARGV_BUDGET && current.size) {
      out.push(current);
      current = new Map();
      size = 0;
    }
    current.set(name, i);
    size += bytes;
  }
  if (current.size) out.push(current);
  return out;
}

async function runPool(jobs: (() => Promise<void>)[], width: number): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < jobs.length) await jobs[next++]!();
  };
  await Promise.all(Array.from({ length: Math.min(width, jobs.length) }, lane));
}

/** One rg run over some of the folder's own files; each file with a match is read (once) to build its hits. */
async function runBatch(o: RgRegexSearch, out: Output, signal: AbortSignal, names: Map<string, number>): Promise<void> {
  if (signal.aborted) return;
  const reader = new CorpusReader(o.corpus);
  let current: { name: string; hits: ByteRegexHits | null } | null = null;
  const { exit, searched } = await runSearchRun(o, signal, [...names.keys()], o.corpus.root, (name, offset, length) => {
    const doc = names.get(name);
    if (doc === undefined) return true;
    if (current?.name !== name) {
      const loaded = reader.load(o.docs[doc]!);
      current = { name, hits: loaded?.kind === 'output' ? new ByteRegexHits(loaded.bytes, loaded.length, loaded.ref, o.ctx) : null };
    }
    const hit = current.hits?.at(offset, length);
    return hit ? out.add({ doc, part: 0, hit }) : true;
  });
  out.bytes += searched;
  for (const w of reader.warnings) o.warn(w);
  reportExit(o, exit, signal);
}

/** The decoded documents, written one after another (each ended by a newline) to a private file rg then reads. */
async function searchDecoded(o: RgRegexSearch, out: Output, signal: AbortSignal, dir: string, indexes: number[]): Promise<void> {
  if (indexes.length === 0) return;
  const path = join(dir, 'decoded-text');
  const segments: Segment[] = [];
  const fd = openSync(path, 'wx', 0o600);
  try {
    let at = 0;
    let slice = performance.now();
    for (const i of indexes) {
      if (signal.aborted) return;
      if (performance.now() - slice > SLICE_MS) {
        await new Promise((r) => setImmediate(r));
        slice = performance.now();
      }
      const loaded = o.reader.load(o.docs[i]!);
      if (!loaded) continue;
      out.files++;
      const items = loaded.kind === 'output' ? [{ ref: loaded.ref, bytes: loaded.bytes.subarray(0, loaded.length) }] : loaded.items.map((it) => ({ ref: it.ref, bytes: Buffer.from(it.text, 'utf8') }));
      for (const item of items) {
        segments.push({ start: at, length: item.bytes.length, doc: i, ref: item.ref });
        writeSync(fd, item.bytes);
        writeSync(fd, NEWLINE);
        at += item.bytes.length + 1;
        out.bytes += item.bytes.length;
      }
    }
  } finally {
    closeSync(fd);
  }
  if (segments.length === 0 || signal.aborted) return;
  const text = openSync(path, 'r');
  try {
    let seg = 0;
    let current: { seg: number; hits: ByteRegexHits } | null = null;
    const { exit } = await runSearchRun(o, signal, [path], dir, (name, offset, length) => {
      if (name !== path) return true;
      while (seg < segments.length && segments[seg]!.start + segments[seg]!.length < offset) seg++;
      const s = segments[seg];
      if (!s || offset < s.start) return true;
      if (current?.seg !== seg) {
        const buf = Buffer.allocUnsafe(s.length);
        const got = readSync(text, buf, 0, s.length, s.start);
        current = { seg, hits: new ByteRegexHits(buf, got, s.ref, o.ctx) };
      }
      const hit = current.hits.at(offset - s.start, length);
      return hit ? out.add({ doc: s.doc, part: seg, hit }) : true;
    });
    reportExit(o, exit, signal);
  } finally {
    closeSync(text);
  }
}

const NEWLINE = Buffer.from('\n');

/**
 * One rg run: `path NUL offset:match` per match (a path may hold a newline: a record without NUL is a piece of the
 * next one's path), then the `--stats` block (bytes searched). `onMatch` returns false to stop the run (enough hits).
 */
async function runSearchRun(o: RgRegexSearch, signal: AbortSignal, paths: string[], cwd: string, onMatch: (name: string, offset: number, length: number) => boolean): Promise<{ exit: RgExit; searched: number }> {
  let pieces: Buffer[] = [];
  let piecesBytes = 0;
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    const exit = await runRg({
      rg: o.rg.path,
      args: [...SEARCH_ARGS, '--', ...paths],
      cwd,
      stdin: o.pattern,
      separator: 10,
      maxRecordBytes: MAX_RECORD,
      signal: stop.signal,
      onRecord: (record, full) => {
        if (stop.signal.aborted) return;
        const nul = record.indexOf(0);
        if (nul === -1) {
          // Part of a name, or a line of the stats at the end; a name is never this long.
          if (piecesBytes < MAX_RECORD) pieces.push(record);
          piecesBytes += record.length + 1;
          return;
        }
        const name = (pieces.length ? Buffer.concat([...pieces.flatMap((p) => [p, NEWLINE]), record.subarray(0, nul)]) : record.subarray(0, nul)).toString('utf8');
        pieces = [];
        piecesBytes = 0;
        const colon = record.indexOf(0x3a, nul + 1);
        if (colon === -1) return;
        const offset = Number(record.subarray(nul + 1, colon).toString('latin1'));
        const length = full - (colon + 1);
        // An empty match (`\b`) is no hit, as in the Node engine.
        if (!Number.isSafeInteger(offset) || length <= 0) return;
        if (!onMatch(name, offset, length)) stop.abort();
      },
    });
    const stats = /^(\d+) bytes searched$/m.exec(pieces.map((p) => p.toString('latin1')).join('\n'));
    return { exit, searched: stats ? Number(stats[1]) : 0 };
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/** rg exit 2 after the pattern was accepted: some file could not be read. One warning, rg's line made safe. */
function reportExit(o: RgRegexSearch, exit: RgExit, signal: AbortSignal): void {
  if (exit.code !== 2 || signal.aborted) return;
  const first = (exit.stderr ?? '').split('\n').find((l) => l.trim() !== '');
  o.warn(`ripgrep could not search every file${first ? ` (${oneLine(first.replace(/^rg: /, ''))})` : ''}`);
}
