// security.md §7 case 8: F1–F10 (echoback payloads). Sanitized, not one byte reaches the program's stdin and no
// keybinding of the TUI fires. The terminal is tmux: it answers DA, DSR, CPR and XTVERSION queries, and sets its pane
// title from OSC 0/2, so the raw rows first prove the probe would see a reply or a title change.
import { describe, expect, it } from 'vitest';
import { sanitize } from '../../src/text/sanitize.js';
import { SIM_MALICIOUS, SIM_PROJECT } from '../../src/sim/story.js';
import { TEST_TOKEN, useSim } from '../helpers/sim.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { hasTmux, TmuxSession, useTmuxSessions } from '../e2e/tmux.js';
import { crlf, tmuxAvailable, useTerminalProbe, type ProbeResult } from './terminal-probe.js';

interface EchoRow {
  id: string;
  payload: string;
  visible: string;
  /** What the raw row does in tmux (tmux implements no DECRQSS, XTGETTCAP, title report or font query). */
  rawEffect?: 'replies' | 'title';
}

const ROWS: EchoRow[] = [
  { id: 'F1', payload: '\x1b]0;touch /tmp/cve-2003-0063\x07\x1b[21t', visible: '^[]0;touch /tmp/cve-2003-0063^G^[[21t', rawEffect: 'title' },
  { id: 'F2', payload: '\x1b[20t\n\x1b[21t', visible: '^[[20t' },
  { id: 'F3', payload: '\x1bP$q;touch /tmp/cve-2008-2383\x1b\\', visible: '^[P$q;touch /tmp/cve-2008-2383^[\\' },
  { id: 'F4', payload: '\x1bP$q;touch /tmp/cve-2022-45872\n\x1b\\\n\x1bP$qm\x1b\\', visible: '^[P$qm^[\\' },
  { id: 'F5', payload: '\x1b]50;$(touch /tmp/cve-2022-45063)\x07\x1b]50;?\x07', visible: '^[]50;$(touch /tmp/cve-2022-45063)^G^[]50;?^G' },
  { id: 'F6', payload: '\x1b]0;\rtouch /tmp/cve-2022-46387\r\x07\x1b[21t', visible: '^[]0;^Mtouch /tmp/cve-2022-46387^M^G^[[21t', rawEffect: 'title' },
  { id: 'F7', payload: '\x1bP+qfoo;\ntouch /tmp/cve-2019-0542;aa\n\x1b\\', visible: '^[P+qfoo;' },
  { id: 'F8', payload: '\x1bG', visible: '^[G' },
  { id: 'F9', payload: '\x1b]2;s&open -aCalculator&\x07\x1b[21t\x1bP1000p%session-changed s', visible: '^[]2;s&open -aCalculator&^G^[[21t^[P1000p%session-changed s', rawEffect: 'title' },
  { id: 'F10', payload: ['\x1b[6n', '\x1b[c', '\x1b[>c', '\x1b[=c', '\x1b[5n', '\x1b[>q', '\x05'].join('\n'), visible: '^[[6n', rawEffect: 'replies' },
];

describe.skipIf(!tmuxAvailable)('render_echoback_payloads', () => {
  const probe = useTerminalProbe();
  let baseline: ProbeResult | null = null;
  const base = async (): Promise<ProbeResult> => (baseline ??= await probe(crlf('plain text\n')));

  it('(harness check) the baseline terminal typed nothing back and kept its title', async () => {
    const b = await base();
    expect(b.replies.length).toBe(0);
    expect(b.clipboard).toBe('');
  });

  for (const row of ROWS) {
    it(`${row.id}: sanitized, zero bytes reach stdin, title and clipboard unchanged, the payload visible`, async () => {
      const b = await base();
      if (row.rawEffect) {
        const raw = await probe(crlf(`${row.payload}\n`));
        if (row.rawEffect === 'replies') expect(raw.replies.length, 'tmux answers these raw queries').toBeGreaterThan(0);
        else expect(raw.title, 'the raw row sets the title').not.toBe(b.title);
      }
      const safe = await probe(crlf(`${sanitize(row.payload)}\n`));
      expect(safe.replies.toString('latin1')).toBe('');
      expect(safe.title).toBe(b.title);
      expect(safe.clipboard).toBe('');
      expect(safe.flags).toEqual(b.flags);
      expect(safe.screen).toContain(row.visible);
    });
  }
});

// The TUI itself: the simulator's hostile step (every F row) drawn by the real TUI (dist/, as the e2e tests use).
// A reply on its stdin would be read as keys: `n` (next match) from `ESC[0n`, `t` (timestamps) from XTVERSION's
// `tmux`, Esc (back) from any of them.
describe.skipIf(!hasTmux)('render_echoback_payloads in the TUI', () => {
  const sim = useSim();
  const tmp = useTmpDirs();
  const keep = useTmuxSessions();
  const STATUS = /line (\d+)\/(\d+) · \d+% · \/replies land on stdin (\d+) of 7 · wrap (on|off)/;

  it('no keybinding fires while F1–F10 are on screen (a key sent afterwards is the fence)', async () => {
    const s = keep(TmuxSession.start(
      ['--host', sim().apiUrl, '--project', SIM_PROJECT, '--job', String(SIM_MALICIOUS.jobs.test), '--step', String(SIM_MALICIOUS.maliciousStep)],
      { env: { CIRCLE_TOKEN: TEST_TOKEN, SLEUTH_CACHE_DIR: tmp(), TERM: 'xterm-256color' } },
    ));
    const title = s.title();
    // The output itself, not the command line above it (shown before the output has loaded).
    await s.waitForText(/line 1\/\d+/);
    // Three searches put every F row on screen at least once: F1–F5, F6, then F7–F10.
    await s.send('/');
    await s.type('title set + report');
    await s.send('Enter');
    const first = await s.waitForText('[F1] title set + report');
    for (const id of ['[F2.1]', '[F3]', '[F4]', '[F5]']) expect(first).toContain(id);
    await s.send('/');
    await s.type('ConEmu title');
    await s.send('Enter');
    await s.waitForText('[F6] ConEmu title');
    await s.send('/');
    await s.type('replies land on stdin');
    await s.send('Enter');
    const drawn = await s.waitForText('[F10.7] replies land on stdin: ^E');
    for (const id of ['[F7]', '[F8]', '[F9]', '[F10.1]']) expect(drawn).toContain(id);
    const [, line, total, match] = STATUS.exec(drawn) ?? [];
    expect(match).toBe('1');
    // tmux answers in order and the TUI reads stdin in order: once `w` has been handled, so has any reply.
    await s.send('w');
    const after = await s.waitForText(/wrap on/);
    expect(STATUS.exec(after)?.slice(1)).toEqual([line, total, '1', 'on']);
    expect(after).toContain('gh/acme/payments › 896 › build-test › test #5015 › Upload coverage');
    expect(after).not.toMatch(/\d\d:\d\d:\d\d/); // `t` (timestamps) did not fire
    expect(s.title()).toBe(title);
    expect(s.buffers()).toBe('');
    // Harness check: a key a reply carries (`n` from `ESC[0n`) does change what this test looks at.
    await s.send('n');
    const moved = await s.waitForText(/replies land on stdin 2 of 7/);
    expect(STATUS.exec(moved)?.[3]).toBe('2');
  });
});
