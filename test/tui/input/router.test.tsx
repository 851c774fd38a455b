// Keys as they really arrive: several in one read of the terminal. Each test writes ONE chunk (one
// stdin.write, one read for Ink) holding many keys, against the app on the simulator, and checks where
// the keys left it. Before the input router, only a read of exactly one key acted.
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveDeepLink, type DeepLink } from '../../../src/source/deep-link.js';
import { LiveSource } from '../../../src/source/live-source.js';
import { sampleAuditText } from '../../../src/sim/audit/index.js';
import { SIM_HUGE_LOG, SIM_MATRIX, SIM_PROJECT, SIM_SHARDS, simWorkflowId } from '../../../src/sim/story.js';
import { App } from '../../../src/tui/App.js';
import { AuditApp } from '../../../src/tui/audit/AuditApp.js';
import { stackFor } from '../../../src/tui/state/stack.js';
import { put } from '../../audit/helpers.js';
import { tick, waitForFrame } from '../../helpers/ink.js';
import { makeClient, useSim } from '../../helpers/sim.js';
import { useTmpDirs } from '../../helpers/tmp.js';

const sim = useSim();
const tmp = useTmpDirs();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

const plain = (f: string) => f.replace(/\x1b\[[0-9;:]*m/g, '');
const MATRIX = { workflow: simWorkflowId(SIM_MATRIX.pipeline, SIM_MATRIX.workflow) };
const JOBS = SIM_MATRIX.jobCount;

async function mount(link: DeepLink | null = null, size = { columns: 80, rows: 24 }) {
  const { client, transport } = makeClient(sim());
  cleanups.push(() => transport.close());
  const source = new LiveSource(client, SIM_PROJECT);
  const initialStack = link ? stackFor(await resolveDeepLink(source, link)) : undefined;
  const r = render(<App source={source} size={size} {...(initialStack ? { initialStack } : {})} />);
  cleanups.push(() => r.unmount());
  const frame = () => plain(r.lastFrame() ?? '');
  const until = (test: (f: string) => boolean, what: string) => waitForFrame(frame, test, what);
  return { ...r, frame, until };
}

/** The 45 jobs of the matrix workflow, loaded, cursor on row 1. */
async function matrixJobs() {
  const app = await mount(MATRIX);
  await app.until((f) => f.includes(` 1/${JOBS}`), 'the 45 jobs');
  // The router subscribes in an effect after the first render.
  await tick();
  return app;
}

/** The filter prompt's line: `/` and what was typed, with the prompt's cursor block after it. */
const promptLine = (f: string) => f.split('\n').find((l) => l.startsWith('/')) ?? null;

describe('a read of many keys: each key acts, in order', () => {
  it('jjjjj moves five rows (it did not move at all)', async () => {
    const app = await matrixJobs();
    app.stdin.write('jjjjj');
    const f = await app.until((x) => x.includes(` 6/${JOBS}`), 'row 6');
    expect(f).not.toContain(` 7/${JOBS}`);
  });

  it('jjj then Enter in the same read opens the row the j-s left the cursor on', async () => {
    const app = await mount();
    await app.until((f) => f.includes('909') && f.includes(' 1/'), 'pipelines');
    await tick();
    app.stdin.write('jjj\r');
    // 909, 908, 907, 906: the fourth row.
    await app.until((f) => f.includes('Workflows of pipeline 906'), 'pipeline 906 opened');
  });

  it('/abc + Enter in one read filters and closes the prompt (it stayed open)', async () => {
    const app = await mount();
    await app.until((f) => f.includes('909') && f.includes(' 1/'), 'pipelines');
    await tick();
    app.stdin.write('/mallory\r');
    const f = await app.until((x) => x.includes('filter: mallory'), 'the filter kept, the prompt closed');
    expect(f).toContain('896');
    expect(f).not.toContain('909');
    expect(promptLine(f)).toBeNull();
  });

  it('a j after a / in the same read is typed into the prompt, not a move', async () => {
    const app = await matrixJobs();
    app.stdin.write('/jj');
    await app.until((x) => promptLine(x)?.startsWith('/jj') ?? false, 'the prompt holding jj');
    // Esc cancels the prompt and its filter: the cursor is where it was, on row 1.
    app.stdin.write('\x1b');
    const f = await app.until((x) => promptLine(x) === null && x.includes(`/${JOBS}`), 'the whole list again');
    expect(f).toContain(` 1/${JOBS}`);
  });

  it('a read cut inside an escape sequence is completed by the next read: one ↓, no Esc', async () => {
    const app = await matrixJobs();
    app.stdin.write('\x1b[');
    // Ink hands the cut sequence on at the next setImmediate; the router holds it for the rest.
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    app.stdin.write('B');
    const f = await app.until((x) => x.includes(` 2/${JOBS}`), 'row 2');
    // An Esc would have gone back to the workflows; a `[` or `B` would do nothing visible.
    expect(f).toContain('Jobs of');
  });

  it('ESC + j in a prompt is Esc, then j: the prompt closes and the cursor moves (the j was swallowed)', async () => {
    const app = await matrixJobs();
    app.stdin.write('/');
    await app.until((x) => promptLine(x) !== null, 'the prompt');
    app.stdin.write('\x1bj');
    const f = await app.until((x) => x.includes(` 2/${JOBS}`), 'row 2');
    expect(promptLine(f)).toBeNull();
  });

  it('ESC + j on a level is Esc (back), then j on the level it went back to', async () => {
    const app = await matrixJobs();
    app.stdin.write('jjjj\r');
    await app.until((x) => /Steps of job 5034/.test(x), 'the steps of the fifth job');
    app.stdin.write('\x1bj');
    const f = await app.until((x) => x.includes(` 6/${JOBS}`), 'back at the jobs, one row below the one it came from');
    expect(f).toContain('Jobs of');
  });
});

describe('counts, as in vim and less', () => {
  it('5j moves five rows; 10G goes to row 10; the count shows in the footer while typed', async () => {
    const app = await matrixJobs();
    app.stdin.write('5j');
    await app.until((f) => f.includes(` 6/${JOBS}`), 'row 6');
    app.stdin.write('1');
    await app.until((f) => /count 1\b/.test(f), 'the count in the footer');
    app.stdin.write('0G');
    const f = await app.until((x) => x.includes(` 10/${JOBS}`), 'row 10');
    expect(f).not.toMatch(/count \d/);
  });

  it('Esc cancels a count and does not go back', async () => {
    const app = await matrixJobs();
    app.stdin.write('7');
    await app.until((f) => /count 7\b/.test(f), 'count 7');
    app.stdin.write('\x1b');
    await app.until((f) => !/count 7\b/.test(f), 'count gone');
    app.stdin.write('j');
    const f = await app.until((x) => x.includes(` 2/${JOBS}`), 'one row down, not seven');
    expect(f).toContain('Jobs of');
  });

  it('5j in the log scrolls five lines (each step from where the last left it)', async () => {
    // Ten rows: the 15-line log does not fit, so it can scroll.
    const app = await mount({ job: SIM_SHARDS.job, step: String(SIM_SHARDS.step) }, { columns: 80, rows: 10 });
    await app.until((f) => /line 1\/\d+/.test(f), 'the log');
    await tick();
    app.stdin.write('5j');
    await app.until((f) => /line 6\/\d+/.test(f), 'line 6 at the top');
    app.stdin.write('jjk');
    await app.until((f) => /line 7\/\d+/.test(f), 'line 7 at the top');
  });
});

describe('prompts', () => {
  it('50 Backspaces in one read delete 50 characters (it deleted 42)', async () => {
    const app = await matrixJobs();
    const typed = 'abcdefghij'.repeat(6);
    // Typed one read per key, as a person types: only the Backspaces come in one read.
    for (const ch of `/${typed}`) {
      app.stdin.write(ch);
      await tick(5);
    }
    await app.until((f) => promptLine(f)?.includes(typed) ?? false, 'sixty characters typed');
    app.stdin.write('\x7f'.repeat(50));
    const f = await app.until((x) => promptLine(x)?.trimEnd() === '/abcdefghij', 'ten left');
    expect(promptLine(f)).not.toContain('abcdefghija');
  });

  it('Ctrl-W deletes the word before the cursor, Ctrl-U everything', async () => {
    const app = await matrixJobs();
    app.stdin.write('/foo bar baz');
    await app.until((f) => promptLine(f)?.includes('/foo bar baz') ?? false, 'typed');
    app.stdin.write('\x17');
    await app.until((f) => promptLine(f)?.trimEnd() === '/foo bar', 'baz deleted');
    app.stdin.write('\x17x');
    await app.until((f) => promptLine(f)?.trimEnd() === '/foo x', 'bar deleted, x typed');
    app.stdin.write('\x15');
    const f = await app.until((x) => promptLine(x)?.trimEnd() === '/', 'all deleted');
    expect(f).not.toContain('foo');
  });

  it('a bracketed paste is typed literally: its Enter does not submit, its ESC does not cancel', async () => {
    const app = await matrixJobs();
    app.stdin.write('/\x1b[200~ab\rc\x1bd\x1b[201~');
    // Shown through the display gate: ^M and ^[ for the controls, the prompt still open.
    const f = await app.until((x) => promptLine(x)?.includes('ab^Mc^[d') ?? false, 'the paste, visible');
    expect(f).toContain('Jobs of');
    expect(f).not.toContain('filter:');
    app.stdin.write('\r');
    await app.until((x) => promptLine(x) === null, 'Enter typed afterwards submits');
  });

  it('a paste outside a prompt does nothing (a pasted q does not quit)', async () => {
    const app = await matrixJobs();
    app.stdin.write('\x1b[200~jjjq\x1b[201~j');
    await app.until((f) => f.includes(` 2/${JOBS}`), 'only the j after the paste moved');
    // A key written after the paste is handled after it: once it has moved the cursor, the pasted q has had its chance.
    app.stdin.write('j');
    const f = await app.until((x) => x.includes(` 3/${JOBS}`), 'a later j still moves: the app did not quit');
    expect(f).toContain('Jobs of');
  });
});

describe('the log while its output loads', () => {
  it('/query + Enter typed before the ~20 MB output is in: the search runs once it is', async () => {
    const app = await mount({ job: SIM_HUGE_LOG.job, step: String(SIM_HUGE_LOG.step) });
    await app.until((f) => f.includes('loading output'), 'the log loading');
    await tick();
    app.stdin.write('/needle-4f1c2e\r');
    const f = await waitForFrame(app.frame, (x) => x.includes('/needle-4f1c2e 1 of 1'), 'the needle found', 30_000);
    expect(f).toContain(SIM_HUGE_LOG.needle);
    expect(promptLine(f)).toBeNull();
  }, 40_000);
});

describe('the audit shell uses the same router', () => {
  it('jjjjj in one read moves five events; 3j three more', async () => {
    const file = put(tmp(), 'audit.csv', sampleAuditText('csv'));
    const r = render(<AuditApp files={[file]} size={{ columns: 100, rows: 24 }} />);
    cleanups.push(() => r.unmount());
    const frame = () => plain(r.lastFrame() ?? '');
    await waitForFrame(frame, (f) => / 1\/\d+/.test(f), 'the audit log');
    await tick();
    r.stdin.write('jjjjj');
    await waitForFrame(frame, (f) => / 6\/\d+/.test(f), 'event 6');
    r.stdin.write('3j');
    await waitForFrame(frame, (f) => / 9\/\d+/.test(f), 'event 9');
  });
});
