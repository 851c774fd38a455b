// Produces plain text: every escape sequence, control and invisible character removed (search / normalized copies).

import { CharKind, charKind } from './char-class.js';
import { MAX_COMBINING_MARKS_PER_BASE } from './display-sink.js';
import { OutputBuffer } from './output-buffer.js';
import type { TextSink } from './text-sink.js';

export class StripSink implements TextSink {
  readonly removesSequences = true;
  readonly isCut = false;
  private readonly out = new OutputBuffer();
  private marksOnBase = 0;

  ascii(text: string, start: number, end: number): void {
    this.out.appendRange(text, start, end);
    this.marksOnBase = 0;
  }

  codePoint(codePoint: number, chars: string): void {
    const kind = charKind(codePoint);
    if (kind === CharKind.Hidden) return;
    if (kind === CharKind.Combining) {
      if (this.marksOnBase >= MAX_COMBINING_MARKS_PER_BASE) return;
      this.marksOnBase += 1;
    } else {
      this.marksOnBase = 0;
    }
    this.out.append(chars);
  }

  control(): void {}

  tab(): void {
    this.out.append('\t');
    this.marksOnBase = 0;
  }

  sgr(): boolean {
    return true;
  }

  skip(): void {}

  newline(): void {
    this.out.append('\n');
    this.marksOnBase = 0;
  }

  take(): string {
    return this.out.take();
  }

  finish(): string {
    return this.take();
  }
}
