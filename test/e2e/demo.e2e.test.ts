// The README's demo walk-through in a real terminal (tmux, 80x24), as a new user runs it: `sleuth demo`, drill to the
// hostile step (pipeline 896, job 5015, step 104), `d`, `s` a leaked value, `S`, `a`, `x`, `R`, quit; then the demo
// again, downloading again into the same folder. Each step checks what is on screen.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SIM_LEAKS, SIM_MALICIOUS } from '../../src/sim/index.js';
import { HOUR, MINUTE } from '../../src/sim/time.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { hasTmux, TmuxSession, useTmuxSessions } from './tmux.js';

const tmp = useTmpDirs();
const keep = useTmuxSessions();

const LOG_TITLE = `Upload coverage · job ${SIM_MALICIOUS.jobs.test} step ${SIM_MALICIOUS.maliciousStep}`;

function demo(state: string, args: string[] = []): TmuxSession {
  // No token and no CircleCI host: the demo needs neither.
  return keep(TmuxSession.start(['demo', ...args], { env: { XDG_STATE_HOME: state, TERM: 'xterm-256color' } }));
}

/** Where the screen is: the breadcrumb (the level) and whether a kept filter is shown (the one thing Esc clears in place). */
const place = (screen: string) => `${screen.split('\n')[0]}|${/^filter: /m.test(screen)}`;

/** Esc until `text` is on screen (a kept filter takes one Esc to clear, the pane another). */
async function backTo(s: TmuxSession, text: string): Promise<void> {
  for (let i = 0; i < 3 && !s.screen().includes(text); i++) {
    const before = place(s.screen());
    await s.send('Escape');
    // Every Esc changes the place (a filter cleared, a pane left): look again once this one has, never after a guess
    // at how long drawing takes (a second Esc sent too early would go one level too far). Not any change of screen:
    // a pane still filling in (the secrets scan counting files) changes it before the Esc is read.
    await s.waitFor((x) => place(x) !== before, 'the Esc taken');
  }
  await s.waitForText(text);
}

/** Pipelines → 896 (by filter) → its workflow → the jobs list. */
async function openPipeline896(s: TmuxSession): Promise<void> {
  await s.send('/');
  await s.type(String(SIM_MALICIOUS.pipeline));
  await s.send('Enter');
  await s.waitFor((x) => /^\s*896 /m.test(x) && !/^\s*909 /m.test(x), 'only 896 listed');
}

const stamp = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');

describe.skipIf(!hasTmux)("the README's demo walk-through in tmux at 80x24", () => {
  it('drills to the hostile step, d, s, S, a, x, R, quits; a second demo downloads into the same folder', async () => {
    const state = tmp();
    const s = demo(state);

    // Pipelines, minutes to hours old (the fixed 2026-11-20 clock read "14d ago" by December), and the opening hint.
    await s.waitForText('leak in pipeline 896 › job 5015 › step 104');
    const first = await s.waitForText(/^\s*896 failed/m);
    expect(first).toMatch(/^\s*909 running .* (\d+m|1h) ago\s*$/m);
    expect(first).toMatch(/^\s*896 failed\s+mallory-dev .* 1d ago\s*$/m);
    expect(first.trimEnd().split('\n').length).toBeLessThanOrEqual(24);

    // Drill to the hostile step.
    await openPipeline896(s);
    await s.send('Enter');
    await s.waitForText('Workflows of pipeline 896');
    await s.send('Enter');
    await s.waitForText('Jobs of build-test');
    await s.send('j');
    await s.waitForText('2/4');
    await s.send('Enter');
    // The rows, not just the title: a j pressed while they load moves nothing (CI: ended on 5/7). Each j then waits
    // for its own row.
    await s.waitForText('Steps of job 5015 test 1/7');
    for (let row = 2; row <= 6; row++) {
      await s.send('j');
      await s.waitForText(`Steps of job 5015 test ${row}/7`);
    }
    await s.send('Enter');
    await s.waitForText(LOG_TITLE);
    await s.waitForText(`AWS_ACCESS_KEY_ID=${SIM_LEAKS.awsAccessKeyId}`);

    // d: the job's evidence, into this world's folder under $XDG_STATE_HOME.
    await s.send('d');
    await s.waitForText(/complete: 1 jobs, \d+ new outputs/);
    const worlds = readdirSync(join(state, 'circle-sleuth/demo'));
    expect(worlds).toHaveLength(1);
    const world = worlds[0]!;
    expect(world).toMatch(/^\d{4}-\d\d-\d\dT\d\dZ$/);
    const evidence = join(state, 'circle-sleuth/demo', world, 'evidence');
    const manifest = () => JSON.parse(readFileSync(join(evidence, 'manifest.json'), 'utf8'));
    const firstHost = manifest().circleci.host as string;

    // s: the leaked AWS key id, found in what d downloaded.
    await s.send('s');
    await s.waitForText('search:');
    await s.type(SIM_LEAKS.awsAccessKeyId);
    const found = await s.waitForText(`AWS_ACCESS_KEY_ID=${SIM_LEAKS.awsAccessKeyId}`);
    expect(found).toMatch(/5015\/104 :2 /);
    expect(found).not.toContain('Nothing downloaded');
    await s.send('Enter');

    // S: the secrets in the downloaded output, masked.
    await s.send('S');
    const secrets = await s.waitForText('Secrets in downloaded output');
    await s.waitForText('aws-access-key-id AKIA');
    expect(secrets).not.toContain('nothing downloaded');
    await backTo(s, LOG_TITLE);

    // a: the sample audit log of this world; mallory-dev's login 47 minutes before pipeline 896 (26 h before 909).
    const anchor = Date.parse(`${world.slice(0, 13)}:00:00Z`);
    await s.send('a');
    await s.waitForText('Audit log ·');
    await s.send('/');
    await s.type('actor:mallory-dev');
    await s.send('Enter');
    await s.waitForText(`${stamp(anchor - 26 * HOUR - 47 * MINUTE)} login`);
    await backTo(s, LOG_TITLE);

    // x: what job 5015 could read, joined to the audit log's context reads.
    await s.send('x');
    await s.waitForText('Exposure per job · job 5015');
    await s.waitForText('audit: 2 context reads joined');
    await backTo(s, LOG_TITLE);

    // R: the job's failure summary.
    await s.send('R');
    await s.waitForText('Failure summary · job 5015 test');
    await s.waitForText('no step failed');

    // q: the demo says where the evidence stays and who reuses it.
    await s.send('q');
    await s.waitFor(() => s.paneDead(), 'exit');
    // The note may have scrolled the screen: read the pane's history too.
    const after = s.tmux(['capture-pane', '-p', '-J', '-S', '-100', '-t', s.name]);
    expect(after).toContain('sleuth demo: evidence kept in');
    expect(after).toContain(`${world}/evidence`);

    // The demo again, downloading again into that folder: its simulator has another port.
    const again = demo(state, ['--out', evidence]);
    await again.waitForText('leak in pipeline 896');
    await openPipeline896(again);
    await again.send('d');
    const second = await again.waitForText(/(complete|incomplete|interrupted): \d+ jobs|holds evidence from/);
    expect(second).toMatch(/complete: 4 jobs/);
    const m = manifest();
    expect(m.circleci.host).not.toBe(firstHost);
    expect(m.runs.map((r: { outcome: string }) => r.outcome)).toEqual(['complete', 'complete']);
    expect(existsSync(join(evidence, 'manifest.json'))).toBe(true);
    await again.send('q');
    await again.waitFor(() => again.paneDead(), 'exit');
  }, 180_000);
});
