// Findings-view commands → state actions, on the command bus under 'findings' (keymap.ts: Enter open the log at the
// finding, `v` show/hide the secrets, `i` hide/show values CircleCI masked, `r` scan again, plus cursor and back).
import type { Dispatch } from 'react';
import { useCommandHandler } from '../command-bus.js';
import type { Command } from '../keymap.js';
import { listMotion } from '../list/motion.js';
import type { FindingsAction, FindingsState } from './use-findings-state.js';

/** The view's own commands (their keymap bindings are part of the wiring). */
export type FindingsCommand = 'findings.reveal' | 'findings.info';

export interface FindingsInputContext {
  state: FindingsState;
  dispatch: Dispatch<FindingsAction>;
  open(index: number): void;
  rescan(): void;
  onBack(): void;
}

export function useFindingsInput(paneId: string, c: FindingsInputContext): void {
  useCommandHandler(paneId, (command: Command) => {
    const list = (action: Extract<FindingsAction, { type: 'list' }>['action']) => c.dispatch({ type: 'list', action });
    const motion = listMotion(command);
    if (motion) {
      list(motion);
      return true;
    }
    switch (command as Command | FindingsCommand) {
      case 'open': c.open(c.state.list.cursor); return true;
      case 'findings.reveal': c.dispatch({ type: 'reveal' }); return true;
      case 'findings.info': c.dispatch({ type: 'info' }); return true;
      case 'refresh': c.rescan(); return true;
      case 'back': c.onBack(); return true;
      default: return false;
    }
  });
}
