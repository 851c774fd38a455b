// The TUI as a terminal without colour shows it (tmux at 80x24, capture-pane -e for what the terminal was asked to
// draw): under NO_COLOR the selected row is in reverse video and no colour is sent; under TERM=dumb a `>` marks it
// and no attribute is sent at all. And at 80x24 the `?` overlay and the `!` history are reached with real keys.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIM_PROJECT } from '../../src/sim/story.js';
import { TEST_TOKEN, useSim } from '../helpers/sim.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { hasTmux, TmuxSession, useTmuxSessions } from './tmux.js';

const sim = useSim();
const tmp = useTmpDirs();
const keep = useTmuxSessions();

// test/setup.ts sets FORCE_COLOR=0 for the in-process tests, and a tmux server inherits it: these panes get the
// environment a user's terminal has, where only what each test names (NO_COLOR, TERM) says anything about colour.
const forceColour = process.env.FORCE_COLOR;
beforeAll(() => {
  delete process.env.FORCE_COLOR;
});
afterAll(() => {
  if (forceColour !== undefined) process.env.FORCE_COLOR = forceColour;
});

function start(env: Record<string, string>, args: string[] = []) {
  return keep(TmuxSession.start(['--host', sim().apiUrl, '--project', SIM_PROJECT, ...args], { env: { CIRCLE_TOKEN: TEST_TOKEN, SLEUTH_CACHE_DIR: tmp(), ...env } }));
}

/** SGR sequences on the screen, each as its parameter list ('7', '0;1', '38;5;3'). */
const sgrs = (screen: string) => [...screen.matchAll(/\x1b\[([0-9;:]*)m/g)].map((m) => m[1]!);
/** A parameter that sets a colour (39/49, back to the default, set none). */
const COLOUR_PARAM = /^(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])$/;
const setsColour = (params: string) => params.split(/[;:]/).some((p) => COLOUR_PARAM.test(p));
const rowOf = (screen: string, re: RegExp) => screen.split('\n').find((r) => re.test(r.replace(/\x1b\[[0-9;:]*m/g, ''))) ?? '';
/** The loaded pipelines screen, the outcomes in (they arrive a moment after the rows). */
const loaded = /909 +(running|success)/;

describe.skipIf(!hasTmux)('without colour, in tmux at 80x24', () => {
  it('(check) with colour the terminal is sent colours, and the selected row reverse video', async () => {
    const s = start({ TERM: 'xterm-256color' });
    await s.waitForText(loaded);
    const screen = s.screenWithEscapes();
    expect(sgrs(screen).some(setsColour)).toBe(true);
    expect(rowOf(screen, /^ +909 /)).toContain('\x1b[7m');
  });

  it('NO_COLOR=1: the selected row in reverse video (SGR 7), and no colour at all', async () => {
    const s = start({ TERM: 'xterm-256color', NO_COLOR: '1' });
    await s.waitForText(loaded);
    let screen = s.screenWithEscapes();
    expect(rowOf(screen, /^ +909 /)).toContain('\x1b[7m');
    expect(rowOf(screen, /^ +908 /)).not.toContain('\x1b[7m');
    expect(sgrs(screen).filter(setsColour)).toEqual([]);
    await s.send('j');
    await s.waitFor(() => rowOf(s.screenWithEscapes(), /^ +908 /).includes('\x1b[7m'), 'the selection on 908');
    screen = s.screenWithEscapes();
    expect(rowOf(screen, /^ +909 /)).not.toContain('\x1b[7m');
    // A status word is there in words (the outcome column), not only in a colour.
    expect(s.screen()).toMatch(/896 failed/);
  });

  it('TERM=dumb: a > marks the selected row, moves with it, and no attribute is sent', async () => {
    const s = start({ TERM: 'dumb' });
    await s.waitForText(loaded);
    let screen = s.screen();
    expect(screen).toMatch(/^> +909 /m);
    expect(screen.split('\n').filter((r) => r.startsWith('>'))).toHaveLength(1);
    expect(sgrs(s.screenWithEscapes()).filter((p) => p !== '0' && p !== '39' && p !== '49' && p !== '39;49')).toEqual([]);
    await s.send('j');
    screen = await s.waitFor((x) => /^> +908 /m.test(x), 'the marker on 908');
    expect(screen).not.toMatch(/^> +909 /m);
  });
});

describe.skipIf(!hasTmux)('screens that never hide what matters, in tmux at 80x24', () => {
  it('? scrolls to the last key and says more is below; ! shows a cut message whole', async () => {
    const s = start({ TERM: 'xterm-256color' });
    await s.waitForText(loaded);
    expect(s.screen()).toContain('! messages');
    await s.send('?');
    const help = await s.waitForText(/Keys \(pipelines\) · 1-18 of \d+/);
    expect(help).toMatch(/↓ \d+ more rows? below/);
    await s.send('PageDown', 'PageDown', 'PageDown');
    await s.waitFor((x) => /^q +quit/m.test(x) && x.includes('end ·'), 'the last key');
    await s.send('Escape');
    await s.waitFor((x) => !x.includes('Keys (pipelines)'), 'help closed');
    await s.send('!');
    const history = await s.waitForText('Messages, newest first');
    // The pipelines' load said how many came: a result, with its time and date.
    expect(history).toMatch(/ok · \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z/);
    expect(history).toContain('20 pipelines');
    await s.send('Escape');
    await s.waitForText(loaded);
  });
});
