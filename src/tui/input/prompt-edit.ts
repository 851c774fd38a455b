// The edits a one-line prompt knows, as pure functions of its value (the cursor is always at the end).
import type { PromptEvent } from '../command-bus.js';

const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;

/** The prompt's value after `e` (not for 'submit', which leaves it as it is). */
export function editPrompt(value: string, e: Exclude<PromptEvent, { type: 'submit' }>): string {
  switch (e.type) {
    // Whole code points: a Backspace never leaves half of a surrogate pair behind.
    case 'backspace': return [...value].slice(0, -1).join('');
    case 'clear': return '';
    // Like readline's Ctrl-W: the spaces before the cursor, then the word before them.
    case 'deleteWord': return value.replace(/\S*\s*$/u, '');
    // A typed key never carries a control character; this is a second guard.
    case 'text': return value + e.text.replace(CONTROLS, '');
    // Pasted text stays literal: the display gate shows its controls, nothing acts on them.
    case 'paste': return value + e.text;
  }
}
