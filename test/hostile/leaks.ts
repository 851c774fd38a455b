// What counts as a live control in CLI output (issue 11): anything a terminal would act on or hide.

// ESC and every other C0 but TAB and LF, DEL, C1, bidi controls, zero-width characters, word joiner, BOM,
// line/paragraph separators, tag characters. A CR right before LF (a CSV's CRLF) is inert: the LF ends the line.
const LIVE =
  /\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u0080-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ufeff\u{e0000}-\u{e007f}]/u;
/** What a colour terminal may receive besides text: SGR, `ESC [ digits/; m`. */
const SGR = /\x1b\[[0-9;]*m/g;

export interface Leak {
  at: number;
  codePoint: string;
  around: string;
}

/** The CLI's progress lines on a terminal: back to the line start and erase it (src/cli/io.ts REWRITE_LINE). */
const REWRITE_LINE = /\r\x1b\[2K/g;

/**
 * The first live control in `text`, or null. With `colour`, SGR sequences are allowed (only they); with `rewrite`
 * (a terminal's stderr), the progress line's own CR + erase-line.
 */
export function findLeak(text: string, opts: { colour?: boolean; rewrite?: boolean } = {}): Leak | null {
  let scanned = opts.rewrite ? text.replace(REWRITE_LINE, '') : text;
  if (opts.colour) scanned = scanned.replace(SGR, '');
  const m = LIVE.exec(scanned);
  if (!m) return null;
  const cp = m[0].codePointAt(0)!;
  return { at: m.index, codePoint: `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`, around: JSON.stringify(scanned.slice(Math.max(0, m.index - 60), m.index + 40)) };
}
