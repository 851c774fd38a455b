// security.md §7 case 21: a secret that appears only in a step's bash_command (never in its output) is found by
// search and by the scanner, in an evidence folder the real downloader wrote and in the disk cache the API client
// filled, and each hit says it was the command, of which step.
import { afterEach, describe, expect, it } from 'vitest';
import { scanCorpus } from '../../src/scan/scan-corpus.js';
import { cacheCorpus, evidenceCorpus } from '../../src/search/corpus.js';
import { runSearch } from '../../src/search/run.js';
import { downloadEvidence } from '../../src/evidence/index.js';
import { SIM_MALICIOUS, SIM_PROJECT, SIM_PROJECT_V1_SLUG } from '../../src/sim/story.js';
import { makeClient, useSim } from '../helpers/sim.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { fake } from '../search/helpers.js';

const sim = useSim();
const tmp = useTmpDirs();
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

const JOB = SIM_MALICIOUS.jobs.lint;
const STEP = SIM_MALICIOUS.lintStep;
const SECRET = fake('ghp_', 'Kq7Wz2Nx9Lm4Rt8Vb1', 'Pc5Yd3Hf6Js0Ga2EXy');
const BUILD_PATH = `/api/v1.1/project/${SIM_PROJECT_V1_SLUG}/${JOB}`;

/** Serves job 5016's real build with the secret written into one step's command, `times` times. */
async function injectCommand(times: number): Promise<void> {
  const { transport } = makeClient(sim());
  closers.push(() => transport.close());
  const build = JSON.parse((await transport.api(BUILD_PATH)).body.toString('utf8')) as { steps: { actions: { step: number; bash_command: string | null }[] }[] };
  for (const s of build.steps) for (const a of s.actions) if (a.step === STEP) a.bash_command = `#!/bin/bash -eo pipefail\nexport GH_TOKEN=${SECRET}\nnpm run lint\n`;
  sim().inject({ match: BUILD_PATH, times, status: 200, body: JSON.stringify(build) });
}

describe('search_metadata_fields', () => {
  it('in an evidence folder: found in the command only, by search and by the scanner', async () => {
    await injectCommand(1);
    const out = tmp();
    const { client, transport } = makeClient(sim());
    closers.push(() => transport.close());
    const r = await downloadEvidence({ client, out, target: { kind: 'job', project: SIM_PROJECT, number: JOB }, artifacts: false, taskRetries: 0, retryDelayMs: 1 });
    expect(r.failures).toEqual([]);
    const corpus = evidenceCorpus(out);
    const hits = (await runSearch({ pattern: SECRET, mode: 'exact', corpus })).hits;
    expect(hits.map((h) => [h.job, h.step, h.field, h.line])).toEqual([[JOB, STEP, 'bash_command', 2]]);
    const found = (await scanCorpus({ corpus })).findings.filter((f) => f.secret === SECRET);
    expect(found.map((f) => [f.job, f.step, f.field, f.ruleId])).toEqual([[JOB, STEP, 'bash_command', 'github-pat']]);
  });

  it('in the disk cache the API client filled: found in the cached build command', async () => {
    await injectCommand(1);
    const cacheDir = tmp();
    const { client, transport } = makeClient(sim(), { cacheDir });
    closers.push(() => transport.close());
    await client.build(SIM_PROJECT, JOB);
    const corpus = cacheCorpus(cacheDir);
    const hits = (await runSearch({ pattern: SECRET, mode: 'exact', corpus })).hits;
    expect(hits.map((h) => [h.project, h.job, h.step, h.field])).toEqual([[SIM_PROJECT, JOB, STEP, 'bash_command']]);
    const found = (await scanCorpus({ corpus })).findings.filter((f) => f.secret === SECRET);
    expect(found.map((f) => [f.field, f.ruleId])).toEqual([['bash_command', 'github-pat']]);
  });
});
