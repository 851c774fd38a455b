import { describe, expect, it } from 'vitest';
import { wrapRow } from '../../../src/tui/rca/wrap.js';

describe('wrapRow', () => {
  it('breaks at spaces under the row\'s indent; numbered items continue under their text', () => {
    expect(wrapRow({ text: '  1. alpha beta gamma delta', tone: 'text' }, 14).map((r) => r.text)).toEqual(['  1. alpha', '     beta', '     gamma', '     delta']);
    expect(wrapRow({ text: 'short', tone: 'text' }, 14)).toEqual([{ text: 'short', tone: 'text' }]);
  });

  it('cuts a word longer than the width, and counts wide characters as two columns', () => {
    expect(wrapRow({ text: 'x'.repeat(25), tone: 'text' }, 10).map((r) => r.text)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
    expect(wrapRow({ text: '界'.repeat(6), tone: 'text' }, 8).map((r) => r.text)).toEqual(['界'.repeat(4), '界'.repeat(2)]);
  });
});
