// Colours for 16-colour terminals (SSH rarely has truecolour). Tone → Ink colour name.
// And what the terminal may be sent at all: NO_COLOR forbids colour, not attributes, so the selection keeps its
// reverse video there; a dumb terminal gets neither, and the views mark the selection with a character instead.
import { createContext, useContext } from 'react';
import { statusTone } from '../api/status.js';

export const toneColor: Record<string, string | undefined> = {
  ok: 'green', error: 'red', bad: 'red', warn: 'yellow', waiting: 'yellow', active: 'cyan', info: undefined, muted: 'gray',
};

export function statusColor(status: string): string | undefined {
  return toneColor[statusTone(status)];
}

/**
 * colour: Ink (chalk) styles the text as usual. mono: no colour, but bold, reverse video and underline are written by
 * the display gate itself, since chalk at level 0 (FORCE_COLOR=0, which bin/sleuth.js sets for NO_COLOR) drops them
 * too. plain: no escape sequence at all (TERM=dumb); a selected row carries SELECTED_MARK.
 */
export type StyleMode = 'colour' | 'mono' | 'plain';

/** Decided once per run from the environment; off a terminal (tests, pipes) Ink and chalk decide as they always do. */
export function detectStyleMode(env: NodeJS.ProcessEnv = process.env, isTTY = Boolean(process.stdout.isTTY)): StyleMode {
  if (!isTTY) return 'colour';
  if (env.TERM === 'dumb') return 'plain';
  if (env.NO_COLOR || env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false') return 'mono';
  return 'colour';
}

export const StyleModeContext = createContext<StyleMode>(detectStyleMode());
export const useStyleMode = (): StyleMode => useContext(StyleModeContext);

/** The selected row's marker where the terminal shows no attributes (plain mode). */
export const SELECTED_MARK = '>';

/** A message's tone as a word, for screens that cannot count on colour to say it. */
export const TONE_WORD: Record<string, string> = { error: 'error', warn: 'warning', ok: 'ok', info: 'info' };

export interface AttributeProps {
  bold?: boolean;
  dimColor?: boolean;
  italic?: boolean;
  underline?: boolean;
  strikethrough?: boolean;
  inverse?: boolean;
}

// SGR open/close pairs for the attributes NO_COLOR leaves allowed.
const SGR: [keyof AttributeProps, number, number][] = [
  ['bold', 1, 22], ['dimColor', 2, 22], ['italic', 3, 23], ['underline', 4, 24], ['strikethrough', 9, 29], ['inverse', 7, 27],
];

/** In mono mode, the escape sequences a text's attributes open and close with (empty when it has none). */
export function attributeCodes(props: AttributeProps): { open: string; close: string } {
  const on = SGR.filter(([name]) => props[name]);
  return { open: on.map(([, o]) => `\x1b[${o}m`).join(''), close: on.map(([, , c]) => `\x1b[${c}m`).reverse().join('') };
}

/** Every SGR sequence: colours a Display kept from a step's output go too where colour is not allowed. */
export const SGR_SEQUENCE = /\x1b\[[0-9;:]*m/g;
