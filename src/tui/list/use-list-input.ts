// List commands → list actions. Registered on the command bus under the pane's id.
import type { Dispatch } from 'react';
import { useCommandHandler } from '../command-bus.js';
import type { Command } from '../keymap.js';
import type { ListAction } from './use-list-state.js';

export interface ListInputHandlers {
  open(): void;
  back(): void;
  filter(): void;
  refresh(): void;
}

/**
 * `size` is the list as rendered now: it is sent ahead of every move, because a key can arrive
 * after a render but before the effect that would have told the reducer how long the list is.
 */
export function useListInput(paneId: string, dispatch: Dispatch<ListAction>, h: ListInputHandlers, size: { count: number; height: number }): void {
  useCommandHandler(paneId, (command: Command) => {
    if (command.startsWith('cursor.') || command.includes('page.')) dispatch({ type: 'resize', ...size });
    switch (command) {
      case 'cursor.down': dispatch({ type: 'move', by: 1 }); return true;
      case 'cursor.up': dispatch({ type: 'move', by: -1 }); return true;
      case 'cursor.top': dispatch({ type: 'to', index: 0 }); return true;
      case 'cursor.bottom': dispatch({ type: 'to', index: Number.MAX_SAFE_INTEGER }); return true;
      case 'page.down': dispatch({ type: 'page', dir: 1 }); return true;
      case 'page.up': dispatch({ type: 'page', dir: -1 }); return true;
      case 'halfpage.down': dispatch({ type: 'page', dir: 1, half: true }); return true;
      case 'halfpage.up': dispatch({ type: 'page', dir: -1, half: true }); return true;
      case 'open': h.open(); return true;
      case 'back': h.back(); return true;
      case 'filter': h.filter(); return true;
      case 'refresh': h.refresh(); return true;
      default: return false;
    }
  });
}
