// Aligned plain-text tables. Every cell is hostile data: it is sanitized to one visible line
// before its width is measured (colour added afterwards by `paint` never counts).
import { cell } from '../text/cell.js';
import { visibleWidth } from '../text/sanitize.js';

export { cell };

export interface Column<T> {
  header: string;
  value: (row: T) => string;
  paint?: (text: string, row: T) => string;
  align?: 'left' | 'right';
  /** Longest a cell may be before it is cut with an ellipsis. */
  max?: number;
}

export function renderTable<T>(rows: T[], columns: Column<T>[], opts: { headerPaint?: (s: string) => string } = {}): string {
  const cells = rows.map((r) => columns.map((c) => cell(c.value(r), c.max)));
  const widths = columns.map((c, i) => Math.max(visibleWidth(c.header), ...cells.map((row) => visibleWidth(row[i] ?? ''))));
  const pad = (s: string, i: number, align: 'left' | 'right' = 'left') => {
    const gap = ' '.repeat(Math.max(0, (widths[i] ?? 0) - visibleWidth(s)));
    return align === 'right' ? gap + s : s + gap;
  };
  const head = columns.map((c, i) => pad(c.header, i, c.align)).join('  ').trimEnd();
  const lines = [opts.headerPaint ? opts.headerPaint(head) : head];
  rows.forEach((r, ri) => {
    const parts = columns.map((c, i) => {
      const text = cells[ri]![i]!;
      const padded = pad(text, i, c.align);
      return c.paint ? padded.replace(text, c.paint(text, r)) : padded;
    });
    lines.push(parts.join('  ').trimEnd());
  });
  return lines.join('\n') + '\n';
}
