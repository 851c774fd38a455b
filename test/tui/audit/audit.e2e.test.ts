// `a` and `x` in a real terminal: the built sleuth in tmux at 80x24 against the simulator, with the story's sample
// audit log given by --audit. Needs tmux and a build (npm test builds first); skipped otherwise.
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SIM_MALICIOUS, SIM_PROJECT } from '../../../src/sim/index.js';
import { writeSampleAudit } from '../../../src/sim/audit/index.js';
import { hasTmux, TmuxSession, useTmuxSessions } from '../../e2e/tmux.js';
import { TEST_TOKEN, useSim } from '../../helpers/sim.js';
import { useTmpDirs } from '../../helpers/tmp.js';

const sim = useSim();
const tmp = useTmpDirs();
const keep = useTmuxSessions();

async function start(args: string[]): Promise<TmuxSession> {
  const audit = await writeSampleAudit(join(tmp(), 'audit.csv'));
  const s = TmuxSession.start(['--host', sim().apiUrl, '--project', SIM_PROJECT, '--audit', audit, ...args], {
    env: { CIRCLE_TOKEN: TEST_TOKEN, SLEUTH_CACHE_DIR: tmp(), TERM: 'xterm-256color' },
  });
  keep(s);
  return s;
}

describe.skipIf(!hasTmux)('a and x in tmux', () => {
  it('a: the audit log, marked events only, and back', async () => {
    const s = await start([]);
    const titleBefore = s.title();
    await s.waitForText('909');
    await s.send('a');
    const pane = await s.waitForText('454 of 454 events');
    expect(pane).toContain('gh/acme/payments › audit log');
    expect(pane.trimEnd().split('\n').length).toBeLessThanOrEqual(24);
    await s.send('m');
    await s.waitForText('marked only');
    await s.send('Escape', 'Escape');
    await s.waitForText('Pipelines');
    expect(titleBefore).toBe(hostname());
    expect(s.title()).toBe(titleBefore);
    await s.send('q');
    await s.waitFor(() => s.paneDead(), 'exit');
  }, 60_000);

  it('x: what job 5015 could read, per job and per secret', async () => {
    const s = await start(['--job', String(SIM_MALICIOUS.jobs.test)]);
    await s.waitForText('Upload coverage');
    await s.send('x');
    const pane = await s.waitForText('1 job ran');
    expect(pane).toContain('exposure · job 5015');
    expect(pane).toMatch(/5015 test .*aws-prod/);
    await s.send('v');
    await s.waitForText('Exposure per secret');
    await s.send('Escape');
    await s.waitForText('Upload coverage');
    await s.send('q');
    await s.waitFor(() => s.paneDead(), 'exit');
  }, 60_000);
});
