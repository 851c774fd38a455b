// RCA-pane commands → state actions. Registered on the command bus under 'rca'; the app resolves keys
// (keymap.ts: S send, y confirm, n cancel, plus the shared scroll and back keys).
import type { Dispatch } from 'react';
import { useCommandHandler } from '../command-bus.js';
import type { Command } from '../keymap.js';
import type { RcaAction, RcaState } from './use-rca-state.js';

/** The pane's own commands (their keymap bindings are part of the wiring). */
export type RcaCommand = 'rca.send' | 'rca.confirm' | 'rca.cancel';

export interface RcaInputContext {
  state: RcaState;
  dispatch: Dispatch<RcaAction>;
  /** Rows of content and rows on screen. */
  rows: number;
  visible: number;
  onBack(): void;
  reload(): void;
  startSend(): void;
  confirm(): void;
  cancel(): void;
}

export function useRcaInput(paneId: string, c: RcaInputContext): void {
  useCommandHandler(paneId, (command: Command) => {
    const max = Math.max(0, c.rows - c.visible);
    const page = Math.max(1, c.visible - 1);
    const confirming = c.state.phase.kind === 'confirm';
    switch (command as Command | RcaCommand) {
      case 'cursor.down': c.dispatch({ type: 'scroll', by: 1, max }); return true;
      case 'cursor.up': c.dispatch({ type: 'scroll', by: -1, max }); return true;
      case 'cursor.top': c.dispatch({ type: 'to', top: 0, max }); return true;
      case 'cursor.bottom': c.dispatch({ type: 'to', top: max, max }); return true;
      case 'page.down': c.dispatch({ type: 'scroll', by: page, max }); return true;
      case 'page.up': c.dispatch({ type: 'scroll', by: -page, max }); return true;
      case 'halfpage.down': c.dispatch({ type: 'scroll', by: Math.ceil(page / 2), max }); return true;
      case 'halfpage.up': c.dispatch({ type: 'scroll', by: -Math.ceil(page / 2), max }); return true;
      case 'refresh': if (!confirming) c.reload(); return true;
      case 'rca.send': c.startSend(); return true;
      case 'rca.confirm': if (confirming) c.confirm(); return true;
      case 'rca.cancel': if (confirming) c.cancel(); return true;
      // Esc cancels a confirmation first; only then does it leave the pane.
      case 'back': if (confirming) c.cancel(); else c.onBack(); return true;
      default: return false;
    }
  });
}
