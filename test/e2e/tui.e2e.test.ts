// The real TUI in a real terminal: tmux at 80x24, keys sent with send-keys, screens read back.
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SIM_HUGE_LOG, SIM_MALICIOUS, SIM_PROJECT, simWorkflowId } from '../../src/sim/story.js';
import { TEST_TOKEN, useSim } from '../helpers/sim.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { hasTmux, TmuxSession, useTmuxSessions } from './tmux.js';

const sim = useSim();
const tmp = useTmpDirs();
const keep = useTmuxSessions();

function start(args: string[], env: Record<string, string> = {}) {
  // XDG_STATE_HOME: the demo keeps its audit log and evidence there, not in the tester's home.
  const s = TmuxSession.start(args, { env: { CIRCLE_TOKEN: TEST_TOKEN, SLEUTH_CACHE_DIR: tmp(), XDG_STATE_HOME: tmp(), TERM: 'xterm-256color', ...env } });
  keep(s);
  return s;
}

describe.skipIf(!hasTmux)('the TUI in tmux', () => {
  it('(harness check) would notice a title change and a clipboard write', async () => {
    const s = TmuxSession.startShell(`printf '\\033]2;pwned\\007\\033]52;c;ZXZpbA==\\007'; sleep 5`);
    keep(s);
    await s.waitFor(() => s.title() === 'pwned', 'title change');
    expect(s.buffers()).toContain('evil');
  });

  it('demo: drills down and back at 80x24', async () => {
    const s = start(['demo']);
    await s.waitForText(/909 .*(success|running)/);
    const first = s.screen().trimEnd().split('\n');
    expect(first.length).toBeLessThanOrEqual(24);
    await s.send('j');
    await s.waitForText('2/');
    await s.send('Enter');
    await s.waitForText('gh/acme/payments › 908');
    await s.send('Enter');
    await s.waitForText('Jobs of build-test');
    await s.send('Enter');
    await s.waitForText(/Steps of job \d+ build/);
    await s.send('Escape');
    await s.waitForText('Jobs of build-test');
    await s.send('h');
    await s.waitForText('Workflows of pipeline 908');
    await s.send('Left');
    await s.waitForText(/Pipelines .*2\//);
    await s.send('q');
    await s.waitFor(() => s.paneDead(), 'exit');
  });

  it('shows the hostile log visibly: no title change, no clipboard write', async () => {
    const s = start(['--host', sim().apiUrl, '--project', SIM_PROJECT, '--job', String(SIM_MALICIOUS.jobs.test), '--step', String(SIM_MALICIOUS.maliciousStep)]);
    // tmux's pane title starts as the host name; an OSC 0/2 reaching the terminal would change it.
    const titleBefore = s.title();
    // The output itself, not the command line above it (shown before the output has loaded).
    await s.waitForText(/line 1\/\d+/);
    await s.send('/');
    await s.type('OSC 52 clipboard write');
    await s.send('Enter');
    const screen = await s.waitForText('^[]52;c;Y3Vyb');
    expect(screen).toContain('gh/acme/payments › 896 › build-test › test #5015 › Upload coverage');
    await s.send('/');
    await s.type('window title');
    await s.send('Enter');
    await s.waitForText('^[]0;sudo rm -rf ~^G');
    // Scroll through the whole corpus so every row has been drawn at least once.
    const top = s.screen();
    for (let i = 0; i < 8; i++) await s.send('PageDown');
    // send() returns once a key was drawn: every row scrolled past has been through tmux's parser (the harness check
    // above shows a title or clipboard change would be seen).
    await s.waitFor((x) => x !== top, 'scrolled');
    expect(titleBefore).toBe(hostname());
    expect(s.title()).toBe(titleBefore);
    expect(s.buffers()).toBe('');
    expect(s.paneDead()).toBe(false);
  });

  it('d downloads the selected pipeline as evidence, with a progress bar and checksums', async () => {
    const out = tmp();
    const s = start(['--host', sim().apiUrl, '--project', SIM_PROJECT, '--artifacts-host', sim().artifactsUrl, '--out', out, '--pipeline', String(SIM_MALICIOUS.pipeline)]);
    await s.waitForText(/build-test\s+failed/);
    await s.send('d');
    const done = await s.waitForText(/complete: \d+ jobs/);
    const wf = simWorkflowId(SIM_MALICIOUS.pipeline, SIM_MALICIOUS.workflow);
    expect(readFileSync(join(out, wf, `job-${SIM_MALICIOUS.jobs.test}`, `step-${SIM_MALICIOUS.maliciousStep}.txt`), 'utf8')).toContain('AWS_ACCESS_KEY_ID=');
    expect(execFileSync('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: out, encoding: 'utf8' })).toBe('');
    // The token never reached storage.
    expect(sim().requests.filter((r) => r.server === 'storage').every((r) => !r.headers['circle-token'])).toBe(true);
  }, 60_000);

  it('opens the 300,000-line log, G reaches its end, / finds a line', async () => {
    const s = start(['--host', sim().apiUrl, '--project', SIM_PROJECT, '--job', String(SIM_HUGE_LOG.job), '--step', String(SIM_HUGE_LOG.step)]);
    await s.waitForText(/line 1\/3\d{5}/);
    await s.send('G');
    await s.waitForText(/line 3\d{5}\/3\d{5}/);
    await s.send('/');
    await s.type(SIM_HUGE_LOG.needle);
    await s.send('Enter');
    const screen = await s.waitForText(`${SIM_HUGE_LOG.needleLine} ${SIM_HUGE_LOG.needle}`);
    expect(screen).toMatch(/1 of 1/);
  });
});
