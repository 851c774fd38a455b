// RCA-pane commands → state actions. Registered on the command bus under 'rca'; the app resolves keys
// (keymap.ts: S send, y confirm, n cancel, plus the shared scroll and back keys). The map is typed by the keymap
// table: a command bound in the rca pane and missing here does not compile.
import type { Dispatch } from 'react';
import { usePaneCommands, type PaneHandlers } from '../input/pane-commands.js';
import type { RcaAction, RcaState } from './use-rca-state.js';

/** The pane's own commands (tests send them by name). */
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

export function rcaHandlers(c: RcaInputContext): PaneHandlers<'rca'> {
  const max = Math.max(0, c.rows - c.visible);
  const page = Math.max(1, c.visible - 1);
  const confirming = c.state.phase.kind === 'confirm';
  const scroll = (by: number) => () => c.dispatch({ type: 'scroll', by, max });
  return {
    'cursor.down': scroll(1),
    'cursor.up': scroll(-1),
    'cursor.top': () => c.dispatch({ type: 'to', top: 0, max }),
    'cursor.bottom': () => c.dispatch({ type: 'to', top: max, max }),
    'page.down': scroll(page),
    'page.up': scroll(-page),
    'halfpage.down': scroll(Math.ceil(page / 2)),
    'halfpage.up': scroll(-Math.ceil(page / 2)),
    refresh: () => {
      if (!confirming) c.reload();
    },
    'rca.send': () => {
      c.startSend();
    },
    'rca.confirm': () => {
      if (confirming) c.confirm();
    },
    'rca.cancel': () => {
      if (confirming) c.cancel();
    },
    // Esc cancels a confirmation first; only then does it leave the pane.
    back: () => {
      if (confirming) c.cancel();
      else c.onBack();
    },
  };
}

export function useRcaInput(paneId: string, c: RcaInputContext): void {
  usePaneCommands(paneId, 'rca', rcaHandlers(c));
}
