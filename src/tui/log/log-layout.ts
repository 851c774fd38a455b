// Which terminal rows the log pane shows: only the visible lines are read from the buffer and sanitized, so the
// cost of a frame depends on the pane size, never on the log size.

import type { LogBuffer } from '../../log/log-buffer.js';
import { isCaseSensitive } from '../../log/log-buffer.js';
import { display, EMPTY_DISPLAY, withSuffix, wrapDisplay, type Display } from '../../text/display.js';
import { sanitize } from '../../text/sanitize.js';
import { CLOCK_WIDTH } from './clock.js';

export interface LayoutOptions {
  /** Columns of the pane. */
  width: number;
  /** Terminal rows available for log lines. */
  rows: number;
  wrap: boolean;
  timestamps: boolean;
}

export interface LogRow {
  key: string;
  line: number;
  /** First terminal row of its line (the rows a wrapped line continues on get a blank gutter). */
  first: boolean;
  /** Sanitized: printable text and SGR only. */
  text: Display;
}

/** A search hit shown in full: the row as plain text, split around the match. */
export interface MatchParts {
  before: string;
  match: string;
  after: string;
}

export function gutterWidth(lineCount: number, timestamps: boolean): number {
  return String(Math.max(1, lineCount)).length + 1 + (timestamps ? CLOCK_WIDTH + 1 : 0);
}

export function textWidth(lineCount: number, o: LayoutOptions): number {
  return Math.max(1, o.width - gutterWidth(lineCount, o.timestamps));
}

/**
 * Line i sanitized for display, at most maxCols visible columns (a visible marker says what was cut). The raw line
 * is cut first, so a 10 MB line with no newline costs no more than a short one.
 */
export function displayLine(buffer: LogBuffer, i: number, maxCols: number, keepColor = true): Display {
  const raw = buffer.line(i);
  const cap = maxCols * 8 + 1024;
  if (raw.length <= cap) return display(raw, { maxLineLength: maxCols, keepColor });
  const shown = display(raw.slice(0, cap), { maxLineLength: maxCols, keepColor });
  return withSuffix(shown, ` … [+${raw.length - cap} chars]`);
}

function lineRows(buffer: LogBuffer, i: number, cols: number, o: LayoutOptions): Display[] {
  if (!o.wrap) return [displayLine(buffer, i, cols)];
  // A wrapped line never takes more than a page; its last row says how much was cut.
  return wrapDisplay(displayLine(buffer, i, cols * Math.max(1, o.rows)), cols).slice(0, Math.max(1, o.rows));
}

/** The largest useful top line: the one that puts the last line on the last row. */
export function maxTopLine(buffer: LogBuffer, o: LayoutOptions): number {
  const count = buffer.lineCount;
  if (!o.wrap) return Math.max(0, count - o.rows);
  const cols = textWidth(count, o);
  let used = 0;
  for (let i = count - 1; i >= 0; i--) {
    used += lineRows(buffer, i, cols, o).length;
    if (used > o.rows) return Math.min(count - 1, i + 1);
  }
  return 0;
}

/** At most o.rows rows starting at line `top`. */
export function layoutRows(buffer: LogBuffer, top: number, o: LayoutOptions): LogRow[] {
  const out: LogRow[] = [];
  const cols = textWidth(buffer.lineCount, o);
  for (let i = Math.max(0, top); i < buffer.lineCount && out.length < o.rows; i++) {
    const rows = lineRows(buffer, i, cols, o);
    for (let r = 0; r < rows.length && out.length < o.rows; r++) {
      out.push({ key: r === 0 ? String(i) : `${i}.${r}`, line: i, first: r === 0, text: rows[r] ?? EMPTY_DISPLAY });
    }
  }
  return out;
}

/** Distinct lines among the rows (a page, for paging). */
export function visibleLineCount(rows: readonly LogRow[]): number {
  return rows.reduce((n, r) => n + (r.first ? 1 : 0), 0);
}

/**
 * The match line as plain text (controls still spelled out, no colour), split around the first hit and shifted
 * left when the hit would be past the right edge, so the matched text is always on screen.
 */
export function matchParts(buffer: LogBuffer, line: number, query: string, cols: number): MatchParts | null {
  if (!query) return null;
  const sensitive = isCaseSensitive(query);
  const find = (text: string): number => {
    if (sensitive) return text.indexOf(query);
    const lower = text.toLowerCase();
    return lower.length === text.length ? lower.indexOf(query.toLowerCase()) : -1;
  };
  let text = displayLine(buffer, line, Math.max(cols, 2000), false).text;
  let at = find(text);
  if (at < 0) {
    // The hit spans a control sequence: show the stripped line, which is what search matched.
    text = sanitize(buffer.plainLine(line), { maxLineLength: Math.max(cols, 2000), keepColor: false });
    at = find(text);
  }
  if (at < 0) return null;
  const end = at + query.length;
  let start = 0;
  let lead = '';
  if (end > cols - 1) {
    start = Math.max(1, at - Math.floor(cols / 3));
    lead = '…';
  }
  return { before: lead + text.slice(start + (lead ? 1 : 0), at), match: text.slice(at, end), after: text.slice(end) };
}
