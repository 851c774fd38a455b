// The log pane inside the real app, against the simulator: keys go through the app's keymap and command bus.
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveDeepLink } from '../../../src/source/deep-link.js';
import { LiveSource } from '../../../src/source/live-source.js';
import { SIM_HUGE_LOG, SIM_MALICIOUS, SIM_PROJECT, SIM_SHARDS } from '../../../src/sim/story.js';
import { App } from '../../../src/tui/App.js';
import { stackFor } from '../../../src/tui/state/stack.js';
import { KEYS, press, tick, waitForFrame } from '../../helpers/ink.js';
import { makeClient, useSim } from '../../helpers/sim.js';

const sim = useSim();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function openLog(job: number, step: string, size = { columns: 100, rows: 24 }) {
  const { client, transport } = makeClient(sim());
  cleanups.push(() => transport.close());
  const src = new LiveSource(client, SIM_PROJECT);
  const link = await resolveDeepLink(src, { job, step });
  const r = render(<App source={src} size={size} initialStack={stackFor(link)} />);
  cleanups.push(() => r.unmount());
  return r;
}

const plain = (f: string) => f.replace(/\x1b\[[0-9;:]*m/g, '');

describe('the log pane in the app', () => {
  it('opens the ~20 MB log, jumps to the end and finds the needle', async () => {
    const { lastFrame, stdin } = await openLog(SIM_HUGE_LOG.job, String(SIM_HUGE_LOG.step));
    await waitForFrame(lastFrame, (f) => plain(f).includes(`line 1/${SIM_HUGE_LOG.lines}`), 'the huge log');
    expect(lastFrame()!.split('\n').length).toBeLessThanOrEqual(23);
    await tick(50);
    await press(stdin, 'G');
    await waitForFrame(lastFrame, (f) => plain(f).includes('100%'), 'the end');
    await press(stdin, 'g');
    // Type-ahead: '/' and the query arrive faster than a render; the bus queues keys for the prompt.
    for (const ch of '/needle-4f1c2e') stdin.write(ch);
    await waitForFrame(lastFrame, (x) => x.includes('/needle-4f1c2e'), 'prompt showing the query');
    await press(stdin, KEYS.enter);
    const f = await waitForFrame(lastFrame, (x) => x.includes(SIM_HUGE_LOG.needle), 'the needle');
    expect(plain(f)).toContain('/needle-4f1c2e 1 of 1');
    expect(plain(f)).toContain(`${SIM_HUGE_LOG.needleLine} `);
  }, 30_000);

  it('shows the terminal-attack step visibly and safely', async () => {
    const { lastFrame } = await openLog(SIM_MALICIOUS.jobs.test, String(SIM_MALICIOUS.maliciousStep));
    const f = await waitForFrame(lastFrame, (x) => plain(x).includes('line 1/'), 'the malicious step');
    const withoutSgr = f.replace(/\x1b\[[0-9;]*m/g, '');
    expect(withoutSgr).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
  });

  it('moves between parallel nodes with ] and [', async () => {
    const { lastFrame, stdin } = await openLog(SIM_SHARDS.job, String(SIM_SHARDS.step));
    await waitForFrame(lastFrame, (x) => plain(x).includes(`node index 0 of ${SIM_SHARDS.parallelism}`), 'node 0');
    await tick(50);
    await press(stdin, ']', ']');
    await waitForFrame(lastFrame, (x) => plain(x).includes(`node index 2 of ${SIM_SHARDS.parallelism}`) && plain(x).includes('line 1/'), 'node 2');
    await press(stdin, 'e');
    await waitForFrame(lastFrame, (x) => /error \d+ of \d+/.test(plain(x)), 'an error line on the failed node');
    await press(stdin, KEYS.esc);
    await waitForFrame(lastFrame, (x) => !plain(x).includes('node index 2 of'), 'back to the steps');
  });
});
