// The audit-log reader: files (or directories of them) → filtered, de-duplicated AuditEvents, a
// batch at a time. Nothing holds the whole file; `collectAudit` gathers events only when asked.
import { compileFilter, type AuditFilter } from './filter.js';
import { csvRows, type RowAt } from './csv-reader.js';
import { expandPaths, opener, sniff, type AuditInput } from './files.js';
import { IdSet } from './id-set.js';
import { jsonRows } from './json-reader.js';
import { normalizeRow, rowTime, scalar } from './normalize.js';
import { AuditFileError, emptyStats, tally } from './stats.js';
import type { AuditEvent, AuditStats } from './types.js';

export const DEFAULT_MAX_RECORD_BYTES = 8 * 1024 * 1024;
const PROGRESS_EVERY = 65_536;

export interface ReadOptions {
  filter?: AuditFilter;
  /** Drop events whose id was already seen (default true). */
  dedupe?: boolean;
  /** A row or object bigger than this is skipped (default 8 MiB). */
  maxRecordBytes?: number;
  signal?: AbortSignal;
  /** Called every 65,536 rows and at the end of each file. */
  onProgress?: (rowsRead: number) => void;
}

export interface AuditReader {
  /** Filled in as reading goes; complete once iteration ends. */
  readonly stats: AuditStats;
  batches(): AsyncGenerator<AuditEvent[]>;
  [Symbol.asyncIterator](): AsyncGenerator<AuditEvent>;
}

export function readAudit(paths: string[], opts: ReadOptions = {}): AuditReader {
  const stats = emptyStats();
  async function* batches(): AsyncGenerator<AuditEvent[]> {
    const inputs = await expandPaths(paths);
    if (inputs.length === 0) throw new AuditFileError(paths.join(' '), null, 'no files in it');
    const filter = compileFilter(opts.filter);
    const ids = opts.dedupe === false ? null : new IdSet();
    const max = opts.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
    let nextProgress = PROGRESS_EVERY;
    for (const input of inputs) {
      if (opts.signal?.aborted) return;
      const before = { rows: stats.rows, skipped: stats.skipped.map((t) => ({ ...t })) };
      /** Rows read from this file, and those with an action: a JSON file with none is not an audit log. */
      const seen = { rows: 0, actions: 0 };
      try {
        for await (const rows of rowsOf(input, stats, max)) {
          const out: AuditEvent[] = [];
          for (const { row, line } of rows) {
            stats.rows++;
            stats.files[stats.files.length - 1]!.rows++;
            seen.rows++;
            const where = `${input.path}:${line}`;
            if (!(scalar(row.action) ?? '').trim()) {
              tally(stats.skipped, 'a row without an action', where);
              continue;
            }
            seen.actions++;
            if (!filter.row(row)) continue;
            const time = rowTime(row);
            const inWindow = filter.time(time.iso);
            if (inWindow === 'out') continue;
            if (inWindow === 'untimed') {
              stats.untimed++;
              continue;
            }
            const { event, flags } = normalizeRow(row, input.path, line, time);
            if (!filter.event(event)) continue;
            if (ids && event.id !== null && !ids.add(event.id)) {
              stats.duplicates++;
              continue;
            }
            for (const f of flags) tally(stats.flagged, f, where);
            stats.matched++;
            out.push(event);
          }
          if (stats.rows >= nextProgress) {
            nextProgress = stats.rows + PROGRESS_EVERY;
            opts.onProgress?.(stats.rows);
          }
          if (out.length) yield out;
          if (opts.signal?.aborted) return;
        }
        const format = stats.files[stats.files.length - 1]?.format;
        if ((format === 'json-lines' || format === 'json-array') && seen.actions === 0) {
          throw new AuditFileError(input.path, null, seen.rows === 0
            ? 'not an audit log: it holds no JSON objects'
            : `not an audit log: none of its ${seen.rows.toLocaleString('en-US')} JSON objects has an action`);
        }
      } catch (e) {
        // Inside a directory, a file that is not an audit log is noted and passed over; its rows are not counted.
        if (input.fromDir && e instanceof AuditFileError) {
          const file = stats.files[stats.files.length - 1];
          if (file?.path === input.path) file.rows = 0;
          stats.rows = before.rows;
          stats.skipped.splice(0, stats.skipped.length, ...before.skipped);
          stats.ignoredFiles.push({ path: input.path, reason: e.why });
        } else throw e;
      }
      opts.onProgress?.(stats.rows);
    }
    if (stats.ignoredFiles.length === inputs.length) {
      const first = stats.ignoredFiles[0]!;
      throw new AuditFileError(paths.join(' '), null, `no audit log in it: ${inputs.length === 1 ? 'its one file is' : `none of its ${inputs.length} files is`} an audit log (first: ${first.path}: ${first.reason})`);
    }
  }
  return {
    stats,
    batches,
    async *[Symbol.asyncIterator]() {
      for await (const b of batches()) yield* b;
    },
  };
}

async function* rowsOf(input: AuditInput, stats: AuditStats, max: number): AsyncGenerator<RowAt[]> {
  const open = await opener(input.path);
  const sniffed = await sniff(input.path, open(0));
  const file: AuditStats['files'][number] = { path: input.path, format: sniffed.kind, rows: 0 };
  stats.files.push(file);
  // A skipped row is still a row read.
  const skip = (reason: string, line: number) => {
    stats.rows++;
    file.rows++;
    tally(stats.skipped, reason, `${input.path}:${line}`);
  };
  // An empty file given by name is a mistake; inside a directory (an S3 prefix) it is normal: CircleCI's connectivity
  // test object is empty.
  if (sniffed.kind === 'empty') {
    if (!input.fromDir) throw new AuditFileError(input.path, null, 'an empty file, not an audit log (CSV or JSON)');
    return;
  }
  if (sniffed.kind === 'csv') {
    yield* csvRows(input.path, open, sniffed.chunks, { skip, header: (style) => (file.header = style) }, max);
  } else {
    yield* jsonRows(sniffed.chunks, { skip }, max);
  }
}

export interface Collected {
  events: AuditEvent[];
  stats: AuditStats;
  /** Reading stopped at `limit` events. */
  truncated: boolean;
}

/** Every matching event in memory (the caller asked for it), up to `limit`. */
export async function collectAudit(paths: string[], opts: ReadOptions & { limit?: number } = {}): Promise<Collected> {
  const reader = readAudit(paths, opts);
  const events: AuditEvent[] = [];
  const limit = opts.limit ?? Number.POSITIVE_INFINITY;
  let truncated = false;
  outer: for await (const batch of reader.batches()) {
    for (const e of batch) {
      if (events.length >= limit) {
        truncated = true;
        break outer;
      }
      events.push(e);
    }
  }
  return { events, stats: reader.stats, truncated };
}

/** Oldest first; events without a time go last, in file order. */
export function byTime(a: AuditEvent, b: AuditEvent): number {
  if (a.occurred_at === b.occurred_at) return 0;
  if (a.occurred_at === null) return 1;
  if (b.occurred_at === null) return -1;
  return a.occurred_at < b.occurred_at ? -1 : 1;
}
