// The gutter's time column (`t`). Step output times are ISO-8601 UTC; the gutter shows each as the TUI shows every
// absolute time: with its date and its zone (`2026-11-20 12:00:03Z`), since a long job can run past midnight and an
// incident timeline is kept in UTC.
import { UTC_TIME_WIDTH, utcTime } from '../../util/time.js';

export const CLOCK_WIDTH = UTC_TIME_WIDTH;
const BLANK = ' '.repeat(CLOCK_WIDTH);
/** A clock time with no date (`12:03:04`): the date is unknown, and says so. */
const BARE_CLOCK = /^(\d{2}:\d{2}:\d{2})(?:\.\d+)?Z?$/;

/** The line's time from an ISO time; blanks when absent or unreadable. Never echoes the input. */
export function clockOf(time: string | null): string {
  if (!time) return BLANK;
  const shown = utcTime(time);
  if (shown.length === CLOCK_WIDTH) return shown;
  const bare = BARE_CLOCK.exec(time);
  return bare ? `????-??-?? ${bare[1]}Z` : BLANK;
}
