// security.md §7 case 29: the token never travels in argv (where `ps` shows it to other users) nor in the environment
// of a child process. sleuth refuses it as an option and starts no child process at all (no pager, editor or opener);
// its worker threads get the search pattern, never the token; no request carries it in a query string.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { SIM_MALICIOUS, SIM_PROJECT } from '../../src/sim/story.js';
import { captureIo } from '../helpers/io.js';
import { TEST_TOKEN, useSim } from '../helpers/sim.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { tokenLeaks } from './token-forms.js';

const sim = useSim();
const tmp = useTmpDirs();
const SRC = resolve(import.meta.dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx|mts|js|mjs)$/.test(name) ? [p] : [];
  });
}

async function sleuth(args: string[]) {
  const c = captureIo({ CIRCLE_HOST: sim().apiUrl, SLEUTH_CACHE_DIR: tmp() }, { cwd: tmp() });
  const code = await main(['node', 'sleuth', ...args], c.io);
  return { code, text: c.out() + c.err() };
}

describe('token_not_in_child_env_or_argv', () => {
  it('only the ripgrep runner starts a child process, and it gives rg no environment and no token', async () => {
    const files = sourceFiles(SRC).filter((f) => !relative(SRC, f).startsWith('sim/'));
    expect(files.length).toBeGreaterThan(50); // harness check: the walk found the sources
    const spawning = files.filter((f) => /from\s+['"](?:node:)?child_process['"]|require\(\s*['"](?:node:)?child_process['"]\s*\)|process\.binding\(\s*['"]spawn_sync/.test(readFileSync(f, 'utf8')));
    // Should another be needed (a pager, $EDITOR, an opener), it must get an env without CIRCLE_TOKEN and friends.
    expect(spawning.map((f) => relative(SRC, f))).toEqual(['search/rg/run-rg.ts']);
    const runner = readFileSync(join(SRC, 'search/rg/run-rg.ts'), 'utf8');
    const calls = runner.match(/(?:spawn|execFileSync)\([^;]*?\);/gs) ?? [];
    expect(calls.length).toBe(2); // harness check: both ways rg is started were found
    for (const call of calls) expect(call).toMatch(/env: rgEnv\(\)/);
    const { rgEnv } = await import('../../src/search/rg/run-rg.js');
    process.env.CIRCLE_TOKEN = TEST_TOKEN;
    try {
      expect(tokenLeaks(JSON.stringify(rgEnv()), TEST_TOKEN)).toEqual([]);
      expect(rgEnv()).toEqual({});
    } finally {
      delete process.env.CIRCLE_TOKEN;
    }
  });

  it('worker threads are given the pattern and options only, never the token or the environment', () => {
    const workers = sourceFiles(SRC).filter((f) => /new Worker\(/.test(readFileSync(f, 'utf8')));
    expect(workers.length).toBeGreaterThan(0); // harness check
    for (const f of workers) {
      const text = readFileSync(f, 'utf8');
      for (const call of text.match(/new Worker\([^)]*\)/g) ?? []) expect(call, relative(SRC, f)).not.toMatch(/token|env\s*:/i);
    }
  });

  it.each([
    ['--token TOKEN', ['pipelines', '--project', SIM_PROJECT, '--token', TEST_TOKEN]],
    ['--circle-token TOKEN', ['doctor', '--circle-token', TEST_TOKEN]],
    ['-t TOKEN', ['pipelines', '--project', SIM_PROJECT, '-t', TEST_TOKEN]],
    ['TOKEN as an argument', [TEST_TOKEN]],
  ])('refuses a token on the command line (%s): exit 2, nothing requested, nothing repeated', async (_label, args) => {
    const mark = sim().requests.length;
    const r = await sleuth(args);
    expect(r.code).toBe(2);
    expect(sim().requests.slice(mark)).toEqual([]);
    expect(tokenLeaks(r.text, TEST_TOKEN)).toEqual([]);
  });

  // Was a defect: commander's "unknown option '--token=…'" repeated the whole argument, token included, on
  // stderr (into a screen share, a terminal log or CI output).
  it('refuses --token=<value> without repeating the value', async () => {
    const r = await sleuth(['pipelines', '--project', SIM_PROJECT, `--token=${TEST_TOKEN}`]);
    expect(r.code).toBe(2);
    expect(tokenLeaks(r.text, TEST_TOKEN)).toEqual([]);
  });

  it('no request of a download carries the token in its URL (no circle-token= query), only in the header', async () => {
    const mark = sim().requests.length;
    const c = captureIo({ CIRCLE_TOKEN: TEST_TOKEN, CIRCLE_HOST: sim().apiUrl, SLEUTH_CACHE_DIR: tmp() }, { cwd: tmp() });
    const code = await main(['node', 'sleuth', 'download', 'job', String(SIM_MALICIOUS.jobs.test), '--project', SIM_PROJECT, '--out', tmp(), '--artifacts-host', sim().artifactsUrl], c.io);
    expect(code).toBe(0);
    const seen = sim().requests.slice(mark);
    expect(seen.filter((r) => r.headers['circle-token'] === TEST_TOKEN).length).toBeGreaterThan(0); // harness check
    for (const r of seen) expect(tokenLeaks(decodeURIComponent(r.url), TEST_TOKEN), r.url).toEqual([]);
  });
});
