// Keys that do what their name says, in the app against the simulator at 80x24: `x` on the highlighted row
// (and offline), the footer naming only keys that act, the cursor kept when a filter clears and after a deep
// link, `:` to a pipeline or job by number, `y`/`Y` copying checked ids and URLs.
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { Job, Pipeline } from '../../src/api/types.js';
import { SIM_MALICIOUS, SIM_PROJECT, SIM_RUNNING, simPipelineId, simWorkflowId } from '../../src/sim/story.js';
import { resolveDeepLink } from '../../src/source/deep-link.js';
import { OfflineSource } from '../../src/source/offline-source.js';
import { App, type AppProps } from '../../src/tui/App.js';
import { stackFor } from '../../src/tui/state/stack.js';
import type { Selection } from '../../src/tui/state/selection.js';
import { StatusFeed } from '../../src/tui/status.js';
import { download } from '../evidence/helpers.js';
import { KEYS, press, waitForFrame } from '../helpers/ink.js';
import { useSim, useLiveSources } from '../helpers/sim.js';
import { useTmpDirs } from '../helpers/tmp.js';

const sim = useSim();
const tmp = useTmpDirs();
const { cleanups, live } = useLiveSources(sim);

function mount(props: AppProps) {
  const r = render(<App size={{ columns: 80, rows: 24 }} {...props} />);
  cleanups.push(() => r.unmount());
  return r;
}

/** The highlighted row: the list's title says `k/N`, its rows start under the column header (these lists fit unscrolled). */
function selected(f: string): string {
  const lines = f.split('\n');
  const k = / (\d+)\/\d+/.exec(lines[1] ?? '')?.[1];
  return k === undefined ? '' : (lines[2 + Number(k)] ?? '');
}
const footer = (f: string) => f.trimEnd().split('\n').at(-1) ?? '';
const crumbs = (f: string) => f.split('\n')[0] ?? '';
const PIPELINES_READY = (f: string) => f.includes('909') && f.includes('success');

describe('x: the exposure of what is highlighted', () => {
  it('on a pipeline row: that pipeline (not the window)', async () => {
    const { source, client } = live();
    const { lastFrame, stdin } = mount({ source, exposureApi: client });
    await waitForFrame(lastFrame, PIPELINES_READY, 'pipelines');
    await press(stdin, 'j', 'j');
    await waitForFrame(lastFrame, (f) => selected(f).includes('907'), 'cursor on 907');
    await press(stdin, 'x');
    const f = await waitForFrame(lastFrame, (x) => crumbs(x).includes('exposure'), 'exposure');
    expect(crumbs(f)).toContain('exposure · pipeline 907');
  });

  it('on a workflow row: the jobs of that workflow; on a job row: that job', async () => {
    const { source, client } = live();
    const link = await resolveDeepLink(source, { pipeline: SIM_MALICIOUS.pipeline });
    const { lastFrame, stdin } = mount({ source, exposureApi: client, initialStack: stackFor(link) });
    await waitForFrame(lastFrame, (f) => selected(f).includes('build-test'), 'workflows');
    await press(stdin, 'x');
    const f = await waitForFrame(lastFrame, (x) => crumbs(x).includes('exposure') && x.includes('ran'), 'exposure of the workflow');
    expect(crumbs(f)).toContain('exposure · workflow build-test');
    expect(f).toContain(`jobs ${SIM_MALICIOUS.jobs.build}, ${SIM_MALICIOUS.jobs.test}, ${SIM_MALICIOUS.jobs.lint}`);
  });

  it('offline: from job-details.json, the contexts of the job, instead of "needs the API"', async () => {
    const dir = tmp();
    await download(sim(), dir, { target: { kind: 'pipeline', project: SIM_PROJECT, number: SIM_MALICIOUS.pipeline } });
    const source = await OfflineSource.open(dir);
    const link = await resolveDeepLink(source, { job: SIM_MALICIOUS.jobs.test });
    const { lastFrame, stdin } = mount({ source, initialStack: stackFor(link).slice(0, -1) });
    await waitForFrame(lastFrame, (f) => f.includes('hold-deploy'), 'jobs');
    await press(stdin, 'j');
    await waitForFrame(lastFrame, (f) => selected(f).includes(' test '), 'test highlighted');
    await press(stdin, 'x');
    const f = await waitForFrame(lastFrame, (x) => crumbs(x).includes('exposure') && x.includes('ran'), 'offline exposure');
    expect(crumbs(f)).toContain(`exposure · job ${SIM_MALICIOUS.jobs.test}`);
    expect(f).not.toContain('needs the CircleCI API');
    await press(stdin, KEYS.enter);
    const detail = await waitForFrame(lastFrame, (x) => x.includes('aws-prod'), 'the job in full');
    expect(detail).toContain('npm-publish');
  });
});

describe('the footer names keys that act, with their values', () => {
  it('no d download in an evidence folder; d download live', async () => {
    const dir = tmp();
    await download(sim(), dir, { target: { kind: 'pipeline', project: SIM_PROJECT, number: SIM_MALICIOUS.pipeline } });
    const offline = mount({ source: await OfflineSource.open(dir) });
    const f = await waitForFrame(offline.lastFrame, (x) => x.includes(String(SIM_MALICIOUS.pipeline)), 'offline pipelines');
    expect(footer(f)).not.toMatch(/\bd download\b/);
    // (harness check) the live app with a downloader names it.
    const { source } = live();
    const on = mount({ source, download: async () => ({ complete: true, dir: '', summary: '' }) });
    const g = await waitForFrame(on.lastFrame, PIPELINES_READY, 'live pipelines');
    expect(footer(g)).toMatch(/\bd download\b/);
  });

  it('F follow on a running step only; no "m mode:" without its value', async () => {
    const { source } = live();
    const running = mount({ source, initialStack: stackFor(await resolveDeepLink(source, { job: SIM_RUNNING.job, step: String(SIM_RUNNING.step) })) });
    const f = await waitForFrame(running.lastFrame, (x) => x.includes(`job ${SIM_RUNNING.job} step ${SIM_RUNNING.step}`), 'running log');
    expect(footer(f)).toContain('F follow');
    const done = mount({ source, initialStack: stackFor(await resolveDeepLink(source, { job: SIM_MALICIOUS.jobs.test, step: String(SIM_MALICIOUS.maliciousStep) })) });
    const g = await waitForFrame(done.lastFrame, (x) => x.includes(`step ${SIM_MALICIOUS.maliciousStep}`), 'finished log');
    expect(footer(g)).not.toContain('F follow');
    const { footerHints, KEYMAP } = await import('../../src/tui/keymap.js');
    const panes = [...new Set(KEYMAP.flatMap((b) => (b.panes === 'all' ? [] : b.panes)))];
    for (const pane of panes) expect(footerHints(pane, 500), pane).not.toMatch(/:( ·|$)/);
    expect(footerHints('search', 500)).toContain('m mode');
  });
});

describe('the cursor stays on its row', () => {
  it('when a kept filter is cleared with Esc, and when Esc cancels the filter prompt', async () => {
    const { source } = live();
    const { lastFrame, stdin } = mount({ source });
    await waitForFrame(lastFrame, PIPELINES_READY, 'pipelines');
    await press(stdin, '/', ...'mallory', KEYS.enter);
    await waitForFrame(lastFrame, (f) => f.includes('filter: mallory') && selected(f).includes('896'), 'filtered to 896');
    await press(stdin, KEYS.esc);
    const f = await waitForFrame(lastFrame, (x) => !x.includes('filter:') && x.includes('909'), 'filter cleared');
    expect(selected(f)).toContain('896');
    await press(stdin, 'g', '/', ...'mallory');
    await waitForFrame(lastFrame, (x) => x.includes('/mallory') && selected(x).includes('896'), 'prompt open on 896');
    await press(stdin, KEYS.esc);
    const g = await waitForFrame(lastFrame, (x) => !x.includes('/mallory') && x.includes('909'), 'prompt cancelled');
    expect(selected(g)).toContain('896');
  });

  it('back after a deep link lands on the job, workflow and pipeline of the link', async () => {
    const { source } = live();
    const link = await resolveDeepLink(source, { job: SIM_MALICIOUS.jobs.test });
    const { lastFrame, stdin } = mount({ source, initialStack: stackFor(link) });
    await waitForFrame(lastFrame, (f) => f.includes('Upload coverage'), 'steps of 5015');
    await press(stdin, KEYS.esc);
    const jobs = await waitForFrame(lastFrame, (f) => f.includes('Jobs of build-test') && f.includes('hold-deploy'), 'jobs');
    expect(selected(jobs)).toMatch(new RegExp(`${SIM_MALICIOUS.jobs.test} +test `));
    await press(stdin, KEYS.esc);
    const wfs = await waitForFrame(lastFrame, (f) => f.includes('Workflows of pipeline 896') && f.includes('build-test'), 'workflows');
    expect(selected(wfs)).toContain('build-test');
    await press(stdin, KEYS.esc);
    const pipes = await waitForFrame(lastFrame, (f) => f.includes('Pipelines') && selected(f).includes('896'), 'pipelines on 896');
    expect(selected(pipes)).toContain('mallory-dev');
  });
});

describe(': jumps by number', () => {
  it(':896 opens the workflows of pipeline 896, :j5015 the steps of job 5015; Esc walks back through them', async () => {
    const { source } = live();
    const status = new StatusFeed();
    const { lastFrame, stdin } = mount({ source, status });
    await waitForFrame(lastFrame, PIPELINES_READY, 'pipelines');
    await press(stdin, ':', '8', '9', '6', KEYS.enter);
    await waitForFrame(lastFrame, (f) => f.includes('Workflows of pipeline 896'), 'workflows of 896');
    await press(stdin, KEYS.esc);
    await waitForFrame(lastFrame, (f) => f.includes('Pipelines') && selected(f).includes('896'), 'back on 896');
    await press(stdin, ':', ...`j${SIM_MALICIOUS.jobs.test}`, KEYS.enter);
    await waitForFrame(lastFrame, (f) => f.includes(`Steps of job ${SIM_MALICIOUS.jobs.test}`), 'steps of 5015');
    await press(stdin, KEYS.esc);
    await waitForFrame(lastFrame, (f) => f.includes('Jobs of build-test') && selected(f).includes(' test '), 'jobs on test');
    await press(stdin, ':', ...'99999', KEYS.enter);
    await waitForFrame(lastFrame, (f) => f.includes('no pipeline or job 99999'), 'not found');
    expect(crumbs(lastFrame()!)).toContain('› build-test');
  });
});

describe('y and Y copy checked ids and URLs', () => {
  it('a pipeline id, its URL, a workflow URL and a job number; the status line says what', async () => {
    const { source } = live();
    const copied: string[] = [];
    const { lastFrame, stdin } = mount({ source, clipboard: (t) => copied.push(t) });
    await waitForFrame(lastFrame, PIPELINES_READY, 'pipelines');
    expect(copied).toEqual([]);
    await press(stdin, 'y');
    await waitForFrame(lastFrame, (f) => f.includes('copied pipeline 909 id'), 'status after y');
    await press(stdin, 'Y');
    await waitForFrame(lastFrame, (f) => f.includes('copied pipeline 909 (URL)'), 'status after Y');
    await press(stdin, ':', ...'j5015', KEYS.enter);
    await waitForFrame(lastFrame, (f) => f.includes('Steps of job 5015'), 'steps');
    await press(stdin, 'y', 'Y');
    await waitForFrame(lastFrame, (f) => f.includes('copied job 5015 (URL)'), 'job URL');
    const wf = simWorkflowId(SIM_MALICIOUS.pipeline, SIM_MALICIOUS.workflow);
    expect(copied).toEqual([
      simPipelineId(909),
      'https://app.circleci.com/pipelines/github/acme/payments/909',
      '5015',
      `https://app.circleci.com/pipelines/github/acme/payments/896/workflows/${wf}/jobs/5015`,
    ]);
  });

  it('copies nothing it could not check: a hostile id, a hostile project slug', async () => {
    const { copyTarget } = await import('../../src/tui/clipboard/copy-target.js');
    const evil = '\x1b]52;c;ZXZpbA==\x07';
    // Hostile rows as the API could send them: only the fields copyTarget reads.
    const pipeline = { id: `1234${evil}`, number: 896, trigger: {} } as unknown as Pipeline;
    const row = (p: Pipeline): Selection => ({ kind: 'pipeline', pipeline: p });
    expect(copyTarget({ kind: 'pipelines' }, row(pipeline), 'id', SIM_PROJECT)).toEqual({ why: 'this pipeline has no valid id to copy' });
    expect(copyTarget({ kind: 'pipelines' }, row({ ...pipeline, id: simPipelineId(896) }), 'url', `gh/acme/pay${evil}`)).toHaveProperty('why');
    expect(copyTarget({ kind: 'pipelines' }, row({ ...pipeline, id: simPipelineId(896), number: 8.5 }), 'url', SIM_PROJECT)).toHaveProperty('why');
    expect(copyTarget({ kind: 'jobs' }, { kind: 'job', job: { job_number: null, type: 'approval' } as Job }, 'id', SIM_PROJECT)).toHaveProperty('why');
    expect(copyTarget({ kind: 'pipelines' }, undefined, 'id', SIM_PROJECT)).toEqual({ why: 'nothing selected to copy' });
    // A row left over from another level is not this level's selection.
    expect(copyTarget({ kind: 'jobs' }, row({ ...pipeline, id: simPipelineId(896) }), 'id', SIM_PROJECT)).toEqual({ why: 'nothing selected to copy' });
    // (harness check) the same pipeline with a real id copies.
    expect(copyTarget({ kind: 'pipelines' }, row({ ...pipeline, id: simPipelineId(896) }), 'id', SIM_PROJECT)).toEqual({ text: simPipelineId(896), what: 'pipeline 896 id' });
  });
});
