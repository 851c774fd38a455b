// Keys and errors in a real terminal (tmux at 80x24, the built CLI): `y`/`Y` reach tmux's clipboard through
// OSC 52 (tmux keeps it as a paste buffer) and only when pressed; a dead host shows an error state and the
// unreachable badge, not "loading pipelines…"; `c` shows the hostile step's whole command.
import { describe, expect, it } from 'vitest';
import { SIM_MALICIOUS, SIM_PROJECT, simPipelineId } from '../../src/sim/story.js';
import { TEST_TOKEN, useSim } from '../helpers/sim.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { hasTmux, TmuxSession, useTmuxSessions } from './tmux.js';
import { deadPort } from '../helpers/net.js';

const sim = useSim();
const tmp = useTmpDirs();
const keep = useTmuxSessions();

function start(args: string[]) {
  return keep(TmuxSession.start(args, { env: { CIRCLE_TOKEN: TEST_TOKEN, SLEUTH_CACHE_DIR: tmp(), TERM: 'xterm-256color' } }));
}

/** tmux's newest paste buffer, or '' when there is none. */
function lastBuffer(s: TmuxSession): string {
  return s.buffers() ? s.tmux(['show-buffer']) : '';
}

describe.skipIf(!hasTmux)('keys in tmux', () => {
  it('y copies the pipeline id and Y its URL through OSC 52, only when pressed; the status line says what', async () => {
    const s = start(['--host', sim().apiUrl, '--project', SIM_PROJECT]);
    await s.waitForText(/909 .*running/);
    // Nothing on the clipboard until a key asks for it.
    expect(s.buffers()).toBe('');
    await s.send('y');
    await s.waitForText('copied pipeline 909 id');
    await s.waitFor(() => lastBuffer(s) === simPipelineId(909), 'the id in a tmux buffer');
    await s.send('Y');
    await s.waitForText('copied pipeline 909 (URL)');
    await s.waitFor(() => lastBuffer(s) === 'https://app.circleci.com/pipelines/github/acme/payments/909', 'the URL in a tmux buffer');
    await s.send('q');
    await s.waitFor(() => s.paneDead(), 'exit');
  });

  it('the hostile step: the log shows its command, c all of it (env | grep), and nothing reaches the clipboard', async () => {
    const s = start(['--host', sim().apiUrl, '--project', SIM_PROJECT, '--job', String(SIM_MALICIOUS.jobs.test), '--step', String(SIM_MALICIOUS.maliciousStep)]);
    await s.waitForText('$ echo "Uploading coverage report..."');
    await s.send('c');
    const screen = await s.waitForText('Command of Upload coverage');
    expect(screen).toContain("env | grep -E '^(AWS_|NPM_)'");
    expect(s.buffers()).toBe('');
    await s.send('Escape');
    await s.waitForText('$ echo "Uploading');
  });

  it('a host that refuses connections: the reason in the pane with r retries, the badge says unreachable', async () => {
    const port = await deadPort();
    const s = start(['--host', `http://127.0.0.1:${port}`, '--project', SIM_PROJECT]);
    const screen = await s.waitForText('could not load the pipelines');
    expect(screen).toContain(`✗ cannot reach CircleCI (http://127.0.0.1:${port}): ECONNREFUSED`);
    expect(screen).toContain('r retries');
    expect(screen).not.toContain('loading pipelines…');
    expect(screen.split('\n')[0]).toMatch(/unreachable\s*$/);
    expect(screen.split('\n')[0]).not.toMatch(/\blive\b/);
    await s.send('q');
    await s.waitFor(() => s.paneDead(), 'exit');
  });
});
