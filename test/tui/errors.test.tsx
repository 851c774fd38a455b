// Errors look like errors: a failed load shows its reason in the pane with `r` to retry (never "loading…"
// for ever), and the header badge says `unreachable` while the last request failed with a network error.
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { CircleCiClient } from '../../src/api/client.js';
import { ApiError } from '../../src/api/errors.js';
import { Transport } from '../../src/api/transport.js';
import { startSimulator, type SimHandle } from '../../src/sim/index.js';
import { SIM_MALICIOUS, SIM_PROJECT } from '../../src/sim/story.js';
import { resolveDeepLink } from '../../src/source/deep-link.js';
import { LiveSource } from '../../src/source/live-source.js';
import type { InvestigationSource } from '../../src/source/source.js';
import { App } from '../../src/tui/App.js';
import { stackFor } from '../../src/tui/state/stack.js';
import { press, waitForFrame } from '../helpers/ink.js';
import { makeClient, TEST_TOKEN, useSim } from '../helpers/sim.js';
import { deadPort } from '../helpers/net.js';

const sim = useSim();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function mount(el: React.ReactElement) {
  const r = render(el);
  cleanups.push(() => r.unmount());
  return r;
}

const header = (f: string) => f.split('\n')[0] ?? '';
const badge = (f: string) => /\b(live|unreachable|offline)\b\W*$/.exec(header(f))?.[1];

describe('a host that refuses connections', () => {
  it('pipelines: the reason in the pane, r retries, the badge says unreachable; r again once the host is up', async () => {
    const port = await deadPort();
    const transport = new Transport({ host: `http://127.0.0.1:${port}`, token: TEST_TOKEN, baseDelayMs: 5, maxDelayMs: 20 });
    cleanups.push(() => transport.close());
    const { lastFrame, stdin } = mount(<App source={new LiveSource(new CircleCiClient(transport, null), SIM_PROJECT)} size={{ columns: 80, rows: 24 }} />);
    const f = await waitForFrame(lastFrame, (x) => x.includes('could not load the pipelines'), 'error state');
    expect(f).toContain(`✗ cannot reach CircleCI (http://127.0.0.1:${port}): ECONNREFUSED · r retries`);
    expect(f).not.toContain('loading pipelines…');
    expect(badge(f)).toBe('unreachable');

    // The host comes up on that port: r loads, the error goes, the badge says live again.
    let up: SimHandle | null = await startSimulator({ port });
    cleanups.push(() => up?.close());
    await press(stdin, 'r');
    const ok = await waitForFrame(lastFrame, (x) => x.includes('909') && !x.includes('could not load'), 'pipelines after r');
    expect(badge(ok)).toBe('live');
    expect(ok).not.toContain('✗');

    // (harness check) and down again: the next failed request turns the badge back.
    await up.close();
    up = null;
    await press(stdin, 'r');
    await waitForFrame(lastFrame, (x) => badge(x) === 'unreachable', 'unreachable again');
  });

  it('jobs (and every list loaded the same way): the reason and r, not "loading jobs…"', async () => {
    const { client, transport } = makeClient(sim());
    cleanups.push(() => transport.close());
    const live = new LiveSource(client, SIM_PROJECT);
    let failures = 1;
    // The first jobs() call fails as a dead network would; the retry (r) goes through.
    const source: InvestigationSource = {
      kind: 'live', label: live.label, project: live.project, evidenceDir: null,
      pipelines: (w) => live.pipelines(w), pipelineByNumber: (n) => live.pipelineByNumber(n), pipelineById: (id) => live.pipelineById(id),
      workflows: (id) => live.workflows(id), workflow: (id) => live.workflow(id), jobDetails: (n) => live.jobDetails(n),
      build: (n, o) => live.build(n, o), locateJob: (n) => live.locateJob(n), stepOutput: (n, s, i) => live.stepOutput(n, s, i),
      takeWarnings: () => live.takeWarnings(),
      jobs: async (id: string) => {
        if (failures-- > 0) throw new ApiError('network', 'cannot reach CircleCI (http://127.0.0.1:9): ECONNREFUSED');
        return live.jobs(id);
      },
    };
    const link = await resolveDeepLink(live, { pipeline: SIM_MALICIOUS.pipeline });
    const { lastFrame, stdin } = mount(<App source={source} size={{ columns: 80, rows: 24 }} initialStack={stackFor(link)} />);
    await waitForFrame(lastFrame, (x) => x.includes('build-test'), 'workflows');
    await press(stdin, '\r');
    const f = await waitForFrame(lastFrame, (x) => x.includes('could not load the jobs'), 'jobs error');
    expect(f).toContain('✗ cannot reach CircleCI (http://127.0.0.1:9): ECONNREFUSED · r retries');
    expect(f).not.toContain('loading jobs…');
    expect(badge(f)).toBe('unreachable');
    await press(stdin, 'r');
    const ok = await waitForFrame(lastFrame, (x) => x.includes('hold-deploy'), 'jobs after r');
    expect(ok).not.toContain('could not load');
    expect(badge(ok)).toBe('live');
  });

  it('an evidence folder never says unreachable: the badge is offline', async () => {
    const { Reachability, watchSource } = await import('../../src/tui/state/reachability.js');
    const reach = new Reachability();
    const offline = { kind: 'offline', label: 'x', project: null, jobs: async () => { throw new ApiError('network', 'x'); } } as unknown as LiveSource;
    expect(watchSource(offline, reach)).toBe(offline);
    const live = { kind: 'live', label: 'x', project: null, jobs: async () => { throw new ApiError('network', 'x'); }, workflows: async () => [] } as unknown as LiveSource;
    const watched = watchSource(live, reach);
    await expect(watched.jobs('w')).rejects.toThrow('x');
    expect(reach.state).toBe('unreachable');
    await watched.workflows('p');
    expect(reach.state).toBe('ok');
  });
});
