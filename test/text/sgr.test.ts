// SGR is the only sequence emitted live, re-serialised from parsed parameters with hiding attributes removed.
import { describe, expect, it } from 'vitest';
import { sanitize } from '../../src/text/sanitize.js';
import { expectTerminalSafe } from './terminal-safety.js';

const colour = (text: string): string => sanitize(text, { markControls: false });

describe('SGR filtering', () => {
  it('passes ordinary colours and attributes, re-serialised', () => {
    expect(colour('\x1b[1;4;31mX\x1b[0m')).toBe('\x1b[1;4;31mX\x1b[0m');
    expect(colour('\x1b[01;031mX\x1b[m')).toBe('\x1b[1;31mX\x1b[0m');
    expect(colour('\x1b[;31mX')).toBe('\x1b[0;31mX\x1b[0m');
    expect(colour('\x1b[38;2;10;20;30;48;5;17mX\x1b[0m')).toBe('\x1b[38;2;10;20;30;48;5;17mX\x1b[0m');
  });

  it('drops conceal (8) and blink (5, 6)', () => {
    expect(colour('\x1b[8mAKIA\x1b[28m')).toBe('AKIA\x1b[28m\x1b[0m');
    expect(colour('\x1b[5mX')).toBe('X');
    expect(colour('\x1b[6mX')).toBe('X');
    expect(colour('\x1b[1;8;5;31mX\x1b[0m')).toBe('\x1b[1;31mX\x1b[0m');
  });

  it('drops a background equal to the foreground in the same sequence', () => {
    expect(colour('\x1b[30;40mhidden\x1b[0m')).toBe('\x1b[30mhidden\x1b[0m');
    expect(colour('\x1b[38;5;196;48;5;196mhidden\x1b[0m')).toBe('\x1b[38;5;196mhidden\x1b[0m');
    expect(colour('\x1b[38;2;1;2;3;48;2;1;2;3mhidden\x1b[0m')).toBe('\x1b[38;2;1;2;3mhidden\x1b[0m');
    expect(colour('\x1b[38;5;196;48;2;255;0;0mhidden\x1b[0m')).toBe('\x1b[38;5;196mhidden\x1b[0m');
    expect(colour('\x1b[38;2;0;0;0;48;2;8;8;8mhidden\x1b[0m')).toBe('\x1b[38;2;0;0;0mhidden\x1b[0m');
    expect(colour('\x1b[31;42mfine\x1b[0m')).toBe('\x1b[31;42mfine\x1b[0m');
  });

  it('also prevents fg == bg built up across sequences', () => {
    expect(colour('\x1b[31mX\x1b[41mhidden\x1b[0m')).toBe('\x1b[31mXhidden\x1b[0m');
    expect(colour('\x1b[44mX\x1b[34mhidden\x1b[0m')).toBe('\x1b[44mX\x1b[34;49mhidden\x1b[0m');
  });

  it('accepts or drops colon forms without crashing (A3)', () => {
    expect(colour('\x1b[38:2::255:0:0mX')).toBe('\x1b[38;2;255;0;0mX\x1b[0m');
    expect(colour('\x1b[38:2:255:0:0mX')).toBe('\x1b[38;2;255;0;0mX\x1b[0m');
    expect(colour('\x1b[38:5:196mX')).toBe('\x1b[38;5;196mX\x1b[0m');
    expect(colour('\x1b[4:3mX\x1b[4:0m')).toBe('\x1b[4mX\x1b[24m\x1b[0m');
    for (const odd of ['38:2:1:2', '38:9', '1:2:3', '::', ':', '48:5', '38:2::999:0:0']) {
      expect(() => colour(`\x1b[${odd}mX`)).not.toThrow();
      expectTerminalSafe(colour(`\x1b[${odd}mX`));
    }
  });

  it('drops the rest of a sequence after a malformed extended colour', () => {
    expect(colour('\x1b[38;5mX')).toBe('X');
    expect(colour('\x1b[1;38;5;300;8mX')).toBe('\x1b[1mX\x1b[0m');
    expect(colour('\x1b[38;7;8mX')).toBe('X');
  });

  it('shows parameter bombs visibly (B4)', () => {
    expect(colour('\x1b[999999999999mX')).toBe('^[[999999999999mX');
    expect(colour('\x1b[1000mX')).toBe('^[[1000mX');
    const thirtyTwo = Array.from({ length: 32 }, () => '1').join(';');
    expect(colour(`\x1b[${thirtyTwo}mX`)).toBe(`\x1b[${thirtyTwo}mX\x1b[0m`);
    expect(colour(`\x1b[${thirtyTwo};1mX`)).toBe(`^[[${thirtyTwo};1mX`);
    const bomb = colour(`\x1b[${'1;'.repeat(100_000)}m`);
    expectTerminalSafe(bomb);
    expect(bomb.startsWith('^[[1;1;1;')).toBe(true);
  });

  it('never treats private markers, intermediates or the C1 introducer as SGR', () => {
    expect(colour('\x1b[?31mX')).toBe('^[[?31mX');
    expect(colour('\x1b[>4;1mX')).toBe('^[[>4;1mX');
    expect(colour('\x1b[31 mX')).toBe('^[[31 mX');
    expect(colour('\u009b31mX')).toBe('<U+009B>31mX');
  });

  it('resets colour at the end of every line', () => {
    expect(colour('\x1b[31mred\nnext')).toBe('\x1b[31mred\x1b[0m\nnext');
    expect(colour('\x1b[31mred\x1b[0m\nnext')).toBe('\x1b[31mred\x1b[0m\nnext');
  });

  it('reserves inverse video for control marks', () => {
    expect(sanitize('\x1b[7m^[\x1b[27m')).toBe('^[\x1b[27m\x1b[0m');
    expect(sanitize('\x1b[1;7mX', { markControls: false })).toBe('\x1b[1;7mX\x1b[0m');
  });
});
