import { afterEach, describe, expect, it } from 'vitest';
import { evidenceCorpus } from '../../../src/search/corpus.js';
import { effectiveMode } from '../../../src/tui/search/search-session.js';
import { LoadedCache } from '../../../src/tui/state/loaded-cache.js';
import { settle } from '../../helpers/ink.js';
import { useTmpDirs } from '../../helpers/tmp.js';
import { fake, WF, writeTree } from '../../search/helpers.js';
import { mountSearch, plain } from './harness.js';

const tmp = useTmpDirs();
const TOKEN = fake('ghp_', 'Rz4Xq8Lm2Vn7Kp1Wt9Yb', '3Cs6Df0Gh5Jk8Mn2');
const mounted: { unmount(): void }[] = [];
afterEach(() => {
  for (const m of mounted.splice(0)) m.unmount();
});

function folder() {
  return evidenceCorpus(
    writeTree(tmp(), {
      [`${WF}/job-5015/step-104.txt`]: `Uploading coverage\n${Buffer.from(`GITHUB_TOKEN=${TOKEN}\n`).toString('base64')}\nDone\n`,
      [`${WF}/job-5016/step-103.txt`]: `> lint\nnpm ERR! connection timeout\n\x1b[31mError:\x1b[0m clone https://x:${TOKEN}@github.com failed\n`,
      [`${WF}/job-5020/step-103-node-2.txt`]: 'retrying after conection timout\n',
    }),
  );
}

function mount(...a: Parameters<typeof mountSearch>) {
  const m = mountSearch(...a);
  mounted.push(m);
  return m;
}

describe('SearchPane', () => {
  it('fuzzy results as you type, exact hits first, typos too; Enter keeps the query, then j and Enter open a hit', async () => {
    const m = mount(folder());
    await settle(40);
    await m.type('connection timeout');
    const f = plain(await m.frame((x) => x.includes('5020/103 :1') && x.includes('[node index 2]'), 'fuzzy results'));
    expect(f).toContain('[auto→fuzzy]');
    const rows = f.split('\n');
    const first = rows.findIndex((r) => r.includes('5016/103 :2'));
    const second = rows.findIndex((r) => r.includes('5020/103 :1') && r.includes('[node index 2]'));
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(first);
    expect(rows[first]).toContain('npm ERR! connection timeout');
    await m.enter();
    expect(m.rec.inputOpen).toEqual([false]);
    await m.send('cursor.down', 'open');
    expect(m.rec.opened.map((h) => [h.job, h.step, h.node, h.line])).toEqual([[5020, 103, 2, 1]]);
  });

  it('a pasted token switches to exact and finds it in every job, base64-encoded too, the escapes shown safely', async () => {
    const m = mount(folder());
    await settle(40);
    await m.type(TOKEN);
    // Hits stream in: wait for the search to end, not only for both hits to be listed.
    const f = plain(await m.frame((x) => x.includes('5015/104') && x.includes('5016/103') && x.includes('2 hits'), 'exact hits, search over'));
    expect(f).toContain('[auto→exact]');
    expect(f).toMatch(/5015\/104 :2\s+\[base64 \(offset 1\)\]/);
    expect(f).toContain('2 hits');
    // Colour codes in the log are dropped, never passed through.
    expect(m.lastFrame()).not.toContain('\x1b[31mError');
    expect(f).toContain('5016/103 :3       Error: clone https://x:');
    await m.enter();
    await m.send('open');
    expect(m.rec.opened[0]).toMatchObject({ job: 5015, step: 104, line: 2, encoding: 'base64 (offset 1)' });
  });

  it('`m` cycles the mode; an exact search for a value under 4 characters says why it is not run', async () => {
    const m = mount(folder());
    await settle(40);
    await m.enter();
    await m.send('search.mode');
    expect(plain(m.lastFrame() ?? '')).toContain('[exact]');
    await m.send('search.edit');
    await m.type('abc');
    await m.frame((x) => x.includes('not searched: values shorter than 4 characters'), 'unmaskable notice');
  });

  it('Esc closes the prompt first, then leaves; the query survives leaving and coming back', async () => {
    const cache = new LoadedCache();
    const corpus = folder();
    const m = mount(corpus, { cache });
    await settle(40);
    await m.type('lint');
    await m.send('back');
    expect(m.rec.inputOpen).toEqual([false]);
    expect(m.rec.backs).toBe(0);
    await m.send('back');
    expect(m.rec.backs).toBe(1);
    m.unmount();
    const again = mount(corpus, { cache });
    await again.frame((x) => x.includes('search: lint') && x.includes('5016/103 :1'), 'restored query and results');
  });

  it('with nothing downloaded it says how to get something to search', async () => {
    const m = mount(null);
    await m.frame((x) => x.includes('Nothing downloaded to search'), 'empty message');
  });

  it('auto mode: tokens are exact, words are fuzzy', () => {
    expect(effectiveMode('auto', TOKEN)).toBe('exact');
    expect(effectiveMode('auto', 'AKIAQ3EGRTLYX7K5WZPN')).toBe('exact');
    expect(effectiveMode('auto', 'connection timeout')).toBe('fuzzy');
    expect(effectiveMode('auto', 'deploy')).toBe('fuzzy');
    expect(effectiveMode('fuzzy', TOKEN)).toBe('fuzzy');
  });
});
