// The body of Exlogare's `POST /api/ingest/circleci` (seed 003): required project_slug, workflow_id, job_name,
// job_number (an integer), status (an allowed value), log (up to 10 MiB); optional branch, commit_sha,
// pipeline_url, workflow_name. The log is capped keeping its tail, cut on a line boundary, with a line saying so.

/** Allowed status values (case-insensitive on Exlogare's side). */
export const EXLOGARE_STATUSES = ['success', 'failed', 'failing', 'error', 'errored', 'canceled', 'cancelled', 'timedout', 'unauthorized', 'blocked', 'running'] as const;
export type ExlogareStatus = (typeof EXLOGARE_STATUSES)[number];

/** 10 MiB, counted in UTF-8 bytes of the `log` string. */
export const EXLOGARE_LOG_LIMIT = 10 * 1024 * 1024;

export interface ExlogarePayload {
  project_slug: string;
  workflow_id: string;
  job_name: string;
  job_number: number;
  status: ExlogareStatus;
  log: string;
  branch?: string;
  commit_sha?: string;
  pipeline_url?: string;
  workflow_name?: string;
}

const ALLOWED = new Set<string>(EXLOGARE_STATUSES);
/** CircleCI job statuses that are not Exlogare's words. */
const MAPPED: Record<string, ExlogareStatus> = {
  infrastructure_fail: 'error',
  'terminated-unknown': 'error',
  not_run: 'canceled',
  retried: 'failed',
  fixed: 'success',
  no_tests: 'success',
  queued: 'running',
  not_running: 'running',
  on_hold: 'blocked',
};

/** CircleCI's status → one of Exlogare's. Unknown statuses of a job we send (it failed) become `failed`. */
export function exlogareStatus(circle: string | null | undefined): ExlogareStatus {
  const s = (circle ?? '').trim().toLowerCase();
  if (ALLOWED.has(s)) return s as ExlogareStatus;
  return MAPPED[s] ?? 'failed';
}

export interface CappedLog {
  log: string;
  truncated: boolean;
  /** Bytes and lines of the (already trimmed) text that were dropped from the front. */
  droppedBytes: number;
  droppedLines: number;
}

/** Room kept for the truncation line; its numbers never make it longer. */
const MARKER_ROOM = 256;

export function truncationLine(droppedLines: number, droppedBytes: number, partial: boolean): string {
  return `[circle-sleuth] log truncated to fit Exlogare's 10 MiB limit: the first ${droppedLines} line${droppedLines === 1 ? '' : 's'} (${droppedBytes} bytes) were dropped and the tail was kept${partial ? '; the first line below is cut' : ''}\n`;
}

/**
 * Keeps the tail of `text` within `limit` UTF-8 bytes, starting on a line boundary, with a first line saying how
 * much was dropped. `before` counts what an earlier trim already dropped, so the line tells the whole story.
 */
export function capLog(text: string, limit = EXLOGARE_LOG_LIMIT, before: { lines: number; bytes: number } = { lines: 0, bytes: 0 }): CappedLog {
  const buf = Buffer.from(text, 'utf8');
  if (buf.length <= limit && before.bytes === 0) return { log: text, truncated: false, droppedBytes: 0, droppedLines: 0 };
  let start = 0;
  let partial = false;
  if (buf.length > limit - MARKER_ROOM) {
    start = buf.length - (limit - MARKER_ROOM);
    if (buf[start - 1] !== 0x0a) {
      const nl = buf.indexOf(0x0a, start);
      if (nl >= 0 && nl + 1 < buf.length) start = nl + 1;
      else {
        // One line longer than the limit: cut it on a character boundary instead.
        partial = true;
        while (start < buf.length && (buf[start]! & 0xc0) === 0x80) start++;
      }
    }
  }
  let lines = 0;
  for (let i = buf.indexOf(0x0a); i >= 0 && i < start; i = buf.indexOf(0x0a, i + 1)) lines++;
  const droppedLines = before.lines + lines;
  const droppedBytes = before.bytes + start;
  const log = truncationLine(droppedLines, droppedBytes, partial) + buf.subarray(start).toString('utf8');
  return { log, truncated: true, droppedBytes, droppedLines };
}

/**
 * A cheap first cut of a huge output before it is stripped and scanned: the tail of about `keep` characters on a
 * line boundary. `keep` must exceed the final limit by more than any secret spans (a PEM block), so a secret cut
 * here is never inside the part that is finally sent.
 */
export function pretrim(text: string, keep: number): { text: string; lines: number; bytes: number } {
  if (text.length <= keep) return { text, lines: 0, bytes: 0 };
  let start = text.length - keep;
  const nl = text.indexOf('\n', start - 1);
  if (nl >= 0) start = nl + 1;
  const head = text.slice(0, start);
  let lines = 0;
  for (let i = head.indexOf('\n'); i >= 0; i = head.indexOf('\n', i + 1)) lines++;
  return { text: text.slice(start), lines, bytes: Buffer.byteLength(head, 'utf8') };
}
