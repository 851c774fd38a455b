// Audit-pane commands → state actions, on the command bus under 'audit' (keymap.ts: Enter the event in full,
// `/` filter, `m` marked only, `r` read again, plus the shared cursor keys and back). The map is typed by the
// keymap table: a command bound in the audit pane and missing here does not compile.
import { usePaneCommands, type PaneHandlers } from '../input/pane-commands.js';
import { motionActions } from './detail-or-list.js';
import type { AuditState } from './use-audit-state.js';

export interface AuditInputContext {
  /** Tell the app the filter prompt opened or closed (it then routes every key to it). */
  reportInputOpen(open: boolean): void;
  onBack(): void;
}

export function auditHandlers(s: AuditState, c: AuditInputContext): PaneHandlers<'audit'> {
  const { view, dispatch } = s;
  const detail = view.detail ? { top: view.detailTop, height: s.detail.height, max: s.detail.max, scroll: (to: number) => dispatch({ type: 'scrollDetail', to, max: s.detail.max }) } : null;
  return {
    ...motionActions(detail, s.listDispatch),
    open: () => {
      // On an event shown in full, Enter stays there.
      const e = s.shown[s.list.cursor];
      if (!detail && e) dispatch({ type: 'openDetail', event: e });
    },
    filter: () => {
      if (detail) return false;
      dispatch({ type: 'openPrompt' });
      c.reportInputOpen(true);
    },
    'audit.marked': () => (detail ? false : dispatch({ type: 'toggleMarked' })),
    refresh: () => (detail ? false : s.load.reload()),
    back: () => {
      // Esc closes the event, then the prompt, then clears the filter, and only then leaves the pane.
      if (detail) dispatch({ type: 'closeDetail' });
      else if (view.promptOpen) {
        dispatch({ type: 'closePrompt' });
        c.reportInputOpen(false);
      } else if (view.query || view.markedOnly) {
        dispatch({ type: 'clearQuery' });
        if (view.markedOnly) dispatch({ type: 'toggleMarked' });
      } else c.onBack();
    },
  };
}

export function useAuditInput(paneId: string, s: AuditState, c: AuditInputContext): void {
  usePaneCommands(paneId, 'audit', auditHandlers(s, c));
}
