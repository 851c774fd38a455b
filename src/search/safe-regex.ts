// User regexes cannot hang the tool. Two guards, chosen per pattern:
//  - a safe engine: V8 ships a linear-time (automaton) regex engine; with
//    `--enable-experimental-regexp-engine-on-excessive-backtracks` a match that passes 50,000 backtracks is re-run
//    on it, so `(a+)+$` over a megabyte returns in milliseconds. Used for every pattern that engine can run.
//  - a time budget: the automaton cannot run backreferences, lookaround, or counted repeats above 16
//    (`[A-Za-z0-9]{36}`); such patterns run in a worker thread, and a file that takes longer than the budget is
//    abandoned (the worker is terminated and the search goes on with the next file, with a warning).
import v8 from 'node:v8';
import { UsageError } from '../util/errors.js';

let flagsSet = false;

/** Turns the linear-engine fallback on for this process (idempotent; only regexes that explode are affected). */
export function enableLinearRegexFallback(): void {
  if (flagsSet) return;
  v8.setFlagsFromString('--enable-experimental-regexp-engine');
  v8.setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');
  flagsSet = true;
}

export class UnsafeRegexError extends UsageError {}

export interface SafeRegex {
  /** Global, multi-line. */
  re: RegExp;
  /** True when the linear engine can take over: safe to run in-process. */
  linear: boolean;
}

/** Compiles a user regex (flags `gm`). Throws UnsafeRegexError (exit 2) for bad syntax or a pattern that matches nothing. */
export function compileSafeRegex(source: string): SafeRegex {
  enableLinearRegexFallback();
  let re: RegExp;
  try {
    re = new RegExp(source, 'gm');
  } catch (e) {
    throw new UnsafeRegexError(`invalid regex: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}`);
  }
  if (source === '' || re.test('')) throw new UnsafeRegexError('this regex matches the empty string: it would match every line');
  re.lastIndex = 0;
  let linear = true;
  try {
    new RegExp(source, 'ml');
  } catch {
    linear = false;
  }
  return { re, linear };
}
