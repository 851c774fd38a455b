// Terminal columns of an already sanitized string.

import { codePointWidth } from './char-class.js';

/**
 * Columns taken by `text` on a terminal, ignoring escape sequences (SGR, control marks). Wide CJK/emoji count 2,
 * combining marks 0, controls 0. For multi-line text, the widest line.
 */
export function visibleWidth(text: string): number {
  let widest = 0;
  let width = 0;
  let index = 0;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code === 0x1b) {
      index = skipEscapeSequence(text, index);
    } else if (code === 0x0a) {
      widest = Math.max(widest, width);
      width = 0;
      index += 1;
    } else if (code >= 0x20 && code < 0x7f) {
      width += 1;
      index += 1;
    } else if (code < 0xa0) {
      index += 1;
    } else {
      const codePoint = text.codePointAt(index) ?? 0xfffd;
      width += codePointWidth(codePoint);
      index += codePoint > 0xffff ? 2 : 1;
    }
  }
  return Math.max(widest, width);
}

function skipEscapeSequence(text: string, index: number): number {
  if (text.charCodeAt(index + 1) !== 0x5b /* [ */) return index + 2;
  let next = index + 2;
  while (next < text.length) {
    const code = text.charCodeAt(next);
    next += 1;
    if (code >= 0x40 && code <= 0x7e) break;
  }
  return next;
}
