// Renders parsed text for a terminal: columns, tab stops, line-length cap, control marking and filtered SGR.

import { CharKind, charKind, continuesLatin, isLatinLookalike } from './char-class.js';
import { codePointNotation } from './control-notation.js';
import { OutputBuffer } from './output-buffer.js';
import { SgrFilter } from './sgr-filter.js';
import type { TextSink } from './text-sink.js';

const MARK_ON = '\x1b[7m';
const MARK_OFF = '\x1b[27m';
const RESET = '\x1b[0m';
const SPACES = ' '.repeat(64);
/** Combining marks kept on one base character; the rest of the run is collapsed into a marker. */
export const MAX_COMBINING_MARKS_PER_BASE = 8;
/** SGR output allowed per line (a line of 10 MB of zero-width colour codes must stay cheap to render). */
const MAX_SGR_CHARS_PER_LINE = 4096;

export interface DisplaySinkOptions {
  readonly tabWidth: number;
  readonly maxLineLength: number;
  /** Wrap visible controls in inverse video. */
  readonly markControls: boolean;
  /** Emit the filtered SGR. */
  readonly keepColor: boolean;
}

export class DisplaySink implements TextSink {
  readonly removesSequences = false;
  private readonly out = new OutputBuffer();
  private column = 0;
  private cut = false;
  private cutChars = 0;
  private markOpen = false;
  private colorActive = false;
  private sgrCharsThisLine = 0;
  private hasBase = false;
  private marksOnBase = 0;
  private droppedMarks = 0;
  /**
   * The last visible character continues a Latin word or a host name (an ASCII letter or digit, `.`, `/`, `@`, or a
   * look-alike shown as <U+XXXX>): a Cyrillic or Greek letter that looks Latin is shown as <U+XXXX> after it (J4),
   * while the same letter in Cyrillic or Greek text stays as it is. Colours in between do not reset it.
   */
  private latinBefore = false;
  private readonly sgrFilter: SgrFilter;

  constructor(private readonly options: DisplaySinkOptions) {
    this.sgrFilter = new SgrFilter(options.markControls);
  }

  get isCut(): boolean {
    return this.cut;
  }

  ascii(text: string, start: number, end: number): void {
    const length = end - start;
    if (this.cut) {
      this.cutChars += length;
      return;
    }
    this.endCombiningRun();
    this.closeMark();
    const room = this.options.maxLineLength - this.column;
    if (length <= room) {
      this.out.appendRange(text, start, end);
      this.column += length;
    } else {
      this.out.appendRange(text, start, start + room);
      this.column += room;
      this.startCut(length - room);
    }
    this.hasBase = true;
    this.latinBefore = continuesLatin(text.charCodeAt(end - 1));
  }

  codePoint(codePoint: number, chars: string): void {
    if (this.latinBefore && isLatinLookalike(codePoint)) {
      this.control(codePointNotation(codePoint));
      this.latinBefore = true;
      return;
    }
    const kind = charKind(codePoint);
    if (kind === CharKind.Hidden) {
      this.control(codePointNotation(codePoint));
    } else if (kind === CharKind.Combining) {
      this.combiningMark(codePoint, chars);
    } else {
      this.printable(chars, kind === CharKind.Wide ? 2 : 1);
    }
  }

  control(token: string): void {
    this.latinBefore = false;
    if (this.cut) {
      this.cutChars += 1;
      return;
    }
    this.endCombiningRun();
    if (this.column + token.length > this.options.maxLineLength) {
      this.startCut(1);
      return;
    }
    this.writeMarked(token);
    this.hasBase = false;
  }

  tab(): void {
    this.latinBefore = false;
    if (this.cut) {
      this.cutChars += 1;
      return;
    }
    this.endCombiningRun();
    const spaces = this.options.tabWidth - (this.column % this.options.tabWidth);
    if (this.column + spaces > this.options.maxLineLength) {
      this.startCut(1);
      return;
    }
    this.closeMark();
    this.out.appendRange(SPACES, 0, spaces);
    this.column += spaces;
    this.hasBase = true;
  }

  sgr(body: string): boolean {
    const params = this.sgrFilter.filter(body);
    if (params === null) return false;
    if (!this.options.keepColor || params === '' || this.cut) return true;
    const sequenceLength = params.length + 3; // ESC [ … m
    if (this.sgrCharsThisLine + sequenceLength > MAX_SGR_CHARS_PER_LINE) return true;
    this.sgrCharsThisLine += sequenceLength;
    this.closeMark();
    this.out.append('\x1b[');
    this.out.append(params);
    this.out.append('m');
    this.colorActive = this.sgrFilter.hasStyle;
    return true;
  }

  skip(count: number): void {
    this.cutChars += count;
  }

  newline(): void {
    this.endLine();
    this.out.append('\n');
  }

  take(): string {
    this.closeMark();
    return this.out.take();
  }

  finish(): string {
    this.endLine();
    return this.take();
  }

  private printable(chars: string, width: number): void {
    this.latinBefore = false;
    if (this.cut) {
      this.cutChars += 1;
      return;
    }
    this.endCombiningRun();
    if (this.column + width > this.options.maxLineLength) {
      this.startCut(1);
      return;
    }
    this.closeMark();
    this.out.append(chars);
    this.column += width;
    this.hasBase = true;
  }

  private combiningMark(codePoint: number, chars: string): void {
    if (this.cut) {
      this.cutChars += 1;
      return;
    }
    // Without a base it would combine with the previous cell, e.g. alter our own `^[` marker.
    if (!this.hasBase) {
      this.control(codePointNotation(codePoint));
      return;
    }
    if (this.marksOnBase >= MAX_COMBINING_MARKS_PER_BASE) {
      this.droppedMarks += 1;
      return;
    }
    this.marksOnBase += 1;
    this.closeMark();
    this.out.append(chars);
  }

  private endCombiningRun(): void {
    this.marksOnBase = 0;
    if (this.droppedMarks === 0) return;
    const dropped = this.droppedMarks;
    this.droppedMarks = 0;
    this.writeMarked(`[+${dropped} marks]`);
  }

  private startCut(skippedChars: number): void {
    this.cut = true;
    this.cutChars += skippedChars;
  }

  private endLine(): void {
    if (this.cut) this.droppedMarks = 0;
    this.endCombiningRun();
    if (this.colorActive) {
      this.closeMark();
      this.out.append(RESET);
      this.colorActive = false;
    }
    this.sgrFilter.reset();
    if (this.cut) {
      this.closeMark();
      this.out.append(' ');
      this.writeMarked(`… [+${this.cutChars} chars]`);
    }
    this.closeMark();
    this.column = 0;
    this.cut = false;
    this.cutChars = 0;
    this.hasBase = false;
    this.latinBefore = false;
    this.sgrCharsThisLine = 0;
  }

  /** Writes a visible-control token or marker (ASCII, width = length), in inverse video when marking. */
  private writeMarked(token: string): void {
    if (this.options.markControls && !this.markOpen) {
      this.out.append(MARK_ON);
      this.markOpen = true;
    }
    this.out.append(token);
    this.column += token.length;
  }

  private closeMark(): void {
    if (!this.markOpen) return;
    this.out.append(MARK_OFF);
    this.markOpen = false;
  }
}
