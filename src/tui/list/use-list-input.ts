// List commands → list actions. Registered on the command bus under the pane's id.
import type { Dispatch } from 'react';
import { useCommandHandler } from '../command-bus.js';
import type { Command } from '../keymap.js';
import { listMotion } from './motion.js';
import type { ListAction } from './use-list-state.js';

export interface ListInputHandlers {
  open(): void;
  back(): void;
  filter(): void;
  refresh(): void;
  /** Any other command the pane takes (`:` jump, …); true when used. */
  other?(command: Command): boolean;
}

/**
 * `size` is the list as rendered now: it is sent ahead of every move, because a key can arrive
 * after a render but before the effect that would have told the reducer how long the list is.
 */
export function useListInput(paneId: string, dispatch: Dispatch<ListAction>, h: ListInputHandlers, size: { count: number; height: number }): void {
  useCommandHandler(paneId, (command: Command) => {
    if (command.startsWith('cursor.') || command.includes('page.')) dispatch({ type: 'resize', ...size });
    const motion = listMotion(command);
    if (motion) {
      dispatch(motion);
      return true;
    }
    switch (command) {
      case 'open': h.open(); return true;
      case 'back': h.back(); return true;
      case 'filter': h.filter(); return true;
      case 'refresh': h.refresh(); return true;
      default: return h.other?.(command) ?? false;
    }
  });
}
