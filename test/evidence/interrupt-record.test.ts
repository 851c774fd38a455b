// What an interrupted `sleuth download` leaves in manifest.json, with the real CLI in a child
// process stopped while a response is provably half received (a proxy sends part of a body and
// then nothing): the 20 MB step output of the nightly job, or an API answer. The stop must not
// wait for the rest of that body; the run's record says interrupted, with the files and bytes
// this run wrote, and the progress line is ended by a newline.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileRecord, Manifest } from '../../src/evidence/index.js';
import { SIM_HUGE_LOG, SIM_PROJECT } from '../../src/sim/index.js';
import { TEST_TOKEN, useSim } from '../helpers/sim.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { bundleChild } from './child-bundle.js';
import { readJson, walk } from './helpers.js';
import { startStallProxy, type StallProxy } from './stall-proxy.js';

const sim = useSim({ requiredToken: TEST_TOKEN });
const tmp = useTmpDirs();
let script = '';
let scriptDir = '';

beforeAll(async () => {
  scriptDir = mkdtempSync(join(tmpdir(), 'sleuth-test-'));
  script = join(scriptDir, 'sleuth.mjs');
  await bundleChild('child-cli.ts', script);
}, 60_000);
afterAll(() => rmSync(scriptDir, { recursive: true, force: true }));

/** Polls `cond` (a condition, not a sleep) until it holds; fails if the child exits first or after `ms`. */
async function until(cond: () => boolean, exited: { done: boolean }, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (exited.done) throw new Error(`the download ended before ${what}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Evidence files on disk (not the bookkeeping, not temporary files). */
const evidenceFiles = (out: string): number => {
  try {
    return walk(out).filter((e) => e.kind === 'file' && /\.(json|txt)$/.test(e.rel) && e.rel !== 'manifest.json').length;
  } catch {
    return 0;
  }
};

interface Stopped { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

/** A proxy in front of the API and one in front of storage (the API's links rewritten to it), for one test. */
async function proxies(): Promise<{ api: StallProxy; storage: StallProxy; close: () => Promise<void> }> {
  const storage = await startStallProxy(sim().storageUrl);
  const api = await startStallProxy(sim().apiUrl, { rewrite: (b) => b.split(sim().storageUrl).join(storage.url) });
  return { api, storage, close: async () => { await api.close(); await storage.close(); } };
}

/**
 * Runs `sleuth download job 5080` (the 20 MB step output) through `via`, whose hold functions
 * pick the answers left half sent. Once such a body is half in, files are on disk and the progress
 * line is drawn, sends `sig`; resolves when the child exits (it must, without the rest of the body).
 */
async function stopWhileHeld(out: string, sig: NodeJS.Signals, via: { api: StallProxy; storage: StallProxy }): Promise<Stopped> {
  const home = tmp();
  const env = { PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: join(home, 'config'), XDG_STATE_HOME: join(home, 'state'), CIRCLE_TOKEN: TEST_TOKEN, CIRCLE_HOST: via.api.url };
  const heldBefore = via.api.held.length + via.storage.held.length;
  const args = ['download', 'job', String(SIM_HUGE_LOG.job), '--project', SIM_PROJECT, '--out', out, '--no-artifacts', '--no-cache', '--concurrency', '2'];
  const child = spawn(process.execPath, [script, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = { done: false };
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => {
    exited.done = true;
    resolve({ code, signal });
  }));
  const held = () => via.api.held.length + via.storage.held.length > heldBefore;
  try {
    await until(() => held() && evidenceFiles(out) > 0 && stderr.includes('\r'), exited, 'a half-sent body, files on disk and a progress line');
  } catch (e) {
    child.kill('SIGKILL');
    await exit;
    throw new Error(`${(e as Error).message}; stderr: ${JSON.stringify(stderr.slice(-400))}`);
  }
  child.kill(sig);
  // The rest of the held body never comes: the child must stop without it.
  let stuck: NodeJS.Timeout | undefined;
  const how = await Promise.race([exit, new Promise<null>((r) => (stuck = setTimeout(() => r(null), 20_000)))]);
  clearTimeout(stuck);
  if (how === null) {
    child.kill('SIGKILL');
    throw new Error(`the download did not stop on ${sig} while ${[...via.api.held, ...via.storage.held].at(-1)} was half received`);
  }
  return { ...how, stdout, stderr };
}

/** The last run recorded says interrupted, and its counts are the files and bytes it wrote. */
function expectInterruptedRecord(out: string, before: FileRecord[] = []): Manifest {
  const m = readJson<Manifest>(join(out, 'manifest.json'));
  const run = m.runs.at(-1)!;
  expect(run.outcome).toBe('interrupted');
  expect(run.finished_at).toMatch(/Z$/);
  const earlier = new Map(before.map((f) => [f.path, f.sha256]));
  const mine = m.files.filter((f) => earlier.get(f.path) !== f.sha256);
  expect(mine.length).toBeGreaterThan(0);
  expect(run.files_written + run.files_replaced).toBe(mine.length);
  expect(run.bytes_written).toBe(mine.reduce((n, f) => n + f.size, 0));
  expect(existsSync(join(out, '.sleuth-lock'))).toBe(false);
  return m;
}

/** The progress line (`\r`-drawn) is the last thing drawn before a newline: nothing redraws it after. */
function expectProgressEnded(stderr: string): void {
  const last = stderr.lastIndexOf('\r\x1b[2K');
  expect(last).toBeGreaterThanOrEqual(0);
  expect(stderr.slice(last)).toMatch(/^\r\x1b\[2K\[[#.]{24}\] \d+\/\d+[^\n\r]*\n/);
}

const HUGE = (_path: string, size: number): boolean => size > 1_000_000;
const V1_BUILD = (path: string): boolean => path.startsWith('/api/v1.1/');

describe.each([['SIGINT', 130], ['SIGTERM', 143]] as const)('%s while the 20 MB step output is half received', (sig, code) => {
  it(`stops without the rest of the body; the run is recorded as interrupted with what it wrote; exit ${code}`, async () => {
    const out = join(tmp(), 'evidence');
    const via = await proxies();
    via.storage.hold = HUGE;
    const r = await stopWhileHeld(out, sig, via).finally(via.close);
    expect({ code: r.code, signal: r.signal }).toEqual({ code, signal: null });
    const m = expectInterruptedRecord(out);
    // The half-received output left no file and no record.
    expect(m.files.some((f) => f.step === SIM_HUGE_LOG.step)).toBe(false);
    expectProgressEnded(r.stderr);
    expect(r.stdout).toMatch(/^interrupted: /);
  });
});

describe('SIGINT while an API answer is half received (API calls take no signal)', () => {
  it('stops without waiting for that answer; the run is recorded as interrupted; exit 130', async () => {
    const out = join(tmp(), 'evidence');
    const via = await proxies();
    via.api.hold = V1_BUILD;
    const r = await stopWhileHeld(out, 'SIGINT', via).finally(via.close);
    expect({ code: r.code, signal: r.signal }).toEqual({ code: 130, signal: null });
    expectInterruptedRecord(out);
    expectProgressEnded(r.stderr);
    expect(r.stderr).toMatch(/sleuth: interrupted; run the same command again/);
  });
});

describe('a rerun interrupted in its turn', () => {
  it('counts only the files and bytes it wrote itself', async () => {
    const out = join(tmp(), 'evidence');
    const via = await proxies();
    try {
      via.api.hold = V1_BUILD;
      expect((await stopWhileHeld(out, 'SIGINT', via)).code).toBe(130);
      const first = readJson<Manifest>(join(out, 'manifest.json'));
      via.api.hold = () => false;
      via.storage.hold = HUGE;
      const r = await stopWhileHeld(out, 'SIGTERM', via);
      expect(r.code).toBe(143);
      const m = expectInterruptedRecord(out, first.files);
      expect(m.runs.map((x) => x.outcome)).toEqual(['interrupted', 'interrupted']);
      // The second run wrote files the first had not (step-info, outputs), and only those count.
      expect(m.runs[1]!.files_written).toBeLessThan(m.files.length);
    } finally {
      await via.close();
    }
  });
});
