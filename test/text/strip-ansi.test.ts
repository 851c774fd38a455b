// stripAnsi: the same parser, with every sequence and control removed, for search and normalized copies.
import { describe, expect, it } from 'vitest';
import { stripAnsi } from '../../src/text/sanitize.js';

describe('stripAnsi', () => {
  it('removes SGR and every other complete sequence', () => {
    expect(stripAnsi('\x1b[31mred\x1b[0m \x1b[2J\x1b[1;1Hx\x1b]0;title\x07y\x1bP$qm\x1b\\z\x1b_apc\x1b\\!')).toBe('red xyz!');
    expect(stripAnsi('\x1b]8;;https://evil.example/\x1b\\label\x1b]8;;\x1b\\')).toBe('label');
    expect(stripAnsi('\x1b7\x1b8\x1bc\x1b(0\x1b#8done')).toBe('done');
    expect(stripAnsi('\u009b31mX\u009d0;t\u009cY')).toBe('XY');
  });

  it('removes even SGR that display would show as malformed', () => {
    expect(stripAnsi('\x1b[999999999999mX')).toBe('X');
  });

  it('joins a secret split by colour codes, zero-width characters or controls', () => {
    expect(stripAnsi('AKIA\x1b[0mIOSF\u200bODNN\u2060\ufeff7EX\x07AMPLE')).toBe('AKIAIOSFODNN7EXAMPLE');
  });

  it('keeps newline and tab, turns CRLF into LF, drops a lone CR', () => {
    expect(stripAnsi('a\tb\r\nc\rd\n')).toBe('a\tb\ncd\n');
  });

  it('keeps the text of an unterminated or overlong sequence (nothing is swallowed)', () => {
    expect(stripAnsi('\x1b]0;never terminated\nrest of the log')).toBe(']0;never terminated\nrest of the log');
    const long = stripAnsi(`\x1b]0;${'A'.repeat(10_000)}`);
    expect(long).toBe(`]0;${'A'.repeat(10_000)}`);
  });

  it('removes bidi, tag characters; caps combining runs; fixes lone surrogates', () => {
    expect(stripAnsi('a\u202eb\u{e0041}c')).toBe('abc');
    expect(stripAnsi(`e${'\u0301'.repeat(100)}`)).toBe(`e${'\u0301'.repeat(8)}`);
    expect(stripAnsi('x\ud800y')).toBe('x\ufffdy');
  });

  it('is linear on large input', () => {
    const started = performance.now();
    const out = stripAnsi('\x1b[32mok\x1b[0m line\n'.repeat(500_000));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(out).toBe('ok line\n'.repeat(500_000));
  });
});
