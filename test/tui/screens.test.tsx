// Screens that never hide what matters, at 80x24: the `?` overlay scrolls and says more is below, a message cut on
// the status line is read whole with `!`, and the breadcrumb keeps where the user is. (Without colour: no-colour.test.tsx.)
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/tui/App.js';
import { LiveSource } from '../../src/source/live-source.js';
import { SIM_PROJECT } from '../../src/sim/story.js';
import { Header } from '../../src/tui/components/Header.js';
import { HelpOverlay } from '../../src/tui/components/HelpOverlay.js';
import { MessageHistory } from '../../src/tui/components/MessageHistory.js';
import { bindingsFor, footerHints, type PaneKind } from '../../src/tui/keymap.js';
import { HISTORY_LIMIT, StatusFeed } from '../../src/tui/status.js';
import type { Level } from '../../src/tui/state/nav.js';
import { KEYS, press, waitForFrame } from '../helpers/ink.js';
import { makeClient, useSim } from '../helpers/sim.js';
import { mountPane } from './audit/pane-harness.js';

const sim = useSim();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

const SIZE = { columns: 80, rows: 24 };
const plain = (f: string) => f.replace(/\x1b\[[0-9;]*m/g, '');

function mountApp(opts: { status?: StatusFeed } = {}) {
  const { client, transport } = makeClient(sim());
  cleanups.push(() => transport.close());
  const r = render(<App source={new LiveSource(client, SIM_PROJECT)} size={SIZE} {...(opts.status ? { status: opts.status } : {})} />);
  cleanups.push(() => r.unmount());
  return r;
}

function mountView(paneId: string, el: React.ReactElement) {
  const m = mountPane(paneId, () => el);
  cleanups.push(() => m.unmount());
  return m;
}

describe('the ? overlay at 80x24', () => {
  it('(check) the pipelines pane has more keys than one screen shows', () => {
    expect(bindingsFor('pipelines').length).toBeGreaterThan(SIZE.rows - 4 - 2);
  });

  it('scrolls with j and PgDn, says how much is below, and reaches the last key', async () => {
    const { lastFrame, stdin } = mountApp();
    await waitForFrame(lastFrame, (f) => f.includes('909'), 'pipelines');
    await press(stdin, '?');
    const first = await waitForFrame(lastFrame, (f) => f.includes('Keys (pipelines)'), 'help');
    expect(first).toMatch(/Keys \(pipelines\) · 1-18 of \d+/);
    expect(first).toMatch(/↓ \d+ more rows? below/);
    expect(first).not.toMatch(/^q +quit$/m);
    await press(stdin, 'j');
    await waitForFrame(lastFrame, (f) => /Keys \(pipelines\) · 2-19 of/.test(f), 'one row down');
    await press(stdin, KEYS.pageDown, KEYS.pageDown, KEYS.pageDown);
    const end = await waitForFrame(lastFrame, (f) => /^q +quit$/m.test(f) && f.includes('end ·'), 'the last key');
    expect(end).not.toMatch(/more rows? below/);
    // Esc closes it and the list is where it was.
    await press(stdin, KEYS.esc);
    await waitForFrame(lastFrame, (f) => !f.includes('Keys (pipelines)') && f.includes('Pipelines'), 'help closed');
  });

  const PANES: PaneKind[] = ['pipelines', 'workflows', 'jobs', 'steps', 'log', 'rca', 'audit', 'exposure', 'search', 'findings', 'messages'];
  it.each(PANES)('every key of the %s pane can be reached by scrolling', async (pane) => {
    const m = mountView('help', <HelpOverlay pane={pane} width={80} height={20} />);
    const seen = new Set<string>();
    for (let page = 0; page < 10; page++) {
      const f = await waitForFrame(m.lastFrame, (x) => x.includes(`Keys (${pane})`), 'help');
      for (const row of f.split('\n')) seen.add(row.trim());
      if (!/more rows? below/.test(f)) break;
      await m.send('page.down');
    }
    const rows = [...seen];
    for (const b of bindingsFor(pane)) {
      const keys = b.keys.join(' ');
      expect(rows.some((r) => r.startsWith(keys) && r.includes(b.help.split(' ').slice(0, 3).join(' '))), `${pane}: ${keys} ${b.help}`).toBe(true);
    }
  });
});

describe('the message history (!)', () => {
  it('keeps the last 200 messages, a repeat counted once, an empty message not at all', () => {
    let now = Date.parse('2026-11-20T12:00:00Z');
    const feed = new StatusFeed(() => (now += 1000));
    feed.push('');
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) feed.push(`message ${i}`, 'info');
    feed.push('rate limited', 'warn');
    feed.push('rate limited', 'warn');
    const kept = feed.history();
    expect(kept).toHaveLength(HISTORY_LIMIT);
    expect(kept[0]!.text).toBe('message 6');
    expect(kept.at(-1)).toMatchObject({ text: 'rate limited', repeats: 2 });
  });

  it('a message cut on the status line is read whole, newest first, with its time and tone as words', async () => {
    const status = new StatusFeed(() => Date.parse('2026-11-20T12:00:03Z'));
    const { lastFrame, stdin } = mountApp({ status });
    await waitForFrame(lastFrame, (f) => f.includes('909'), 'pipelines');
    expect(plain(lastFrame()!)).toContain('! messages');
    const long = 'could not download job 5015: the artifact host refused the connection (ECONNREFUSED 127.0.0.1:9) after 2 attempts; the rest of the window was kept and d resumes it';
    status.push('an older result', 'ok');
    status.push(long, 'error');
    const cut = await waitForFrame(lastFrame, (f) => f.includes('(! whole)'), 'the cut message');
    expect(plain(cut)).not.toContain('d resumes it');
    await press(stdin, '!');
    const f = plain(await waitForFrame(lastFrame, (x) => x.includes('Messages, newest first'), 'history'));
    expect(f).toContain('gh/acme/payments › messages');
    expect(f).toContain('error · 2026-11-20 12:00:03Z');
    // The whole text, wrapped between words.
    expect(f.replace(/\s*\n\s*/g, ' ')).toContain(long);
    expect(f.indexOf('error ·')).toBeLessThan(f.indexOf('ok · 2026-11-20'));
    await press(stdin, KEYS.esc);
    await waitForFrame(lastFrame, (x) => !x.includes('Messages, newest first') && x.includes('Pipelines'), 'back');
  });

  it('scrolls when the messages do not fit, and says more is below', async () => {
    const feed = new StatusFeed(() => 0);
    for (let i = 0; i < 30; i++) feed.push(`warning number ${i}`, 'warn');
    const m = mountView('messages', <MessageHistory feed={feed} width={80} height={20} />);
    const f = await waitForFrame(m.lastFrame, (x) => x.includes('warning number 29'), 'newest first');
    expect(f).toMatch(/more rows below/);
    expect(f).not.toContain('warning number 0\n');
    await m.send('cursor.bottom');
    await waitForFrame(m.lastFrame, (x) => /warning number 0\b/.test(x) && x.includes('end ·'), 'the oldest');
  });
});

describe('the breadcrumb at 80 columns', () => {
  it('keeps the step the user is on whole, with its node, and gives up the middle first', () => {
    const level = {
      kind: 'log', pipeline: { id: 'p', number: 896 }, workflow: { id: 'w', name: 'build-test-and-deploy-to-production-eu-west-1' },
      job: { job_number: 5015, name: 'integration-tests-against-the-staging-cluster' }, step: { step: 104, name: 'Upload coverage to the bucket', nodes: 4 }, node: 2,
    } as unknown as Level;
    const { lastFrame, unmount } = render(<Header label="gh/acme/payments" level={level} kind="live" width={80} />);
    const f = plain(lastFrame()!);
    unmount();
    expect(f).toContain('› Upload coverage to the bucket · node index 2 of 4');
    expect(f).toContain('gh/acme/payments › ');
    expect(f.trimEnd().endsWith('live')).toBe(true);
  });
});

describe('D, the whole window', () => {
  it('names the window by a time with its date, seconds and Z', async () => {
    const targets: { label: string }[] = [];
    const { client, transport } = makeClient(sim());
    cleanups.push(() => transport.close());
    const runner = (t: { label: string }) => {
      targets.push(t);
      return new Promise<never>(() => {});
    };
    const r = render(<App source={new LiveSource(client, SIM_PROJECT)} size={SIZE} download={runner as never} window={{ since: '2026-11-19T09:00:00.000Z' }} />);
    cleanups.push(() => r.unmount());
    await waitForFrame(r.lastFrame, (f) => f.includes('Pipelines'), 'pipelines');
    await press(r.stdin, 'D');
    await waitForFrame(r.lastFrame, () => targets.length > 0, 'the download started');
    expect(targets[0]!.label).toBe('window since 2026-11-19 09:00:00Z');
  });
});

describe('the footer', () => {
  it('names ! and ? at 80 columns on every pane', () => {
    for (const pane of ['pipelines', 'jobs', 'steps', 'log', 'search', 'findings', 'audit', 'exposure'] as PaneKind[]) {
      const hints = footerHints(pane, 79);
      expect(hints, pane).toContain('! messages');
      expect(hints, pane).toContain('? all');
      expect(hints.length).toBeLessThanOrEqual(79);
    }
  });
});
