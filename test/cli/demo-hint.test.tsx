// The demo's opening hint reaches the screen: the TUI clears the status line as it opens and the first page of
// pipelines writes its own message, so a hint pushed before the TUI starts (as the demo used to) was never seen.
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { demoHint, hintAfterFirstLoad } from '../../src/cli/commands/demo.js';
import { SIM_PROJECT } from '../../src/sim/story.js';
import { LiveSource } from '../../src/source/live-source.js';
import { App } from '../../src/tui/App.js';
import { StatusFeed } from '../../src/tui/status.js';
import { tick, waitForFrame } from '../helpers/ink.js';
import { makeClient, useSim } from '../helpers/sim.js';

const sim = useSim();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

function mount(status: StatusFeed) {
  const { client, transport } = makeClient(sim());
  const r = render(<App source={new LiveSource(client, SIM_PROJECT)} status={status} size={{ columns: 80, rows: 24 }} />);
  cleanups.push(() => r.unmount(), () => transport.close());
  return r;
}

const HINT = demoHint(false);

describe("the demo's opening hint", () => {
  it('fits the status line at 80 columns, hostile or not', () => {
    expect(HINT).toContain('pipeline 896 › job 5015 › step 104');
    expect(HINT.length).toBeLessThan(80);
    expect(demoHint(true).length).toBeLessThan(80);
    expect(demoHint(true)).toMatch(/^hostile demo: /);
  });

  it('(the old way) a hint pushed before the TUI opens is gone by the time the pipelines are on screen', async () => {
    const status = new StatusFeed();
    status.push(HINT);
    const { lastFrame } = mount(status);
    const f = await waitForFrame(lastFrame, (x) => x.includes('20 pipelines'), 'first page');
    expect(f).not.toContain('leak in pipeline 896');
  });

  it('is on the status line once the first page of pipelines is on screen', async () => {
    const status = new StatusFeed();
    hintAfterFirstLoad(status, HINT);
    const { lastFrame } = mount(status);
    const f = await waitForFrame(lastFrame, (x) => x.includes(HINT), 'the hint');
    expect(f).toContain('909');
    // Once: a later message replaces it for good.
    status.push('20 pipelines');
    await waitForFrame(lastFrame, (x) => !x.includes(HINT), 'hint replaced');
    await tick(50);
    expect(lastFrame()).not.toContain(HINT);
  });

  it('does not cover a failed first load', async () => {
    sim().inject({ match: '/pipeline', status: 404, body: '{"message":"Project not found"}', times: 20 });
    const status = new StatusFeed();
    hintAfterFirstLoad(status, HINT);
    const { lastFrame } = mount(status);
    const f = await waitForFrame(lastFrame, (x) => /not found/i.test(x), 'the error');
    await tick(100);
    expect(lastFrame()).not.toContain(HINT);
    expect(f).not.toContain(HINT);
  });
});
