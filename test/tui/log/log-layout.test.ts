import { describe, expect, it } from 'vitest';
import { LogBuffer } from '../../../src/log/log-buffer.js';
import { clockOf } from '../../../src/tui/log/clock.js';
import { layoutRows, matchParts, maxTopLine } from '../../../src/tui/log/log-layout.js';
import { statusText } from '../../../src/tui/log/log-status.js';
import { splitColumns } from '../../../src/text/split-columns.js';
import { initialLogState, logReducer, topFor } from '../../../src/tui/log/use-log-state.js';

describe('splitColumns', () => {
  it('cuts at the width and carries colour across the break', () => {
    expect(splitColumns('abcdefg', 3)).toEqual(['abc', 'def', 'g']);
    expect(splitColumns('', 3)).toEqual(['']);
    const rows = splitColumns('\x1b[31mabcd\x1b[0mef', 2);
    expect(rows).toEqual(['\x1b[31mab\x1b[0m', '\x1b[31mcd\x1b[0m', 'ef']);
  });
  it('never splits a wide character and keeps combining marks with their base', () => {
    expect(splitColumns('a漢字', 2)).toEqual(['a', '漢', '字']);
    expect(splitColumns('ae\u0301b', 2)).toEqual(['ae\u0301', 'b']);
  });
  it('drops an ESC that is not SGR', () => {
    expect(splitColumns('a\x1b]0;x', 10).join('')).not.toContain('\x1b');
  });
});

describe('layout', () => {
  const b = new LogBuffer(['one', 'x'.repeat(25), 'three', 'four'].join('\n'));
  const opts = { width: 12, rows: 4, wrap: false, timestamps: false };

  it('renders one row per line, cut to the width, and only the rows that fit', () => {
    const rows = layoutRows(b, 0, opts);
    expect(rows.map((r) => r.line)).toEqual([0, 1, 2, 3]);
    expect(layoutRows(b, 2, opts).map((r) => r.text.text)).toEqual(['three', 'four']);
    expect(maxTopLine(b, opts)).toBe(0);
    expect(maxTopLine(b, { ...opts, rows: 2 })).toBe(2);
  });

  it('wraps a long line over rows and counts them for the last page', () => {
    const wrap = { ...opts, wrap: true };
    const rows = layoutRows(b, 0, wrap);
    expect(rows.map((r) => r.key)).toEqual(['0', '1', '1.1', '1.2']);
    // three + four + 3 rows of the long line = 5 > 4 rows: the last page starts at "three".
    expect(maxTopLine(b, wrap)).toBe(2);
  });

  it('cuts a huge line before sanitizing it', () => {
    const huge = new LogBuffer('a'.repeat(5_000_000));
    const t = performance.now();
    const [row] = layoutRows(huge, 0, { width: 80, rows: 10, wrap: true, timestamps: false });
    expect(performance.now() - t).toBeLessThan(500);
    expect(row?.text.length).toBeLessThanOrEqual(80);
  });

  it('splits the match line around the hit and brings a far hit into view', () => {
    const m = new LogBuffer(`${'x'.repeat(100)} NEEDLE end\nshort needle\nco\x1b[1mlou\x1b[0mr`);
    const far = matchParts(m, 0, 'NEEDLE', 40);
    expect(far?.match).toBe('NEEDLE');
    expect(far?.before.startsWith('…')).toBe(true);
    expect((far?.before.length ?? 0) + 6).toBeLessThan(40);
    expect(matchParts(m, 1, 'needle', 40)).toEqual({ before: 'short ', match: 'needle', after: '' });
    expect(matchParts(m, 2, 'colour', 40)).toEqual({ before: '', match: 'colour', after: '' });
  });
});

describe('view state', () => {
  const view = { top: 0, maxTop: 90, lines: 10 };
  it('scrolls within bounds; moving up stops following', () => {
    let s = logReducer(initialLogState(0), { type: 'scroll', by: -5, view });
    expect(s.top).toBe(0);
    s = logReducer(s, { type: 'scroll', by: 500, view });
    expect(s.top).toBe(90);
    s = logReducer(s, { type: 'follow', on: true, view });
    expect(s.follow).toBe(true);
    s = logReducer(s, { type: 'scroll', by: -1, view: { ...view, top: 90 } });
    expect(s).toMatchObject({ follow: false, top: 89 });
  });
  it('reveals a line a third of the way down unless it is already visible', () => {
    expect(topFor(5, view)).toBe(0);
    expect(topFor(50, view)).toBe(47);
    expect(topFor(99, view)).toBe(90);
  });
  it('keeps toggles and the query across a node switch, and forgets the position', () => {
    let s = logReducer(initialLogState(0), { type: 'toggle', flag: 'wrap' });
    s = logReducer(s, { type: 'searched', query: 'x', line: 40, view, notice: null });
    s = logReducer(s, { type: 'node', node: 2 });
    expect(s).toMatchObject({ node: 2, wrap: true, query: 'x', top: 0, mark: null });
  });
});

describe('status and clock', () => {
  it('reads like the spec', () => {
    const text = statusText({
      top: 1199, bottom: 119_379, lineCount: 314_159, query: 'NEEDLE', match: { ordinal: 1, count: 1, capped: false },
      error: null, wrap: false, node: 0, nodeCount: 4, following: true, notice: null,
    });
    expect(text).toBe('line 1200/314159 · 38% · /NEEDLE 1 of 1 · wrap off · node index 0 of 4 · following');
  });
  it('sanitizes the query it echoes', () => {
    const text = statusText({
      top: 0, bottom: 0, lineCount: 1, query: 'a\x1b]52;c;x\x07', match: null, error: null, wrap: true, node: 0, nodeCount: 1,
      following: false, notice: null,
    });
    expect(text).not.toContain('\x1b');
  });
  it('shows each line time with its date and Z, in UTC, never the input echoed', () => {
    expect(clockOf('2026-11-20T12:03:04.567Z')).toBe('2026-11-20 12:03:04Z');
    // Past midnight the date changes: a clock alone would read as going back in time.
    expect(clockOf('2026-11-20T23:59:59Z')).toBe('2026-11-20 23:59:59Z');
    expect(clockOf('2026-11-21T00:00:01Z')).toBe('2026-11-21 00:00:01Z');
    expect(clockOf('2026-11-20T14:03:04+02:00')).toBe('2026-11-20 12:03:04Z');
    expect(clockOf('12:03:04')).toBe('????-??-?? 12:03:04Z');
    expect(clockOf('\x1b[2J')).toBe(' '.repeat(20));
    expect(clockOf('March 7')).toBe(' '.repeat(20));
    expect(clockOf(null)).toBe(' '.repeat(20));
  });
});
