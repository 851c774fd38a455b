// manifest.json is read back on every run, and it is input like any other: a damaged entry is
// dropped with a note, never a reason for the run (or one file of it) to fail again and again.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/evidence/index.js';
import { SIM_MALICIOUS, SIM_PROJECT, simWorkflowId } from '../../src/sim/index.js';
import { TEST_TOKEN, useSim } from '../helpers/sim.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { download, readJson } from './helpers.js';

const sim = useSim({ requiredToken: TEST_TOKEN });
const tmp = useTmpDirs();
const JOB = SIM_MALICIOUS.jobs.build;
const INFO = `${simWorkflowId(SIM_MALICIOUS.pipeline, SIM_MALICIOUS.workflow)}/job-${JOB}/job-info.json`;

describe('a manifest whose file record lists earlier digests as something that is not a list', () => {
  it.each([['an object', { x: 1 }], ['a number', 42], ['a list of junk', [1, 'a', { sha256: 'nope' }]]])('(%s): the file is replaced and recorded on the next run, not failed for ever', async (_what, junk) => {
    const out = tmp();
    const target = { kind: 'job' as const, project: SIM_PROJECT, number: JOB };
    expect((await download(sim(), out, { target })).outcome).toBe('complete');
    const path = join(out, 'manifest.json');
    const m = JSON.parse(readFileSync(path, 'utf8')) as Manifest & { files: Record<string, unknown>[] };
    const rec = m.files.find((f) => f.path === INFO)!;
    // Another digest on record (so the next run replaces the file) and a `replaced` that cannot be spread.
    Object.assign(rec, { sha256: '0'.repeat(64), replaced: junk });
    m.jobs[String(JOB)]!.complete = false;
    writeFileSync(path, JSON.stringify(m));

    const again = await download(sim(), out, { target });
    expect(again.failures).toEqual([]);
    expect(again.outcome).toBe('complete');
    expect(again.files.replaced).toBe(1);
    expect(again.notes.join(' ')).toMatch(/did not validate and were ignored/);
    const after = readJson<Manifest>(path).files.find((f) => f.path === INFO)!;
    expect(after.replaced).toEqual([{ sha256: '0'.repeat(64), size: expect.any(Number), fetched_at: expect.any(String), replaced_at: expect.any(String) }]);
  });
});
