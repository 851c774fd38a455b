// The app's only useInput: resolve the key through the keymap, then hand the command to the
// active pane. While a text input is open it takes every key, except Esc which cancels it.
import { useApp, useInput } from 'ink';
import type { Dispatch } from 'react';
import { useCommandBus } from './command-bus.js';
import { resolveKey, type Command, type PaneKind } from './keymap.js';
import type { NavAction } from './state/nav.js';

/** Commands the app handles itself, whatever pane is active (downloads). */
export type GlobalHandlers = Partial<Record<Command, () => void>>;

export function useAppInput(pane: PaneKind, inputOpen: boolean, nav: Dispatch<NavAction>, globals: GlobalHandlers = {}): void {
  const { exit } = useApp();
  const bus = useCommandBus();
  useInput((input, key) => {
    if (inputOpen) {
      if (key.escape) bus.dispatch(pane, 'back');
      return;
    }
    const command = resolveKey(pane, input, key);
    if (!command) return;
    if (command === 'quit') return exit();
    if (command === 'help') return nav({ type: 'help' });
    const global = globals[command];
    if (global && pane !== 'help') return global();
    if (pane === 'help') {
      if (command === 'back') nav({ type: 'help', open: false });
      return;
    }
    if (!bus.dispatch(pane, command) && command === 'back') nav({ type: 'pop' });
  });
}
