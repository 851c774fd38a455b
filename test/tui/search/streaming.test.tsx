// The `s` pane shows hits as the search finds them: a ripgrep that holds back everything after the first file
// (test/helpers/held-rg.ts) proves the first hit is on screen, with the pane saying it is still searching, while rg
// has not finished; released, the rest arrives and the pane says it is done. No timing guess anywhere.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { evidenceCorpus } from '../../../src/search/corpus.js';
import { heldRg, realRg } from '../../helpers/held-rg.js';
import { settle } from '../../helpers/ink.js';
import { useTmpDirs } from '../../helpers/tmp.js';
import { fake, WF, writeTree } from '../../search/helpers.js';
import { mountSearch, plain } from './harness.js';

const tmp = useTmpDirs();
const TOKEN = fake('ghp_', 'Rz4Xq8Lm2Vn7Kp1Wt9Yb', '3Cs6Df0Gh5Jk8Mn2');
const mounted: { unmount(): void }[] = [];
let savedRg: string | undefined;
beforeEach(() => {
  savedRg = process.env.SLEUTH_RG;
});
afterEach(() => {
  for (const m of mounted.splice(0)) m.unmount();
  if (savedRg === undefined) delete process.env.SLEUTH_RG;
  else process.env.SLEUTH_RG = savedRg;
});

const hasRg = realRg() !== null;

describe.skipIf(!hasRg)('SearchPane streams hits', () => {
  it('the first hit is on screen, the pane still searching, while rg is held; the rest comes when it is released', async () => {
    const dir = writeTree(tmp(), {
      [`${WF}/job-5015/step-104.txt`]: `Uploading coverage\nGITHUB_TOKEN=${TOKEN}\n`,
      [`${WF}/job-5016/step-103.txt`]: `clone https://x:${TOKEN}@github.com failed\n`,
    });
    const rg = heldRg(tmp());
    process.env.SLEUTH_RG = rg.path;
    const m = mountSearch(evidenceCorpus(dir));
    mounted.push(m);
    await settle(40);
    await m.type(TOKEN);
    const first = plain(await m.frame((f) => /50(15\/104|16\/103) :\d/.test(f), 'the first hit'));
    // rg is still held: only one file's hit can be there, and the pane says it is still at work.
    expect(rg.holding()).toBe(true);
    expect(first).toContain('[auto→exact]');
    expect(first).toContain('1… hit');
    expect(first).toContain('searching…');
    expect(first.includes('5015/104') && first.includes('5016/103')).toBe(false);
    rg.release();
    const done = plain(await m.frame((f) => f.includes('5015/104') && f.includes('5016/103') && !f.includes('searching…'), 'both hits, search over'));
    expect(done).toContain('2 hits');
    expect(done).not.toContain('…hit');
  });
});
