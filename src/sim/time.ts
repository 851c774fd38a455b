/** ISO-8601 with milliseconds, always UTC (`2026-11-20T12:00:00.000Z`). */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** ISO-8601 without milliseconds, like the `started_at` of v2 job lists. */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** The `X-Amz-Date` format: 20261120T120000Z. */
export function amzDate(ms: number): string {
  return isoSeconds(ms).replace(/[-:]/g, '');
}

export function parseAmzDate(value: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
}

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;

/** The demo's newest pipeline is created at least this long before the demo starts: its finished jobs are past. */
export const DEMO_LEAD_MS = 10 * MINUTE;

/**
 * The anchor (909's creation) of the demo's world at wall time `nowMs`: the start of the hour DEMO_LEAD_MS ago. Ages
 * then read as on a live project (909 10–70 minutes old, the oldest ~5 days), and every run within that hour serves
 * the same bytes, so it can reuse the evidence an earlier run downloaded.
 */
export function demoAnchorMs(nowMs: number): number {
  return Math.floor((nowMs - DEMO_LEAD_MS) / HOUR) * HOUR;
}

/** A world's name for folders: `2026-12-04T15Z` (the anchor's hour, UTC; no colon, so it is a valid name everywhere). */
export function anchorLabel(anchorMs: number): string {
  return `${isoSeconds(anchorMs).slice(0, 13)}Z`;
}
