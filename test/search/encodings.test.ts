import { describe, expect, it } from 'vitest';
import { base64Fragment, planNeedles, unmaskableReason } from '../../src/search/encodings.js';
import { fake } from './helpers.js';

const SECRET = fake('hT3kq9Zr', 'V0pWm4Lx', 'B8nY+c2s/Fd7');

describe('unmaskable values (security.md §3)', () => {
  it.each(['', 'a', 'abc', 'é🙂x'])('refuses %j (under 4 characters)', (v) => {
    expect(unmaskableReason(v)).toMatch(/shorter than 4 characters/);
  });
  it.each(['true', 'True', 'false', 'False'])('refuses %s (never masked)', (v) => {
    expect(unmaskableReason(v)).toMatch(/true\/false/);
  });
  it.each(['abcd', 'TRUE', 'truee', 'pässwörd'])('accepts %s', (v) => {
    expect(unmaskableReason(v)).toBeNull();
  });
});

describe('base64 at the three byte alignments (Jenkins Base64SecretPatternFactory)', () => {
  it('each fragment appears inside any blob that holds the secret, whatever comes before or after', () => {
    const bytes = Buffer.from(SECRET);
    for (let before = 0; before < 6; before++) {
      for (let after = 0; after < 4; after++) {
        const blob = Buffer.concat([Buffer.alloc(before, 0x7a), bytes, Buffer.alloc(after, 0x21)]).toString('base64');
        const k = (before % 3) as 0 | 1 | 2;
        expect(blob, `before=${before} after=${after}`).toContain(base64Fragment(bytes, k));
      }
    }
  });

  it('the aligned fragment is the padded encoding without its last character and padding', () => {
    const full = Buffer.from(SECRET).toString('base64');
    const frag = base64Fragment(Buffer.from(SECRET), 0);
    expect(full.startsWith(frag)).toBe(true);
    expect(full.replace(/=+$/, '').length - frag.length).toBeLessThanOrEqual(1);
  });
});

describe('planNeedles', () => {
  it('builds every encoding, each once', () => {
    const v = fake('p@ss/wörd', '"quote"<&>', '_tail-123');
    const plan = planNeedles(v);
    const by = (e: string) => plan.needles.filter((n) => n.encoding === e).map((n) => n.text);
    expect(by('raw')).toEqual([v]);
    expect(by('upper')).toEqual([v.toUpperCase()]);
    // Already lower case: that form is the value itself, searched once.
    expect(by('lower')).toEqual([]);
    expect(by('base64')).toHaveLength(3);
    expect(plan.needles.filter((n) => n.encoding === 'base64').map((n) => n.alignment)).toEqual([0, 1, 2]);
    expect(by('hex')).toEqual([Buffer.from(v).toString('hex')]);
    expect(by('hex-upper')).toEqual([Buffer.from(v).toString('hex').toUpperCase()]);
    expect(by('percent')).toEqual([encodeURIComponent(v)]);
    expect(by('percent-lower')[0]).toBe(encodeURIComponent(v).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()));
    expect(by('json')).toEqual([JSON.stringify(v).slice(1, -1)]);
    expect(by('json-slash')[0]).toContain('\\/');
    expect(by('json-unicode')[0]).toContain('\\u00f6');
    expect(by('json-unicode')[0]).toContain('\\u003c');
    expect(by('reversed')).toEqual([[...v].reverse().join('')]);
    expect(by('spaced')).toEqual([[...v].join(' ')]);
    const texts = plan.needles.map((n) => n.text);
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('URL-safe base64 only when it differs, and alphanumeric secrets have no percent/JSON duplicates', () => {
    const plain = planNeedles(fake('AKIAQ3EGRTLY', 'X7K5WZPN'));
    expect(plain.needles.map((n) => n.encoding)).not.toContain('percent');
    // All capitals already: the upper-case form is the value itself, searched once.
    expect(plain.needles.map((n) => n.encoding)).not.toContain('upper');
    expect(plain.needles.filter((n) => n.encoding === 'lower').map((n) => n.text)).toEqual([fake('akiaq3egrtly', 'x7k5wzpn')]);
    expect(plain.needles.map((n) => n.encoding)).not.toContain('json');
    const slashy = planNeedles(SECRET);
    const url = slashy.needles.filter((n) => n.encoding === 'base64url');
    for (const n of url) expect(n.text).not.toMatch(/[+/]/);
  });

  it('skips encoded forms too short to search without false hits, and says so', () => {
    const plan = planNeedles('abcd');
    expect(plan.needles.map((n) => n.encoding)).toContain('raw');
    expect(plan.skipped.map((s) => s.encoding)).toContain('base64');
    expect(planNeedles('abcd', { literalOnly: true }).needles).toHaveLength(1);
  });
});
