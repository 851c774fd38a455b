// The cursor keys of a list that can show one row in full (the audit and exposure panes): while the row is
// shown they scroll it, else they move the list (the same motions as every list: list/motion.ts).
import type { CommandAction } from '../input/pane-commands.js';
import { listMotion, motionHandlers, scrollTarget, type MotionCommand } from '../list/motion.js';
import type { ListAction } from '../list/use-list-state.js';

/** An open detail view: where it is scrolled to, and how to scroll it. */
export interface DetailScroll {
  top: number;
  height: number;
  max: number;
  scroll(to: number): void;
}

export function motionActions(detail: DetailScroll | null, move: (a: ListAction) => void): Record<MotionCommand, CommandAction> {
  return motionHandlers((c) => {
    if (!detail) return move(listMotion(c)!);
    const to = scrollTarget(c, detail.top, detail.height, detail.max);
    if (to !== null) detail.scroll(to);
  });
}
