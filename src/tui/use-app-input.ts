// The app's only useInput: resolve the key through the keymap, then hand the command to the
// active pane. While a prompt is open it takes every key (sent through the bus), except Esc,
// which cancels it. A ref marks the prompt open the moment the command is sent, so keys typed
// before the next render reach the prompt instead of the keymap.
import { useApp, useInput } from 'ink';
import { useEffect, useRef, type Dispatch } from 'react';
import { useCommandBus } from './command-bus.js';
import { routePromptKey } from './prompt-keys.js';
import { resolveKey, type Command, type PaneKind } from './keymap.js';
import type { NavAction } from './state/nav.js';

/** Commands the app handles itself, whatever pane is active (downloads). */
export type GlobalHandlers = Partial<Record<Command, () => void>>;

const OPENS_PROMPT = new Set<Command>(['filter', 'log.search', 'search.edit', 'search.open']);

export function useAppInput(pane: PaneKind, inputOpen: boolean, nav: Dispatch<NavAction>, globals: GlobalHandlers = {}): void {
  const { exit } = useApp();
  const bus = useCommandBus();
  const prompt = useRef(inputOpen);
  useEffect(() => {
    prompt.current = inputOpen;
  }, [inputOpen]);

  useInput((input, key) => {
    if (prompt.current) return routePromptKey(input, key, bus, pane, prompt);
    const command = resolveKey(pane, input, key);
    if (!command) return;
    if (command === 'quit') return exit();
    if (command === 'help') return nav({ type: 'help' });
    const global = globals[command];
    if (global && pane !== 'help') {
      global();
      // `s` opens the search pane with its prompt: keys typed right after it belong to the prompt.
      if (OPENS_PROMPT.has(command)) {
        bus.clearPrompt();
        prompt.current = true;
      }
      return;
    }
    if (pane === 'help') {
      // The overlay scrolls: other keys go to it (components/HelpOverlay.tsx registers as 'help'); Esc closes it.
      if (command === 'back') nav({ type: 'help', open: false });
      else bus.dispatch('help', command);
      return;
    }
    const used = bus.dispatch(pane, command);
    if (used && OPENS_PROMPT.has(command)) {
      bus.clearPrompt();
      prompt.current = true;
    }
    if (!used && command === 'back') nav({ type: 'pop' });
  });
}
