// The progress line of `sleuth download` (stderr on a terminal, redrawn in place with `\r`) is
// ended by a newline on every way out: done, failed, interrupted (interrupt*.test.ts) and an error
// thrown; nothing redraws it after that. Run as the real CLI in a child process.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ProgressMeter } from '../../src/evidence/progress.js';
import { SIM_PROJECT, SIM_SHARDS } from '../../src/sim/index.js';
import { TEST_TOKEN, useSim } from '../helpers/sim.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { bundleChild } from './child-bundle.js';

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

function sleuth(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const home = tmp();
  const env = { PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: join(home, 'config'), XDG_STATE_HOME: join(home, 'state'), CIRCLE_TOKEN: TEST_TOKEN, CIRCLE_HOST: sim().apiUrl };
  const child = spawn(process.execPath, [script, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** At least one frame was drawn, the last one is followed by a newline, and no frame comes after it. */
function expectLineEnded(stderr: string): void {
  const last = stderr.lastIndexOf('\r\x1b[2K[');
  expect(last, 'a progress frame was drawn').toBeGreaterThanOrEqual(0);
  const after = stderr.slice(last + 5);
  expect(after).toMatch(/^\[[#.]{24}\] \d+\/\d+[^\n\r]*\n/);
  expect(after.slice(after.indexOf('\n'))).not.toContain('\r');
  expect(stderr.endsWith('\n')).toBe(true);
}

const job = (n: number, out: string) => ['download', 'job', String(n), '--project', SIM_PROJECT, '--out', out, '--no-artifacts', '--no-cache'];

describe('the progress line ends with a newline', () => {
  it('when the download is complete (exit 0)', async () => {
    const r = await sleuth(job(SIM_SHARDS.job, join(tmp(), 'ev')));
    expect(r.code).toBe(0);
    expectLineEnded(r.stderr);
  });

  it('when it failed (a job that does not exist: exit 1, the failure on a line of its own)', async () => {
    const r = await sleuth(job(987_654, join(tmp(), 'ev')));
    expect(r.code).toBe(1);
    expectLineEnded(r.stderr);
    expect(r.stderr).toMatch(/\nsleuth: failed: [^\r]*987654/);
  });

  it('when an error is thrown after it was drawn (the last record cannot be written: exit 1, one line)', async () => {
    const out = join(tmp(), 'ev');
    // A folder where SHA256SUMS goes: every checkpoint fails, the last one ends the run with an error.
    mkdirSync(join(out, 'SHA256SUMS'), { recursive: true });
    const r = await sleuth(job(SIM_SHARDS.job, out));
    expect(r.code).toBe(1);
    expectLineEnded(r.stderr);
    expect(r.stderr).toMatch(/\nsleuth: [^\n]*SHA256SUMS[^\n]*\n$/);
  });
});

describe('ProgressMeter', () => {
  it('close() says the last word once; nothing is emitted after it, not even by a timer already set', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    try {
      const seen: number[] = [];
      const meter = new ProgressMeter(0, (p) => seen.push(p.done), 100);
      meter.add(3);
      meter.finish(1);
      // The second change waits for its timer (within the 100 ms interval).
      expect(seen).toEqual([0]);
      meter.close();
      expect(seen).toEqual([0, 1]);
      meter.finish(1);
      meter.close();
      meter.flush();
      vi.advanceTimersByTime(1_000);
      expect(seen).toEqual([0, 1]);
    } finally {
      vi.useRealTimers();
    }
  });
});
