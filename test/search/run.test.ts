import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DiskCache } from '../../src/cache/disk-cache.js';
import { cacheCorpus, evidenceCorpus } from '../../src/search/corpus.js';
import { runSearch } from '../../src/search/run.js';
import { compileSafeRegex } from '../../src/search/safe-regex.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { fake, outputJson, WF, writeTree } from './helpers.js';

const TOKEN = fake('ghp_', 'Rz4Xq8Lm2Vn7Kp1Wt9Yb', '3Cs6Df0Gh5Jk8Mn2');
const tmp = useTmpDirs();

function folder(): string {
  return writeTree(tmp(), {
    [`${WF}/job-7/job-info.json`]: '{"name":"test","status":"failed"}',
    [`${WF}/job-7/step-101.txt`]: 'Spin up environment\nall good\n',
    [`${WF}/job-7/step-102.txt`]: `line one\n\x1b[31mError:\x1b[0m clone https://x:${TOKEN}@github.com/a/b failed\n`,
    [`${WF}/job-7/step-102-node-1.txt`]: `node 1 says ${Buffer.from(TOKEN).toString('base64')}\n`,
    // Only the raw body downloaded: it is parsed, and lines count in the text the log pane shows.
    [`${WF}/job-8/step-103.json`]: outputJson('first\r\n', `second ${TOKEN.slice(0, 10)}`, `${TOKEN.slice(10)} third\r\n`),
    [`${WF}/job-8/step-info.json`]: JSON.stringify([
      { step: 103, index: 0, name: 'Deploy', bash_command: `#!/bin/bash -eo pipefail\ncurl -H "Authorization: token ${TOKEN}" https://api.github.com\n` },
      { step: 103, index: 1, name: 'Deploy', bash_command: `#!/bin/bash -eo pipefail\ncurl -H "Authorization: token ${TOKEN}" https://api.github.com\n` },
    ]),
    'unrelated.txt': TOKEN,
  });
}

describe('runSearch over an evidence folder', () => {
  it('finds a value in every step output, every node and every step command, in folder order', async () => {
    const dir = folder();
    const r = await runSearch({ pattern: TOKEN, mode: 'exact', corpus: evidenceCorpus(dir) });
    expect(r.hits.map((h) => [h.file, h.job, h.step, h.node, h.field, h.line, h.column, h.encoding])).toEqual([
      [`${WF}/job-7/step-102.txt`, 7, 102, 0, 'output', 2, 33, 'raw'],
      [`${WF}/job-7/step-102-node-1.txt`, 7, 102, 1, 'output', 1, 13, 'base64'],
      [`${WF}/job-8/step-103.json`, 8, 103, 0, 'output', 2, 8, 'raw'],
      [`${WF}/job-8/step-info.json`, 8, 103, 0, 'bash_command', 2, 31, 'raw'],
    ]);
    expect(r.hits.every((h) => h.workflowId === WF)).toBe(true);
    expect(r.files).toBe(5);
  });

  it('never follows a symlink planted in the folder', async () => {
    const dir = folder();
    const outside = writeTree(tmp(), { 'secret.txt': `leak ${TOKEN}\n` });
    symlinkSync(join(outside, 'secret.txt'), join(dir, WF, 'job-7', 'step-109.txt'));
    symlinkSync(outside, join(dir, WF, 'job-99'));
    const r = await runSearch({ pattern: TOKEN, mode: 'exact', corpus: evidenceCorpus(dir) });
    expect(r.hits.map((h) => h.file).filter((f) => f.includes('109') || f.includes('job-99'))).toEqual([]);
    expect(r.warnings.join('\n')).toMatch(/symlink/);
  });

  it('regex mode: line, column and the match, in folder order', async () => {
    const dir = folder();
    const r = await runSearch({ pattern: 'gh[pousr]_[A-Za-z0-9]{36}', mode: 'regex', corpus: evidenceCorpus(dir) });
    expect(r.hits.map((h) => [h.job, h.step, h.field, h.line, h.column, h.encoding])).toEqual([
      [7, 102, 'output', 2, 33, 'regex'],
      [8, 103, 'output', 2, 8, 'regex'],
      [8, 103, 'bash_command', 2, 31, 'regex'],
    ]);
    expect(r.hits[0]!.match).toBe(TOKEN);
  });

  it('fuzzy mode ranks lines that nearly match (prefilter, then fuse.js)', async () => {
    const dir = writeTree(tmp(), {
      [`${WF}/job-1/step-101.txt`]: 'npm ERR! connection timeout while fetching\nall good\nnothing here\n',
      [`${WF}/job-2/step-101.txt`]: 'retrying after conection timout\n',
    });
    const r = await runSearch({ pattern: 'connection timeout', mode: 'fuzzy', corpus: evidenceCorpus(dir) });
    expect(r.hits.map((h) => [h.job, h.line])).toEqual([
      [1, 1],
      [2, 1],
    ]);
    expect(r.hits[0]!.score).toBe(0);
    expect(r.hits[1]!.score).toBeGreaterThan(0);
  });

  it('a big folder is searched on two threads with the same hits, in the same order', async () => {
    const files: Record<string, string> = {};
    for (let j = 0; j < 12; j++) {
      for (let st = 0; st < 4; st++) {
        const hit = (j * 4 + st) % 5 === 0 ? `x ${TOKEN} y\n` : '';
        files[`${WF}/job-${100 + j}/step-${101 + st}.txt`] = `${'filler line\n'.repeat(200 + j)}${hit}${Buffer.from(TOKEN).toString('hex')}\n`;
      }
    }
    const dir = writeTree(tmp(), files);
    const one = await runSearch({ pattern: TOKEN, mode: 'exact', corpus: evidenceCorpus(dir), parallel: false });
    const two = await runSearch({ pattern: TOKEN, mode: 'exact', corpus: evidenceCorpus(dir), parallel: true });
    expect(one.hits.length).toBe(48 + 10);
    expect(two.hits.map((h) => [h.file, h.line, h.encoding])).toEqual(one.hits.map((h) => [h.file, h.line, h.encoding]));
    expect([two.files, two.bytes]).toEqual([one.files, one.bytes]);
    const capped = await runSearch({ pattern: TOKEN, mode: 'exact', corpus: evidenceCorpus(dir), parallel: true, maxHits: 7 });
    expect(capped.hits.map((h) => h.file)).toEqual(one.hits.slice(0, 7).map((h) => h.file));
    expect(capped.capped).toBe(true);
  });

  it('a missing folder is a one-line error', () => {
    expect(() => evidenceCorpus(join(tmp(), 'nope'))).toThrow(/does not exist/);
  });
});

describe('runSearch over the disk cache (--cache)', () => {
  it('searches cached step outputs and the commands of cached builds, naming project, job, step and node', async () => {
    const dir = tmp();
    const cache = new DiskCache(dir);
    const host = 'https://circleci.com';
    await cache.put(`${host}output:gh/acme/payments/5015/104/2`, Buffer.from(outputJson('Uploading\n', `token=${TOKEN}\n`)), null);
    await cache.put(`${host}/api/v1.1/project/github/acme/payments/5016`, Buffer.from(JSON.stringify({ steps: [{ name: 'lint', actions: [{ step: 103, index: 0, bash_command: `echo ${TOKEN}` }] }] })), null);
    await cache.put(`${host}/api/v2/me`, Buffer.from(JSON.stringify({ login: TOKEN })), null);
    // A corrupt entry is skipped, never a crash.
    mkdirSync(dirname(cache.pathFor('broken')), { recursive: true });
    writeFileSync(cache.pathFor('broken'), 'not a header\nbody');
    const r = await runSearch({ pattern: TOKEN, mode: 'exact', corpus: cacheCorpus(dir) });
    expect(r.hits.map((h) => [h.project, h.job, h.step, h.node, h.field, h.line])).toEqual(
      expect.arrayContaining([
        ['gh/acme/payments', 5015, 104, 2, 'output', 2],
        ['gh/acme/payments', 5016, 103, 0, 'bash_command', 1],
      ]),
    );
    expect(r.hits).toHaveLength(2);
    expect(r.hits.every((h) => h.file.startsWith('v1/'))).toBe(true);
  });
});

describe('the regex guard', () => {
  // The JavaScript engines run regex search where ripgrep does not (SLEUTH_RG=off here); with rg, its linear engine
  // runs every pattern and refuses backreferences (test/search/rg-regex.test.ts).
  afterEach(() => vi.unstubAllEnvs());
  it('safe engine: (a+)+$ over a megabyte of a=a=… returns quickly', () => {
    const { re, linear } = compileSafeRegex('(a+)+$');
    expect(linear).toBe(true);
    const text = 'a=a='.repeat(262_144) + 'a'.repeat(5000) + '!';
    const t = performance.now();
    expect(re.exec(text)).toBeNull();
    expect(performance.now() - t).toBeLessThan(5000);
  });

  it('safe engine: key= followed by a million characters against a nested quantifier', () => {
    const { re } = compileSafeRegex('key=([a-z]+)*[0-9]');
    const t = performance.now();
    expect(re.exec(`key=${'x'.repeat(1_000_000)}`)).toBeNull();
    expect(performance.now() - t).toBeLessThan(5000);
  });

  it('time budget: a pattern the linear engine cannot run is abandoned on the file it is stuck on, the rest is searched', async () => {
    vi.stubEnv('SLEUTH_RG', 'off');
    const { linear } = compileSafeRegex('(?:x{1,20})+y');
    expect(linear).toBe(false);
    const dir = writeTree(tmp(), {
      [`${WF}/job-1/step-101.txt`]: `${'x'.repeat(5000)}\n`,
      [`${WF}/job-2/step-101.txt`]: 'xxy here\n',
    });
    const t = performance.now();
    const r = await runSearch({ pattern: '(?:x{1,20})+y', mode: 'regex', corpus: evidenceCorpus(dir), regexBudgetMs: 300 });
    expect(performance.now() - t).toBeLessThan(10_000);
    expect(r.warnings.join('\n')).toMatch(/job-1\/step-101\.txt: the regex took more than 0\.3 s/);
    expect(r.hits.map((h) => [h.job, h.match])).toEqual([[2, 'xxy']]);
  });

  it('backreferences and lookaround run under the time budget too', async () => {
    vi.stubEnv('SLEUTH_RG', 'off');
    const dir = writeTree(tmp(), { [`${WF}/job-1/step-101.txt`]: 'abab then cdcd\n' });
    const r = await runSearch({ pattern: '(cd)\\1', mode: 'regex', corpus: evidenceCorpus(dir) });
    expect(r.hits.map((h) => [h.line, h.column, h.match])).toEqual([[1, 11, 'cdcd']]);
  });

  it('refuses empty matches and bad syntax (exit 2)', () => {
    expect(() => compileSafeRegex('a*')).toThrow(/empty string/);
    expect(() => compileSafeRegex('(')).toThrow(/invalid regex/);
  });
});
