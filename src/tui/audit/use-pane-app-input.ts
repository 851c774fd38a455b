// Input for a shell that shows one of these panes on its own (`sleuth audit FILE`): the same router as
// the app (input/use-input-router.ts), keys resolved through keymap.ts; `back` with nothing left to
// close does nothing, since this pane is the whole app.
import { useInputRouter } from '../input/use-input-router.js';
import { resolveKey, type PaneKind } from '../keymap.js';

/** Routes every key; returns the count prefix being typed (shown in the footer). */
export function usePaneAppInput(pane: PaneKind, inputOpen: boolean, help: { open: boolean; set(open: boolean): void }): string {
  return useInputRouter({
    pane,
    inputOpen,
    resolve: (p, key) => resolveKey(p as PaneKind, key),
    helpOpen: help.open,
    setHelp: help.set,
    globals: {},
  });
}
