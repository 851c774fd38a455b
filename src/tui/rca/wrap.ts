// Exlogare's prose wrapped to the pane: a reply row longer than the width continues on the next rows, under its
// own indent, broken at spaces where it can be (log excerpts are not wrapped: one log line stays one row).
import { visibleWidth } from '../../text/sanitize.js';
import type { RcaRow } from '../../rca/render.js';

export function wrapRow(row: RcaRow, width: number): RcaRow[] {
  if (width < 8 || visibleWidth(row.text) <= width) return [row];
  const indent = /^ */.exec(row.text)![0].length;
  const lead = ' '.repeat(Math.min(indent + (/^ *\d+\. /.test(row.text) ? 3 : 0), Math.floor(width / 2)));
  const out: RcaRow[] = [];
  let line = '';
  let w = 0;
  let lastSpace = -1;
  for (const ch of row.text) {
    const cw = visibleWidth(ch);
    if (w + cw > width) {
      const cut = lastSpace > lead.length ? lastSpace : line.length;
      out.push({ text: line.slice(0, cut).trimEnd(), tone: row.tone });
      line = lead + line.slice(cut).trimStart();
      w = visibleWidth(line);
      lastSpace = -1;
    }
    if (ch === ' ') lastSpace = line.length;
    line += ch;
    w += cw;
  }
  if (line.trim()) out.push({ text: line, tone: row.tone });
  return out;
}

export const wrapRows = (rows: RcaRow[], width: number): RcaRow[] => rows.flatMap((r) => wrapRow(r, width));
