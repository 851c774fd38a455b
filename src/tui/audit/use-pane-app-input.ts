// Input for a shell that shows one of these panes on its own (`sleuth audit FILE`): the same rules as
// use-app-input.ts (prompt keys through the bus, Esc cancels a prompt, q quits, ? helps), with keys
// resolved by resolvePaneKey so the pane's own keys work whether or not keymap.ts lists them.
import { useApp, useInput } from 'ink';
import { useEffect, useRef } from 'react';
import { useCommandBus } from '../command-bus.js';
import { routePromptKey } from '../prompt-keys.js';
import type { Command } from '../keymap.js';
import { resolvePaneKey } from './bindings.js';

export function usePaneAppInput(pane: string, inputOpen: boolean, help: { open: boolean; set(open: boolean): void }): void {
  const { exit } = useApp();
  const bus = useCommandBus();
  const prompt = useRef(inputOpen);
  useEffect(() => {
    prompt.current = inputOpen;
  }, [inputOpen]);

  useInput((input, key) => {
    if (prompt.current) return routePromptKey(input, key, bus, pane, prompt);
    const command = resolvePaneKey(pane, input, key);
    if (!command) return;
    if (command === 'quit') return exit();
    if (command === 'help') return help.set(!help.open);
    if (help.open) {
      if (command === 'back') help.set(false);
      return;
    }
    const used = bus.dispatch(pane, command as Command);
    if (used && command === 'filter') {
      bus.clearPrompt();
      prompt.current = true;
    }
  });
}
