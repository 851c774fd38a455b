// Column layout for list panes: fixed columns, flexible ones share the rest, and low-priority
// columns drop out first when the terminal is narrow (80 columns keeps the essentials).
import type { Tone } from '../status.js';

export interface Col<T> {
  title: string;
  get: (item: T) => string;
  width?: number;
  /** Share of the leftover width (with a minimum of `min`). */
  flex?: number;
  min?: number;
  align?: 'right';
  tone?: (item: T) => Tone | 'muted' | 'active' | undefined;
  /** Lower numbers are dropped first when there is no room. Default 5. */
  priority?: number;
}

export interface PlacedCol<T> extends Col<T> { w: number }

export function layoutColumns<T>(cols: Col<T>[], total: number): PlacedCol<T>[] {
  let kept = cols.slice();
  // As the layout below counts: each column and its gap, and one more column for each flexible one (else the
  // flexible columns' minimums could overflow the row by that much).
  const need = (cs: Col<T>[]) => cs.reduce((n, c) => n + (c.width ?? c.min ?? 8) + 1 + (c.flex ? 1 : 0), 0);
  while (kept.length > 1 && need(kept) > total) {
    const lowest = kept.reduce((lo, c) => ((c.priority ?? 5) < (lo.priority ?? 5) ? c : lo));
    kept = kept.filter((c) => c !== lowest);
  }
  const fixed = kept.reduce((n, c) => n + (c.flex ? 0 : (c.width ?? 8)) + 1, 0);
  const flexTotal = kept.reduce((n, c) => n + (c.flex ?? 0), 0);
  const spare = Math.max(0, total - fixed - kept.filter((c) => c.flex).length);
  const placed = kept.map((c) => ({ ...c, w: c.flex ? Math.max(c.min ?? 4, Math.floor((spare * c.flex) / flexTotal)) : (c.width ?? 8) }));
  // A minimum that lifted one flexible column is paid for by the others, down to their own minimums.
  let over = placed.reduce((n, c) => n + (c.flex ? c.w : 0), 0) - spare;
  for (const c of placed.filter((p) => p.flex).sort((a, b) => b.w - a.w)) {
    if (over <= 0) break;
    const give = Math.min(over, c.w - (c.min ?? 4));
    if (give > 0) {
      c.w -= give;
      over -= give;
    }
  }
  return placed;
}
