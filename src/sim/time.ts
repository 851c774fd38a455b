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
