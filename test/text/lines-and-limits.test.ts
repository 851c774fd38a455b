// Line structure: CR/LF, tabs, line-length cap, combining runs, and bounded time/size on hostile volumes.
import { describe, expect, it } from 'vitest';
import { TerminalSanitizer, sanitize, sanitizeLines } from '../../src/text/sanitize.js';
import { expectTerminalSafe, visibleText } from './terminal-safety.js';

const plain = { markControls: false } as const;

describe('line ends', () => {
  it('CRLF is a normal line end, a lone CR is shown as ^M', () => {
    expect(sanitize('a\r\nb\r\n', plain)).toBe('a\nb\n');
    expect(sanitize('progress 10%\rprogress 20%', plain)).toBe('progress 10%^Mprogress 20%');
    expect(sanitize('trailing\r', plain)).toBe('trailing^M');
    expect(sanitize('double\r\r\n', plain)).toBe('double^M\n');
  });

  it('backspace and other C0 controls are caret notation', () => {
    expect(sanitize('ab\x08c\x00\x0b\x0c\x1f\x7f', plain)).toBe('ab^Hc^@^K^L^_^?');
  });

  it('a CR inside an unterminated OSC before LF is still a line end', () => {
    expect(sanitize('\x1b]0;title\r\nnext', plain)).toBe('^[]0;title\nnext');
  });
});

describe('tabs', () => {
  it('expands to the next tab stop by column', () => {
    expect(sanitize('a\tb', plain)).toBe(`a${' '.repeat(7)}b`);
    expect(sanitize('abcdefgh\tb', plain)).toBe(`abcdefgh${' '.repeat(8)}b`);
    expect(sanitize('ab\tc\td', { ...plain, tabWidth: 4 })).toBe('ab  c   d');
    expect(sanitize('漢\tx', plain)).toBe(`漢${' '.repeat(6)}x`);
    expect(sanitize('x\ty\nz\tw', plain)).toBe(`x${' '.repeat(7)}y\nz${' '.repeat(7)}w`);
  });
});

describe('line-length cap', () => {
  it('cuts at maxLineLength visible columns with a marker counting the rest', () => {
    expect(sanitize('abcdefghijKLMNO\nnext', { ...plain, maxLineLength: 10 })).toBe('abcdefghij … [+5 chars]\nnext');
  });

  it('never splits a wide character or a control token', () => {
    expect(sanitize('abcdefghi漢', { ...plain, maxLineLength: 10 })).toBe('abcdefghi … [+1 chars]');
    expect(sanitize('abcdefghi\x07', { ...plain, maxLineLength: 10 })).toBe('abcdefghi … [+1 chars]');
  });

  it('marks the cut marker and resets colour before it', () => {
    expect(sanitize('\x1b[31mabcdefghijk', { maxLineLength: 10 })).toBe(
      '\x1b[31mabcdefghij\x1b[0m \x1b[7m… [+1 chars]\x1b[27m',
    );
  });

  it('a 10 MB line without a newline is linear in time and bounded in output', () => {
    const line = 'A'.repeat(5 * 1024 * 1024) + '\x1b[31m\x07\u202e'.repeat(1024 * 1024);
    const started = performance.now();
    const out = sanitize(line);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(out.length).toBeLessThan(2100);
    expectTerminalSafe(out);
    expect(visibleText(out)).toMatch(/ … \[\+\d+ chars\]$/);
  });

  it('10 MB of controls on one line is bounded too', () => {
    const started = performance.now();
    const out = sanitize('\x07'.repeat(10 * 1024 * 1024));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(visibleText(out).length).toBeLessThan(2100);
  });

  it('SGR on one line is bounded even though it has no width', () => {
    const out = sanitize('\x1b[1m\x1b[22m'.repeat(1_000_000));
    expect(out.length).toBeLessThan(5000);
    expectTerminalSafe(out);
  });
});

describe('unterminated control strings (E9)', () => {
  it('1 MB unterminated OSC does not swallow the rest of the log', () => {
    const log = `\x1b]0;${'A'.repeat(1024 * 1024)}\nbuild step 2 visible\n`;
    const started = performance.now();
    const lines = sanitizeLines(log, plain);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\^\[\]0;A+ … \[\+\d+ chars\]$/);
    expect(lines[0]!.length).toBeLessThan(2100);
    expect(lines[1]).toBe('build step 2 visible');
  });

  it('1 MB unterminated OSC with no newline at all stays visible and bounded', () => {
    const out = sanitize(`before \x1b]52;c;${'QUFB'.repeat(256 * 1024)}`, plain);
    expect(out.startsWith('before ^[]52;c;QUFB')).toBe(true);
    expect(out.length).toBeLessThan(2100);
  });

  it('a pending sequence is released after 256 characters even while streaming', () => {
    const sanitizer = new TerminalSanitizer(plain);
    expect(sanitizer.push('\x1b]0;')).toBe('');
    expect(sanitizer.push('x'.repeat(300))).toBe(`^[]0;${'x'.repeat(300)}`);
  });

  it('an unterminated DCS is shown at a newline', () => {
    expect(sanitizeLines('\x1bP$qm\nnext', plain)).toEqual(['^[P$qm', 'next']);
  });
});

describe('Unicode', () => {
  it('collapses combining runs longer than 8 on one base (J6)', () => {
    const out = sanitize(`a${'\u0301'.repeat(5000)}b`, plain);
    expect(out).toBe(`a${'\u0301'.repeat(8)}[+4992 marks]b`);
    expect(sanitize('e\u0301 n\u0303', plain)).toBe('e\u0301 n\u0303');
  });

  it('shows a combining mark without a base instead of letting it alter a neighbour', () => {
    expect(sanitize('\u0301x', plain)).toBe('<U+0301>x');
    expect(sanitize('\x07\u0301', plain)).toBe('^G<U+0301>');
  });

  it('lone surrogates become U+FFFD, pairs stay', () => {
    expect(sanitize('a\ud800b\udc00c🚀', plain)).toBe('a\ufffdb\ufffdc🚀');
  });

  it('shows soft hyphen, separators, interlinear annotation and invisible fillers as <U+XXXX>', () => {
    expect(sanitize('a\u00adb\u2028c\ufff9d\u3164e\u180ef', plain)).toBe(
      'a<U+00AD>b<U+2028>c<U+FFF9>d<U+3164>e<U+180E>f',
    );
  });

  it('keeps ordinary non-ASCII text', () => {
    const text = 'Ünïcödé ✓ 日本語 한국어 العربية עברית 🚀 café';
    expect(sanitize(text, plain)).toBe(text);
  });
});

describe('sanitizeLines', () => {
  it('splits after sanitizing, one self-contained line each', () => {
    expect(sanitizeLines('\x1b[31mred\nplain\r\n', plain)).toEqual(['\x1b[31mred\x1b[0m', 'plain']);
    expect(sanitizeLines('', plain)).toEqual(['']);
    expect(sanitizeLines('a\n\nb', plain)).toEqual(['a', '', 'b']);
  });

  it('turns attacker line separators into text, not new lines', () => {
    expect(sanitizeLines('a\u2028b\rc', plain)).toEqual(['a<U+2028>b^Mc']);
  });
});

describe('throughput', () => {
  it('a 20 MB coloured log sanitizes in bounded time (sanity check, not a benchmark)', () => {
    const log = '2024-05-01T10:00:00Z \x1b[32m✔\x1b[0m step passed in 3.2s\tok\r\n'.repeat(380_000);
    expect(log.length).toBeGreaterThan(20_000_000);
    const started = performance.now();
    const out = sanitize(log);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(out.length).toBeGreaterThan(15_000_000);
  });
});
