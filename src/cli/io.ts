// What a command may touch of the outside world, injectable so tests run the real CLI in-process. Also the CLI's
// one gate to the terminal: main() hands every command streams that sanitize whatever they are given.
import { sanitize } from '../text/sanitize.js';
import { colorEnabled } from './color.js';
import { UsageError } from '../util/errors.js';

export interface OutStream { write(s: string | Uint8Array): unknown; isTTY?: boolean; columns?: number; rows?: number }

export interface Io {
  out: OutStream;
  err: OutStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
  home?: string;
  /** Set when standard input is an interactive terminal (prompts and the TUI need it). */
  stdinIsTTY?: boolean;
}

export const processIo = (): Io => ({
  out: process.stdout,
  err: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  stdinIsTTY: Boolean(process.stdin.isTTY),
});

/** Back to the start of the line and erase it: the one control besides colour the CLI writes (progress lines). */
export const REWRITE_LINE = '\r\x1b[2K';

// Characters a terminal acts on or hides: C0 but TAB, LF and CR (ESC is judged apart, CR below), DEL, C1, soft
// hyphen, bidi and zero-width marks, line/paragraph separators, interlinear annotations. One character class, so a
// 20 MB log is checked quickly; the rarer cases are looked for only when their first code unit is there.
const LIVE_CHAR = /[\x00-\x08\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/;

function hasLiveCharacter(text: string): boolean {
  if (LIVE_CHAR.test(text)) return true;
  // A CR that does not end a line (CSV's CRLF is fine), a tag character (U+E0000–E007F), a lone surrogate.
  if (text.includes('\r') && /\r(?!\n)/.test(text)) return true;
  if (text.includes('\udb40') && /\udb40[\udc00-\udc7f]/.test(text)) return true;
  return !(text as string & { isWellFormed(): boolean }).isWellFormed();
}

/** Lines are not cut here (the commands do that where it matters): the gate only makes controls visible. */
const NO_LINE_LIMIT = 1_000_000_000;

const harmlessBodies = new Set<string>();
/** Longest SGR the fast path takes (`ESC [` … `m`); a longer one goes through the sanitizer. */
const MAX_SGR = 100;

/** True when every ESC in `text` opens an SGR the display sanitizer would pass: no blink (5, 6), no conceal (8). */
function onlyHarmlessSgr(text: string): boolean {
  for (let at = text.indexOf('\x1b'); at !== -1; at = text.indexOf('\x1b', at + 1)) {
    if (text.charCodeAt(at + 1) !== 0x5b) return false; // [
    let end = at + 2;
    for (let c = text.charCodeAt(end); (c >= 0x30 && c <= 0x39) || c === 0x3b; c = text.charCodeAt(++end)) if (end - at > MAX_SGR) return false;
    if (text.charCodeAt(end) !== 0x6d) return false; // m
    const body = text.slice(at + 2, end);
    if (!harmlessBodies.has(body)) {
      if (!harmlessBody(body)) return false;
      if (harmlessBodies.size < 256) harmlessBodies.add(body);
    }
    at = end;
  }
  return true;
}

function harmlessBody(body: string): boolean {
  const params = body.split(';');
  for (let i = 0; i < params.length; i++) {
    const n = Number(params[i] || '0');
    if (n === 38 || n === 48 || n === 58) {
      const mode = params[i + 1];
      if (mode === '5') i += 2;
      else if (mode === '2') i += 4;
      else return false;
    } else if (n === 5 || n === 6 || n === 8 || params[i]!.length > 3) return false;
  }
  return true;
}

/** Text as it may reach a terminal: unchanged when it holds nothing live (most writes), else sanitized whole. */
export function terminalSafe(text: string, colour: boolean): string {
  if (text.startsWith(REWRITE_LINE)) return REWRITE_LINE + terminalSafe(text.slice(REWRITE_LINE.length), colour);
  const hasEsc = text.includes('\x1b');
  const clean = !hasLiveCharacter(text) && (!hasEsc || (colour && onlyHarmlessSgr(text)));
  if (clean) return text;
  // CRLF line ends are kept (the sanitizer would show the CR as ^M).
  return text.split('\r\n').map((part) => sanitize(part, { keepColor: colour, markControls: false, maxLineLength: NO_LINE_LIMIT })).join('\r\n');
}

const underlying = new WeakMap<OutStream, OutStream>();

function gateStream(stream: OutStream, colour: boolean): OutStream {
  if (underlying.has(stream)) return stream;
  const gated: OutStream = {
    write: (s) => stream.write(terminalSafe(typeof s === 'string' ? s : Buffer.from(s).toString('utf8'), colour)),
    get isTTY() {
      return stream.isTTY;
    },
    get columns() {
      return stream.columns;
    },
    get rows() {
      return stream.rows;
    },
  };
  underlying.set(gated, stream);
  return gated;
}

/**
 * `io` with both streams behind the gate: a string a command writes is checked for anything a terminal would act
 * on, and sanitized if it holds any (colour kept only where the stream shows colour). Commands still clean and cut
 * data themselves (cell, fit, sanitize) for a tidy layout; the gate is what makes forgetting it harmless.
 */
export function gateIo(io: Io): Io {
  return { ...io, out: gateStream(io.out, colorEnabled(io.out, io.env)), err: gateStream(io.err, colorEnabled(io.err, io.env)) };
}

/** Exact bytes past the gate (`log --raw`), refused on a terminal: raw output only goes to a file or a pipe. */
export function writeRaw(stream: OutStream, data: string | Uint8Array): void {
  if (stream.isTTY) throw new UsageError('raw bytes are never written to a terminal; redirect stdout to a file');
  (underlying.get(stream) ?? stream).write(data);
}
