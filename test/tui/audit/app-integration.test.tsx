// `a` and `x` inside the main TUI. Needs the integration snippets (keymap.ts, nav.ts, App.tsx);
// skipped until keymap.ts lists the audit/exposure bindings.
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { writeSampleAudit } from '../../../src/sim/audit/index.js';
import { SIM_MALICIOUS, SIM_PROJECT } from '../../../src/sim/index.js';
import { resolveDeepLink } from '../../../src/source/deep-link.js';
import { LiveSource } from '../../../src/source/live-source.js';
import { App } from '../../../src/tui/App.js';
import { stackFor } from '../../../src/tui/state/stack.js';
import { KEYS, press, waitForFrame } from '../../helpers/ink.js';
import { makeClient, useSim } from '../../helpers/sim.js';
import { useTmpDirs } from '../../helpers/tmp.js';

const sim = useSim();
const tmp = useTmpDirs();
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function mountApp(link: Parameters<typeof resolveDeepLink>[1] = {}) {
  const { client, transport } = makeClient(sim());
  cleanups.push(() => transport.close());
  const source = new LiveSource(client, SIM_PROJECT);
  const audit = await writeSampleAudit(`${tmp()}/audit.csv`);
  // Spread as a plain object: these props only exist once App.tsx has the integration snippet.
  const extra = { auditFiles: [audit], exposureApi: client } as object;
  const r = render(<App source={source} size={{ columns: 80, rows: 24 }} initialStack={stackFor(await resolveDeepLink(source, link))} {...extra} />);
  cleanups.push(() => r.unmount());
  return r;
}

describe('audit and exposure panes in the App', () => {
  it('a opens the audit pane from the pipelines, Esc comes back', async () => {
    const r = await mountApp();
    await waitForFrame(r.lastFrame, (f) => f.includes('909'), 'pipelines');
    await press(r.stdin, 'a');
    const f = await waitForFrame(r.lastFrame, (x) => x.includes('454 of 454 events'), 'audit pane');
    expect(f).toContain('gh/acme/payments › audit log');
    expect(f.split('\n').length).toBeLessThanOrEqual(23);
    await press(r.stdin, 'm');
    await waitForFrame(r.lastFrame, (x) => x.includes('marked only'), 'marked');
    await press(r.stdin, KEYS.esc, KEYS.esc);
    await waitForFrame(r.lastFrame, (x) => x.includes('Pipelines'), 'back at pipelines');
  });

  it('x from a job shows what that job could read', async () => {
    const r = await mountApp({ job: SIM_MALICIOUS.jobs.test });
    await waitForFrame(r.lastFrame, (f) => f.includes('Upload coverage'), 'steps of 5015');
    await press(r.stdin, 'x');
    const f = await waitForFrame(r.lastFrame, (x) => x.includes('1 job ran'), 'exposure pane');
    expect(f).toContain('exposure · job 5015');
    expect(f).toMatch(/5015 test .*aws-prod,npm-/);
    await press(r.stdin, 'v');
    await waitForFrame(r.lastFrame, (x) => x.includes('Exposure per secret'), 'per secret');
    await press(r.stdin, KEYS.esc);
    await waitForFrame(r.lastFrame, (x) => x.includes('Upload coverage'), 'back at the steps');
  });
});
