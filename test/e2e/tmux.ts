// Drives the real `sleuth` binary in a real terminal: a private tmux server, send-keys, capture-pane.
// The process under test gets CI unset (CI=true makes Ink print only its last frame).
import { execFileSync } from 'node:child_process';
import { afterEach } from 'vitest';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
export const BIN = join(ROOT, 'bin/sleuth.js');

export const hasTmux = (() => {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return existsSync(join(ROOT, 'dist/cli/main.js'));
  } catch {
    return false;
  }
})();

let counter = 0;

export class TmuxSession {
  readonly socket: string;
  readonly name = 'sleuth';

  private constructor(socket: string) {
    this.socket = socket;
  }

  static start(args: string[], opts: { env?: Record<string, string>; width?: number; height?: number } = {}): TmuxSession {
    const s = new TmuxSession(`sleuth-e2e-${process.pid}-${counter++}`);
    const env = { ...opts.env };
    const envArgs = Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
    // `env -u CI` inside the pane: the tmux server inherits the test runner's CI=true otherwise. TERM is set there
    // too: tmux gives the pane its default-terminal whatever `-e TERM=…` says.
    const term = env.TERM ? [`TERM=${env.TERM}`] : [];
    const cmd = ['env', '-u', 'CI', '-u', 'CONTINUOUS_INTEGRATION', ...term, 'node', BIN, ...args].map(shellQuote).join(' ');
    s.tmux(['-f', '/dev/null', 'new-session', '-d', '-s', s.name, '-x', String(opts.width ?? 80), '-y', String(opts.height ?? 24), ...envArgs, cmd]);
    s.tmux(['set-option', '-g', 'set-clipboard', 'on']);
    s.tmux(['set-option', '-g', 'remain-on-exit', 'on']);
    return s;
  }

  /** A plain shell command in the same kind of pane (to prove the harness sees what it checks for). */
  static startShell(command: string): TmuxSession {
    const s = new TmuxSession(`sleuth-e2e-${process.pid}-${counter++}`);
    s.tmux(['-f', '/dev/null', 'new-session', '-d', '-s', s.name, '-x', '80', '-y', '24', 'sleep 0.3; ' + command]);
    s.tmux(['set-option', '-g', 'set-clipboard', 'on']);
    return s;
  }

  tmux(args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }

  /** Keys in tmux send-keys syntax: 'j', 'Enter', 'Escape', 'C-d', or literal text with `literal`. */
  send(...keys: string[]): void {
    for (const k of keys) {
      this.tmux(['send-keys', '-t', this.name, k]);
      settle();
    }
  }

  type(text: string): void {
    this.tmux(['send-keys', '-t', this.name, '-l', text]);
    settle();
  }

  screen(): string {
    return this.tmux(['capture-pane', '-p', '-t', this.name]);
  }

  /** The screen with escape sequences, to check what the terminal was actually asked to draw. */
  screenWithEscapes(): string {
    return this.tmux(['capture-pane', '-p', '-e', '-t', this.name]);
  }

  title(): string {
    return this.tmux(['display-message', '-p', '-t', this.name, '#{pane_title}']).trim();
  }

  buffers(): string {
    return this.tmux(['list-buffers']).trim();
  }

  paneDead(): boolean {
    return this.tmux(['display-message', '-p', '-t', this.name, '#{pane_dead}']).trim() === '1';
  }

  async waitFor(predicate: (screen: string) => boolean, timeoutMs = 15_000, what = 'screen'): Promise<string> {
    const until = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < until) {
      last = this.screen();
      if (predicate(last)) return last;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${what}; last screen:\n${last}`);
  }

  waitForText(text: string | RegExp, timeoutMs?: number): Promise<string> {
    return this.waitFor((s) => (typeof text === 'string' ? s.includes(text) : text.test(s)), timeoutMs, String(text));
  }

  kill(): void {
    try {
      this.tmux(['kill-server']);
    } catch {
      /* already gone */
    }
  }
}

/** A person's pace between keys: lets the app re-render (e.g. open a prompt) before the next key. */
function settle(ms = 120): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Registers an afterEach that kills every session passed to the returned `keep` (each test gets its own). */
export function useTmuxSessions(): (s: TmuxSession) => TmuxSession {
  const sessions: TmuxSession[] = [];
  afterEach(() => {
    for (const s of sessions.splice(0)) s.kill();
  });
  return (s) => {
    sessions.push(s);
    return s;
  };
}
