// Search-pane commands → state actions, on the command bus under 'search'. The app resolves keys (keymap.ts:
// `/` edit the query, `m` cycle the mode, Enter open the hit, plus the shared cursor, refresh and back keys). While
// the query prompt is open it takes the keys (PromptInput); Esc arrives here as `back` and closes it.
import type { Dispatch } from 'react';
import { useCommandHandler } from '../command-bus.js';
import type { Command } from '../keymap.js';
import { listMotion } from '../list/motion.js';
import type { SearchAction, SearchState } from './use-search-state.js';

/** The pane's own commands (their keymap bindings are part of the wiring). */
export type SearchCommand = 'search.edit' | 'search.mode';

export interface SearchInputContext {
  state: SearchState;
  dispatch: Dispatch<SearchAction>;
  promptOpen: boolean;
  openPrompt(open: boolean): void;
  openHit(index: number): void;
  reindex(): void;
  onBack(): void;
}

export function useSearchInput(paneId: string, c: SearchInputContext): void {
  const list = (action: Parameters<Dispatch<SearchAction>>[0] & { type: 'list' }) => c.dispatch(action);
  useCommandHandler(paneId, (command: Command) => {
    const motion = listMotion(command);
    if (motion) {
      list({ type: 'list', action: motion });
      return true;
    }
    switch (command as Command | SearchCommand) {
      case 'open': c.openHit(c.state.list.cursor); return true;
      case 'search.edit': c.openPrompt(true); return true;
      case 'search.mode': c.dispatch({ type: 'mode' }); return true;
      case 'refresh': c.reindex(); return true;
      // Esc closes the prompt (keeping the query and results) before it leaves the pane.
      case 'back': if (c.promptOpen) c.openPrompt(false); else c.onBack(); return true;
      default: return false;
    }
  });
}
