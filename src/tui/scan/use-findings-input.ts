// Findings-view commands → state actions, on the command bus under 'findings' (keymap.ts: Enter open the log at the
// finding, `v` show/hide the secrets, `i` hide/show values CircleCI masked, `r` scan again, plus cursor and back).
import type { Dispatch } from 'react';
import { usePaneCommands, type PaneHandlers } from '../input/pane-commands.js';
import { listMotion, motionHandlers } from '../list/motion.js';
import type { FindingsAction, FindingsState } from './use-findings-state.js';

export interface FindingsInputContext {
  state: FindingsState;
  dispatch: Dispatch<FindingsAction>;
  open(index: number): void;
  rescan(): void;
  onBack(): void;
}

export function findingsHandlers(c: FindingsInputContext): PaneHandlers<'findings'> {
  return {
    ...motionHandlers((m) => c.dispatch({ type: 'list', action: listMotion(m)! })),
    open: () => c.open(c.state.list.cursor),
    'findings.reveal': () => c.dispatch({ type: 'reveal' }),
    'findings.info': () => c.dispatch({ type: 'info' }),
    refresh: () => c.rescan(),
    back: () => c.onBack(),
  };
}

export function useFindingsInput(paneId: string, c: FindingsInputContext): void {
  usePaneCommands(paneId, 'findings', findingsHandlers(c));
}
