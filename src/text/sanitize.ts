// Hand-written on purpose (security): stripping libraries leave live sequences behind; we need a real ECMA-48 state machine.

import { DisplaySink } from './display-sink.js';
import type { DisplaySinkOptions } from './display-sink.js';
import { SequenceParser } from './sequence-parser.js';

export interface SanitizeOptions {
  /** Tab stops every N columns; tabs are expanded to spaces. Default 8. */
  tabWidth?: number;
  /** Visible columns per line; the rest is cut and replaced by ` … [+N chars]`. Default 2000. */
  maxLineLength?: number;
  /**
   * Wrap each visible control token (`^[`, `^M`, `<U+202E>`, markers) in inverse video so text typed as `^[` can be
   * told apart from a real ESC (attacker SGR 7 is dropped while marking). Default true. Needs keepColor: with
   * keepColor false no SGR at all is written, marks included.
   */
  markControls?: boolean;
  /** Pass allowed SGR (re-serialised). False drops SGR entirely, e.g. NO_COLOR, --json, search. Default true. */
  keepColor?: boolean;
}

const DEFAULT_TAB_WIDTH = 8;
const MAX_TAB_WIDTH = 32;
const DEFAULT_MAX_LINE_LENGTH = 2000;

function resolveOptions(options: SanitizeOptions): DisplaySinkOptions {
  const tabWidth = Number.isFinite(options.tabWidth) ? Math.floor(options.tabWidth ?? DEFAULT_TAB_WIDTH) : DEFAULT_TAB_WIDTH;
  const maxLineLength = options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
  const keepColor = options.keepColor ?? true;
  return {
    tabWidth: Math.min(MAX_TAB_WIDTH, Math.max(1, tabWidth)),
    maxLineLength: Number.isNaN(maxLineLength) ? DEFAULT_MAX_LINE_LENGTH : Math.max(1, Math.floor(maxLineLength)),
    keepColor,
    markControls: keepColor && (options.markControls ?? true),
  };
}

/**
 * Streaming terminal sanitizer for untrusted text (CircleCI API strings, step logs). Output contains printable text,
 * `\n`, and (when keepColor) filtered SGR only. Colours never carry across a line end: a reset is written before `\n`.
 */
export class TerminalSanitizer {
  readonly #parser: SequenceParser;

  constructor(options: SanitizeOptions = {}) {
    this.#parser = new SequenceParser(new DisplaySink(resolveOptions(options)));
  }

  /** Sanitized text that is safe to write now; an incomplete trailing sequence is held until the next chunk. */
  push(chunk: string): string {
    return this.#parser.push(chunk);
  }

  /** Flushes held state: an unterminated sequence is shown as text, open styles are reset. */
  end(): string {
    return this.#parser.end();
  }
}

export function sanitize(text: string, options?: SanitizeOptions): string {
  const sanitizer = new TerminalSanitizer(options);
  return sanitizer.push(text) + sanitizer.end();
}

/** Sanitizes, then splits on `\n` (each line is self-contained: no style carries over). A final `\n` adds no empty line. */
export function sanitizeLines(text: string, options?: SanitizeOptions): string[] {
  const lines = sanitize(text, options).split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

// Callers import the whole text API from this module.
export { stripAnsi } from './strip-ansi.js';
export { visibleWidth } from './visible-width.js';
export { decodeUtf8, Utf8ChunkDecoder } from './decode-utf8.js';
