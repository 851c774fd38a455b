// While a prompt is open it takes every key: Esc cancels it (sent to the pane as `back`), Enter
// submits, Backspace deletes, printable text (a paste too) is typed. Shared by the app's input and
// the standalone audit shell's.
import type { Key } from 'ink';
import type { Bus } from './command-bus.js';

/** Handles one key for an open prompt; `open.current` is cleared when the prompt closes. */
export function routePromptKey(input: string, key: Key, bus: Bus, pane: string, open: { current: boolean }): void {
  if (key.escape) {
    open.current = false;
    bus.clearPrompt();
    bus.dispatch(pane, 'back');
  } else if (key.return) {
    open.current = false;
    bus.sendPrompt({ type: 'submit' });
  } else if (key.backspace || key.delete) bus.sendPrompt({ type: 'backspace' });
  else if (input && !key.ctrl && !key.meta && !key.upArrow && !key.downArrow && !key.leftArrow && !key.rightArrow && !key.tab) {
    bus.sendPrompt({ type: 'text', text: input });
  }
}
