// Search-pane commands → state actions, on the command bus under 'search'. The app resolves keys (keymap.ts:
// `/` edit the query, `m` cycle the mode, Enter open the hit, plus the shared cursor, refresh and back keys). While
// the query prompt is open it takes the keys (PromptInput); Esc arrives here as `back` and closes it.
import type { Dispatch } from 'react';
import { usePaneCommands, type PaneHandlers } from '../input/pane-commands.js';
import { listMotion, motionHandlers } from '../list/motion.js';
import type { SearchAction, SearchState } from './use-search-state.js';

export interface SearchInputContext {
  state: SearchState;
  dispatch: Dispatch<SearchAction>;
  promptOpen: boolean;
  openPrompt(open: boolean): void;
  openHit(index: number): void;
  reindex(): void;
  onBack(): void;
}

export function searchHandlers(c: SearchInputContext): PaneHandlers<'search'> {
  return {
    ...motionHandlers((m) => c.dispatch({ type: 'list', action: listMotion(m)! })),
    open: () => c.openHit(c.state.list.cursor),
    'search.edit': () => c.openPrompt(true),
    'search.mode': () => c.dispatch({ type: 'mode' }),
    refresh: () => c.reindex(),
    // Esc closes the prompt (keeping the query and results) before it leaves the pane.
    back: () => (c.promptOpen ? c.openPrompt(false) : c.onBack()),
  };
}

export function useSearchInput(paneId: string, c: SearchInputContext): void {
  usePaneCommands(paneId, 'search', searchHandlers(c));
}
