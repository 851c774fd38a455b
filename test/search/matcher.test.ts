import { describe, expect, it } from 'vitest';
import { MultiMatcher } from '../../src/search/matcher.js';

/** The obvious answer: every start in [from, to) where a pattern fits by `limit`. */
function naive(buf: Uint8Array, patterns: Uint8Array[], from: number, to: number, limit: number): string[] {
  const out: string[] = [];
  for (let s = from; s < to; s++) {
    patterns.forEach((p, i) => {
      if (s + p.length > limit) return;
      for (let k = 0; k < p.length; k++) if (buf[s + k] !== p[k]) return;
      out.push(`${s}:${i}`);
    });
  }
  return out.sort();
}

function scanned(m: MultiMatcher, buf: Uint8Array, from: number, to: number, limit: number): string[] {
  const out: number[] = [];
  m.scan(buf, from, to, limit, out);
  const pairs: string[] = [];
  for (let i = 0; i < out.length; i += 2) pairs.push(`${out[i]}:${out[i + 1]}`);
  return pairs.sort();
}

/** A small xorshift generator: the same "random" text every run. */
function rng(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

describe('MultiMatcher', () => {
  it('finds every occurrence the naive scan finds, across the four lanes and their boundaries', () => {
    const rand = rng(42);
    // A small alphabet makes near-misses and overlaps common.
    const alphabet = Buffer.from('abcab\n=_');
    const patterns = ['abca', 'cab', 'bcabca', 'ab\nab', 'a_b=c', 'abcabcabcabcabcabca'].map((s) => Buffer.from(s));
    const m = new MultiMatcher(patterns);
    for (let round = 0; round < 40; round++) {
      const len = 4096 + Math.floor(rand() * 20000);
      const buf = Buffer.alloc(len);
      for (let i = 0; i < len; i++) buf[i] = alphabet[Math.floor(rand() * alphabet.length)]!;
      // Plant patterns at the quarter points, where one lane hands over to the next.
      for (const at of [0, len >> 2, (len >> 2) - 2, len >> 1, (3 * len) >> 2, len - 19]) patterns[5]!.copy(buf, Math.max(0, at));
      const from = Math.floor(rand() * 50);
      const to = len - Math.floor(rand() * 50);
      const limit = Math.min(len, to + Math.floor(rand() * 30));
      const got = scanned(m, buf, from, to, limit);
      expect(got).toEqual(naive(buf, patterns, from, to, limit));
      expect(got.length).toBeGreaterThan(0);
    }
  });

  it('handles ranges shorter than one lane and patterns longer than a quarter of the range', () => {
    const long = Buffer.alloc(3000, 'q');
    long[1500] = 0x21;
    const m = new MultiMatcher([long, Buffer.from('q!q')]);
    const buf = Buffer.concat([Buffer.alloc(1000, 'x'), long, Buffer.alloc(2000, 'x')]);
    expect(scanned(m, buf, 0, buf.length, buf.length)).toEqual(naive(buf, [long, Buffer.from('q!q')], 0, buf.length, buf.length));
    expect(scanned(m, buf, 0, buf.length, buf.length)).toContain('1000:0');
    // Short range: one lane.
    const small = Buffer.from('xxq!qxx');
    expect(scanned(m, small, 0, small.length, small.length)).toEqual(['2:1']);
  });

  it('reports nothing that ends past the limit', () => {
    const m = new MultiMatcher([Buffer.from('needle')]);
    const buf = Buffer.from(`${'.'.repeat(5000)}needle${'.'.repeat(5000)}needle`);
    const all = scanned(m, buf, 0, buf.length, buf.length);
    expect(all).toEqual(['10006:0', '5000:0']);
    expect(scanned(m, buf, 0, buf.length, buf.length - 1)).toEqual(['5000:0']);
  });
});
