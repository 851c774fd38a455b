// `R` in a real terminal: the built `sleuth` in tmux at 80x24 against the simulator and the fake Exlogare.
// Needs tmux, a build (npm test builds first) and the RCA wiring in the keymap; skipped otherwise.
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SIM_LEAKS, SIM_MALICIOUS, SIM_PROJECT } from '../../../src/sim/index.js';
import { TEST_TOKEN, useSim } from '../../helpers/sim.js';
import { useTmpDirs } from '../../helpers/tmp.js';
import { hasTmux, TmuxSession, useTmuxSessions } from '../../e2e/tmux.js';
import { EXL_TOKEN, useExlogare } from '../../rca/helpers.js';


const sim = useSim();
const ex = useExlogare();
const tmp = useTmpDirs();
const keep = useTmuxSessions();

describe.skipIf(!hasTmux)('R in tmux', () => {
  it('summarizes job 5016, asks before sending, sends the redacted log, shows the reply and where the send is recorded', async () => {
    // Nothing downloaded: the send is recorded in the state directory, a temp one here.
    const state = tmp();
    const record = join(state, 'circle-sleuth', 'rca-sends.jsonl');
    const s = TmuxSession.start(['--host', sim().apiUrl, '--project', SIM_PROJECT, '--job', String(SIM_MALICIOUS.jobs.lint), '--out', join(tmp(), 'evidence')], {
      env: { CIRCLE_TOKEN: TEST_TOKEN, SLEUTH_CACHE_DIR: tmp(), XDG_STATE_HOME: state, TERM: 'xterm-256color', EXLOGARE_URL: ex().url, EXLOGARE_TOKEN: EXL_TOKEN },
    });
    keep(s);
    const titleBefore = s.title();
    await s.waitForText('Run linter');
    await s.send('R');
    const summary = await s.waitForText('Failing step');
    expect(summary).toContain('Failure summary · job 5016 lint');
    expect(summary).toMatch(/step 103 Run linter · failed · exit 1/);
    expect(summary.trimEnd().split('\n').length).toBeLessThanOrEqual(24);
    const mark = ex().requests.length;
    await s.send('S');
    const ask = await s.waitForText('Send this failure log to Exlogare?');
    expect(ask).toContain('destination');
    expect(ask).toMatch(/redacted +[1-9]\d* secrets?/);
    expect(ask).toContain(`record      ${record}`);
    expect(ex().requests.length).toBe(mark);
    await s.send('y');
    const reply = await s.waitForText('Exlogare RCA');
    expect(reply).toContain('Summary');
    expect(reply).toContain(`recorded in ${record}`);
    expect(JSON.parse(readFileSync(record, 'utf8').trim())).toMatchObject({ job_number: 5016, outcome: 'delivered' });
    const got = ex().requests.slice(mark);
    expect(got).toHaveLength(1);
    expect(got[0]!.body.toString('utf8')).not.toContain(SIM_LEAKS.githubToken);
    expect(s.screen()).not.toContain(EXL_TOKEN);
    await s.send('Escape');
    await s.waitFor((x) => x.includes('Run linter') && !x.includes('Failure summary'), 'back at the steps');
    expect(titleBefore).toBe(hostname());
    expect(s.title()).toBe(titleBefore);
    await s.send('q');
    await s.waitFor(() => s.paneDead(), 'exit');
  });
});
