// Writes bytes to a real terminal (a private tmux server) and reads back everything they could have changed: the
// mode flags tmux keeps per pane, the title, the clipboard, the screen, and any bytes the terminal typed back on the
// program's stdin. A small program in the pane writes the bytes, then a fence: it moves the cursor to a fixed cell and
// asks for the cursor position. tmux answers in order, so whatever arrives before the fence's answer was a reply to
// the bytes under test. No sleeping: the test waits for the program's result file.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { TmuxSession } from '../e2e/tmux.js';

export const tmuxAvailable = (() => {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const FENCE_ROW = 11;
const FENCE_COL = 37;
const PASTE_TEXT = 'PASTED';
const PASTE_END = 'QQQ';

// Runs in the pane: raw stdin, writes the payload, then the fence; records what came back.
const PROBE_PROGRAM = `
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
const [payloadFile, resultFile] = process.argv.slice(2);
const fenceReply = Buffer.from('\\x1b[${FENCE_ROW};${FENCE_COL}R');
const pasteEnd = Buffer.from('${PASTE_END}');
const save = (name, bytes) => { writeFileSync(name + '.part', bytes); renameSync(name + '.part', name); };
process.stdin.setRawMode(true);
process.stdin.resume();
let got = Buffer.alloc(0);
let phase = 'replies';
process.stdin.on('data', (d) => {
  got = Buffer.concat([got, d]);
  if (phase === 'replies') {
    const i = got.indexOf(fenceReply);
    if (i < 0) return;
    save(resultFile + '.replies', got.subarray(0, i));
    got = got.subarray(i + fenceReply.length);
    phase = 'paste';
  }
  if (phase === 'paste') {
    const j = got.indexOf(pasteEnd);
    if (j < 0) return;
    save(resultFile + '.paste', got.subarray(0, j));
    phase = 'done';
  }
});
process.stdout.write(readFileSync(payloadFile));
// CAN and ST end any string the payload left open, so the fence itself is never swallowed.
process.stdout.write('\\x18\\x1b\\\\\\x1b[${FENCE_ROW};${FENCE_COL}H\\x1b[6n');
`;

/** Mode flags tmux keeps for a pane (cursor position left out: the text before the fence moves it). */
const FLAG_NAMES = [
  'alternate_on', 'cursor_flag', 'insert_flag', 'keypad_cursor_flag', 'keypad_flag', 'mouse_all_flag', 'mouse_any_flag',
  'mouse_button_flag', 'mouse_sgr_flag', 'mouse_standard_flag', 'mouse_utf8_flag', 'origin_flag', 'wrap_flag',
  'scroll_region_upper', 'scroll_region_lower',
] as const;

export interface ProbeResult {
  /** Bytes the terminal sent to the program's stdin in answer to the payload. */
  replies: Buffer;
  flags: Record<string, string>;
  title: string;
  /** tmux paste buffers (set-clipboard is on, so an OSC 52 write lands here). */
  clipboard: string;
  /** The screen as text, and with its attributes as escape sequences (a DEC graphics cell shows as SO). */
  screen: string;
  screenEscapes: string;
  /** What a paste of `PASTED` delivered: wrapped in `ESC[200~ … ESC[201~` only if bracketed paste was switched on. */
  pasted: string;
}

/** Registers cleanup of the probe's temp dir; returns probe(payload) that runs one payload in a fresh terminal. */
export function useTerminalProbe(): (payload: string | Buffer) => Promise<ProbeResult> {
  const dir = mkdtempSync(join(tmpdir(), 'sleuth-probe-'));
  writeFileSync(join(dir, 'probe.mjs'), PROBE_PROGRAM);
  let count = 0;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  return async (payload) => {
    const n = count++;
    const payloadFile = join(dir, `payload-${n}.bin`);
    const result = join(dir, `result-${n}`);
    writeFileSync(payloadFile, payload);
    const node = JSON.stringify(process.execPath);
    const s = TmuxSession.startShell(`${node} ${join(dir, 'probe.mjs')} ${payloadFile} ${result}`);
    try {
      const replies = await waitForFile(`${result}.replies`);
      const format = FLAG_NAMES.map((f) => `#{${f}}`).join(' ');
      const values = s.tmux(['display-message', '-p', '-t', s.name, format]).trim().split(' ');
      const flags = Object.fromEntries(FLAG_NAMES.map((f, i) => [f, values[i] ?? '?']));
      const title = s.title();
      const clipboard = s.buffers();
      const screen = s.screen();
      const screenEscapes = s.screenWithEscapes();
      s.tmux(['set-buffer', '-b', 'probe', PASTE_TEXT]);
      s.tmux(['paste-buffer', '-p', '-b', 'probe', '-t', s.name]);
      s.tmux(['send-keys', '-t', s.name, '-l', PASTE_END]);
      const pasted = (await waitForFile(`${result}.paste`)).toString('latin1');
      return { replies, flags, title, clipboard, screen, screenEscapes, pasted };
    } finally {
      await s.kill();
    }
  };
}

async function waitForFile(path: string, timeoutMs = 10_000): Promise<Buffer> {
  const until = Date.now() + timeoutMs;
  while (!existsSync(path)) {
    if (Date.now() > until) throw new Error(`the probe wrote no ${path}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  return readFileSync(path);
}

/** Terminal line ends for text written by a program (the pane's tty may not translate \n). */
export const crlf = (text: string): string => text.replace(/\r?\n/g, '\r\n');
