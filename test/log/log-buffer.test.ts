import { describe, expect, it } from 'vitest';
import { LogBuffer, MATCH_COUNT_LIMIT } from '../../src/log/log-buffer.js';

const lines = (b: LogBuffer) => Array.from({ length: b.lineCount }, (_, i) => b.line(i));

describe('LogBuffer indexing', () => {
  it('splits on \\n; a final newline adds no empty line', () => {
    expect(lines(new LogBuffer('a\nb\nc\n'))).toEqual(['a', 'b', 'c']);
    expect(lines(new LogBuffer('a\nb\nc'))).toEqual(['a', 'b', 'c']);
    expect(lines(new LogBuffer('a\n\nb'))).toEqual(['a', '', 'b']);
    expect(lines(new LogBuffer('\n'))).toEqual(['']);
  });

  it('has no lines when empty', () => {
    const b = new LogBuffer('');
    expect(b.lineCount).toBe(0);
    expect(b.line(0)).toBe('');
    expect(b.lineTime(0)).toBeNull();
    expect(b.find('x', -1, 1)).toBeNull();
    expect(b.errorLines()).toEqual([]);
  });

  it('drops the \\r of CRLF but keeps a CR inside a line', () => {
    const b = new LogBuffer('one\r\ntwo\r\nover\rwrite\r\nlast\r');
    expect(lines(b)).toEqual(['one', 'two', 'over\rwrite', 'last']);
    expect(b.lineLength(0)).toBe(3);
    expect(b.lineLength(2)).toBe(10);
  });

  it('returns "" out of range', () => {
    const b = new LogBuffer('a\nb');
    expect(b.line(-1)).toBe('');
    expect(b.line(2)).toBe('');
  });

  it('maps an offset to its line', () => {
    const b = new LogBuffer('ab\ncd\nef');
    expect([0, 1, 2, 3, 5, 6, 7].map((o) => b.lineAt(o))).toEqual([0, 0, 0, 1, 1, 2, 2]);
  });
});

describe('lineTime', () => {
  // Messages: "a\nb" at 10:00, "c\nd\n" at 10:01 (starting mid-line), "e" at 10:02.
  const text = 'a\nbc\nd\ne';
  const times = [
    { offset: 0, time: '2026-01-01T10:00:00Z' },
    { offset: 3, time: '2026-01-01T10:01:00Z' },
    { offset: 7, time: '2026-01-01T10:02:00Z' },
  ];
  it('is the time of the message the line starts in', () => {
    const b = new LogBuffer(text, times);
    expect([0, 1, 2, 3].map((i) => b.lineTime(i))).toEqual([
      '2026-01-01T10:00:00Z',
      '2026-01-01T10:00:00Z', // "bc" starts in the first message
      '2026-01-01T10:01:00Z',
      '2026-01-01T10:02:00Z',
    ]);
  });
  it('is null without times or before the first mark', () => {
    expect(new LogBuffer(text).lineTime(0)).toBeNull();
    expect(new LogBuffer(text, [{ offset: 5, time: 't' }]).lineTime(0)).toBeNull();
  });
  it('accepts unsorted marks', () => {
    const b = new LogBuffer(text, [...times].reverse());
    expect(b.lineTime(3)).toBe('2026-01-01T10:02:00Z');
  });
});

describe('replace', () => {
  it('appending keeps earlier lines and indexes the tail', () => {
    const b = new LogBuffer('one\ntwo\nthr');
    expect(b.replace('one\ntwo\nthree\nfour\n')).toBe(2);
    expect(lines(b)).toEqual(['one', 'two', 'three', 'four']);
  });

  it('keeps every line when the old text ended with a newline', () => {
    const b = new LogBuffer('one\ntwo\n');
    expect(b.replace('one\ntwo\nthree')).toBe(2);
    expect(lines(b)).toEqual(['one', 'two', 'three']);
  });

  it('re-indexes from the first changed line when the text changed', () => {
    const b = new LogBuffer('one\ntwo\nthree\n');
    expect(b.replace('one\nTWO\nthree\n')).toBe(1);
    expect(lines(b)).toEqual(['one', 'TWO', 'three']);
    expect(b.replace('')).toBe(0);
    expect(b.lineCount).toBe(0);
    b.replace('x\ny');
    expect(lines(b)).toEqual(['x', 'y']);
  });

  it('updates times, search and errors for the new tail', () => {
    const b = new LogBuffer('step 1\nok\n', [{ offset: 0, time: 'T1' }]);
    expect(b.find('boom', -1, 1)).toBeNull();
    expect(b.errorLines()).toEqual([]);
    b.replace('step 1\nok\nError: boom\nExited with code exit status 2\n', [
      { offset: 0, time: 'T1' },
      { offset: 10, time: 'T2' },
    ]);
    expect(b.find('boom', -1, 1)).toBe(2);
    expect(b.errorLines()).toEqual([2, 3]);
    expect(b.lineTime(3)).toBe('T2');
  });

  it('keeps the search copy consistent after a change inside a line', () => {
    const b = new LogBuffer('alpha\nbeta\ngam');
    b.prepareSearch();
    b.replace('alpha\nbeta\ngamma ray\ndelta\n');
    expect(b.find('gamma ray', -1, 1)).toBe(2);
    expect(b.find('delta', -1, 1)).toBe(3);
    expect(b.plainLine(1)).toBe('beta');
  });
});

describe('find', () => {
  const b = new LogBuffer(['zero', 'needle one', 'two', 'Needle three', 'four', 'NEEDLE five'].join('\n'));

  it('searches forward from after the line and wraps around', () => {
    expect(b.find('needle', -1, 1)).toBe(1);
    expect(b.find('needle', 1, 1)).toBe(3);
    expect(b.find('needle', 3, 1)).toBe(5);
    expect(b.find('needle', 5, 1)).toBe(1); // wrapped
  });

  it('searches backward and wraps around', () => {
    expect(b.find('needle', 5, -1)).toBe(3);
    expect(b.find('needle', 1, -1)).toBe(5); // wrapped
    expect(b.find('needle', b.lineCount, -1)).toBe(5);
  });

  it('uses smart case', () => {
    expect(b.matchCount('needle')).toBe(3);
    expect(b.find('Needle', -1, 1)).toBe(3);
    expect(b.find('NEEDLE', 0, 1)).toBe(5);
    expect(b.matchCount('NEEDLE')).toBe(1);
  });

  it('finds the only match again from itself, and nothing when absent', () => {
    expect(b.find('three', 3, 1)).toBe(3);
    expect(b.find('three', 3, -1)).toBe(3);
    expect(b.find('absent', 0, 1)).toBeNull();
    expect(b.find('', 0, 1)).toBeNull();
  });

  it('matches through colour codes and invisible characters', () => {
    const c = new LogBuffer('plain\n\x1b[31mbuild \x1b[1mFAIL\x1b[0med\x1b[0m here\nAKIA\u200bSECRET\r\nok\r\n');
    expect(c.find('build failed', -1, 1)).toBe(1);
    expect(c.find('AKIASECRET', -1, 1)).toBe(2);
    expect(c.find('ok', 2, 1)).toBe(3);
    expect(c.plainLine(1)).toBe('build FAILed here');
    expect(c.plainLine(3)).toBe('ok');
  });

  it('maps matches to the right line after stripped lines', () => {
    const c = new LogBuffer('\x1b[32m✓\x1b[0m first\nsecond é\n\x1b]0;title\x07third\nfourth');
    expect([c.find('first', -1, 1), c.find('second', -1, 1), c.find('third', -1, 1), c.find('fourth', -1, 1)]).toEqual([0, 1, 2, 3]);
  });

  it('ranks the match among matching lines', () => {
    expect(b.matchOrdinal('needle', 3)).toBe(2);
    expect(b.matchOrdinal('needle', 2)).toBeNull();
    expect(b.matchStats('needle')).toEqual({ count: 3, capped: false });
  });

  it('stops counting at the limit', () => {
    const many = new LogBuffer(Array.from({ length: MATCH_COUNT_LIMIT + 5 }, (_, i) => `hit ${i}`).join('\n'));
    expect(many.matchStats('hit')).toEqual({ count: MATCH_COUNT_LIMIT, capped: true });
  });
});

describe('errorLines', () => {
  const text = [
    'npm ERR! code ELIFECYCLE', // 0
    'all good',
    'TypeError: x is not a function', // 2
    'handles errors gracefully',
    '\x1b[31mERROR\x1b[0m upstream timeout', // 4
    'Tests: 3 FAILED', // 5
    'Traceback (most recent call last):', // 6
    'java.lang.IllegalStateException', // 7
    'panic: runtime error', // 8
    'fatal: not a git repository', // 9
    'exit status 0',
    'Exited with code exit status 137', // 11
    'Killed', // 12
    'Segmentation fault (core dumped)', // 13
    'process ran out of memory', // 14
    'FAIL src/a.test.ts', // 15
    'Error\x1b[0m: split by a colour code', // 16
  ].join('\n');

  it('finds the lines that look like errors, once', () => {
    const b = new LogBuffer(text);
    expect(b.errorLines()).toEqual([0, 2, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16]);
    expect(b.errorLines()).toBe(b.errorLines());
  });

  it('steps to the next and previous error, wrapping', () => {
    const b = new LogBuffer(text);
    expect(b.nextError(-1, 1)).toBe(0);
    expect(b.nextError(2, 1)).toBe(4);
    expect(b.nextError(16, 1)).toBe(0);
    expect(b.nextError(4, -1)).toBe(2);
    expect(b.nextError(0, -1)).toBe(16);
    expect(new LogBuffer('fine\nok').nextError(0, 1)).toBeNull();
  });
});

describe('a 300,000-line log', () => {
  it('indexes, reaches the last line and searches within generous bounds', () => {
    const parts: string[] = [];
    for (let i = 0; i < 300_000; i++) {
      const stamp = `12:${String(Math.floor(i / 6000) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.${String(i % 1000).padStart(3, '0')}`;
      if (i === 299_000) parts.push('  NEEDLE-7f3a settlement mismatch');
      else if (i % 50 === 0) parts.push(`${stamp} [w${i % 8}] \x1b[33mWARN\x1b[0m  pool exhausted, waiting for connection (db=payments_it)`);
      else parts.push(`${stamp} [w${i % 8}] INFO  ledger - settled batch ${10_000 + i} in ${i % 90}ms ✓ ok`);
    }
    const text = parts.join('\n') + '\n';

    let t = performance.now();
    const b = new LogBuffer(text);
    const open = performance.now() - t;
    expect(b.lineCount).toBe(300_000);

    t = performance.now();
    const last = b.line(b.lineCount - 1);
    const bottom = performance.now() - t;
    expect(last).toContain('settled batch 309999');

    t = performance.now();
    const found = b.find('needle-7f3a', -1, 1);
    const firstSearch = performance.now() - t;
    expect(found).toBe(299_000);

    t = performance.now();
    const again = b.find('needle-7f3a', found ?? 0, 1);
    const repeat = performance.now() - t;
    expect(again).toBe(299_000);

    t = performance.now();
    const back = b.find('needle-7f3a', 0, -1);
    const backward = performance.now() - t;
    expect(back).toBe(299_000);

    // A capital letter: the first exact search builds the case-preserving copy.
    t = performance.now();
    const exact = b.find('NEEDLE', 0, -1);
    const firstExact = performance.now() - t;
    expect(exact).toBe(299_000);

    console.log(JSON.stringify({ chars: text.length, open, bottom, firstSearch, repeat, backward, firstExact }));
    expect(open).toBeLessThan(1000);
    expect(bottom).toBeLessThan(100);
    expect(firstSearch).toBeLessThan(3000); // includes building the search copy
    expect(repeat).toBeLessThan(1000);
    expect(backward).toBeLessThan(1000);
    expect(firstExact).toBeLessThan(3000);
  });
});
