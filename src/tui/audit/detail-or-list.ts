// The cursor keys of a list that can show one row in full (the audit and exposure panes): while the row is
// shown they scroll it, else they move the list (the same motions as every list: list/motion.ts).
import type { CommandAction } from '../input/pane-commands.js';
import { listMotion, scrollTarget } from '../list/motion.js';
import type { ListAction } from '../list/use-list-state.js';

export const MOTION_COMMANDS = ['cursor.down', 'cursor.up', 'cursor.top', 'cursor.bottom', 'page.down', 'page.up', 'halfpage.down', 'halfpage.up'] as const;
export type MotionCommand = (typeof MOTION_COMMANDS)[number];

/** An open detail view: where it is scrolled to, and how to scroll it. */
export interface DetailScroll {
  top: number;
  height: number;
  max: number;
  scroll(to: number): void;
}

export function motionActions(detail: DetailScroll | null, move: (a: ListAction) => void): Record<MotionCommand, CommandAction> {
  const act = (c: MotionCommand): CommandAction => () => {
    if (!detail) return move(listMotion(c)!);
    const to = scrollTarget(c, detail.top, detail.height, detail.max);
    if (to !== null) detail.scroll(to);
  };
  return Object.fromEntries(MOTION_COMMANDS.map((c) => [c, act(c)])) as Record<MotionCommand, CommandAction>;
}
