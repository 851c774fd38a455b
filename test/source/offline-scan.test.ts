// The evidence walk reads a small directory in one call and a big one through the directory stream (never the
// whole listing of a hostile folder at once): both give the same answer, and the entry budget holds on both.
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanEvidence } from '../../src/source/offline/scan.js';
import { useTmpDirs } from '../helpers/tmp.js';

const tmp = useTmpDirs();
const WF = '3f1c2e7a-0b4d-4e8a-9c1f-5a6b7c8d9e0f';

function jobWith(root: string, job: number, junk: number): string {
  const dir = join(root, WF, `job-${job}`);
  mkdirSync(dir, { recursive: true });
  for (const name of ['step-101.txt', 'step-102-node-1.txt', 'step-103.json', 'step-info.json']) writeFileSync(join(dir, name), '{}');
  for (let i = 0; i < junk; i++) writeFileSync(join(dir, `junk-${i}`), '');
  return dir;
}

const summary = (r: Awaited<ReturnType<typeof scanEvidence>>) =>
  r.workflows.map((w) => ({ id: w.id, jobs: w.jobs.map((j) => ({ n: j.number, steps: [...j.steps.keys()].sort(), files: [...j.files] })) }));

describe('scanEvidence', () => {
  it('finds the same layout in a small job folder and in one too big to list at once', async () => {
    const small = tmp();
    jobWith(small, 7, 10);
    const big = tmp();
    const bigDir = jobWith(big, 7, 20_000);
    // On this file system the big folder must really be past the one-call size (else this test proves nothing).
    expect(statSync(bigDir).size).toBeGreaterThan(256 * 1024);
    const a = await scanEvidence(small, 250_000);
    const b = await scanEvidence(big, 250_000);
    expect(summary(b)).toEqual(summary(a));
    expect(summary(a)[0]!.jobs[0]).toEqual({ n: 7, steps: ['101:0', '102:1', '103:0'], files: ['step-info.json'] });
    expect(b.warnings).toEqual([]);
  }, 30_000);

  it('stops at the entry budget in both kinds of folder', async () => {
    const small = tmp();
    jobWith(small, 7, 10);
    const big = tmp();
    jobWith(big, 7, 20_000);
    for (const root of [small, big]) {
      const r = await scanEvidence(root, 8);
      expect(r.warnings).toContain('stopped reading the folder after 8 entries; later entries are not shown');
    }
  }, 30_000);
});
