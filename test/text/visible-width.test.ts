// visibleWidth: terminal columns of sanitized output.
import { describe, expect, it } from 'vitest';
import { sanitize, visibleWidth } from '../../src/text/sanitize.js';

describe('visibleWidth', () => {
  it('counts ASCII, wide CJK as 2, combining marks as 0', () => {
    expect(visibleWidth('')).toBe(0);
    expect(visibleWidth('hello')).toBe(5);
    expect(visibleWidth('漢字')).toBe(4);
    expect(visibleWidth('ｆｕｌｌ')).toBe(8);
    expect(visibleWidth('한국')).toBe(4);
    expect(visibleWidth('e\u0301')).toBe(1);
    expect(visibleWidth('🚀')).toBe(2);
    expect(visibleWidth('café ✓')).toBe(6);
  });

  it('ignores SGR and control marks', () => {
    expect(visibleWidth('\x1b[1;38;5;196mred\x1b[0m')).toBe(3);
    expect(visibleWidth(sanitize('\x07\u202e'))).toBe('^G<U+202E>'.length);
  });

  it('returns the widest line of multi-line text', () => {
    expect(visibleWidth('ab\nabcd\nabc')).toBe(4);
  });

  it('agrees with the line-length cap', () => {
    const out = sanitize('漢'.repeat(50), { maxLineLength: 11, markControls: false });
    expect(out.startsWith('漢'.repeat(5))).toBe(true);
    expect(visibleWidth('漢'.repeat(5))).toBe(10);
  });
});
