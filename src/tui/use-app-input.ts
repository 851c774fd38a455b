// The app's keys: the input router (input/use-input-router.ts, shared with the audit shell) with the
// app's rules: keys resolve through keymap.ts for the active pane, `?` toggles the help overlay,
// `back` that no pane used goes up a level, and some commands are the app's own (downloads, `s`, `a`, `x`).
import type { Dispatch } from 'react';
import { useInputRouter } from './input/use-input-router.js';
import { resolveKey, type AppCommand, type PaneKind } from './keymap.js';
import type { NavAction } from './state/nav.js';

export type { GlobalHandlers } from './input/key-router.js';

/** The app's own commands: one action for each (keymap.ts APP_COMMANDS), so a new one does not compile until it acts. */
export type AppHandlers = Record<AppCommand, () => void>;

/** Routes every key; returns the count prefix being typed (shown in the footer). */
export function useAppInput(pane: PaneKind, inputOpen: boolean, nav: Dispatch<NavAction>, globals: AppHandlers): string {
  const helpOpen = pane === 'help';
  return useInputRouter({
    pane,
    inputOpen,
    resolve: (p, key) => resolveKey(p as PaneKind, key),
    helpOpen,
    setHelp: (open) => nav({ type: 'help', open }),
    globals,
    unusedBack: () => nav({ type: 'pop' }),
  });
}
