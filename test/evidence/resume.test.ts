import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/evidence/index.js';
import { SIM_MALICIOUS, simWorkflowId } from '../../src/sim/index.js';
import { since, TEST_TOKEN, useSim } from '../helpers/sim.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { download, fingerprint, readJson, walk, WINDOW } from './helpers.js';

const sim = useSim({ requiredToken: TEST_TOKEN });
const tmp = useTmpDirs();
const WF896 = simWorkflowId(SIM_MALICIOUS.pipeline, SIM_MALICIOUS.workflow);

/** The window downloaded once, cleanly: what every interrupted or faulty run must end up equal to. */
let reference = new Map<string, string>();
beforeAll(async () => {
  const out = tmp();
  const r = await download(sim(), out);
  expect(r.outcome).toBe('complete');
  reference = fingerprint(out);
});

function stepOutputRecords(out: string): number {
  const m = readJson<Manifest>(join(out, 'manifest.json'));
  return m.files.filter((f) => f.kind === 'step-output').length;
}

function expectComplete(out: string): void {
  expect(fingerprint(out)).toEqual(reference);
  expect(walk(out).filter((e) => e.rel.includes('.sleuth-tmp-') || e.rel.endsWith('.sleuth-lock'))).toEqual([]);
  execFileSync('sha256sum', ['--quiet', '--strict', '-c', 'SHA256SUMS'], { cwd: out });
  const m = readJson<Manifest>(join(out, 'manifest.json'));
  expect(m.complete).toBe(true);
  expect(new Set(m.files.map((f) => f.path)).size).toBe(m.files.length);
}

describe('resume', () => {
  it('after an abort (AbortSignal) mid-way: a rerun completes the folder without refetching what was done', async () => {
    const out = tmp();
    const controller = new AbortController();
    const first = await download(sim(), out, {
      signal: controller.signal,
      progressIntervalMs: 0,
      onProgress: (p) => {
        if (p.done >= 60) controller.abort();
      },
    });
    expect(first.outcome).toBe('interrupted');
    expect(first.failures).toEqual([]);
    const m1 = readJson<Manifest>(join(out, 'manifest.json'));
    expect(m1.complete).toBe(false);
    expect(m1.runs[0]!.outcome).toBe('interrupted');
    // What is recorded is whole and verifiable already.
    execFileSync('sha256sum', ['--quiet', '--strict', '-c', 'SHA256SUMS'], { cwd: out });
    const doneOutputs = stepOutputRecords(out);
    expect(doneOutputs).toBeGreaterThan(0);
    expect(fingerprint(out).size).toBeLessThan(reference.size);

    // A kill -9 would also leave a temporary file behind: it must not count, and is cleaned up.
    writeFileSync(join(out, WF896, '.sleuth-tmp-00112233aabbccdd'), 'half a file');

    const mark = sim().requests.length;
    const second = await download(sim(), out);
    expect(second.outcome).toBe('complete');
    // Only what the first run had not finished is fetched: every output exactly once over both runs.
    expect(second.stepOutputs.fetched).toBe(stepOutputRecords(out) - doneOutputs);
    expect(since(sim(), mark).filter((r) => r.server === 'storage' && r.url.startsWith('/output/')).length).toBe(second.stepOutputs.fetched);
    expect(second.notes.join(' ')).toMatch(/removed 1 temporary file/);
    expectComplete(out);
  });

  it('after kill -9 of a download in another process', async () => {
    const dir = tmp();
    const script = join(dir, 'child.mjs');
    await build({ entryPoints: [join(__dirname, 'child-download.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: script, logLevel: 'silent', banner: { js: "import { createRequire as __sleuthCreateRequire } from 'node:module'; const require = __sleuthCreateRequire(import.meta.url);" } });
    const out = join(dir, 'evidence');
    sim().options.latencyMs = 5;
    let killedAt = 0;
    try {
      const child = spawn(process.execPath, [script, JSON.stringify({ host: sim().apiUrl, token: TEST_TOKEN, artifacts: sim().artifactsUrl, out, target: WINDOW, concurrency: 4 })], { stdio: ['ignore', 'pipe', 'pipe'] });
      let buf = '';
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
      child.stdout.on('data', (d: Buffer) => {
        buf += d.toString();
        const lines = buf.split('\n');
        buf = lines.pop() ?? '';
        for (const line of lines) {
          const p = JSON.parse(line) as { done?: number };
          // past the first checkpoints, in the middle of the work
          if (!killedAt && (p.done ?? 0) >= 150) {
            killedAt = p.done!;
            child.kill('SIGKILL');
          }
        }
      });
      const how = await exited;
      expect(stderr).toBe('');
      expect(how).toBe('SIGKILL');
    } finally {
      sim().options.latencyMs = 0;
    }
    expect(killedAt).toBeGreaterThan(0);
    // The killed run left its lock (its pid is gone) and a manifest of what it had finished.
    expect(existsSync(join(out, '.sleuth-lock'))).toBe(true);
    expect(existsSync(join(out, 'manifest.json'))).toBe(true);
    const recorded = stepOutputRecords(out);
    expect(recorded).toBeGreaterThan(0);
    // Each checkpoint carries the counts so far: the record of a killed run is true, not "0 files".
    const killed = readJson<Manifest>(join(out, 'manifest.json'));
    expect(killed.runs[0]!.outcome).toBe('running');
    expect(killed.runs[0]!.files_written).toBe(killed.files.length);
    expect(killed.runs[0]!.bytes_written).toBe(killed.files.reduce((n, f) => n + f.size, 0));
    const mark = sim().requests.length;
    const again = await download(sim(), out);
    expect(again.outcome).toBe('complete');
    // Outputs the killed run recorded are not fetched again (it may have fetched a few it never recorded).
    expect(again.stepOutputs.fetched).toBe(stepOutputRecords(out) - recorded);
    expect(since(sim(), mark).filter((r) => r.server === 'storage' && r.url.startsWith('/output/')).length).toBe(again.stepOutputs.fetched);
    expectComplete(out);
  });
});

describe('faults', () => {
  it('15% of API requests failing with 502 plus a rate limit still ends complete', async () => {
    const out = tmp();
    const o = sim().options;
    Object.assign(o, { fail502Ratio: 0.15, rateLimitEvery: 9, rateLimitRetryAfterSec: 0, seed: 7 });
    const mark = sim().requests.length;
    try {
      const r = await download(sim(), out);
      expect(r.failures).toEqual([]);
      expect(r.outcome).toBe('complete');
    } finally {
      Object.assign(o, { fail502Ratio: 0, rateLimitEvery: 0, rateLimitRetryAfterSec: 1 });
    }
    const reqs = since(sim(), mark);
    expect(reqs.filter((x) => x.status === 502).length).toBeGreaterThan(10);
    expect(reqs.filter((x) => x.status === 429).length).toBeGreaterThan(10);
    expectComplete(out);
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
    expect(m.files.every((f) => f.status === 200)).toBe(true);
  });
});
