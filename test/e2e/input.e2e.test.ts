// Keys as a batched link delivers them, in a real terminal: tmux sends each burst in ONE write (send-keys -l
// with several keys, or several send-keys in one tmux command), and the screen shows where the keys left the
// TUI. Runs the built code (dist/): refresh it with `npx tsc -p tsconfig.build.json`.
import { describe, expect, it } from 'vitest';
import { SIM_MATRIX, SIM_PROJECT, simWorkflowId } from '../../src/sim/story.js';
import { TEST_TOKEN, useSim } from '../helpers/sim.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { hasTmux, TmuxSession, useTmuxSessions } from './tmux.js';

const sim = useSim();
const tmp = useTmpDirs();
const keep = useTmuxSessions();
const JOBS = SIM_MATRIX.jobCount;

function start(args: string[]): TmuxSession {
  const env = { CIRCLE_TOKEN: TEST_TOKEN, SLEUTH_CACHE_DIR: tmp(), XDG_STATE_HOME: tmp(), TERM: 'xterm-256color' };
  return keep(TmuxSession.start(args, { env }));
}

/** The matrix workflow's 45 jobs, against the simulator. */
async function matrixJobs(): Promise<TmuxSession> {
  const s = start(['--host', sim().apiUrl, '--project', SIM_PROJECT, '--workflow', simWorkflowId(SIM_MATRIX.pipeline, SIM_MATRIX.workflow)]);
  await s.waitForText(` 1/${JOBS}`);
  return s;
}

/** Several tmux commands in ONE tmux invocation (`a ; b`): their keys reach the TUI back to back. */
function burst(s: TmuxSession, ...commands: string[][]): void {
  const args = commands.flatMap((c, i) => [...(i ? [';'] : []), 'send-keys', '-t', s.name, ...c]);
  s.tmux(args);
}

/** The prompt's line (a `/` in the first column), or null when no prompt is open. */
const promptLine = (screen: string) => screen.split('\n').find((l) => l.startsWith('/')) ?? null;

describe.skipIf(!hasTmux)('keys that arrive together, in tmux at 80x24', () => {
  it('jjjjj in one write moves five rows; 5j five more; 10G goes to row 10', async () => {
    const s = await matrixJobs();
    burst(s, ['-l', 'jjjjj']);
    await s.waitForText(` 6/${JOBS}`);
    burst(s, ['-l', '5j']);
    await s.waitForText(` 11/${JOBS}`);
    burst(s, ['-l', '10G']);
    const screen = await s.waitForText(` 10/${JOBS}`);
    expect(screen).toContain('Jobs of matrix');
  });

  it('/text and Enter in one tmux command filter and close the prompt (sleuth demo)', async () => {
    const s = start(['demo']);
    await s.waitForText(/909 .*(success|running)/);
    burst(s, ['-l', '/mallory'], ['Enter']);
    const screen = await s.waitForText('filter: mallory');
    expect(screen).toContain('896');
    expect(screen).not.toMatch(/^\s*909 /m);
    expect(promptLine(screen)).toBeNull();
  });

  it('Esc then j in one write: the prompt closes, then the cursor moves', async () => {
    const s = await matrixJobs();
    burst(s, ['-l', '/']);
    await s.waitFor((x) => promptLine(x) !== null, 'the prompt');
    burst(s, ['Escape'], ['-l', 'j']);
    const screen = await s.waitForText(` 2/${JOBS}`);
    expect(promptLine(screen)).toBeNull();
    expect(screen).toContain('Jobs of matrix');
  });

  it('50 Backspaces sent at once delete 50 characters', async () => {
    const s = await matrixJobs();
    const typed = 'abcdefghij'.repeat(6);
    burst(s, ['-l', `/${typed}`]);
    await s.waitFor((x) => promptLine(x)?.includes(typed) ?? false, 'sixty characters typed');
    burst(s, ['-N', '50', 'BSpace']);
    const screen = await s.waitFor((x) => promptLine(x)?.trimEnd() === '/abcdefghij', 'ten characters left');
    expect(promptLine(screen)).not.toContain('abcdefghija');
  });

  it('a paste into the prompt (tmux paste-buffer -p, bracketed) is typed literally: its newline does not submit, its q does not quit', async () => {
    const s = await matrixJobs();
    burst(s, ['-l', '/']);
    await s.waitFor((x) => promptLine(x) !== null, 'the prompt');
    s.tmux(['set-buffer', '-b', 'p', 'mat\nq']);
    s.tmux(['paste-buffer', '-p', '-d', '-b', 'p', '-t', s.name]);
    // tmux pastes the newline as CR; the display gate shows it as ^M.
    const screen = await s.waitFor((x) => promptLine(x)?.startsWith('/mat^Mq') ?? false, 'the paste in the prompt');
    expect(screen).not.toContain('filter:');
    expect(s.paneDead()).toBe(false);
  });

  it('Ctrl-C that arrives after other keys in the same write still quits', async () => {
    const s = await matrixJobs();
    burst(s, ['-l', 'jj'], ['C-c']);
    await s.waitFor(() => s.paneDead(), 'the TUI to quit');
  });
});
