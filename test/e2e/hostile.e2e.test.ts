// Every pane and overlay against the hostile simulator (the terminal-attack corpus in every name, branch, message,
// path, audit cell and Exlogare reply), live and offline, at 80x24 and 140x40 (Miller columns with a preview). After
// each step the terminal's title and clipboard are checked: tmux's `#{pane_title}` starts as the host name and its
// paste buffers start empty, so an OSC 0/2 or OSC 52 that reached the terminal would change one of them (the harness
// check in tui.e2e.test.ts proves the same tmux sees both). Needs tmux and a build; skipped otherwise.
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeSampleAudit } from '../../src/sim/audit/index.js';
import { startExlogareSim, type ExlogareSimHandle } from '../../src/sim/exlogare/index.js';
import { SIM_MALICIOUS, SIM_PROJECT } from '../../src/sim/index.js';
import { download } from '../evidence/helpers.js';
import { TEST_TOKEN, useSim } from '../helpers/sim.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { EXL_TOKEN } from '../rca/helpers.js';
import { afterAll, beforeAll } from 'vitest';
import { hasTmux, TmuxSession, useTmuxSessions } from './tmux.js';

const sim = useSim({ hostile: true });
const tmp = useTmpDirs();
const keep = useTmuxSessions();
let ex: ExlogareSimHandle;
beforeAll(async () => {
  ex = await startExlogareSim({ token: EXL_TOKEN, hostile: true });
});
afterAll(async () => {
  await ex?.close();
});

interface Size { width: number; height: number }
const SIZES: Size[] = [{ width: 80, height: 24 }, { width: 140, height: 40 }];

/** The terminal as it was before sleuth drew anything: title is the host name, no paste buffer. */
class Guard {
  readonly title = hostname();
  /** Hostile text seen drawn visibly (`^[` notation), proving the walk really showed the corpus. */
  visible = 0;
  constructor(private readonly s: TmuxSession) {}

  check(step: string): void {
    const screen = this.s.screen();
    if (screen.includes('^[')) this.visible++;
    expect(this.s.title(), `title after ${step}`).toBe(this.title);
    expect(this.s.buffers(), `clipboard after ${step}`).toBe('');
    expect(this.s.paneDead(), `sleuth still running after ${step}`).toBe(false);
    expect(screen.trimEnd().split('\n').length, `fits the screen after ${step}`).toBeLessThanOrEqual(this.height);
  }

  height = 24;
}

async function start(args: string[], size: Size): Promise<{ s: TmuxSession; g: Guard }> {
  const audit = await writeSampleAudit(join(tmp(), 'audit.csv'), 'csv', { hostile: true });
  const s = keep(TmuxSession.start([...args, '--audit', audit], {
    width: size.width,
    height: size.height,
    // XDG_STATE_HOME: the RCA send (R, S, y) is recorded in the state directory, this test's and not the real home's.
    env: { CIRCLE_TOKEN: TEST_TOKEN, SLEUTH_CACHE_DIR: tmp(), XDG_STATE_HOME: tmp(), TERM: 'xterm-256color', EXLOGARE_URL: ex.url, EXLOGARE_TOKEN: EXL_TOKEN },
  }));
  const g = new Guard(s);
  g.height = size.height;
  return { s, g };
}

/**
 * The exfiltrating step of job 5015 (the whole corpus in its log) by deep link, then back up through steps, jobs and
 * workflows to the pipelines list, with the help overlay there. Deep links, not filters: this walk is about what is
 * drawn, and issue 12 covers keys.
 */
async function walkUp(s: TmuxSession, g: Guard): Promise<void> {
  await s.waitForText(` · job ${SIM_MALICIOUS.jobs.test} step ${SIM_MALICIOUS.maliciousStep}`);
  g.check('the exfiltrating log');
  await s.send('t', 'w', 'G', 'PageUp');
  g.check('the log with timestamps and wrap');
  await s.send('Escape');
  await s.waitForText(`Steps of job ${SIM_MALICIOUS.jobs.test}`);
  g.check('the steps list');
  await s.send('Escape');
  await s.waitForText('Jobs of ');
  g.check('the jobs list');
  await s.send('Escape');
  await s.waitForText(`Workflows of pipeline ${SIM_MALICIOUS.pipeline}`);
  g.check('the workflows list');
  await s.send('Escape');
  await s.waitForText('Pipelines');
  g.check('the pipelines list');
  await s.send('?');
  await s.waitForText('Keys (pipelines)');
  g.check('the help overlay');
  await s.send('Escape');
  await s.send('q');
  await s.waitFor(() => s.paneDead(), 'exit');
}

const STEPS = `Steps of job ${SIM_MALICIOUS.jobs.lint}`;

async function overlays(s: TmuxSession, g: Guard, live: boolean): Promise<void> {
  await s.send('R');
  await s.waitForText('Failing step');
  g.check('the failure summary');
  await s.send('S');
  await s.waitForText('Send this failure log to Exlogare?');
  g.check('the send confirmation');
  await s.send('y');
  await s.waitForText('Exlogare RCA');
  g.check('the Exlogare reply');
  await s.send('Escape');
  await s.waitForText(STEPS);
  if (live) {
    await s.send('d');
    await s.waitForText(/complete: \d+ jobs?/, 60_000);
    g.check('the download');
  }
  await s.send('s');
  await s.waitForText('Search every downloaded job');
  await s.type('x-access-token');
  await s.waitForText(`${SIM_MALICIOUS.jobs.lint}/${SIM_MALICIOUS.lintStep}`);
  g.check('the search pane');
  await s.send('Enter', 'Enter');
  await s.waitFor((x) => !x.includes('Search every downloaded job'), 'a hit opened');
  g.check('a search hit opened');
  await s.send('Escape');
  await s.waitForText('Search every downloaded job');
  await s.send('S');
  await s.waitForText('Secrets in downloaded output');
  await s.waitForText('files scanned', 60_000);
  g.check('the findings pane');
  await s.send('v', 'i');
  g.check('the findings revealed');
  await s.send('Escape', 'Escape');
  await s.waitForText(STEPS);
  await s.send('a');
  await s.waitForText(/\d+ of \d+ events/);
  g.check('the audit pane');
  await s.send('Enter');
  g.check('an audit event');
  await s.send('Escape', 'Escape');
  await s.waitForText(STEPS);
  await s.send('x');
  await s.waitForText('exposure');
  if (live) await s.waitForText(/\d+ jobs? ran/);
  g.check('the exposure pane');
  if (live) {
    await s.send('v');
    await s.waitForText('Exposure per secret');
    await s.send('Enter');
    g.check('the exposure detail');
    await s.send('Escape');
  }
  await s.send('Escape');
  await s.waitForText(STEPS);
  g.check('back at the steps');
  await s.send('q');
  await s.waitFor(() => s.paneDead(), 'exit');
  expect(s.title()).toBe(g.title);
  expect(s.buffers()).toBe('');
}

describe.skipIf(!hasTmux)('hostile data in every pane: the title and the clipboard never change', () => {
  for (const size of SIZES) {
    it(`live at ${size.width}x${size.height}`, async () => {
      const live = ['--host', sim().apiUrl, '--project', SIM_PROJECT, '--artifacts-host', sim().artifactsUrl, '--out', tmp()];
      const up = await start([...live, '--job', String(SIM_MALICIOUS.jobs.test), '--step', String(SIM_MALICIOUS.maliciousStep)], size);
      await walkUp(up.s, up.g);
      const { s, g } = await start([...live, '--job', String(SIM_MALICIOUS.jobs.lint)], size);
      await s.waitForText(STEPS);
      await overlays(s, g, true);
      expect(up.g.visible + g.visible, 'hostile text was drawn visibly').toBeGreaterThan(5);
    }, 240_000);

    it(`offline (sleuth open) at ${size.width}x${size.height}`, async () => {
      const dir = tmp();
      const r = await download(sim(), dir, { target: { kind: 'pipeline', project: SIM_PROJECT, number: SIM_MALICIOUS.pipeline } });
      expect(r.complete).toBe(true);
      const up = await start(['open', dir, '--job', String(SIM_MALICIOUS.jobs.test), '--step', String(SIM_MALICIOUS.maliciousStep)], size);
      await walkUp(up.s, up.g);
      const { s, g } = await start(['open', dir, '--job', String(SIM_MALICIOUS.jobs.lint)], size);
      await s.waitForText(STEPS);
      await overlays(s, g, false);
      expect(up.g.visible + g.visible, 'hostile text was drawn visibly').toBeGreaterThan(5);
    }, 240_000);
  }
});
