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
 * The reducer moves from its own state, not the rendered one, so a burst of cursor keys needs no render
 * between them (`motionsCompose`).
 */
export function useListInput(paneId: string, dispatch: Dispatch<ListAction>, h: ListInputHandlers, size: { count: number; height: number }): void {
  useCommandHandler(paneId, (command: Command, count?: number) => {
    if (command.startsWith('cursor.') || command.includes('page.')) dispatch({ type: 'resize', ...size });
    // `10G`: row 10 (the input router sends the count).
    if (command === 'cursor.line') {
      dispatch({ type: 'to', index: Math.max(0, (count ?? 1) - 1) });
      return true;
    }
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
  }, { motionsCompose: true });
}
