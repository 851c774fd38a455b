// Shared assertions: what may reach a terminal after sanitizing.
import { expect } from 'vitest';
import { decodeUtf8 } from '../../src/text/sanitize.js';

/** The only live sequences allowed in sanitized output: SGR with digits and `;`. */
export const ALLOWED_SGR = /\x1b\[[0-9;]*m/g;
const INVISIBLE =
  /[\u00ad\u061c\u180e\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]|[\u{e0000}-\u{e007f}]/u;

/** Sanitized output without any SGR: what the responder reads. */
export function visibleText(out: string): string {
  return out.replace(ALLOWED_SGR, '');
}

export function expectTerminalSafe(out: string): void {
  const live = visibleText(out);
  expect(live.includes('\x1b'), 'ESC outside an allowed SGR').toBe(false);
  expect(/[\x00-\x09\x0b-\x1f]/.test(live), 'C0 control other than \\n').toBe(false);
  expect(/[\x7f-\x9f]/.test(out), 'DEL or C1 control').toBe(false);
  expect(INVISIBLE.test(out), 'bidi / zero-width / tag character').toBe(false);
  expect(/[\ud800-\udfff]/u.test(out), 'lone surrogate').toBe(false);
}

/** Bytes written as a JS string of \xNN escapes (as in security.md §1.4), decoded as UTF-8. */
export function fromBytes(bytes: string): string {
  return decodeUtf8(Buffer.from(bytes, 'latin1'));
}
