// Ctrl-C (SIGINT) and SIGTERM during `sleuth download`, sent to a real child process running the
// real CLI: the run stops gracefully, records itself as interrupted with what it wrote, releases
// its lock, ends the progress line with a newline, exits 128+n, and a rerun completes the folder.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/evidence/index.js';
import { SIM_PROJECT } from '../../src/sim/index.js';
import { TEST_TOKEN, useSim } from '../helpers/sim.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { bundleChild } from './child-bundle.js';
import { download, pipelineAt, readJson, walk } from './helpers.js';

const sim = useSim({ requiredToken: TEST_TOKEN });
const tmp = useTmpDirs();
let script = '';
let tuiScript = '';

let scriptDir = '';
afterAll(() => rmSync(scriptDir, { recursive: true, force: true }));
beforeAll(async () => {
  // Outlives each test's temp dirs: both tests run it.
  scriptDir = mkdtempSync(join(tmpdir(), 'sleuth-test-'));
  script = join(scriptDir, 'sleuth.mjs');
  tuiScript = join(scriptDir, 'tui-download.mjs');
  await Promise.all([bundleChild('child-cli.ts', script), bundleChild('child-tui-download.ts', tuiScript)]);
}, 60_000);

/** Polls `cond` until it holds (a condition, not a sleep): rejects if `gone` settles first or after `ms`. */
async function until(cond: () => boolean, gone: Promise<unknown>, describe?: () => string, ms = 15_000): Promise<void> {
  let ended = false;
  void gone.then(() => (ended = true));
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (ended) throw new Error(`the download ended before the condition held${describe ? `: ${describe()}` : ''}`);
    if (Date.now() > deadline) throw new Error('timed out waiting for the download');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Step texts in the folder so far (the child renames files while we look: a vanished one means look again). */
function stepTexts(out: string): number {
  try {
    return walk(out).filter((e) => /\/step-\d+(-node-\d+)?\.txt$/.test(e.rel)).length;
  } catch {
    return 0;
  }
}

/** Runs `script args` against a slow simulator; once some outputs are in `out`, `stop(child)`. */
async function stopMidway(script: string, args: string[], out: string, stop: (child: ChildProcess) => void) {
  const home = tmp();
  const env = { PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: join(home, 'config'), CIRCLE_TOKEN: TEST_TOKEN, CIRCLE_HOST: sim().apiUrl };
  sim().options.latencyMs = 20;
  try {
    const child = spawn(process.execPath, [script, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    // In the middle of the work: some outputs are written, most are not.
    await until(() => stepTexts(out) >= 5, exited, () => stderr.slice(-500));
    stop(child);
    const how = await exited;
    return { how, stdout, stderr };
  } finally {
    sim().options.latencyMs = 0;
  }
}

function interrupt(sig: 'SIGINT' | 'SIGTERM') {
  const out = join(tmp(), 'evidence');
  const args = ['download', 'project', SIM_PROJECT, '--since', pipelineAt(896), '--until', pipelineAt(898), '--out', out, '--artifacts-host', sim().artifactsUrl, '--no-cache', '--concurrency', '2'];
  return stopMidway(script, args, out, (child) => child.kill(sig)).then((r) => ({ out, ...r }));
}

/** The folder records an interrupted run with what it wrote, is verifiable and unlocked, and a rerun completes it. */
async function expectInterruptedThenResumable(out: string): Promise<void> {
  const m = readJson<Manifest>(join(out, 'manifest.json'));
  const run = m.runs.at(-1)!;
  expect(run.outcome).toBe('interrupted');
  expect(run.finished_at).toMatch(/Z$/);
  expect(m.complete).toBe(false);
  expect(m.files.length).toBeGreaterThanOrEqual(5);
  expect(run.files_written).toBe(m.files.length);
  expect(run.bytes_written).toBe(m.files.reduce((n, f) => n + f.size, 0));
  expect(existsSync(join(out, '.sleuth-lock'))).toBe(false);
  execFileSync('sha256sum', ['--quiet', '--strict', '-c', 'SHA256SUMS'], { cwd: out });
  const recorded = m.files.filter((f) => f.kind === 'step-output').length;
  expect(readdirSync(out).some((n) => n.startsWith('.sleuth-tmp-'))).toBe(false);

  const again = await download(sim(), out);
  expect(again.outcome).toBe('complete');
  expect(again.stepOutputs.fetched).toBe(readJson<Manifest>(join(out, 'manifest.json')).files.filter((f) => f.kind === 'step-output').length - recorded);
  execFileSync('sha256sum', ['--quiet', '--strict', '-c', 'SHA256SUMS'], { cwd: out });
}

describe.each([['SIGINT', 130], ['SIGTERM', 143]] as const)('%s during a download', (sig, code) => {
  it(`stops gracefully: manifest says interrupted with what was written, lock released, newline after the progress line, exit ${code}; a rerun completes`, async () => {
    const { out, how, stdout, stderr } = await interrupt(sig);
    expect(how).toEqual({ code, signal: null });
    expect(stderr).toContain('stopping after the requests in flight');
    expect(stderr).toMatch(/sleuth: interrupted; run the same command again/);
    // The last progress frame is ended by a newline, not left for the prompt to overwrite.
    const lastFrame = stderr.slice(stderr.lastIndexOf('\r\x1b[2K') + 5);
    expect(lastFrame).toMatch(/^\[[#.]{24}\] \d+\/\d+[^\n]*\n/);
    expect(stdout).toMatch(/^interrupted: /);
    await expectInterruptedThenResumable(out);
  });
});

describe('a download started from the TUI (d)', () => {
  const args = (out: string) => [JSON.stringify({ host: sim().apiUrl, token: TEST_TOKEN, artifacts: sim().artifactsUrl, out, project: SIM_PROJECT, since: pipelineAt(896), until: pipelineAt(898) })];

  it('quitting the TUI stops it gracefully before the session closes', async () => {
    const out = join(tmp(), 'evidence');
    const { how, stdout, stderr } = await stopMidway(tuiScript, args(out), out, (child) => child.stdin!.write('q\n'));
    expect(stderr).toBe('');
    expect(how).toEqual({ code: 0, signal: null });
    expect(JSON.parse(stdout)).toMatchObject({ complete: false, summary: expect.stringMatching(/^interrupted: /) });
    await expectInterruptedThenResumable(out);
  });

  it('SIGTERM stops it gracefully, then ends the process as SIGTERM would', async () => {
    const out = join(tmp(), 'evidence');
    const { how, stderr } = await stopMidway(tuiScript, args(out), out, (child) => child.kill('SIGTERM'));
    expect(stderr).toBe('');
    expect(how).toEqual({ code: null, signal: 'SIGTERM' });
    await expectInterruptedThenResumable(out);
  });
});
