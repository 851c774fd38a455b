// Hard-wraps one sanitized line into rows of a fixed number of columns. Sanitized text holds printable characters
// and SGR only; colours in effect at a row break are closed at the end of the row and re-opened on the next, so
// every row stands alone (Ink may cut or move any row).

import { visibleWidth } from './visible-width.js';

const RESET = '\x1b[0m';
const SGR = /\x1b\[([0-9;:]*)m/y;

export function splitColumns(text: string, width: number): string[] {
  const cols = Math.max(1, Math.floor(width));
  const rows: string[] = [];
  let row = '';
  let col = 0;
  /** The SGR sequences in effect since the last reset. */
  let active = '';
  let i = 0;
  while (i < text.length) {
    if (text.charCodeAt(i) === 0x1b) {
      SGR.lastIndex = i;
      const m = SGR.exec(text);
      if (!m) {
        i += 1; // never pass on an ESC that isn't SGR (sanitized input has none)
        continue;
      }
      const params = m[1] ?? '';
      row += m[0];
      if (params === '' || params === '0') active = '';
      else if (params.startsWith('0;')) active = m[0];
      else active += m[0];
      i = SGR.lastIndex;
      continue;
    }
    const cp = text.codePointAt(i) ?? 0xfffd;
    const ch = String.fromCodePoint(cp);
    const w = visibleWidth(ch);
    if (w > 0 && col + w > cols && col > 0) {
      rows.push(active ? row + RESET : row);
      row = active;
      col = 0;
    }
    row += ch;
    col += w;
    i += ch.length;
  }
  rows.push(active ? row + RESET : row);
  return rows;
}
