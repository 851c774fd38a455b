// The TUI (`S` in the RCA pane) and the CLI (`rca --send`) send through one RCA service, so the same job gives the
// same bytes at Exlogare, with the same values redacted: the Exlogare token, the CircleCI token and what the secret
// scanner finds (the simulator's leaked ghp_ token in job 5016). Compared on what the fake Exlogare received.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../src/api/types.js';
import { downloadEvidence } from '../../src/evidence/index.js';
import { KNOWN_SECRET_MARK } from '../../src/rca/redaction.js';
import { startExlogareSim, type ExlogareSimHandle } from '../../src/sim/exlogare/index.js';
import { SIM_LEAKS, SIM_PROJECT, simWorkflowId } from '../../src/sim/index.js';
import { LiveSource } from '../../src/source/live-source.js';
import { OfflineSource } from '../../src/source/offline-source.js';
import { waitForFrame } from '../helpers/ink.js';
import { makeClient, TEST_TOKEN, useSim } from '../helpers/sim.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { mountRcaPane } from '../tui/rca/rca-pane-harness.js';
import { EXL_TOKEN, FAST, liveArgs, sleuthRca } from './helpers.js';

const sim = useSim();
const tmp = useTmpDirs();
const cleanups: (() => Promise<void> | void)[] = [];

// Live, the simulator's log of job 5016 is fixed: tokens whose values are words of that log stand for a token a
// script echoed. Neither word is a secret by its shape, so only redaction by value removes them.
const LIVE_CIRCLE_TOKEN = 'genericNodeError';
const LIVE_EXL_TOKEN = 'checkExecSyncError';

let exLive: ExlogareSimHandle;
let exOffline: ExlogareSimHandle;
beforeAll(async () => {
  exLive = await startExlogareSim({ token: LIVE_EXL_TOKEN });
  exOffline = await startExlogareSim({ token: EXL_TOKEN });
});
afterAll(async () => {
  for (const c of cleanups.splice(0)) await c();
  await Promise.all([exLive.close(), exOffline.close()]);
});

async function job5016(src: LiveSource | OfflineSource): Promise<Job> {
  return (await src.jobs(simWorkflowId(896, 'build-test'))).find((j) => j.job_number === 5016)!;
}

/** S, y in the RCA pane; the body the fake received. */
async function sendFromTui(src: LiveSource | OfflineSource, ex: ExlogareSimHandle, env: NodeJS.ProcessEnv): Promise<Buffer> {
  const mark = ex.requests.length;
  const m = mountRcaPane({ width: 140, source: src, job: await job5016(src), env, tuning: FAST });
  try {
    await waitForFrame(m.lastFrame, (x) => x.includes('Failing step'), 'the summary');
    await m.send('rca.send');
    await waitForFrame(m.lastFrame, (x) => x.includes('Send this failure log'), 'the confirmation');
    await m.send('rca.confirm');
    await waitForFrame(m.lastFrame, (x) => x.includes('Exlogare RCA'), 'the reply');
  } finally {
    m.unmount();
  }
  const got = ex.requests.slice(mark);
  expect(got).toHaveLength(1);
  return got[0]!.body;
}

async function sendFromCli(args: string[], ex: ExlogareSimHandle, env: NodeJS.ProcessEnv): Promise<Buffer> {
  const mark = ex.requests.length;
  const r = await sleuthRca([...args, '--send', '--yes'], { env });
  expect(r.code, r.err).toBe(0);
  const got = ex.requests.slice(mark);
  expect(got).toHaveLength(1);
  return got[0]!.body;
}

function expectRedacted(body: Buffer, tokens: { circle: string; exlogare: string }): void {
  const text = body.toString('utf8');
  for (const secret of [tokens.circle, tokens.exlogare, SIM_LEAKS.githubToken]) {
    expect(text).not.toContain(secret);
    expect(text).not.toContain(Buffer.from(`${secret}:`).toString('base64'));
  }
  expect(text).toContain(KNOWN_SECRET_MARK);
  expect(text).toContain('[REDACTED:github-pat]');
}

describe('one RCA service: the TUI and the CLI send the same bytes', () => {
  it('live: both redact the Exlogare token, the CircleCI token and the scanner\'s ghp_ finding', async () => {
    const env = { CIRCLE_TOKEN: LIVE_CIRCLE_TOKEN, CIRCLE_HOST: sim().apiUrl, EXLOGARE_URL: exLive.url, EXLOGARE_TOKEN: LIVE_EXL_TOKEN, XDG_STATE_HOME: tmp() };
    // The TUI's session uses the same token as the CLI's (both resolve CIRCLE_TOKEN).
    const { client, transport } = makeClient(sim(), { token: LIVE_CIRCLE_TOKEN });
    cleanups.push(() => transport.close());
    const fromTui = await sendFromTui(new LiveSource(client, SIM_PROJECT), exLive, env);
    const fromCli = await sendFromCli(liveArgs(5016), exLive, env);
    // Negative check first: the log itself carries both words (else their absence would prove nothing).
    const raw = await new LiveSource(client, SIM_PROJECT).stepOutput(5016, 103, 0);
    expect(JSON.stringify(raw)).toContain(LIVE_CIRCLE_TOKEN);
    expect(JSON.stringify(raw)).toContain(LIVE_EXL_TOKEN);
    expectRedacted(fromTui, { circle: LIVE_CIRCLE_TOKEN, exlogare: LIVE_EXL_TOKEN });
    expectRedacted(fromCli, { circle: LIVE_CIRCLE_TOKEN, exlogare: LIVE_EXL_TOKEN });
    expect(fromTui.equals(fromCli)).toBe(true);
  });

  it('offline (an evidence folder whose failed step echoed both tokens): the same, in the TUI and with --dir', async () => {
    const dir = tmp();
    {
      const { client, transport } = makeClient(sim());
      await downloadEvidence({ client, out: dir, target: { kind: 'job', project: SIM_PROJECT, number: 5016 }, artifacts: false, retryDelayMs: 10 }).finally(() => transport.close());
    }
    const pipeline = readdirSync(dir, { withFileTypes: true }).find((d) => d.isDirectory())!.name;
    const jobDir = join(dir, pipeline, 'job-5016');
    const lines = [
      `debug: using ${TEST_TOKEN} for the API`,
      `debug: posting with ${EXL_TOKEN}`,
      `debug: Authorization: Basic ${Buffer.from(`${TEST_TOKEN}:`).toString('base64')}`,
      `Error: Command failed: git clone https://x-access-token:${SIM_LEAKS.githubToken}@github.com/acme/eslint-rules.git`,
    ];
    writeFileSync(join(jobDir, 'step-103.json'), JSON.stringify(lines.map((l, i) => ({ message: `${l}\r\n`, time: `2026-11-19T10:01:1${i}.000Z`, type: 'out' }))));
    writeFileSync(join(jobDir, 'step-103.txt'), lines.map((l) => `${l}\r\n`).join(''));
    const env = { CIRCLE_TOKEN: TEST_TOKEN, EXLOGARE_URL: exOffline.url, EXLOGARE_TOKEN: EXL_TOKEN, XDG_STATE_HOME: tmp() };
    const fromTui = await sendFromTui(await OfflineSource.open(dir), exOffline, env);
    const fromCli = await sendFromCli(['5016', '--dir', dir], exOffline, env);
    expectRedacted(fromTui, { circle: TEST_TOKEN, exlogare: EXL_TOKEN });
    expectRedacted(fromCli, { circle: TEST_TOKEN, exlogare: EXL_TOKEN });
    expect(fromTui.equals(fromCli)).toBe(true);
    const log = (JSON.parse(fromCli.toString('utf8')) as { log: string }).log;
    expect(log).toContain(`debug: using ${KNOWN_SECRET_MARK} for the API`);
    expect(log).toContain(`debug: posting with ${KNOWN_SECRET_MARK}`);
  });
});
