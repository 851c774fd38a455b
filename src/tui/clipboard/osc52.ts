// The one escape sequence sleuth writes outside Ink: OSC 52, "set the clipboard", sent only when the user
// presses `y` or `Y`, never because of data. The text is built by copy-target.ts from validated ids and
// numbers, and goes base64-encoded, so nothing in it can end the sequence or start another.
// test/tui/safe-text-gate.test.tsx allows this module, and only this one, to write around Ink.

/** The bytes that ask the terminal to put `text` on the clipboard (`c`); BEL ends it, as xterm and tmux take it. */
export function osc52(text: string): string {
  return `\x1b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\x07`;
}

export type ClipboardWriter = (text: string) => void;

/** Writes to the terminal the TUI runs in (tmux with set-clipboard on keeps it as a paste buffer). */
export const writeClipboard: ClipboardWriter = (text) => {
  process.stdout.write(osc52(text));
};
