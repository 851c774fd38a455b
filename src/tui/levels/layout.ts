// The screen's geometry: rows left for the levels under the header, status line and footer, and the widths of the
// Miller columns (parent, current, preview) a list level gets from 120 columns; one column below that.
export const WIDE_COLUMNS = 120;
/** Header, status line and footer, plus the spare row that keeps Ink off its full-clear path. */
export const CHROME_ROWS = 4;

export interface ScreenLayout {
  /** Rows for the levels (at least 3). */
  bodyRows: number;
  /** Width of the parent column (0: none). */
  parent: number;
  /** Width of the current level's column. */
  main: number;
  /** Width of the preview column (0: none). */
  preview: number;
}

/** `millerColumns`: the level wants the wide layout (registry.tsx); `depth`: levels on the stack. */
export function screenLayout(size: { columns: number; rows: number }, millerColumns: boolean, depth: number): ScreenLayout {
  const { columns, rows } = size;
  const wide = millerColumns && columns >= WIDE_COLUMNS;
  const parent = wide && depth > 1 ? Math.floor(columns * 0.25) : 0;
  const preview = wide ? Math.floor(columns * 0.3) : 0;
  // One column of gap beside each side column.
  const main = columns - parent - preview - (parent ? 1 : 0) - (preview ? 1 : 0);
  return { bodyRows: Math.max(3, rows - CHROME_ROWS), parent, main, preview };
}
