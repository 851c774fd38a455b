// SanitizeOptions: markControls, keepColor, tabWidth, maxLineLength.
import { describe, expect, it } from 'vitest';
import { sanitize } from '../../src/text/sanitize.js';

const hostile = '\x1b[31mred\x1b[0m \x1b]0;title\x07 \u202e';

describe('options', () => {
  it('markControls (default): each visible control token is in inverse video', () => {
    expect(sanitize(hostile)).toBe(
      '\x1b[31mred\x1b[0m \x1b[7m^[\x1b[27m]0;title\x1b[7m^G\x1b[27m \x1b[7m<U+202E>\x1b[27m',
    );
  });

  it('text typed as ^[ by an attacker is not marked, a real ESC is', () => {
    expect(sanitize('^[[2J')).toBe('^[[2J');
    expect(sanitize('\x1b[2J')).toBe('\x1b[7m^[\x1b[27m[2J');
  });

  it('markControls false: plain tokens, colour kept', () => {
    expect(sanitize(hostile, { markControls: false })).toBe('\x1b[31mred\x1b[0m ^[]0;title^G <U+202E>');
  });

  it('keepColor false: no SGR at all, marks included', () => {
    expect(sanitize(hostile, { keepColor: false })).toBe('red ^[]0;title^G <U+202E>');
    expect(sanitize(hostile, { keepColor: false, markControls: true })).not.toContain('\x1b');
    expect(sanitize('abcdef', { keepColor: false, maxLineLength: 3 })).toBe('abc … [+3 chars]');
  });

  it('keepColor false still shows malformed SGR visibly', () => {
    expect(sanitize('\x1b[9999mX', { keepColor: false })).toBe('^[[9999mX');
  });

  it('tabWidth and maxLineLength are clamped to sane values', () => {
    expect(sanitize('a\tb', { tabWidth: 0 })).toBe('a b');
    expect(sanitize('a\tb', { tabWidth: Number.NaN })).toBe(`a${' '.repeat(7)}b`);
    expect(sanitize('abc', { maxLineLength: 0, markControls: false })).toBe('a … [+2 chars]');
    expect(sanitize('x'.repeat(3000), { maxLineLength: Number.POSITIVE_INFINITY })).toBe('x'.repeat(3000));
    expect(sanitize('x'.repeat(2001), { markControls: false })).toBe(`${'x'.repeat(2000)} … [+1 chars]`);
  });
});
