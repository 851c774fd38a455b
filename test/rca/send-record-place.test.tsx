// Every RCA send is recorded, from the TUI and from the CLI, live or offline: in the job's evidence folder when
// there is one, else in sleuth's state directory ($XDG_STATE_HOME/circle-sleuth), and the confirmation says where.
// Real HTTP to the CircleCI simulator and the fake Exlogare; real files in temp folders.
import { render } from 'ink-testing-library';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../src/api/types.js';
import { resolveStateDir } from '../../src/config/state-dir.js';
import { downloadEvidence } from '../../src/evidence/index.js';
import { folderHoldsJob } from '../../src/rca/record-place.js';
import { SEND_RECORD_NAME } from '../../src/rca/send-record.js';
import { SIM_PROJECT, simWorkflowId } from '../../src/sim/index.js';
import { resolveDeepLink } from '../../src/source/deep-link.js';
import { LiveSource } from '../../src/source/live-source.js';
import { OfflineSource } from '../../src/source/offline-source.js';
import { App } from '../../src/tui/App.js';
import { stackFor } from '../../src/tui/state/stack.js';
import { press, waitForFrame } from '../helpers/ink.js';
import { makeClient, useLiveSources, useSim } from '../helpers/sim.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { mountRcaPane } from '../tui/rca/rca-pane-harness.js';
import { EXL_TOKEN, FAST, liveArgs, liveEnv, sleuthRca, useExlogare } from './helpers.js';

const sim = useSim();
const ex = useExlogare();
const tmp = useTmpDirs();
const { cleanups, source } = useLiveSources(sim);

/** Job 5016 downloaded from the simulator into a fresh folder. */
async function downloaded(): Promise<string> {
  const dir = tmp();
  const { client, transport } = makeClient(sim());
  await downloadEvidence({ client, out: dir, target: { kind: 'job', project: SIM_PROJECT, number: 5016 }, artifacts: false, retryDelayMs: 10 }).finally(() => transport.close());
  return dir;
}

async function job5016(src: LiveSource | OfflineSource): Promise<Job> {
  return (await src.jobs(simWorkflowId(896, 'build-test'))).find((j) => j.job_number === 5016)!;
}

const records = (file: string) => readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

/** The state directory's record file for XDG_STATE_HOME=state. */
const stateRecord = (state: string) => join(state, 'circle-sleuth', SEND_RECORD_NAME);

/** S, then y in the pane; returns the confirmation frame and the frame with the reply. */
async function sendFromPane(p: Parameters<typeof mountRcaPane>[0]) {
  const m = mountRcaPane({ width: 140, ...p });
  cleanups.push(() => m.unmount());
  await waitForFrame(m.lastFrame, (x) => x.includes('Failing step'), 'the summary');
  await m.send('rca.send');
  const asked = await waitForFrame(m.lastFrame, (x) => x.includes('Send this failure log'), 'the confirmation');
  await m.send('rca.confirm');
  const done = await waitForFrame(m.lastFrame, (x) => x.includes('Exlogare RCA'), 'the reply');
  return { m, asked, done };
}

describe('a send from the TUI is recorded, and the pane says where', () => {
  it('live, no evidence folder: in the state directory ($XDG_STATE_HOME/circle-sleuth/rca-sends.jsonl)', async () => {
    const state = tmp();
    const src = source();
    const mark = ex().requests.length;
    const { m, asked, done } = await sendFromPane({ source: src, job: await job5016(src), env: { EXLOGARE_URL: ex().url, EXLOGARE_TOKEN: EXL_TOKEN, XDG_STATE_HOME: state }, tuning: FAST });
    const file = stateRecord(state);
    expect(asked).toContain(`record      ${file}`);
    expect(done).toContain(`recorded in ${file}`);
    expect(m.status.find((s) => s.tone === 'ok')?.msg).toMatch(new RegExp(`· recorded in ${file.replace(/[.]/g, '\\.')}$`));
    const got = ex().requests.slice(mark);
    expect(got).toHaveLength(1);
    const lines = records(file);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ project_slug: SIM_PROJECT, job_number: 5016, outcome: 'delivered', http_status: 200, bytes: got[0]!.body.length });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).not.toContain('npm ERR!');
  });

  it('live, the job downloaded into the --out folder: in that folder, not in the state directory', async () => {
    const state = tmp();
    const out = await downloaded();
    const src = source();
    const { done } = await sendFromPane({ source: src, job: await job5016(src), downloads: out, env: { EXLOGARE_URL: ex().url, EXLOGARE_TOKEN: EXL_TOKEN, XDG_STATE_HOME: state }, tuning: FAST });
    expect(done).toContain(`recorded in ${join(out, SEND_RECORD_NAME)}`);
    expect(records(join(out, SEND_RECORD_NAME))).toHaveLength(1);
    expect(existsSync(stateRecord(state))).toBe(false);
  });

  it('live, an --out folder that does not hold the job: the state directory', async () => {
    const state = tmp();
    const out = tmp();
    const src = source();
    const { done } = await sendFromPane({ source: src, job: await job5016(src), downloads: out, env: { EXLOGARE_URL: ex().url, EXLOGARE_TOKEN: EXL_TOKEN, XDG_STATE_HOME: state }, tuning: FAST });
    expect(done).toContain(`recorded in ${stateRecord(state)}`);
    expect(existsSync(join(out, SEND_RECORD_NAME))).toBe(false);
  });

  it('offline (sleuth open DIR): in DIR, the confirmation says so', async () => {
    const state = tmp();
    const dir = await downloaded();
    const src = await OfflineSource.open(dir);
    const { asked, done } = await sendFromPane({ source: src, job: await job5016(src), env: { EXLOGARE_URL: ex().url, EXLOGARE_TOKEN: EXL_TOKEN, XDG_STATE_HOME: state }, tuning: FAST });
    expect(asked).toContain(`record      ${join(dir, SEND_RECORD_NAME)}`);
    expect(done).toContain(`recorded in ${join(dir, SEND_RECORD_NAME)}`);
    expect(records(join(dir, SEND_RECORD_NAME))).toHaveLength(1);
    expect(existsSync(stateRecord(state))).toBe(false);
  });

  it('a state directory that cannot be recorded in (a symlink): refused before the confirmation, nothing sent', async () => {
    const state = tmp();
    const elsewhere = tmp();
    symlinkSync(elsewhere, join(state, 'circle-sleuth'));
    const src = source();
    const m = mountRcaPane({ width: 140, source: src, job: await job5016(src), env: { EXLOGARE_URL: ex().url, EXLOGARE_TOKEN: EXL_TOKEN, XDG_STATE_HOME: state }, tuning: FAST });
    cleanups.push(() => m.unmount());
    await waitForFrame(m.lastFrame, (x) => x.includes('Failing step'), 'the summary');
    const mark = ex().requests.length;
    await m.send('rca.send');
    await waitForFrame(m.lastFrame, () => m.status.some((s) => s.tone === 'error'), 'the refusal');
    expect(m.status.find((s) => s.tone === 'error')!.msg).toMatch(/^not sent: cannot record sends in .*circle-sleuth: .* is a symlink/);
    expect(m.lastFrame()).not.toContain('Send this failure log');
    expect(ex().requests.length).toBe(mark);
    expect(existsSync(join(elsewhere, SEND_RECORD_NAME))).toBe(false);
  });
});

describe('the app hands the live --out folder to the RCA pane', () => {
  const state = { dir: '' };
  const saved: Record<string, string | undefined> = {};
  const vars = () => ({ EXLOGARE_URL: ex().url, EXLOGARE_TOKEN: EXL_TOKEN, XDG_STATE_HOME: state.dir });
  // The app's RCA pane reads process.env, as the real TUI does: set for this block, restored after it.
  beforeAll(() => {
    state.dir = mkdtempSync(join(tmpdir(), 'sleuth-app-state-'));
    for (const [k, v] of Object.entries(vars())) {
      saved[k] = process.env[k];
      process.env[k] = v;
    }
  });
  afterAll(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    rmSync(state.dir, { recursive: true, force: true });
  });

  it('R, S, y on job 5016 after it was downloaded: recorded in the --out folder, and the screen says so', async () => {
    const out = await downloaded();
    const src = source();
    const link = await resolveDeepLink(src, { job: 5016 });
    const r = render(<App source={src} size={{ columns: 140, rows: 30 }} initialStack={stackFor(link)} search={{ out, cacheDir: null }} />);
    cleanups.push(() => r.unmount());
    await waitForFrame(r.lastFrame, (f) => f.includes('Run linter'), 'steps of 5016');
    await pressUntil(r, 'R', (x) => x.includes('Failing step'), 'the RCA pane');
    await pressUntil(r, 'S', (x) => x.includes('Send this failure log'), 'the confirmation');
    const f = await pressUntil(r, 'y', (x) => x.includes('Exlogare RCA'), 'the reply');
    const file = join(out, SEND_RECORD_NAME);
    expect(f).toContain(`recorded in ${file}`);
    expect(records(file)).toMatchObject([{ job_number: 5016, outcome: 'delivered' }]);
    expect(existsSync(stateRecord(state.dir))).toBe(false);
  });
});

/** A key, then the frame that shows its effect. (press() lets React re-subscribe the handlers, so no key is lost.) */
async function pressUntil(r: { lastFrame: () => string | undefined; stdin: { write(s: string): void } }, key: string, done: (f: string) => boolean, what: string) {
  await press(r.stdin, key);
  return waitForFrame(r.lastFrame, done, what);
}

describe('a send from the CLI is recorded, and says where', () => {
  it('live, without --out: in the state directory, and stderr names the file', async () => {
    const state = tmp();
    const cwd = tmp();
    const mark = ex().requests.length;
    const r = await sleuthRca(liveArgs(5016, '--send', '--yes'), { cwd, env: liveEnv(sim().apiUrl, ex().url, { XDG_STATE_HOME: state }) });
    expect(r.code).toBe(0);
    const file = stateRecord(state);
    expect(r.err).toContain(`→ 200; recorded in ${file}`);
    const got = ex().requests.slice(mark);
    expect(records(file)).toMatchObject([{ job_number: 5016, outcome: 'delivered', bytes: got[0]!.body.length }]);
    expect(existsSync(join(cwd, SEND_RECORD_NAME))).toBe(false);
  });

  it('live, no XDG_STATE_HOME: under the home directory (~/.local/state/circle-sleuth), shown as ~/…', async () => {
    const home = tmp();
    const r = await sleuthRca(liveArgs(5016, '--send', '--yes'), { env: liveEnv(sim().apiUrl, ex().url, { XDG_STATE_HOME: 'relative/ignored', HOME: home }), home });
    expect(r.code).toBe(0);
    expect(r.err).toContain('; recorded in ~/.local/state/circle-sleuth/rca-sends.jsonl');
    expect(records(join(home, '.local/state/circle-sleuth', SEND_RECORD_NAME))).toHaveLength(1);
  });

  it('with --out: in that folder; offline with --dir: in the folder read', async () => {
    const state = tmp();
    const out = tmp();
    const a = await sleuthRca(liveArgs(5016, '--send', '--yes', '--out', out), { env: liveEnv(sim().apiUrl, ex().url, { XDG_STATE_HOME: state }) });
    expect(a.code).toBe(0);
    expect(a.err).toContain(`recorded in ${join(out, SEND_RECORD_NAME)}`);
    const dir = await downloaded();
    const b = await sleuthRca(['5016', '--dir', dir, '--send', '--yes'], { env: { EXLOGARE_URL: ex().url, EXLOGARE_TOKEN: EXL_TOKEN, XDG_STATE_HOME: state } });
    expect(b.code).toBe(0);
    expect(b.err).toContain(`recorded in ${join(dir, SEND_RECORD_NAME)}`);
    expect(records(join(out, SEND_RECORD_NAME))).toHaveLength(1);
    expect(records(join(dir, SEND_RECORD_NAME))).toHaveLength(1);
    expect(existsSync(stateRecord(state))).toBe(false);
  });

  it('the prompt names the record file before anything is sent; --dry-run says where a send would be recorded', async () => {
    const state = tmp();
    const mark = ex().requests.length;
    const asked = await sleuthRca(liveArgs(5016, '--send'), { tty: true, env: liveEnv(sim().apiUrl, ex().url, { XDG_STATE_HOME: state }), deps: { ask: async () => 'n' } });
    expect(asked.code).toBe(1);
    expect(asked.err).toContain(`  record       ${stateRecord(state)}`);
    const dry = await sleuthRca(liveArgs(5016, '--dry-run'), { env: liveEnv(sim().apiUrl, ex().url, { XDG_STATE_HOME: state }) });
    expect(dry.err).toContain(`nothing was sent; a send would be recorded in ${stateRecord(state)}`);
    expect(ex().requests.length).toBe(mark);
    expect(existsSync(stateRecord(state))).toBe(false);
  });

  it('a state directory that cannot be written: refused before anything is read or sent', async () => {
    const state = tmp();
    symlinkSync(tmp(), join(state, 'circle-sleuth'));
    const before = sim().requests.length;
    const mark = ex().requests.length;
    const r = await sleuthRca(liveArgs(5016, '--send', '--yes'), { env: liveEnv(sim().apiUrl, ex().url, { XDG_STATE_HOME: state }) });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/cannot record sends in .*circle-sleuth: .* is a symlink.*; nothing was sent/);
    expect(sim().requests.length).toBe(before);
    expect(ex().requests.length).toBe(mark);
  });
});

describe('where the state directory is, and which folder holds a job', () => {
  it('$XDG_STATE_HOME/circle-sleuth when absolute, else ~/.local/state/circle-sleuth', () => {
    expect(resolveStateDir({ XDG_STATE_HOME: '/x/state' }, '/home/u')).toBe('/x/state/circle-sleuth');
    expect(resolveStateDir({ XDG_STATE_HOME: 'rel' }, '/home/u')).toBe('/home/u/.local/state/circle-sleuth');
    expect(resolveStateDir({}, '/home/u')).toBe('/home/u/.local/state/circle-sleuth');
  });

  it('a folder holds a job when its manifest lists it, for the same project', async () => {
    const dir = await downloaded();
    expect(await folderHoldsJob(dir, SIM_PROJECT, 5016)).toBe(true);
    expect(await folderHoldsJob(dir, SIM_PROJECT, 5015)).toBe(false);
    expect(await folderHoldsJob(dir, 'gh/other/repo', 5016)).toBe(false);
    expect(await folderHoldsJob(tmp(), SIM_PROJECT, 5016)).toBe(false);
  });
});
