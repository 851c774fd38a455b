// TerminalSanitizer keeps parser state across push() calls: a sequence split between chunks is still one sequence.
import { describe, expect, it } from 'vitest';
import { TerminalSanitizer, sanitize } from '../../src/text/sanitize.js';
import type { SanitizeOptions } from '../../src/text/sanitize.js';
import { expectTerminalSafe } from './terminal-safety.js';

function sanitizeChunks(chunks: string[], options?: SanitizeOptions): string[] {
  const sanitizer = new TerminalSanitizer(options);
  return [...chunks.map((chunk) => sanitizer.push(chunk)), sanitizer.end()];
}

/** Adjacent marked tokens from different pushes are closed and reopened; the visible result is the same. */
const mergeMarks = (out: string): string => out.replaceAll('\x1b[27m\x1b[7m', '');

const SAMPLES = [
  'ok \x1b]52;c;ZXZpbA==\x07 done',
  'a\x1b[38;5;196;48;2;1;2;3mred\x1b[0m b\r\nc\rd',
  '\x1bPtmux;\x1b\x1b]52;c;ZXZpbA==\x07\x1b\\tail',
  '\x1b]8;;https://evil.example/\x1b\\link\x1b]8;;\x1b\\',
  'wide 漢字 emoji 🚀 tag \u{e0041} bidi \u202e end\t|',
  'x\u0301\u0302 \x1b[31\x18m \x1b\x1b[1m\x9b31m\u0085 \x1b(0 \x1b#8',
  '\x1b]0;unterminated\ncontinues',
];

describe('TerminalSanitizer streaming', () => {
  it('I3: an OSC split across two API chunks is held, then shown as text', () => {
    const sanitizer = new TerminalSanitizer({ markControls: false });
    expect(sanitizer.push('ok \x1b]5')).toBe('ok ');
    expect(sanitizer.push('2;c;ZXZpbA==\x07')).toBe('^[]52;c;ZXZpbA==^G');
    expect(sanitizer.end()).toBe('');
  });

  it('a CSI split mid-parameters is re-assembled into one SGR', () => {
    expect(sanitizeChunks(['\x1b[38;5;1', '96mX\x1b[', '0m'])).toEqual(['', '\x1b[38;5;196mX', '\x1b[0m', '']);
  });

  it('a CSI cursor move split mid-parameters stays visible', () => {
    expect(sanitizeChunks(['\x1b[99', '9;1Hspoof'], { markControls: false }).join('')).toBe('^[[999;1Hspoof');
  });

  it('ST split between ESC and backslash still terminates the string', () => {
    expect(sanitizeChunks(['\x1b]0;t\x1b', '\\after'], { markControls: false }).join('')).toBe('^[]0;t^[\\after');
  });

  it('CRLF split across chunks is still a plain line end', () => {
    expect(sanitizeChunks(['a\r', '\nb']).join('')).toBe('a\nb');
    expect(sanitizeChunks(['a\r', 'b'], { markControls: false }).join('')).toBe('a^Mb');
  });

  it('a surrogate pair split across chunks is kept whole', () => {
    const rocket = '🚀';
    expect(sanitizeChunks([`a${rocket.charAt(0)}`, `${rocket.charAt(1)}b`]).join('')).toBe(`a${rocket}b`);
    expect(sanitizeChunks(['a\ud83d']).join('')).toBe('a\ufffd');
  });

  it('gives the same result for every split point', () => {
    for (const sample of SAMPLES) {
      const whole = sanitize(sample, { markControls: false });
      for (let cut = 0; cut <= sample.length; cut++) {
        const split = sanitizeChunks([sample.slice(0, cut), sample.slice(cut)], { markControls: false }).join('');
        expect(split, `${JSON.stringify(sample)} split at ${cut}`).toBe(whole);
      }
    }
  });

  it('gives the same result one character at a time, with marks', () => {
    for (const sample of SAMPLES) {
      const chars = sanitizeChunks([...sample]).join('');
      expect(mergeMarks(chars)).toBe(sanitize(sample));
    }
  });

  it('fuzz: random hostile text is always safe and chunking never changes it', () => {
    const alphabet = ['\x1b', '[', ']', 'P', '\\', '\x07', '\x18', '\r', '\n', '\t', '\x9b', '\x9c', '\x9d', '\u202e',
      '\u200b', '\u0301', '\ud83d', '\ude80', '漢', ';', '3', '8', '5', '1', 'm', 'H', 'a', '?', ':'];
    let seed = 42;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 300; round++) {
      let text = '';
      const length = 1 + random(60);
      for (let i = 0; i < length; i++) text += alphabet[random(alphabet.length)];
      const whole = sanitize(text, { markControls: false, maxLineLength: 40 });
      expectTerminalSafe(whole);
      expectTerminalSafe(sanitize(text));
      const cut1 = random(text.length + 1);
      const cut2 = cut1 + random(text.length + 1 - cut1);
      const chunks = [text.slice(0, cut1), text.slice(cut1, cut2), text.slice(cut2)];
      const split = sanitizeChunks(chunks, { markControls: false, maxLineLength: 40 }).join('');
      expect(split, JSON.stringify(text)).toBe(whole);
    }
  });

  it('end() shows an unterminated sequence and resets open colour', () => {
    const sanitizer = new TerminalSanitizer({ markControls: false });
    expect(sanitizer.push('\x1b[31mred \x1b]0;title')).toBe('\x1b[31mred ');
    expect(sanitizer.end()).toBe('^[]0;title\x1b[0m');
  });
});
