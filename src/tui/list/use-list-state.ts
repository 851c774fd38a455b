// Cursor and scroll position of a list, as a reducer. The window (top..top+height) always
// contains the cursor.
import { useReducer } from 'react';

export interface ListState { cursor: number; top: number; count: number; height: number }

export type ListAction =
  | { type: 'move'; by: number }
  | { type: 'to'; index: number }
  | { type: 'page'; dir: 1 | -1; half?: boolean }
  | { type: 'resize'; count: number; height: number }
  /** The list changed length (a filter cleared) and the cursor follows its row to `index`, in one step. */
  | { type: 'place'; index: number; count: number };

function clamp(s: ListState, cursor: number): ListState {
  const c = Math.max(0, Math.min(cursor, s.count - 1));
  const h = Math.max(1, s.height);
  let top = s.top;
  if (c < top) top = c;
  if (c >= top + h) top = c - h + 1;
  top = Math.max(0, Math.min(top, Math.max(0, s.count - h)));
  return { ...s, cursor: Math.max(0, c), top };
}

export function listReducer(s: ListState, a: ListAction): ListState {
  switch (a.type) {
    case 'move':
      return clamp(s, s.cursor + a.by);
    case 'to':
      return clamp(s, a.index);
    case 'page': {
      const step = Math.max(1, a.half ? Math.floor(s.height / 2) : s.height - 1);
      return clamp({ ...s, top: s.top + a.dir * step }, s.cursor + a.dir * step);
    }
    case 'resize':
      return clamp({ ...s, count: a.count, height: a.height }, s.cursor);
    case 'place':
      return clamp({ ...s, count: a.count }, a.index);
  }
}

export function useListState(initialCursor: number) {
  return useReducer(listReducer, { cursor: initialCursor, top: Math.max(0, initialCursor - 3), count: 0, height: 1 });
}
