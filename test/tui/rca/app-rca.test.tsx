// `R` in the whole app: from the jobs list and from the steps list to the RCA pane, S → y sends, Esc goes back.
// Runs once the wiring (keymap, nav level, App) from the RCA report is applied; until then it is skipped.
import { render } from 'ink-testing-library';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SIM_LEAKS, SIM_MALICIOUS, SIM_PROJECT, simWorkflowId } from '../../../src/sim/index.js';
import { resolveDeepLink } from '../../../src/source/deep-link.js';
import { LiveSource } from '../../../src/source/live-source.js';
import { App } from '../../../src/tui/App.js';
import { stackFor } from '../../../src/tui/state/stack.js';
import { KEYS, press, waitForFrame } from '../../helpers/ink.js';
import { makeClient, useSim } from '../../helpers/sim.js';
import { EXL_TOKEN, useExlogare } from '../../rca/helpers.js';


const sim = useSim();
const ex = useExlogare();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});
const saved = { url: process.env.EXLOGARE_URL, token: process.env.EXLOGARE_TOKEN, state: process.env.XDG_STATE_HOME };
// A send from the live app with nothing downloaded is recorded in the state directory: a temp one here.
const state = mkdtempSync(join(tmpdir(), 'sleuth-app-rca-state-'));
beforeAll(() => {
  process.env.EXLOGARE_URL = ex().url;
  process.env.EXLOGARE_TOKEN = EXL_TOKEN;
  process.env.XDG_STATE_HOME = state;
});
afterAll(() => {
  for (const [k, v] of [['EXLOGARE_URL', saved.url], ['EXLOGARE_TOKEN', saved.token], ['XDG_STATE_HOME', saved.state]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  rmSync(state, { recursive: true, force: true });
});

/** Moves the list cursor to a row, one key at a time, each time waiting for the `n/4` counter to move. */
async function cursorTo(r: { lastFrame: () => string | undefined; stdin: { write(s: string): void } }, row: number) {
  const rowOf = (f: string) => Number(/Jobs of build-test (\d+)\/4/.exec(f)?.[1] ?? 0);
  for (let at = rowOf(r.lastFrame() ?? ''); at !== row; ) {
    await press(r.stdin, at < row ? 'j' : 'k');
    const from = at;
    at = rowOf(await waitForFrame(r.lastFrame, (f) => rowOf(f) !== from, `the cursor off row ${from}`));
  }
}

/** A key, then the frame that shows its effect. (press() lets React re-subscribe the handlers, so no key is lost.) */
async function pressUntil(r: { lastFrame: () => string | undefined; stdin: { write(s: string): void } }, key: string, done: (f: string) => boolean, what: string) {
  await press(r.stdin, key);
  return waitForFrame(r.lastFrame, done, what);
}

function source() {
  const { client, transport } = makeClient(sim());
  cleanups.push(() => transport.close());
  return new LiveSource(client, SIM_PROJECT);
}

describe('R in the app', () => {
  it('from the jobs list: summary of the highlighted job; S, y sends; Esc back to the jobs', async () => {
    const src = source();
    const link = await resolveDeepLink(src, { workflow: simWorkflowId(SIM_MALICIOUS.pipeline, 'build-test') });
    const r = render(<App source={src} size={{ columns: 80, rows: 24 }} initialStack={stackFor(link)} />);
    cleanups.push(() => r.unmount());
    await waitForFrame(r.lastFrame, (f) => f.includes('Jobs of build-test') && f.includes('lint'), 'jobs of 896');
    // The lint job is the third row.
    await cursorTo(r, 3);
    await pressUntil(r, 'R', (x) => x.includes('Failure summary · job 5016 lint'), 'the RCA pane');
    const f = await waitForFrame(r.lastFrame, (x) => x.includes('Failing step'), 'the summary');
    expect(f).toContain('› failure summary');
    expect(f.split('\n').length).toBeLessThanOrEqual(23);
    const mark = ex().requests.length;
    await pressUntil(r, 'S', (x) => x.includes('Send this failure log to Exlogare?'), 'the confirmation');
    await pressUntil(r, 'y', (x) => x.includes('Exlogare RCA'), 'the reply');
    const got = ex().requests.slice(mark);
    expect(got).toHaveLength(1);
    expect(got[0]!.body.toString('utf8')).not.toContain(SIM_LEAKS.githubToken);
    // Nothing downloaded: the send is recorded in the state directory, and the pane says where.
    const record = join(state, 'circle-sleuth', 'rca-sends.jsonl');
    expect(readFileSync(record, 'utf8').trim().split('\n')).toHaveLength(1);
    expect(r.lastFrame()).toContain(`recorded in ${record}`);
    await pressUntil(r, KEYS.esc, (x) => x.includes('Jobs of build-test'), 'back at the jobs');
  });

  it('from the steps list of a job, and not on an approval job', async () => {
    const src = source();
    const link = await resolveDeepLink(src, { job: SIM_MALICIOUS.jobs.lint });
    const r = render(<App source={src} size={{ columns: 80, rows: 24 }} initialStack={stackFor(link)} />);
    cleanups.push(() => r.unmount());
    await waitForFrame(r.lastFrame, (f) => f.includes('Run linter'), 'steps of 5016');
    await pressUntil(r, 'R', (x) => x.includes('Failure summary · job 5016 lint') && x.includes('exit 1'), 'the RCA pane');
    await press(r.stdin, 'n'); // nothing to cancel: harmless
    await pressUntil(r, KEYS.esc, (x) => x.includes('Run linter') && !x.includes('Failure summary'), 'back at the steps');
  });
});
