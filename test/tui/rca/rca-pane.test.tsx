// The RCA pane with ink-testing-library: the summary of the simulator's failed job, the in-TUI confirmation
// (size, redactions, destination), cancel and confirm against the fake Exlogare, and errors on the status line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Job } from '../../../src/api/types.js';
import { SEND_RECORD_NAME } from '../../../src/rca/send-record.js';
import { SIM_LEAKS, SIM_MALICIOUS, SIM_PROJECT, SIM_SHARDS, simWorkflowId } from '../../../src/sim/index.js';
import { LiveSource } from '../../../src/source/live-source.js';
import { OfflineSource } from '../../../src/source/offline-source.js';
import { downloadEvidence } from '../../../src/evidence/index.js';
import { waitForFrame } from '../../helpers/ink.js';
import { makeClient, useSim, useLiveSources } from '../../helpers/sim.js';
import { useTmpDirs } from '../../helpers/tmp.js';
import { EXL_TOKEN, FAST, rawControls, useExlogare } from '../../rca/helpers.js';
import { mountRcaPane } from './rca-pane-harness.js';

const sim = useSim();
const ex = useExlogare();
const tmp = useTmpDirs();
const { cleanups, source } = useLiveSources(sim);

async function jobOf(src: LiveSource | OfflineSource, pipeline: number, n: number): Promise<Job> {
  const jobs = await src.jobs(simWorkflowId(pipeline, 'build-test'));
  return jobs.find((j) => j.job_number === n)!;
}

function mount(p: Parameters<typeof mountRcaPane>[0]) {
  const m = mountRcaPane(p);
  cleanups.push(() => m.unmount());
  return m;
}

// XDG_STATE_HOME: a send with no evidence folder is recorded in the state directory, never the real home's.
const env = () => ({ EXLOGARE_URL: ex().url, EXLOGARE_TOKEN: EXL_TOKEN, XDG_STATE_HOME: tmp() });

describe('the RCA pane', () => {
  it('shows the failing step of job 5016 with its exit code and first errors', async () => {
    const src = source();
    const m = mount({ source: src, job: await jobOf(src, 896, 5016), env: env() });
    const f = await waitForFrame(m.lastFrame, (x) => x.includes('Failing step'), 'the summary');
    expect(f).toContain('Failure summary · job 5016 lint');
    expect(f).toMatch(/step 103 Run linter · failed · exit 1/);
    expect(f).toContain('Error: Command failed: git clone');
    expect(f).toContain('S send to Exlogare');
    expect(rawControls(f)).toEqual([]);
  });

  it('shows node 2 of the parallel job 5021', async () => {
    const src = source();
    const m = mount({ source: src, job: await jobOf(src, 897, SIM_SHARDS.job), env: env() });
    const f = await waitForFrame(m.lastFrame, (x) => x.includes('Failing step'), 'the summary');
    expect(f).toContain('node 2 of 4');
  });

  it('S asks inside the TUI (destination, size, redactions); n cancels and nothing is sent', async () => {
    const src = source();
    const m = mount({ source: src, job: await jobOf(src, 896, 5016), env: env(), tuning: FAST });
    await waitForFrame(m.lastFrame, (x) => x.includes('Failing step'), 'the summary');
    const mark = ex().requests.length;
    await m.send('rca.send');
    const f = await waitForFrame(m.lastFrame, (x) => x.includes('Send this failure log to Exlogare?'), 'the confirmation');
    expect(f).toContain(`destination ${ex().url}/api/ingest/circleci`);
    expect(f).toMatch(/payload {5}\d+(\.\d)? (B|KiB)/);
    expect(f).toMatch(/redacted {4}[1-9]\d* secrets?/);
    expect(f).toContain('y send · n or Esc cancel');
    await m.send('rca.cancel');
    await waitForFrame(m.lastFrame, (x) => !x.includes('Send this failure log'), 'the confirmation closed');
    expect(m.status.at(-1)).toEqual({ msg: 'not sent', tone: 'info' });
    // Esc cancels an open confirmation and does not leave the pane.
    await m.send('rca.send');
    await waitForFrame(m.lastFrame, (x) => x.includes('Send this failure log'), 'the confirmation again');
    await m.send('back');
    await waitForFrame(m.lastFrame, (x) => !x.includes('Send this failure log'), 'closed by Esc');
    expect(m.backs()).toBe(0);
    expect(ex().requests.length).toBe(mark);
    await m.send('back');
    expect(m.backs()).toBe(1);
  });

  it('y sends the redacted log and shows the sanitized reply; the send is recorded in the evidence folder', async () => {
    const dir = tmp();
    {
      const { client, transport } = makeClient(sim());
      await downloadEvidence({ client, out: dir, target: { kind: 'job', project: SIM_PROJECT, number: 5016 }, artifacts: false, retryDelayMs: 10 }).finally(() => transport.close());
    }
    const src = await OfflineSource.open(dir);
    ex().setReply(() => ({ summary: 'lint failed\x1b]0;pwned\x07', root_cause: 'missing repo', suggestions: ['fix the clone URL'] }));
    cleanups.push(() => ex().setReply(null));
    const m = mount({ source: src, job: await jobOf(src, 896, 5016), env: env(), tuning: FAST });
    await waitForFrame(m.lastFrame, (x) => x.includes('Failing step'), 'the summary');
    const mark = ex().requests.length;
    await m.send('rca.send');
    await waitForFrame(m.lastFrame, (x) => x.includes('Send this failure log'), 'the confirmation');
    await m.send('rca.confirm');
    const f = await waitForFrame(m.lastFrame, (x) => x.includes('Exlogare RCA'), 'the reply');
    expect(f).toContain('Root cause');
    expect(f).toContain('missing repo');
    expect(f).toContain('lint failed^[]0;pwned^G');
    expect(rawControls(f)).toEqual([]);
    const got = ex().requests.slice(mark);
    expect(got).toHaveLength(1);
    expect(got[0]!.body.toString('utf8')).not.toContain(SIM_LEAKS.githubToken);
    expect(JSON.parse(got[0]!.body.toString('utf8'))).toMatchObject({ job_number: 5016, job_name: 'lint', status: 'failed' });
    expect(m.status.some((s) => s.tone === 'ok' && s.msg.startsWith('sent '))).toBe(true);
    const rec = readFileSync(join(dir, SEND_RECORD_NAME), 'utf8').trim().split('\n');
    expect(rec).toHaveLength(1);
    expect(JSON.parse(rec[0]!)).toMatchObject({ job_number: 5016, outcome: 'delivered', http_status: 200 });
  });

  it('an error reply is shown in the pane; a missing token is refused on the status line', async () => {
    const src = source();
    const job = await jobOf(src, 896, 5016);
    const noToken = mount({ source: src, job, env: { EXLOGARE_URL: ex().url }, tuning: FAST });
    await waitForFrame(noToken.lastFrame, (x) => x.includes('Failing step'), 'the summary');
    await noToken.send('rca.send');
    await waitForFrame(noToken.lastFrame, () => noToken.status.some((s) => s.tone === 'error'), 'an error');
    expect(noToken.status.find((s) => s.tone === 'error')!.msg).toMatch(/^not sent: EXLOGARE_TOKEN is not set/);
    expect(noToken.lastFrame()).not.toContain('Send this failure log');
    noToken.unmount();

    ex().inject({ status: 400, body: { message: 'status must be one of …' } });
    const m = mount({ source: src, job, env: env(), tuning: FAST });
    await waitForFrame(m.lastFrame, (x) => x.includes('Failing step'), 'the summary');
    await m.send('rca.send');
    await waitForFrame(m.lastFrame, (x) => x.includes('Send this failure log'), 'the confirmation');
    await m.send('rca.confirm');
    const f = await waitForFrame(m.lastFrame, (x) => x.includes('rejected the payload'), 'the error');
    expect(f).toContain('Exlogare rejected the payload (400 (Bad Request): status must be one of …)');
    expect(f).not.toContain(EXL_TOKEN);
  });

  it('scrolls with the shared list keys', async () => {
    const src = source();
    const m = mount({ source: src, job: await jobOf(src, 896, SIM_MALICIOUS.jobs.lint), env: env(), height: 8 });
    await waitForFrame(m.lastFrame, (x) => x.includes('job 5016 lint · failed'), 'the top');
    await m.send('cursor.bottom');
    const f = await waitForFrame(m.lastFrame, (x) => !x.includes('job 5016 lint · failed'), 'scrolled');
    expect(f).toContain('warning');
    await m.send('cursor.top');
    await waitForFrame(m.lastFrame, (x) => x.includes('job 5016 lint · failed'), 'back at the top');
  });
});
