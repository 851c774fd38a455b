// Scrolling a block of text rows with the keys every pane shares (j/k, g/G, PgDn/PgUp, Ctrl-d/u), for the views that
// are only text: the help overlay and the message history. Registered on the command bus under `paneId`.
import { useEffect, useRef, useState } from 'react';
import { usePaneCommands, type PaneHandlers } from '../input/pane-commands.js';
import { motionHandlers, scrollTarget } from '../list/motion.js';

/** The first row shown, kept within the rows; cursor commands move it, any other command is left to the app. */
export function useScroll(paneId: string, rowCount: number, height: number): number {
  const max = Math.max(0, rowCount - height);
  const [top, setTop] = useState(0);
  // The latest position, not the last rendered one: keys that arrive together each move from where the last left it.
  const latest = useRef(0);
  latest.current = Math.min(latest.current, max);
  useEffect(() => setTop((t) => Math.min(t, max)), [max]);
  // The text views bind nothing else (keymap.ts): Esc closes them through the app.
  const handlers: PaneHandlers<'help' | 'messages'> = motionHandlers((command) => {
    latest.current = Math.max(0, Math.min(max, scrollTarget(command, latest.current, height, max)!));
    setTop(latest.current);
  });
  usePaneCommands(paneId, 'help', handlers);
  return Math.min(top, max);
}

/** The last row of a scrolled view: what is below, and how to get there (said, never only drawn as an arrow). */
export function moreBelow(top: number, height: number, rowCount: number): string {
  const below = rowCount - (top + height);
  if (below > 0) return `↓ ${below} more row${below === 1 ? '' : 's'} below · j/k, PgDn/PgUp, g/G scroll`;
  return top > 0 ? 'end · k, PgUp, g scroll back up' : '';
}
