// The CLI's one gate to the terminal (src/cli/io.ts): every string a command writes is checked, and sanitized when
// it holds anything a terminal would act on. Clean output passes byte for byte.
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { gateIo, REWRITE_LINE, terminalSafe, writeRaw } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { act, errorLine, runProgram } from '../../src/cli/program.js';
import { FailError } from '../../src/util/errors.js';
import { captureIo } from '../helpers/io.js';
import { findLeak } from '../hostile/leaks.js';

const OSC52 = '\x1b]52;c;ZXZpbA==\x07';
const OSC0 = '\x1b]0;pwned\x07';

describe('terminalSafe', () => {
  it('passes clean text unchanged, colour included where the stream shows colour', () => {
    for (const s of ['', 'plain\n', 'tab\there\n', 'ü 漢字 😀\n', 'a,b\r\nc,d\r\n', '[\u{e0}]']) expect(terminalSafe(s, false)).toBe(s);
    const painted = '\x1b[1mNUMBER\x1b[22m  \x1b[32msuccess\x1b[39m \x1b[38;5;196mX\x1b[0m \x1b[38;2;255;0;0mY\x1b[m\n';
    expect(terminalSafe(painted, true)).toBe(painted);
  });

  it('makes every other control visible: OSC, CSI, C0, C1, bidi, zero-width, tags, lone surrogates', () => {
    const inputs = [OSC52, OSC0, '\x1b[2J', '\x1b[1A', 'a\rb', 'a\x08b', '\x07', '\u009b31m', '\u202e', '\u200b', '\u2028', `ok${String.fromCodePoint(0xe0041)}`, 'x\ud800y', '\x1b[5mblink', '\x1b[8mhidden'];
    for (const s of inputs) {
      for (const colour of [false, true]) expect(findLeak(terminalSafe(s, colour), { colour }), JSON.stringify(s)).toBeNull();
    }
    expect(terminalSafe(`build-test${OSC52}`, false)).toBe('build-test^[]52;c;ZXZpbA==^G');
  });

  it('drops colour where the stream shows none, and blink/conceal always', () => {
    expect(terminalSafe('\x1b[31mred\x1b[39m', false)).toBe('red');
    expect(terminalSafe('\x1b[8mAKIAXXXX\x1b[28m', true)).not.toContain('\x1b[8m');
    expect(terminalSafe('\x1b[8mAKIAXXXX\x1b[28m', true)).toContain('AKIAXXXX');
  });

  it("keeps a progress line's own CR + erase-line at the start of a write, and CRLF line ends", () => {
    expect(terminalSafe(`${REWRITE_LINE}[####....] 1/2`, false)).toBe(`${REWRITE_LINE}[####....] 1/2`);
    expect(terminalSafe(`${REWRITE_LINE}job ${OSC0}`, false)).toBe(`${REWRITE_LINE}job ^[]0;pwned^G`);
    expect(terminalSafe(`a${OSC0}\r\nb\r\n`, false)).toBe('a^[]0;pwned^G\r\nb\r\n');
    // Anywhere else it is data: shown, not acted on.
    expect(findLeak(terminalSafe(`x${REWRITE_LINE}y`, false))).toBeNull();
  });
});

describe('gateIo and writeRaw', () => {
  it('gates both streams, keeps their terminal facts, and gates bytes as text', () => {
    const c = captureIo({ NO_COLOR: '1' }, { tty: true });
    const io = gateIo(c.io);
    expect([io.out.isTTY, io.out.columns, io.err.rows]).toEqual([true, 100, 30]);
    io.out.write(`name ${OSC0}\n`);
    io.err.write(Buffer.from(`err ${OSC52}\n`));
    expect(c.out()).toBe('name ^[]0;pwned^G\n');
    expect(c.err()).toBe('err ^[]52;c;ZXZpbA==^G\n');
    expect(gateIo(io).out).toBe(io.out);
  });

  it('writes exact bytes past the gate only when the stream is not a terminal', () => {
    const pipe = captureIo({});
    writeRaw(gateIo(pipe.io).out, `raw ${OSC52}`);
    expect(pipe.out()).toBe(`raw ${OSC52}`);
    const tty = captureIo({}, { tty: true });
    expect(() => writeRaw(gateIo(tty.io).out, OSC52)).toThrow(/never written to a terminal/);
    expect(tty.out()).toBe('');
  });
});

describe('every entry writes through the gate', () => {
  it("commander's own error line cannot carry a live control (it quotes the argument)", async () => {
    const c = captureIo({ NO_COLOR: '1' });
    expect(await main(['node', 'sleuth', 'pipelines', `--x${OSC52}`], c.io)).toBe(2);
    expect(findLeak(c.err())).toBeNull();
    expect(c.err()).toContain("unknown option '--x^[]52;c;ZXZpbA==^G'");
  });

  it('the search/scan entry too: an error naming a hostile folder', async () => {
    const c = captureIo({ NO_COLOR: '1' });
    expect(await main(['node', 'sleuth', 'search', 'needle', `/nonexistent${OSC0}`], c.io)).toBe(2);
    expect(findLeak(c.err())).toBeNull();
    expect(c.err()).toContain('/nonexistent^[]0;pwned^G');
  });
});

describe('the error line (program.ts)', () => {
  it('is one visible line even on a stream without the gate', async () => {
    const c = captureIo({ NO_COLOR: '1' });
    const program = new Command('sleuth').exitOverride();
    program.command('boom').action(act(program, async () => {
      throw new FailError(`could not read ${OSC0}file\nsecond line\u202e`);
    }));
    expect(await runProgram(program, ['node', 'sleuth', 'boom'], c.io)).toBe(1);
    expect(findLeak(c.err())).toBeNull();
    expect(c.err()).toBe('sleuth: could not read ^[]0;pwned^Gfile ⏎ second line<U+202E>\n');
  });

  it('is cut at 2,000 columns', () => {
    expect(errorLine('x'.repeat(5000)).length).toBeLessThan(2100);
  });
});
