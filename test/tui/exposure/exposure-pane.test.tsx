// The exposure pane against the simulator: per job, per secret, details, filter; and the scope `x` picks.
import { afterEach, describe, expect, it } from 'vitest';
import { writeSampleAudit } from '../../../src/sim/audit/index.js';
import { SIM_MALICIOUS, SIM_PROJECT } from '../../../src/sim/index.js';
import { ExposurePane, type ExposurePaneProps } from '../../../src/tui/exposure/ExposurePane.js';
import { waitForFrame } from '../../helpers/ink.js';
import { makeClient, useSim } from '../../helpers/sim.js';
import { useTmpDirs } from '../../helpers/tmp.js';
import { mountPane } from '../audit/pane-harness.js';

const sim = useSim();
const tmp = useTmpDirs();
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

function mount(props: Partial<ExposurePaneProps>) {
  const { client, transport } = makeClient(sim());
  cleanups.push(() => transport.close());
  const m = mountPane('exposure', (cb) => (
    <ExposurePane api={client} project={SIM_PROJECT} window={{}} scope={{ kind: 'window' }} auditFiles={[]} width={100} height={20} {...cb} {...props} />
  ));
  cleanups.push(() => m.unmount());
  return m;
}

describe('ExposurePane', () => {
  it('from a job: per job, per secret (v), a row in full (Enter), back (Esc)', async () => {
    const audit = await writeSampleAudit(`${tmp()}/audit.csv`);
    const m = mount({ scope: { kind: 'jobs', numbers: [SIM_MALICIOUS.jobs.test] }, auditFiles: [audit], height: 30 });
    const f = await waitForFrame(m.lastFrame, (x) => x.includes('1 job ran'), 'report');
    expect(f).toContain('Exposure per job · job 5015 · 1 job ran · 8 secrets');
    expect(f).toMatch(/5015 test\s+896 mallory-dev\s+aws-prod,npm-publish\s+8\s+2/);
    expect(f).toContain('audit: 2 context reads joined');
    expect(m.status.at(-1)).toEqual({ msg: '1 job ran · 8 secrets reachable', tone: 'ok' });

    await m.send('open');
    const job = await waitForFrame(m.lastFrame, (x) => x.includes('could read 8 secrets:'), 'job in full');
    expect(job).toMatch(/NPM_TOKEN\s+context npm-publish/);
    // Long lines wrap at the pane's width, between words: a secret's name stays whole on its row.
    expect(job.split('\n').some((r) => /^\s+AWS_SECRET_ACCESS_KEY$/.test(r.trimEnd()))).toBe(true);
    expect(job.replace(/\s*\n\s*/g, ' ')).toMatch(/aws-prod read at 2026-11-19 10:00:52Z \(by job id\) from 198\.51\.100\.66 · AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY/);
    await m.send('back', 'exposure.view');
    const secrets = await waitForFrame(m.lastFrame, (x) => x.includes('Exposure per secret'), 'per secret');
    expect(secrets).toMatch(/NPM_TOKEN\s+context npm-publish\s+-\s+2024-01-15 08:31:\d\dZ\s+1\s+1/);
    // Same job count everywhere: the audit-confirmed context secrets come first (NPM_TOKEN is third).
    await m.send('cursor.down', 'cursor.down', 'open');
    const one = await waitForFrame(m.lastFrame, (x) => x.includes('could read it'), 'secret in full');
    expect(one).toContain('1 job could read it, 1 confirmed by the audit log:');
    expect(one).toMatch(/#5015\s+test · pipeline 896 feature\/coverage-upload by mallory-dev · READ \(audit log\)/);
    await m.send('back', 'back');
    expect(m.backs()).toBe(1);
  });

  it('over a window: filters rows with /', async () => {
    const m = mount({ window: { since: '2026-11-19T09:00:00Z', until: '2026-11-19T17:00:00Z' }, height: 14 });
    await waitForFrame(m.lastFrame, (x) => x.includes('51 jobs ran'), 'report');
    await m.send('filter');
    await m.type('mallory');
    await m.enter();
    const f = await waitForFrame(m.lastFrame, (x) => x.includes('filter: mallory'), 'filtered');
    expect(f).toMatch(/5015 test/);
    expect(f).not.toMatch(/matrix-/);
    expect(m.inputOpen).toEqual([true, false]);
  });

  it('explains when there is no API, and shows errors', async () => {
    const none = mount({ api: null });
    await waitForFrame(none.lastFrame, (x) => x.includes('exposure needs the CircleCI API'), 'no api');
    const failing = mount({ compute: () => Promise.reject(new Error('project gh/acme/payments not found')) });
    await waitForFrame(failing.lastFrame, (x) => x.includes('could not compute it: project gh/acme/payments not found'), 'error');
    expect(failing.status.at(-1)?.tone).toBe('error');
  });
});
