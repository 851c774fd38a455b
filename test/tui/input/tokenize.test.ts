// The tokenizer as a table, in the manner of gemini-cli's keyMatchers.test.ts: what one read from the terminal
// holds → the keys it is split into, in order. Then what a read cut in the middle of a sequence leaves, and the
// keymap's resolution of the names the tokenizer gives.
import { describe, expect, it } from 'vitest';
import { KeyTokenizer, type InputToken } from '../../../src/tui/input/tokenize.js';
import { resolveKey, type Command, type PaneKind } from '../../../src/tui/keymap.js';

const names = (tokens: InputToken[]) => tokens.map((t) => (t.kind === 'paste' ? `paste:${t.text}` : t.name));
/** The keys of these reads, followed by silence (what a held ESC becomes then). */
const split = (...chunks: string[]) => {
  const t = new KeyTokenizer();
  return names([...chunks.flatMap((c) => t.push(c)), ...t.flush()]);
};

const CHUNKS: { read: string; keys: string[]; why: string }[] = [
  { read: 'jjjjj', keys: ['j', 'j', 'j', 'j', 'j'], why: 'a printable run is one key per character' },
  { read: '/abc\r', keys: ['/', 'a', 'b', 'c', 'Enter'], why: 'a prompt, its text and Enter in one read' },
  { read: '\n', keys: ['Enter'], why: 'LF is Enter too' },
  { read: '\x7f\x7f\b', keys: ['Backspace', 'Backspace', 'Backspace'], why: 'DEL and BS are both Backspace' },
  { read: '\t\x1b[Z', keys: ['Tab', 'Shift-Tab'], why: 'Tab and back-tab' },
  { read: '\x15\x17\x04\x02', keys: ['Ctrl-u', 'Ctrl-w', 'Ctrl-d', 'Ctrl-b'], why: 'Ctrl-letters' },
  { read: '\x1c\x1f', keys: ['Ctrl-\\', 'Ctrl-_'], why: 'the other C0 controls' },
  { read: ' ', keys: ['Space'], why: 'Space by name' },
  { read: '\x1b[A\x1b[B\x1b[C\x1b[D', keys: ['↑', '↓', '→', '←'], why: 'CSI arrows' },
  { read: '\x1bOA\x1bOB\x1bOH\x1bOF', keys: ['↑', '↓', 'Home', 'End'], why: 'SS3 (application cursor mode)' },
  { read: '\x1b[5~\x1b[6~\x1b[1~\x1b[4~\x1b[H\x1b[F', keys: ['PgUp', 'PgDn', 'Home', 'End', 'Home', 'End'], why: 'paging keys, both spellings of Home/End' },
  { read: '\x1b[1;5A\x1b[1;2B\x1b[5;5~\x1b[1;3C', keys: ['Ctrl-↑', 'Shift-↓', 'Ctrl-PgUp', 'Alt-→'], why: 'xterm modifiers' },
  { read: '\x1b[3~', keys: ['Delete'], why: 'Delete' },
  { read: 'jj\x1b[Bk', keys: ['j', 'j', '↓', 'k'], why: 'a sequence between printable keys' },
  { read: '\x1bj', keys: ['Esc', 'j'], why: 'ESC + letter (Alt+j, or Esc typed quickly before j) is Esc then the letter' },
  { read: '\x1b\x1b', keys: ['Esc', 'Esc'], why: 'two Escs (the second once nothing follows)' },
  { read: '\x1b\x1b[A', keys: ['Esc', '↑'], why: 'Esc before an arrow' },
  { read: '\x1b[\r', keys: ['Esc', '[', 'Enter'], why: 'a broken CSI is Esc, then its bytes as typed' },
  { read: '\x1b[200~ab\rc\x1b[Ad\x1b[201~x', keys: ['paste:ab\rc\x1b[Ad', 'x'], why: 'bracketed paste is one event, byte for byte' },
  { read: '\x1b[I\x1b[O', keys: [], why: 'focus reports are no keys' },
  { read: '\x9b\x85', keys: [], why: 'C1 controls are never typed keys' },
  { read: 'é🙂', keys: ['é', '🙂'], why: 'a character outside the BMP is one key' },
];

describe('KeyTokenizer: one read → keys', () => {
  for (const { read, keys, why } of CHUNKS) {
    it(`${why}: ${JSON.stringify(read)}`, () => {
      expect(split(read)).toEqual(keys);
    });
  }

  it('gives printable keys their text and others none', () => {
    const t = new KeyTokenizer();
    expect(t.push('a \r\x1b[A')).toEqual([
      { kind: 'key', name: 'a', text: 'a' },
      { kind: 'key', name: 'Space', text: ' ' },
      { kind: 'key', name: 'Enter', text: '' },
      { kind: 'key', name: '↑', text: '' },
    ]);
  });
});

describe('KeyTokenizer: a read that ends inside a sequence', () => {
  it('holds a cut CSI until the next read completes it', () => {
    const t = new KeyTokenizer();
    expect(names(t.push('j\x1b['))).toEqual(['j']);
    expect(t.pending).toBe('sequence');
    expect(names(t.push('1;5'))).toEqual([]);
    expect(names(t.push('Bk'))).toEqual(['Ctrl-↓', 'k']);
    expect(t.pending).toBe('none');
  });

  it('holds a lone ESC: the next read decides (an arrow), or a flush makes it Esc', () => {
    const t = new KeyTokenizer();
    expect(names(t.push('\x1b'))).toEqual([]);
    expect(t.pending).toBe('escape');
    expect(names(t.push('[A'))).toEqual(['↑']);
    expect(names(t.push('\x1b'))).toEqual([]);
    expect(names(t.flush())).toEqual(['Esc']);
    expect(t.pending).toBe('none');
  });

  it('flushes a cut sequence that never completes as Esc and its bytes', () => {
    const t = new KeyTokenizer();
    t.push('\x1b[');
    expect(names(t.flush())).toEqual(['Esc', '[']);
  });

  it('keeps a paste open across reads, its end marker split too', () => {
    const t = new KeyTokenizer();
    expect(names(t.push('\x1b[200~secret'))).toEqual([]);
    expect(t.pending).toBe('paste');
    expect(names(t.push('\r\x1b[20'))).toEqual([]);
    expect(names(t.push('1~j'))).toEqual(['paste:secret\r', 'j']);
  });

  it('delivers a paste whose end never comes, on flush', () => {
    const t = new KeyTokenizer();
    t.push('\x1b[200~half');
    expect(names(t.flush())).toEqual(['paste:half']);
  });

  it('does not hold an endless run of parameter bytes', () => {
    const t = new KeyTokenizer();
    const keys = names(t.push(`\x1b[${'1'.repeat(100)}`));
    expect(keys[0]).toBe('Esc');
    expect(t.pending).toBe('none');
  });
});

// The keymap side: the names above resolve as the footer and `?` spell them; no Alt key is bound.
const RESOLVES: { pane: PaneKind; command: Command; positive: string[]; negative: string[] }[] = [
  { pane: 'jobs', command: 'cursor.down', positive: ['j', '↓'], negative: ['J', 'Ctrl-↓', 'Alt-↓', 'Shift-↓'] },
  { pane: 'jobs', command: 'cursor.top', positive: ['g', 'Home'], negative: ['G'] },
  { pane: 'jobs', command: 'page.down', positive: ['PgDn', 'Space', 'Ctrl-f'], negative: ['Ctrl-PgDn', 'f'] },
  { pane: 'jobs', command: 'halfpage.up', positive: ['Ctrl-u'], negative: ['u'] },
  { pane: 'jobs', command: 'back', positive: ['Esc', 'h', '←', 'Backspace'], negative: ['Alt-←', 'Delete'] },
  { pane: 'jobs', command: 'open', positive: ['Enter', 'l', '→'], negative: ['Tab'] },
  { pane: 'log', command: 'log.search', positive: ['/'], negative: ['?'] },
];

describe('resolveKey: key names → commands', () => {
  for (const { pane, command, positive, negative } of RESOLVES) {
    it(`${command} in ${pane}`, () => {
      for (const k of positive) expect(resolveKey(pane, k), `${k} should be ${command}`).toBe(command);
      for (const k of negative) expect(resolveKey(pane, k), `${k} should not be ${command}`).not.toBe(command);
    });
  }
});
