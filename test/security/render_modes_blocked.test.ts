// security.md §7 case 5: D1–D7 (persistent terminal modes) leave the terminal's state unchanged. The terminal here
// is tmux (xterm.js headless is not a dependency): its per-pane mode flags, screen and bracketed-paste state are read
// back after the bytes are written. Each row is first written raw, to prove the probe sees the change it looks for.
import { describe, expect, it } from 'vitest';
import { sanitize } from '../../src/text/sanitize.js';
import { SIM_MALICIOUS, SIM_PROJECT } from '../../src/sim/story.js';
import { TEST_TOKEN, useSim } from '../helpers/sim.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { hasTmux, TmuxSession, useTmuxSessions } from '../e2e/tmux.js';
import { crlf, tmuxAvailable, useTerminalProbe, type ProbeResult } from './terminal-probe.js';

const BEFORE = 'BEFORE-LINE stays on screen';

interface ModeRow {
  id: string;
  variants: string[];
  /** Attacker text the sanitized output must show. */
  visible: string;
  /** True when the row's effect is seen in the terminal. */
  changed: (r: ProbeResult, baseline: ProbeResult) => boolean;
}

const flagsDiffer = (...names: string[]) => (r: ProbeResult, b: ProbeResult) => names.some((n) => r.flags[n] !== b.flags[n]);

const ROWS: ModeRow[] = [
  { id: 'D1', variants: ['\x1b[?1049h', '\x1b[?47h'], visible: '^[[?1049h', changed: flagsDiffer('alternate_on') },
  {
    id: 'D2',
    variants: ['\x1b[?1000h\x1b[?1003h\x1b[?1006h'],
    visible: '^[[?1000h^[[?1003h^[[?1006h',
    changed: flagsDiffer('mouse_any_flag', 'mouse_all_flag', 'mouse_standard_flag', 'mouse_sgr_flag'),
  },
  { id: 'D3', variants: ['\x1b[?2004l', '\x1b[?2004h'], visible: '^[[?2004h', changed: (r) => r.pasted.includes('\x1b[200~') },
  { id: 'D4', variants: ['\x1b[?1h\x1b='], visible: '^[[?1h^[=', changed: flagsDiffer('keypad_cursor_flag', 'keypad_flag') },
  { id: 'D5', variants: ['\x1bc'], visible: '^[c', changed: (r) => !r.screen.includes(BEFORE) },
  {
    id: 'D6',
    variants: ['\x1b(0lqqk\x1b(B', '\x1b)0\x0elqqk\x0f'],
    visible: '^[(0lqqk^[(B',
    // capture-pane -e marks a cell drawn in the DEC graphics set with SO.
    changed: (r) => r.screenEscapes.includes('\x0e'),
  },
  { id: 'D7', variants: ['\x1b#8'], visible: '^[#8', changed: (r) => /E{40}/.test(r.screen) },
];

/** Everything a row may not change: every mode flag, the title, the clipboard, what a paste delivers. */
const state = (r: ProbeResult) => ({ flags: r.flags, title: r.title, clipboard: r.clipboard, pasted: r.pasted, replies: r.replies.toString('latin1') });

describe.skipIf(!tmuxAvailable)('render_modes_blocked', () => {
  const probe = useTerminalProbe();
  let baseline: ProbeResult | null = null;
  const base = async (): Promise<ProbeResult> => (baseline ??= await probe(crlf(`${BEFORE}\nplain text\n`)));

  for (const row of ROWS) {
    it(`${row.id}: raw, the terminal changes (harness check); sanitized, its state is as before and the bytes are visible`, async () => {
      const b = await base();
      const raw = await probe(crlf(`${BEFORE}\n${row.variants.join('\n')}\n`));
      expect(row.changed(raw, b), `${row.id} raw should change the terminal`).toBe(true);

      const safe = await probe(crlf(`${BEFORE}\n${sanitize(row.variants.join('\n'))}\n`));
      expect(row.changed(safe, b), `${row.id} sanitized changed the terminal`).toBe(false);
      expect(state(safe)).toEqual(state(b));
      expect(safe.screen).toContain(BEFORE);
      expect(safe.screen).toContain(row.visible);
    });
  }

  it('all of D1–D7 at once, sanitized: state as before', async () => {
    const b = await base();
    const all = ROWS.flatMap((r) => r.variants).join('\n');
    const safe = await probe(crlf(`${BEFORE}\n${sanitize(all)}\n`));
    expect(state(safe)).toEqual(state(b));
    for (const row of ROWS) expect(row.changed(safe, b), row.id).toBe(false);
  });
});

// The same rows as the simulator's hostile step prints them, drawn by the real TUI (dist/, as the e2e tests use).
describe.skipIf(!hasTmux)('render_modes_blocked in the TUI', () => {
  const sim = useSim();
  const tmp = useTmpDirs();
  const keep = useTmuxSessions();
  const flagsOf = (s: TmuxSession) =>
    s.tmux(['display-message', '-p', '-t', s.name, '#{alternate_on} #{cursor_flag} #{insert_flag} #{keypad_cursor_flag} #{keypad_flag} #{mouse_any_flag} #{mouse_sgr_flag} #{mouse_standard_flag} #{origin_flag} #{scroll_region_upper} #{scroll_region_lower} #{pane_title}']).trim();

  it('the hostile log scrolled over D1–D7 leaves every mode flag, the title and the screen as the TUI set them', async () => {
    const s = keep(TmuxSession.start(
      ['--host', sim().apiUrl, '--project', SIM_PROJECT, '--job', String(SIM_MALICIOUS.jobs.test), '--step', String(SIM_MALICIOUS.maliciousStep)],
      { env: { CIRCLE_TOKEN: TEST_TOKEN, SLEUTH_CACHE_DIR: tmp(), TERM: 'xterm-256color' } },
    ));
    // The output itself, not the command line above it (shown before the output has loaded).
    await s.waitForText(/line 1\/\d+/);
    const before = flagsOf(s);
    for (const [query, shown] of [['alternate screen', '^[[?1049h'], ['screen alignment test', '^[#8']]) {
      await s.send('/');
      await s.type(query!);
      await s.send('Enter');
      await s.waitForText(shown!);
    }
    const screen = s.screen();
    expect(screen).toContain('^[(0lqqk^[(B');
    expect(screen).not.toMatch(/E{40}/);
    expect(s.screenWithEscapes()).not.toContain('\x0e');
    expect(flagsOf(s)).toBe(before);
    expect(s.buffers()).toBe('');
    expect(s.paneDead()).toBe(false);
  });
});
