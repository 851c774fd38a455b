// End to end: the simulator's incident, downloaded with the real downloader (src/evidence) into an evidence folder,
// then searched and scanned; and the same leaks found in the disk cache the API client fills.
import { describe, expect, it } from 'vitest';
import { scanCommand } from '../../src/cli/commands/scan.js';
import { scanCorpus } from '../../src/scan/scan-corpus.js';
import { cacheCorpus, evidenceCorpus } from '../../src/search/corpus.js';
import { runSearch } from '../../src/search/run.js';
import { SIM_LEAKS, SIM_MALICIOUS, SIM_PROJECT, simWorkflowId } from '../../src/sim/index.js';
import { download } from '../evidence/helpers.js';
import { captureIo } from '../helpers/io.js';
import { makeClient, TEST_TOKEN, useSim } from '../helpers/sim.js';
import { useTmpDirs } from '../helpers/tmp.js';

const sim = useSim();
const tmp = useTmpDirs();
const WF = simWorkflowId(SIM_MALICIOUS.pipeline, SIM_MALICIOUS.workflow);
const { test: TEST_JOB, lint: LINT_JOB } = SIM_MALICIOUS.jobs;

async function evidence(): Promise<string> {
  const out = tmp();
  const r = await download(sim(), out, { target: { kind: 'pipeline', project: SIM_PROJECT, number: SIM_MALICIOUS.pipeline } });
  expect(r.complete).toBe(true);
  return out;
}

const where = (hits: { job: number | null; step: number | null; encoding: string; via: string[] }[]) =>
  [...new Set(hits.map((h) => `${h.job}/${h.step} ${h.encoding}${h.via.length ? ` via ${h.via.join('+')}` : ''}`))].sort();

describe('the simulator leaks, downloaded and searched', () => {
  it('every leaked value is found where the story put it, in every form it took', async () => {
    const dir = await evidence();
    const corpus = evidenceCorpus(dir);
    const search = async (v: string) => (await runSearch({ pattern: v, mode: 'exact', corpus })).hits;

    const aws = await search(SIM_LEAKS.awsAccessKeyId);
    expect(aws.every((h) => h.workflowId === WF)).toBe(true);
    expect(where(aws)).toEqual(expect.arrayContaining([`${TEST_JOB}/${SIM_MALICIOUS.maliciousStep} raw`]));
    // The `env | base64 -w 76` dump holds every leaked value, the webhook only there.
    for (const v of Object.values(SIM_LEAKS)) {
      expect(where(await search(v)).some((w) => w.startsWith(`${TEST_JOB}/${SIM_MALICIOUS.maliciousStep} base64`)), v.slice(0, 6)).toBe(true);
    }
    const hook = await search(SIM_LEAKS.slackWebhook);
    expect(hook.length).toBeGreaterThanOrEqual(1);
    expect(hook.every((h) => h.encoding.startsWith('base64'))).toBe(true);
    const gh = await search(SIM_LEAKS.githubToken);
    expect(where(gh)).toEqual(expect.arrayContaining([`${LINT_JOB}/${SIM_MALICIOUS.lintStep} raw`]));
    const [lintHit] = gh.filter((h) => h.job === LINT_JOB);
    expect(lintHit!.file).toBe(`${WF}/job-${LINT_JOB}/step-${SIM_MALICIOUS.lintStep}.txt`);
    expect(lintHit!.line).toBeGreaterThan(1);
  });

  it('the scanner finds all five leaks and names the env var each one is (project env vars from the API)', async () => {
    const dir = await evidence();
    const c = captureIo({ CIRCLE_TOKEN: TEST_TOKEN, CIRCLE_HOST: sim().apiUrl }, { cwd: dir });
    expect(await scanCommand(dir, { json: true, project: SIM_PROJECT, cache: undefined }, c.io)).toBe(0);
    const findings = JSON.parse(c.out()) as { rule_id: string; job: number; step: number; match: string; env_matches: string[]; encoding: string }[];
    const named = new Set(findings.flatMap((f) => f.env_matches));
    expect([...named].sort()).toEqual(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'GITHUB_TOKEN', 'NPM_TOKEN', 'SLACK_WEBHOOK']);
    const rules = new Set(findings.map((f) => f.rule_id));
    for (const r of ['aws-access-key-id', 'aws-secret-access-key', 'npm-access-token', 'github-pat', 'slack-webhook-url']) expect(rules).toContain(r);
    expect(findings.find((f) => f.rule_id === 'slack-webhook-url')).toMatchObject({ encoding: 'base64', job: TEST_JOB });
    expect(findings.find((f) => f.rule_id === 'github-pat' && f.job === LINT_JOB)).toBeDefined();
    // Masked by default: no leaked value appears in the output.
    for (const v of Object.values(SIM_LEAKS)) expect(c.out()).not.toContain(v);
  });

  it('the same leaks in the disk cache (--cache), filled by the API client', async () => {
    const cacheDir = tmp();
    const { client, transport } = makeClient(sim(), { cacheDir });
    try {
      await client.stepOutput(SIM_PROJECT, TEST_JOB, SIM_MALICIOUS.maliciousStep, 0);
      await client.stepOutput(SIM_PROJECT, LINT_JOB, SIM_MALICIOUS.lintStep, 0);
    } finally {
      await transport.close();
    }
    const corpus = cacheCorpus(cacheDir);
    const hits = (await runSearch({ pattern: SIM_LEAKS.githubToken, mode: 'exact', corpus })).hits;
    expect(hits.map((h) => [h.project, h.job, h.step])).toEqual(
      expect.arrayContaining([
        [SIM_PROJECT, LINT_JOB, SIM_MALICIOUS.lintStep],
        [SIM_PROJECT, TEST_JOB, SIM_MALICIOUS.maliciousStep],
      ]),
    );
    const scanned = await scanCorpus({ corpus });
    expect(new Set(scanned.findings.map((f) => f.ruleId))).toContain('slack-webhook-url');
  });
});
