// Exposure-pane commands → state actions, on the command bus under 'exposure' (keymap.ts: Enter a row in full,
// `v` per job / per secret, `/` filter, `r` compute again, plus the shared cursor keys and back). The map is
// typed by the keymap table: a command bound in the exposure pane and missing here does not compile.
import { motionActions } from '../audit/detail-or-list.js';
import { usePaneCommands, type PaneHandlers } from '../input/pane-commands.js';
import type { ExposureState } from './use-exposure-state.js';

export interface ExposureInputContext {
  /** Tell the app the filter prompt opened or closed (it then routes every key to it). */
  reportInputOpen(open: boolean): void;
  onBack(): void;
}

export function exposureHandlers(s: ExposureState, c: ExposureInputContext): PaneHandlers<'exposure'> {
  const { view, dispatch } = s;
  const detail = view.detail !== null ? { top: view.detailTop, height: s.detail.height, max: s.detail.max, scroll: (to: number) => dispatch({ type: 'scrollDetail', to, max: s.detail.max }) } : null;
  return {
    ...motionActions(detail, s.listDispatch),
    open: () => {
      // On a row shown in full, Enter stays there.
      if (!detail && s.list.cursor < s.count) dispatch({ type: 'openDetail', index: s.list.cursor });
    },
    // Also from a row shown in full: the other view, from its list.
    'exposure.view': () => dispatch({ type: 'toggleMode' }),
    filter: () => {
      if (detail) return false;
      dispatch({ type: 'openPrompt' });
      c.reportInputOpen(true);
    },
    refresh: () => (detail ? false : s.load.reload()),
    back: () => {
      // Esc closes the row, then the prompt, then clears the filter, and only then leaves the pane.
      if (detail) dispatch({ type: 'closeDetail' });
      else if (view.promptOpen) {
        dispatch({ type: 'closePrompt' });
        c.reportInputOpen(false);
      } else if (view.filter) dispatch({ type: 'clearFilter' });
      else c.onBack();
    },
  };
}

export function useExposureInput(paneId: string, s: ExposureState, c: ExposureInputContext): void {
  usePaneCommands(paneId, 'exposure', exposureHandlers(s, c));
}
