// The cursor keys every list pane shares, as list actions, and as a scroll target for a pane's detail view: one
// table, so j/k/g/G/PageUp/PageDown/Ctrl-d/Ctrl-u move the same way in every pane.
import type { Command } from '../keymap.js';
import type { ListAction } from './use-list-state.js';

/** The list action a cursor command stands for, or null for any other command. */
export function listMotion(command: Command | string): ListAction | null {
  switch (command) {
    case 'cursor.down': return { type: 'move', by: 1 };
    case 'cursor.up': return { type: 'move', by: -1 };
    case 'cursor.top': return { type: 'to', index: 0 };
    case 'cursor.bottom': return { type: 'to', index: Number.MAX_SAFE_INTEGER };
    case 'page.down': return { type: 'page', dir: 1 };
    case 'page.up': return { type: 'page', dir: -1 };
    case 'halfpage.down': return { type: 'page', dir: 1, half: true };
    case 'halfpage.up': return { type: 'page', dir: -1, half: true };
    default: return null;
  }
}

/** Where a scrolled text (a detail view) goes for a cursor command, from row `top` of `height`; null otherwise. */
export function scrollTarget(command: Command | string, top: number, height: number, max: number): number | null {
  switch (command) {
    case 'cursor.down': return top + 1;
    case 'cursor.up': return top - 1;
    case 'cursor.top': return 0;
    case 'cursor.bottom': return max;
    case 'page.down': return top + height - 1;
    case 'page.up': return top - height + 1;
    case 'halfpage.down': return top + Math.floor(height / 2);
    case 'halfpage.up': return top - Math.floor(height / 2);
    default: return null;
  }
}

/** The commands above: every pane that moves a cursor or scrolls takes all of them. */
export const MOTION_COMMANDS = ['cursor.down', 'cursor.up', 'cursor.top', 'cursor.bottom', 'page.down', 'page.up', 'halfpage.down', 'halfpage.up'] as const;
export type MotionCommand = (typeof MOTION_COMMANDS)[number];

/** A pane's handler-map entries for the cursor commands, each calling `act` with its command. */
export function motionHandlers(act: (command: MotionCommand) => boolean | void): Record<MotionCommand, () => boolean | void> {
  return Object.fromEntries(MOTION_COMMANDS.map((c) => [c, () => act(c)])) as Record<MotionCommand, () => boolean | void>;
}
