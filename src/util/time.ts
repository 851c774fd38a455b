// Time arguments and human durations. A responder types `--since 6h` as often as an ISO time.

export class TimeArgError extends Error {}

const UNITS: Record<string, number> = { s: 1e3, m: 60e3, h: 3600e3, d: 86400e3, w: 7 * 86400e3 };

/** ISO-8601 (`2026-11-20`, `2026-11-20T10:00Z`) or a relative age (`90m`, `6h`, `2d`, `1w`) → ISO UTC. */
export function parseTimeArg(value: string, now = Date.now()): string {
  const v = value.trim();
  const rel = /^(\d+)\s*([smhdw])$/i.exec(v);
  if (rel) return new Date(now - Number(rel[1]) * UNITS[rel[2]!.toLowerCase()]!).toISOString();
  if (/^\d{4}-\d{2}-\d{2}([T ][\d:.]+)?(Z|[+-]\d{2}:?\d{2})?$/i.test(v)) {
    // A bare date or a time without a zone is taken as UTC: incident timelines are kept in UTC.
    const withZone = /T|\s/.test(v) && !/(Z|[+-]\d{2}:?\d{2})$/i.test(v) ? `${v.replace(' ', 'T')}Z` : v;
    const t = Date.parse(withZone);
    if (!Number.isNaN(t)) return new Date(t).toISOString();
  }
  throw new TimeArgError(`not a time: ${JSON.stringify(value).slice(0, 40)} (use ISO-8601 like 2026-11-20T10:00Z, or an age like 6h, 2d)`);
}

export interface TimeWindow { since?: string; until?: string }

/**
 * `--since` and `--until` together, both read against the same `now` (so `--since 2h --until 3h` is caught), as ISO
 * UTC. A window whose end is before its start would silently match nothing: that is a mistake in the call.
 * Equal ends are allowed (one instant).
 */
export function parseTimeWindow(since: string | undefined, until: string | undefined, now = Date.now()): TimeWindow {
  const s = since === undefined ? undefined : parseTimeArg(since, now);
  const u = until === undefined ? undefined : parseTimeArg(until, now);
  if (s !== undefined && u !== undefined && Date.parse(u) < Date.parse(s)) {
    throw new TimeArgError(`--until is before --since (${u} < ${s}): the window would be empty; swap them`);
  }
  return { ...(s !== undefined ? { since: s } : {}), ...(u !== undefined ? { until: u } : {}) };
}

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '-';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  const h = Math.floor(m / 60);
  return `${h}h${String(m % 60).padStart(2, '0')}m`;
}

export function durationBetween(start: string | null | undefined, end: string | null | undefined, now = Date.now()): number | null {
  if (!start) return null;
  const a = Date.parse(start);
  const b = end ? Date.parse(end) : now;
  if (Number.isNaN(a) || Number.isNaN(b)) return null;
  return Math.max(0, b - a);
}

export function relativeAge(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '-';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '-';
  const s = Math.round((now - t) / 1000);
  if (s < 0) return 'future';
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ago`;
  return `${Math.floor(s / 86400)}d ago`;
}

/** `2026-11-20T12:00:00.000Z` → `2026-11-20 12:00Z` (compact, still UTC and unambiguous). */
export function shortTime(iso: string | null | undefined): string {
  if (!iso) return '-';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '-';
  return new Date(t).toISOString().slice(0, 16).replace('T', ' ') + 'Z';
}

const ISO_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * An absolute time as the TUI shows it: `2026-11-20 12:00:03Z`, always with its date and its zone (UTC), whatever
 * the day; from an ISO-8601 string (one without a zone is UTC, as CircleCI writes them) or epoch milliseconds.
 * `-` when absent or not an ISO time (never the input echoed back, never a guess from a loose date format).
 */
export function utcTime(at: string | number | null | undefined): string {
  if (at === null || at === undefined || at === '') return '-';
  let t: number;
  if (typeof at === 'number') t = at;
  else {
    const m = ISO_TIME.exec(at.trim());
    if (!m) return '-';
    t = Date.parse(`${m[1]}T${m[2] ?? '00:00'}${m[3] ?? 'Z'}`);
  }
  if (!Number.isFinite(t) || Math.abs(t) > 8.64e15) return '-';
  const iso = new Date(t).toISOString();
  // Years before 0 or after 9999 come as `+010000-…`: shown whole, still dated and in UTC.
  return /^\d{4}-/.test(iso) ? `${iso.slice(0, 19).replace('T', ' ')}Z` : iso;
}

/** Width of utcTime's answer. */
export const UTC_TIME_WIDTH = 20;
