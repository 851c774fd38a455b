import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Command } from 'commander';
import { registerSearch, searchCommand } from '../../src/cli/commands/search.js';
import { UsageError } from '../../src/util/errors.js';
import { DiskCache } from '../../src/cache/disk-cache.js';
import { captureIo } from '../helpers/io.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { fake, outputJson, WF, writeTree } from './helpers.js';

const TOKEN = fake('ghp_', 'Rz4Xq8Lm2Vn7Kp1Wt9Yb', '3Cs6Df0Gh5Jk8Mn2');
const tmp = useTmpDirs();

function evidence(): string {
  return writeTree(tmp(), {
    [`circleci-output/${WF}/job-5016/step-103.txt`]: `> lint\n\x1b]0;pwned\x07Error: git clone https://x:${TOKEN}@github.com/a.git\n`,
    [`circleci-output/${WF}/job-5016/step-104-node-2.txt`]: `blob ${Buffer.from(`T=${TOKEN}`).toString('base64')}\n`,
    [`circleci-output/${WF}/job-5020/step-101.txt`]: 'nothing to see\n',
  });
}

describe('sleuth search (command)', () => {
  it('prints hits grouped by file with job, step and node, the line sanitized and the match marked', async () => {
    const cwd = evidence();
    const c = captureIo({}, { cwd });
    expect(await searchCommand(TOKEN, undefined, {}, c.io)).toBe(0);
    expect(c.out()).toBe(
      [
        `${WF}/job-5016/step-103.txt  job 5016 · step 103`,
        // The OSC title sequence is shown, not obeyed; the column counts the raw characters.
        `2:38:^[]0;pwned^GError: git clone https://x:${TOKEN}@github.com/a.git`,
        '',
        `${WF}/job-5016/step-104-node-2.txt  job 5016 · step 104 · node 2`,
        // The fragment that depends only on the token starts 3 characters into the blob.
        `1:9:[base64 (offset 2)] blob ${Buffer.from(`T=${TOKEN}`).toString('base64')}`,
        '',
      ].join('\n'),
    );
    expect(c.out()).not.toContain('\x1b');
  });

  it('--json: one object per hit with file, workflow, job, step, node, line, column, match, encoding', async () => {
    const cwd = evidence();
    const c = captureIo({}, { cwd });
    expect(await searchCommand(TOKEN, 'circleci-output', { json: true }, c.io)).toBe(0);
    const hits = JSON.parse(c.out()) as Record<string, unknown>[];
    expect(hits[0]).toEqual({
      file: `${WF}/job-5016/step-103.txt`,
      workflow_id: WF,
      job: 5016,
      step: 103,
      node: 0,
      field: 'output',
      origin: 'evidence',
      line: 2,
      column: 38,
      match: TOKEN,
      encoding: 'raw',
      via: [],
    });
    expect(hits[1]).toMatchObject({ node: 2, encoding: 'base64 (offset 2)' });
  });

  it('colours the match only on a terminal', async () => {
    const cwd = evidence();
    const c = captureIo({ FORCE_COLOR: '1' }, { cwd, tty: true });
    await searchCommand(TOKEN, undefined, {}, c.io);
    expect(c.out()).toContain(`\x1b[31m\x1b[1m${TOKEN}\x1b[22m\x1b[39m`);
    expect(c.err()).toMatch(/2 hits in 3 files/);
  });

  it('exit 1 when nothing matches, 2 for a value too short to mask, a missing folder or conflicting modes', async () => {
    const cwd = evidence();
    expect(await searchCommand('not-in-there-at-all', undefined, {}, captureIo({}, { cwd }).io)).toBe(1);
    await expect(searchCommand('abc', undefined, {}, captureIo({}, { cwd }).io)).rejects.toThrow(/not searched: values shorter than 4 characters/);
    await expect(searchCommand('abc', undefined, {}, captureIo({}, { cwd }).io)).rejects.toBeInstanceOf(UsageError);
    await expect(searchCommand('true', undefined, {}, captureIo({}, { cwd }).io)).rejects.toThrow(/never masked/);
    await expect(searchCommand(TOKEN, 'missing', {}, captureIo({}, { cwd }).io)).rejects.toThrow(/evidence folder missing does not exist/);
    await expect(searchCommand(TOKEN, undefined, { regex: true, fuzzy: true }, captureIo({}, { cwd }).io)).rejects.toThrow(/pick one/);
  });

  it('--regex and --fuzzy', async () => {
    const cwd = evidence();
    const r = captureIo({}, { cwd });
    expect(await searchCommand('gh[pousr]_[A-Za-z0-9]{36}', undefined, { regex: true, json: true }, r.io)).toBe(0);
    expect((JSON.parse(r.out()) as unknown[]).length).toBe(1);
    const f = captureIo({}, { cwd });
    expect(await searchCommand('nothing to se', undefined, { fuzzy: true }, f.io)).toBe(0);
    expect(f.out()).toContain('job 5020');
  });

  it('--cache searches the disk cache (SLEUTH_CACHE_DIR)', async () => {
    const dir = tmp();
    await new DiskCache(dir).put('https://circleci.comoutput:gh/acme/payments/5015/104/0', Buffer.from(outputJson(`x ${TOKEN}\n`)), null);
    const c = captureIo({ SLEUTH_CACHE_DIR: dir }, { cwd: tmp() });
    expect(await searchCommand(TOKEN, undefined, { cache: true, json: true }, c.io)).toBe(0);
    expect(JSON.parse(c.out())).toMatchObject([{ project: 'gh/acme/payments', job: 5015, step: 104, node: 0, line: 1, column: 3, origin: 'cache' }]);
    // With a folder too, both are searched (test/search/mixed-corpus.test.ts: each step output once); a missing folder is still a usage error.
    await expect(searchCommand(TOKEN, 'dir', { cache: true }, c.io)).rejects.toThrow(/evidence folder dir does not exist/);
  });
});

/** `sleuth search …` through commander, wired the way register.ts wires it (see the report's snippet). */
async function sleuth(args: string[], cwd: string) {
  const c = captureIo({}, { cwd });
  let code = 0;
  const program = new Command('sleuth').exitOverride().configureOutput({ writeOut: (s) => c.io.out.write(s), writeErr: (s) => c.io.err.write(s) });
  registerSearch(program, c.io, {
    run: (fn) => async (...a: unknown[]) => {
      code = await (fn as (...x: unknown[]) => Promise<number>)(...a.slice(0, -1));
    },
  });
  try {
    await program.parseAsync(['node', 'sleuth', 'search', ...args]);
  } catch (e) {
    if (e instanceof UsageError) {
      c.io.err.write(`sleuth: ${e.message}\n`);
      code = 2;
    } else if ((e as { code?: string }).code?.startsWith('commander.')) code = 2;
    else throw e;
  }
  return { code, out: c.out(), err: c.err() };
}

describe('sleuth search (through commander)', () => {
  it('parses flags and exits 0 / 1 / 2', async () => {
    const cwd = evidence();
    const ok = await sleuth([TOKEN, '--json', '--max-hits', '1'], cwd);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toHaveLength(1);
    expect(ok.err).toMatch(/stopped after 1 hits/);
    expect((await sleuth(['absent-value', join(cwd, 'circleci-output')], cwd)).code).toBe(1);
    const bad = await sleuth(['ab'], cwd);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^sleuth: not searched/);
    expect((await sleuth([TOKEN, '--max-hits', 'lots'], cwd)).code).toBe(2);
    expect((await sleuth(['[a-z', '--regex'], cwd)).err).toMatch(/invalid regex/);
  });
});
