import { describe, expect, it } from 'vitest';
import { FuzzyIndex } from '../../src/search/fuzzy.js';

const filler = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag} step ${i} compiled ${i * 7} modules in ${i % 90} ms`).join('\n');

describe('FuzzyIndex (trigram prefilter, then fuse.js)', () => {
  it('exact hits first, then near ones; typos and a missing letter still match', () => {
    const idx = new FuzzyIndex();
    idx.add(0, `${filler(3000, 'a')}\nnpm ERR! connection timeout while fetching lodash\n${filler(3000, 'b')}`);
    idx.add(1, `${filler(2000, 'c')}\nretrying after conection timout\n`);
    idx.add(2, 'Connection Timeout (case differs)\n');
    const r = idx.search('connection timeout');
    expect(r.slice(0, 3).map((x) => [x.doc, x.line, x.exact])).toEqual([
      [0, 3000, true],
      [2, 0, true],
      [1, 2000, false],
    ]);
    expect(r[0]!.ranges[0]).toEqual([9, 27]);
    expect(r[0]!.score).toBe(0);
    const typo = idx.search('conection timout');
    expect(typo[0]).toMatchObject({ doc: 1, line: 2000, exact: true });
    expect(typo.map((x) => [x.doc, x.line])).toContainEqual([0, 3000]);
  });

  it('lines of the search copy: escape sequences and invisible characters do not break a match', () => {
    const idx = new FuzzyIndex();
    idx.add(7, 'plain\n\x1b[31mdeploy\x1b[0m fai\u200bled on node 2\n');
    const [hit] = idx.search('deploy failed');
    expect(hit).toMatchObject({ doc: 7, line: 1, exact: true, text: 'deploy failed on node 2' });
  });

  it('documents added later are searched after prepare(); a 5 MB line is ranked by a window around the match', () => {
    const idx = new FuzzyIndex();
    idx.add(0, filler(100, 'x'));
    expect(idx.search('needle-in-late-doc')).toEqual([]);
    idx.add(1, `${'z'.repeat(5_000_000)} needle-in-late-doc tail\n`);
    const [hit] = idx.search('needle-in-late-doc');
    expect(hit).toMatchObject({ doc: 1, line: 0, exact: true });
    expect(hit!.ranges[0]![0]).toBe(5_000_001);
  });

  it('nothing for an empty query or no match', () => {
    const idx = new FuzzyIndex();
    idx.add(0, filler(10, 'q'));
    expect(idx.search('   ')).toEqual([]);
    expect(idx.search('xyzzy-plugh-nothing')).toEqual([]);
  });
});
