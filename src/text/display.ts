// Text that is safe to put on a terminal. A Display is made only here, by running the display sanitizer, so a value
// that carries one has passed the gate; the TUI's SafeText renders a Display as is and sanitizes any plain string.
import { sanitize, type SanitizeOptions } from './sanitize.js';
import { splitColumns } from './split-columns.js';

const MADE_HERE = Symbol('display');

export class Display {
  readonly text: string;

  /** Use display() (or the helpers below): the constructor refuses a string that did not pass the sanitizer. */
  constructor(key: symbol, text: string) {
    if (key !== MADE_HERE) throw new TypeError('a Display is made by display(), which sanitizes it');
    this.text = text;
  }

  get length(): number {
    return this.text.length;
  }

  toString(): string {
    return this.text;
  }
}

/** Untrusted text sanitized for the screen: colours (SGR) kept when asked, every other control shown visibly. */
export function display(untrusted: string, options?: SanitizeOptions): Display {
  return new Display(MADE_HERE, sanitize(untrusted, options));
}

export const EMPTY_DISPLAY = new Display(MADE_HERE, '');

/** Sanitized text followed by a marker the program wrote (plain words, no controls). */
export function withSuffix(d: Display, suffix: string): Display {
  return new Display(MADE_HERE, d.text + sanitize(suffix, { keepColor: false }));
}

/** One sanitized line hard-wrapped into rows of `width` columns; colours are closed and reopened at each break. */
export function wrapDisplay(d: Display, width: number): Display[] {
  return splitColumns(d.text, width).map((row) => new Display(MADE_HERE, row));
}

// Printable ASCII and the glyphs the interface itself draws: such a string cannot hold a control, so the gate can
// pass it without running the sanitizer (most cells of a list are like this).
const PLAIN = /^[\x20-\x7e…›·↑↓←→⏎│─✓✗•—–]*$/;
const PLAIN_MAX = 2000;

/**
 * The gate for a plain string: unchanged when it is plainly safe, else sanitized without colour, on one line (a line
 * break from data is shown as ⏎ so a name cannot push the layout).
 */
export function screenText(untrusted: string): string {
  if (untrusted.length <= PLAIN_MAX && PLAIN.test(untrusted)) return untrusted;
  return sanitize(untrusted, { keepColor: false }).replace(/\n/g, '⏎');
}
