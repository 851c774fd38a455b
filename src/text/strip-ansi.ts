// Plain-text copy for search and normalized views, produced by the same parser as the display sanitizer.

import { SequenceParser } from './sequence-parser.js';
import { StripSink } from './strip-sink.js';

/**
 * Removes every complete escape/control sequence (SGR included), C0/C1 controls other than `\n` and `\t`, DEL, and
 * invisible Unicode (bidi, zero-width, tags). CRLF becomes `\n`; a lone CR is removed. Aborted or unterminated
 * sequences keep their printable text, so nothing after them disappears. Long combining runs are capped.
 */
export function stripAnsi(text: string): string {
  const parser = new SequenceParser(new StripSink());
  return parser.push(text) + parser.end();
}
