// The gutter's time column. Step output times are ISO-8601 UTC; the gutter shows the UTC clock time only.

export const CLOCK_WIDTH = 8;
const BLANK = ' '.repeat(CLOCK_WIDTH);

/** `HH:MM:SS` from an ISO time (or a bare clock time); blanks when absent or unreadable. Never echoes the input. */
export function clockOf(time: string | null): string {
  if (!time) return BLANK;
  const m = /(?:^|T)(\d{2}:\d{2}:\d{2})/.exec(time);
  return m?.[1] ?? BLANK;
}
