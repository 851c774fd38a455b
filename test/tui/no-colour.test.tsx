// Without colour, nothing is lost: NO_COLOR forbids colour, not attributes, so the selected row keeps its reverse
// video and titles their bold; TERM=dumb gets no escape sequence at all, and a `>` marks the selected row. A status
// says its tone in words. (The same in a real terminal: test/e2e/screens.e2e.test.ts.)
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/tui/App.js';
import { LiveSource } from '../../src/source/live-source.js';
import { SIM_PROJECT } from '../../src/sim/story.js';
import { StatusFeed } from '../../src/tui/status.js';
import { detectStyleMode, StyleModeContext, type StyleMode } from '../../src/tui/theme.js';
import { LogView, type ViewRow } from '../../src/tui/log/LogView.js';
import { SearchView, type HitRow } from '../../src/tui/search/SearchView.js';
import { display } from '../../src/text/display.js';
import { press, waitForFrame } from '../helpers/ink.js';
import { makeClient, useSim } from '../helpers/sim.js';

const sim = useSim();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

const plain = (f: string) => f.replace(/\x1b\[[0-9;]*m/g, '');

function mountApp(opts: { status?: StatusFeed; mode?: StyleMode } = {}) {
  const { client, transport } = makeClient(sim());
  cleanups.push(() => transport.close());
  const app = <App source={new LiveSource(client, SIM_PROJECT)} size={{ columns: 80, rows: 24 }} {...(opts.status ? { status: opts.status } : {})} />;
  const r = render(opts.mode ? <StyleModeContext.Provider value={opts.mode}>{app}</StyleModeContext.Provider> : app);
  cleanups.push(() => r.unmount());
  return r;
}

describe('without colour', () => {
  const COLOUR_SGR = /\x1b\[(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9]+)*m/;
  const selectedRow = (f: string) => f.split('\n').find((r) => /^\s*(?:>\s*)?909 /.test(plain(r))) ?? '';

  it('(check) off a colour terminal Ink itself draws no reverse video: the selection would be invisible', async () => {
    const { lastFrame } = mountApp();
    const f = await waitForFrame(lastFrame, (x) => x.includes('909') && x.includes('1/'), 'pipelines');
    expect(selectedRow(f)).not.toContain('\x1b[7m');
  });

  it('NO_COLOR: the selected row is in reverse video, the title bold, and no colour is sent', async () => {
    const { lastFrame } = mountApp({ mode: 'mono' });
    const f = await waitForFrame(lastFrame, (x) => x.includes('909') && x.includes('1/'), 'pipelines');
    expect(selectedRow(f)).toContain('\x1b[7m');
    expect(f.split('\n').filter((r) => r.includes('\x1b[7m') && /\d{3} /.test(plain(r)))).toHaveLength(1);
    expect(f).toContain('\x1b[1m');
    expect(f).not.toMatch(COLOUR_SGR);
  });

  it('TERM=dumb: no escape sequence at all; a > marks the selected row and moves with it', async () => {
    const { lastFrame, stdin } = mountApp({ mode: 'plain' });
    let f = await waitForFrame(lastFrame, (x) => x.includes('909') && x.includes('1/'), 'pipelines');
    expect(f).not.toContain('\x1b[');
    expect(f).toMatch(/^> +909 /m);
    expect(f).not.toMatch(/^> +908 /m);
    await press(stdin, 'j');
    f = await waitForFrame(lastFrame, (x) => /^> +908 /m.test(x), 'marker on 908');
    expect(f.split('\n').filter((r) => r.startsWith('>'))).toHaveLength(1);
    // Rows still fit the width with the marker in front.
    for (const r of f.split('\n')) expect(r.length, r).toBeLessThanOrEqual(80);
  });

  it('an error on the status line says "error" where colour cannot', async () => {
    const status = new StatusFeed();
    const { lastFrame } = mountApp({ status, mode: 'plain' });
    await waitForFrame(lastFrame, (x) => x.includes('909'), 'pipelines');
    status.push('the host refused the connection', 'error');
    await waitForFrame(lastFrame, (x) => x.includes('error: the host refused the connection'), 'error in words');
    status.push('rate limited: waiting 2.0s', 'warn');
    await waitForFrame(lastFrame, (x) => x.includes('warning: rate limited'), 'warning in words');
  });

  it('is decided from the environment only on a terminal', () => {
    expect(detectStyleMode({ NO_COLOR: '1' }, true)).toBe('mono');
    expect(detectStyleMode({ FORCE_COLOR: '0' }, true)).toBe('mono');
    expect(detectStyleMode({ TERM: 'dumb' }, true)).toBe('plain');
    expect(detectStyleMode({ TERM: 'dumb', NO_COLOR: '1' }, true)).toBe('plain');
    expect(detectStyleMode({ TERM: 'xterm-256color' }, true)).toBe('colour');
    expect(detectStyleMode({ NO_COLOR: '1' }, false)).toBe('colour');
  });

  it('TERM=dumb: the log marks its selected line, and search its selected hit, with a >', () => {
    const lines: ViewRow[] = ['npm ci', 'npm ERR! code 1', 'done'].map((t, i) => ({ key: String(i), gutter: `${i + 1} `, text: display(t), marked: i === 1, error: i === 1 }));
    const log = render(<StyleModeContext.Provider value="plain"><LogView width={40} rows={3} title="Run tests" note={null} lines={lines} message={null} status="line 1/3" prompt={null} /></StyleModeContext.Provider>);
    const lf = log.lastFrame()!;
    log.unmount();
    expect(lf).not.toContain('\x1b[');
    expect(lf.split('\n').filter((r) => r.includes('>'))).toEqual(['2>npm ERR! code 1']);
    const hits: HitRow[] = [0, 1].map((i) => ({ key: String(i), where: `5015/104 :${i + 1}`.padEnd(18), tag: '', before: 'token=', match: 'abc', after: '' }));
    const search = render(<StyleModeContext.Provider value="plain"><SearchView width={60} rows={2} title="search" queryLine={null} hits={hits} selected={1} active message={null} status="" /></StyleModeContext.Provider>);
    const sf = search.lastFrame()!;
    search.unmount();
    expect(sf).not.toContain('\x1b[');
    expect(sf).toMatch(/^>5015\/104 :2 /m);
    expect(sf).toMatch(/^ 5015\/104 :1 /m);
  });
});
