// Hand-written on purpose (security): stripping libraries leave live sequences behind; we need a real ECMA-48 state machine.

import { caretNotation, codePointNotation } from './control-notation.js';
import type { TextSink } from './text-sink.js';

const GROUND = 0;
const ESCAPE = 1;
const ESCAPE_INTERMEDIATE = 2;
const CSI = 3;
const CONTROL_STRING = 4;
type ParserState = typeof GROUND | typeof ESCAPE | typeof ESCAPE_INTERMEDIATE | typeof CSI | typeof CONTROL_STRING;

/** A pending sequence longer than this is shown as text: an unterminated OSC/DCS must not swallow the log. */
export const MAX_PENDING_SEQUENCE = 256;
const SGR_BODY = /^[0-9;:]*$/;

const BEL = 0x07;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const CAN = 0x18;
const SUB = 0x1a;
const ESC = 0x1b;
const BACKSLASH = 0x5c;
const DEL = 0x7f;
const C1_DCS = 0x90;
const C1_SOS = 0x98;
const C1_CSI = 0x9b;
const C1_ST = 0x9c;
const C1_OSC = 0x9d;
const C1_PM = 0x9e;
const C1_APC = 0x9f;

const isC1 = (code: number): boolean => code >= 0x80 && code <= 0x9f;
const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/**
 * Fast path: if a whole CSI (`ESC [`, parameter/intermediate bytes, final byte) starts at `index` inside this chunk and
 * within the length cap, returns the index after it, else 0. The state machine would reach the same result.
 */
function completeCsiLength(text: string, index: number): number {
  if (text.charCodeAt(index + 1) !== 0x5b /* [ */) return 0;
  const limit = Math.min(text.length, index + MAX_PENDING_SEQUENCE);
  for (let next = index + 2; next < limit; next++) {
    const code = text.charCodeAt(next);
    if (code >= 0x20 && code <= 0x3f) continue;
    return code >= 0x40 && code <= 0x7e ? next + 1 : 0;
  }
  return 0;
}

/**
 * Streaming ECMA-48 parser (ground, ESC, CSI, OSC, DCS/SOS/PM/APC, C1). Only SGR may reach the terminal, and only
 * as re-serialised by the sink; every other sequence is handed back as literal text so it is shown, never executed.
 * State survives across push() calls.
 */
export class SequenceParser {
  private state: ParserState = GROUND;
  /** Raw text of the sequence being parsed, introducer included. */
  private pending = '';
  private stringIsOsc = false;
  private escapeInString = false;
  private pendingCarriageReturn = false;
  private pendingHighSurrogate = '';

  constructor(private readonly sink: TextSink) {}

  push(chunk: string): string {
    let text = this.pendingHighSurrogate + chunk;
    this.pendingHighSurrogate = '';
    // A surrogate pair split across chunks must not become two U+FFFD.
    if (text.length > 0 && isHighSurrogate(text.charCodeAt(text.length - 1))) {
      this.pendingHighSurrogate = text.slice(-1);
      text = text.slice(0, -1);
    }
    this.feed(text);
    return this.sink.take();
  }

  end(): string {
    const highSurrogate = this.pendingHighSurrogate;
    this.pendingHighSurrogate = '';
    this.feed(highSurrogate);
    if (this.state !== GROUND) {
      if (this.escapeInString) this.pending += '\x1b';
      this.abandonSequence();
    }
    this.flushCarriageReturn();
    return this.sink.finish();
  }

  private feed(text: string): void {
    const length = text.length;
    let index = 0;
    while (index < length) {
      if (this.sink.isCut) {
        index = this.skipRestOfLine(text, index);
      } else if (this.state !== GROUND) {
        index = this.stepSequence(text, index);
      } else {
        let runEnd = index;
        while (runEnd < length) {
          const code = text.charCodeAt(runEnd);
          if (code < 0x20 || code > 0x7e) break;
          runEnd++;
        }
        if (runEnd > index) {
          this.flushCarriageReturn();
          this.sink.ascii(text, index, runEnd);
          index = runEnd;
        } else {
          index = this.stepGround(text, index);
        }
      }
    }
  }

  /** The line is over its cap: drop everything (sequences included) up to and including the next newline. */
  private skipRestOfLine(text: string, index: number): number {
    this.resetSequence();
    this.pendingCarriageReturn = false;
    const newline = text.indexOf('\n', index);
    if (newline < 0) {
      this.sink.skip(text.length - index);
      return text.length;
    }
    this.sink.skip(newline - index);
    this.sink.newline();
    return newline + 1;
  }

  /** One character in ground state that is not printable ASCII. */
  private stepGround(text: string, index: number): number {
    const code = text.charCodeAt(index);
    if (code === LF) {
      this.pendingCarriageReturn = false; // CRLF is an ordinary line end
      this.sink.newline();
      return index + 1;
    }
    this.flushCarriageReturn();
    if (code === CR) {
      this.pendingCarriageReturn = true; // shown as ^M unless a LF follows
      return index + 1;
    }
    const char = text.charAt(index);
    if (code === ESC) {
      const csiEnd = completeCsiLength(text, index);
      if (csiEnd > 0) {
        this.completeCsi(text.slice(index, csiEnd));
        return csiEnd;
      }
      this.begin(ESCAPE, char);
      return index + 1;
    }
    if (code === C1_CSI) {
      this.begin(CSI, char);
      return index + 1;
    }
    if (code === C1_OSC || code === C1_DCS || code === C1_SOS || code === C1_PM || code === C1_APC) {
      this.begin(CONTROL_STRING, char);
      this.stringIsOsc = code === C1_OSC;
      return index + 1;
    }
    return this.emitLiteralChar(text, index);
  }

  private stepSequence(text: string, index: number): number {
    const code = text.charCodeAt(index);
    switch (this.state) {
      case ESCAPE:
        return this.stepEscape(code, text, index);
      case ESCAPE_INTERMEDIATE:
        return this.stepEscapeIntermediate(code, text, index);
      case CSI:
        return this.stepCsi(code, text, index);
      default:
        return this.stepControlString(code, text, index);
    }
  }

  private stepEscape(code: number, text: string, index: number): number {
    const char = text.charAt(index);
    if (code === 0x5b /* [ */) {
      this.state = CSI;
      this.pending += char;
    } else if (code === 0x5d /* ] */ || code === 0x50 /* P */ || code === 0x58 /* X */ || code === 0x5e /* ^ */ || code === 0x5f /* _ */) {
      this.state = CONTROL_STRING;
      this.stringIsOsc = code === 0x5d;
      this.pending += char;
    } else if (code >= 0x20 && code <= 0x2f) {
      this.state = ESCAPE_INTERMEDIATE;
      this.pending += char;
    } else if (code >= 0x30 && code <= 0x7e) {
      this.complete(this.pending + char, null);
    } else {
      // ESC, CAN, SUB, other C0, DEL, C1 or non-ASCII: abort, then handle the character from ground.
      this.abandonSequence();
      return index;
    }
    return index + 1;
  }

  private stepEscapeIntermediate(code: number, text: string, index: number): number {
    if (code >= 0x20 && code <= 0x2f) {
      this.append(text.charAt(index));
    } else if (code >= 0x30 && code <= 0x7e) {
      this.complete(this.pending + text.charAt(index), null);
    } else {
      this.abandonSequence();
      return index;
    }
    return index + 1;
  }

  private stepCsi(code: number, text: string, index: number): number {
    if (code >= 0x20 && code <= 0x3f) {
      // Parameter / intermediate bytes: take the whole run at once, up to the cap.
      const limit = Math.min(text.length, index + MAX_PENDING_SEQUENCE + 1 - this.pending.length);
      let runEnd = index + 1;
      while (runEnd < limit) {
        const next = text.charCodeAt(runEnd);
        if (next < 0x20 || next > 0x3f) break;
        runEnd++;
      }
      this.append(text.slice(index, runEnd));
      return runEnd;
    }
    if (code >= 0x40 && code <= 0x7e) {
      this.completeCsi(this.pending + text.charAt(index));
      return index + 1;
    }
    this.abandonSequence();
    return index;
  }

  private stepControlString(code: number, text: string, index: number): number {
    if (this.escapeInString) {
      this.escapeInString = false;
      if (code === BACKSLASH) {
        this.complete(`${this.pending}\x1b\\`, null);
        return index + 1;
      }
      // ESC not followed by `\`: the string is aborted and the ESC starts a new sequence.
      this.abandonSequence();
      this.begin(ESCAPE, '\x1b');
      return index;
    }
    if (code === ESC) {
      this.escapeInString = true;
      return index + 1;
    }
    if ((code === BEL && this.stringIsOsc) || code === C1_ST) {
      this.complete(this.pending + text.charAt(index), null);
      return index + 1;
    }
    if (code === LF) {
      // No terminal-control string legitimately spans lines in a log; treat the newline as an abort.
      const endsWithCarriageReturn = this.pending.endsWith('\r');
      if (endsWithCarriageReturn) this.pending = this.pending.slice(0, -1);
      this.abandonSequence();
      this.pendingCarriageReturn = endsWithCarriageReturn;
      return index;
    }
    if (code === CAN || code === SUB || isC1(code)) {
      this.abandonSequence();
      return index;
    }
    // Payload: take a run of ordinary characters at once, up to the cap.
    const limit = Math.min(text.length, index + MAX_PENDING_SEQUENCE + 1 - this.pending.length);
    let runEnd = index + 1;
    while (runEnd < limit) {
      const next = text.charCodeAt(runEnd);
      if (next === ESC || next === BEL || next === LF || next === CAN || next === SUB || isC1(next)) break;
      runEnd++;
    }
    this.append(text.slice(index, runEnd));
    return runEnd;
  }

  private begin(state: ParserState, introducer: string): void {
    this.state = state;
    this.pending = introducer;
    this.stringIsOsc = false;
    this.escapeInString = false;
  }

  private append(chars: string): void {
    this.pending += chars;
    if (this.pending.length > MAX_PENDING_SEQUENCE) this.abandonSequence();
  }

  private resetSequence(): void {
    this.state = GROUND;
    this.pending = '';
    this.stringIsOsc = false;
    this.escapeInString = false;
  }

  /** A complete CSI (introducer to final byte); only `ESC [ <digits ; :> m` can be SGR, never the C1 form. */
  private completeCsi(raw: string): void {
    const isSgr = raw.charCodeAt(0) === ESC && raw.charCodeAt(raw.length - 1) === 0x6d; /* m */
    const body = isSgr ? raw.slice(2, -1) : '';
    this.complete(raw, isSgr && SGR_BODY.test(body) ? body : null);
  }

  /** A complete sequence: SGR goes to the sink, anything else is removed (stripping) or shown as text. */
  private complete(raw: string, sgrBody: string | null): void {
    this.resetSequence();
    if (this.sink.removesSequences) return;
    if (sgrBody !== null && this.sink.sgr(sgrBody)) return;
    this.emitLiteral(raw);
  }

  /** An aborted, overlong or unterminated sequence is not a sequence: it is text. */
  private abandonSequence(): void {
    const raw = this.pending;
    this.resetSequence();
    this.emitLiteral(raw);
  }

  private flushCarriageReturn(): void {
    if (!this.pendingCarriageReturn) return;
    this.pendingCarriageReturn = false;
    this.sink.control(caretNotation(CR));
  }

  /** Sends `text` to the sink with every control shown visibly and nothing interpreted. */
  private emitLiteral(text: string): void {
    let index = 0;
    while (index < text.length) {
      let runEnd = index;
      while (runEnd < text.length) {
        const code = text.charCodeAt(runEnd);
        if (code < 0x20 || code > 0x7e) break;
        runEnd++;
      }
      if (runEnd > index) {
        this.sink.ascii(text, index, runEnd);
        index = runEnd;
      } else {
        index = this.emitLiteralChar(text, index);
      }
    }
  }

  /** One character that is not printable ASCII, shown literally. Returns the next index. */
  private emitLiteralChar(text: string, index: number): number {
    const code = text.charCodeAt(index);
    if (code === TAB) {
      this.sink.tab();
    } else if (code < 0x20 || code === DEL) {
      this.sink.control(caretNotation(code));
    } else if (code < 0x7f) {
      this.sink.ascii(text, index, index + 1);
    } else if (isC1(code)) {
      this.sink.control(codePointNotation(code));
    } else if (isHighSurrogate(code) && isLowSurrogate(text.charCodeAt(index + 1))) {
      const codePoint = ((code - 0xd800) << 10) + (text.charCodeAt(index + 1) - 0xdc00) + 0x10000;
      this.sink.codePoint(codePoint, text.slice(index, index + 2));
      return index + 2;
    } else if (isHighSurrogate(code) || isLowSurrogate(code)) {
      this.sink.codePoint(0xfffd, '\ufffd');
    } else {
      this.sink.codePoint(code, text.charAt(index));
    }
    return index + 1;
  }
}
