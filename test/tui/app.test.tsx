import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/tui/App.js';
import { LiveSource } from '../../src/source/live-source.js';
import { resolveDeepLink } from '../../src/source/deep-link.js';
import { stackFor } from '../../src/tui/state/stack.js';
import { SIM_MALICIOUS, SIM_PROJECT } from '../../src/sim/story.js';
import { KEYS, press, waitForFrame } from '../helpers/ink.js';
import { makeClient, useSim, useLiveSources } from '../helpers/sim.js';

const sim = useSim();
const { cleanups, source } = useLiveSources(sim);

function mount(el: React.ReactElement) {
  const r = render(el);
  cleanups.push(() => r.unmount());
  return r;
}

describe('the TUI at 80x24', () => {
  it('drills from pipelines to jobs and back, keeping the cursor', async () => {
    const { lastFrame, stdin } = mount(<App source={source()} size={{ columns: 80, rows: 24 }} />);
    await waitForFrame(lastFrame, (f) => f.includes('909') && f.includes('success'), 'pipelines with outcomes');
    const frame = lastFrame()!;
    expect(frame.split('\n').length).toBeLessThanOrEqual(23);
    expect(frame).toContain('gh/acme/payments');
    await press(stdin, 'j', 'j');
    await waitForFrame(lastFrame, (f) => f.includes('3/'), 'cursor on row 3');
    await press(stdin, KEYS.enter);
    await waitForFrame(lastFrame, (f) => f.includes('Workflows of pipeline 907'), 'workflows of 907');
    expect(lastFrame()).toContain('gh/acme/payments › 907');
    await press(stdin, KEYS.enter);
    await waitForFrame(lastFrame, (f) => f.includes('Jobs of build-test'), 'jobs');
    await press(stdin, 'h', KEYS.esc);
    await waitForFrame(lastFrame, (f) => f.includes('Pipelines') && f.includes('3/'), 'back at pipelines, row 3');
  });

  it('filters the list fuzzily; the open prompt takes every key, Esc clears it', async () => {
    const { lastFrame, stdin } = mount(<App source={source()} size={{ columns: 80, rows: 24 }} />);
    await waitForFrame(lastFrame, (f) => f.includes('909'), 'pipelines');
    await press(stdin, '/', 'm', 'a', 'l', 'l', 'o', 'r', 'y', 'q');
    await waitForFrame(lastFrame, (f) => f.includes('/malloryq'), 'every typed key in the prompt');
    await press(stdin, KEYS.backspace);
    const f = await waitForFrame(lastFrame, (x) => x.includes('896') && !x.includes('909'), 'only 896');
    expect(f).toContain('mallory-dev');
    await press(stdin, KEYS.enter);
    await waitForFrame(lastFrame, (x) => x.includes('filter: mallory'), 'kept filter');
    await press(stdin, KEYS.esc);
    await waitForFrame(lastFrame, (x) => x.includes('909'), 'filter cleared');
  });

  it('opens at a deep link with a working breadcrumb, and says why an approval job has no steps', async () => {
    const src = source();
    const link = await resolveDeepLink(src, { job: SIM_MALICIOUS.jobs.test });
    const { lastFrame, stdin } = mount(<App source={src} size={{ columns: 80, rows: 24 }} initialStack={stackFor(link)} />);
    await waitForFrame(lastFrame, (f) => f.includes('Upload coverage'), 'steps of 5015');
    expect(lastFrame()).toContain('gh/acme/payments › 896 › build-test › test #5015');
    await press(stdin, KEYS.esc);
    await waitForFrame(lastFrame, (f) => f.includes('hold-deploy'), 'jobs of the workflow');
    await press(stdin, 'G', KEYS.enter);
    await waitForFrame(lastFrame, (f) => f.includes('approval job: it has no steps'), 'approval message');
  });

  it('shows every key with ? and closes it with Esc', async () => {
    const { lastFrame, stdin } = mount(<App source={source()} size={{ columns: 80, rows: 24 }} />);
    await waitForFrame(lastFrame, (f) => f.includes('909'), 'pipelines');
    await press(stdin, '?');
    await waitForFrame(lastFrame, (f) => f.includes('Keys (pipelines)'), 'help');
    expect(lastFrame()).toContain('filter this list');
    await press(stdin, KEYS.esc);
    await waitForFrame(lastFrame, (f) => !f.includes('Keys (pipelines)'), 'help closed');
  });

  it('uses Miller columns from 120 columns wide', async () => {
    const { lastFrame, stdin } = mount(<App source={source()} size={{ columns: 140, rows: 30 }} />);
    await waitForFrame(lastFrame, (f) => f.includes('909') && f.includes('preview'), 'pipelines + preview');
    await waitForFrame(lastFrame, (f) => /AGE\s+deploy\s+running/.test(f), 'preview: the workflows of 909');
    await press(stdin, KEYS.enter);
    await waitForFrame(lastFrame, (f) => f.includes('Workflows of pipeline 909') && f.includes('Pipelines'), 'parent column kept');
  });
});

describe('a list the server would not stop paging', () => {
  it('is shown as far as read, and the status line says it was cut short', async () => {
    const { client, transport } = makeClient(sim());
    cleanups.push(() => transport.close());
    const { CircleCiClient } = await import('../../src/api/client.js');
    const bounded = new CircleCiClient(client.transport, null, { maxPages: 1 });
    const { lastFrame, stdin } = mount(<App source={new LiveSource(bounded, SIM_PROJECT)} size={{ columns: 80, rows: 24 }} />);
    await waitForFrame(lastFrame, (f) => f.includes('909'), 'pipelines');
    // The first page alone is no cut; asking for the next one is.
    expect(lastFrame()).not.toContain('stopped listing');
    await press(stdin, 'G');
    const f = await waitForFrame(lastFrame, (x) => x.includes('stopped listing'), 'the cut said on the status line');
    expect(f).toMatch(/after 1 pages/);
  });
});
