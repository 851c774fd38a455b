// Drives the real `sleuth` binary in a real terminal: a private tmux server, send-keys, capture-pane.
// The process under test gets CI unset (CI=true makes Ink print only its last frame).
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
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

  /**
   * `command` runs in place of `node bin/sleuth.js` (the standalone binary). With `cleanEnv` the program gets `env`
   * and nothing else (`env -i`): no PATH, HOME or CI from the test runner.
   */
  static start(args: string[], opts: { env?: Record<string, string>; width?: number; height?: number; command?: string[]; cleanEnv?: boolean } = {}): TmuxSession {
    const s = new TmuxSession(`sleuth-e2e-${process.pid}-${counter++}`);
    const env = { ...opts.env };
    const program = [...(opts.command ?? ['node', BIN]), ...args];
    const envArgs = opts.cleanEnv ? [] : Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
    // `env -u CI` inside the pane: the tmux server inherits the test runner's CI=true otherwise. TERM is set there
    // too: tmux gives the pane its default-terminal whatever `-e TERM=…` says.
    const term = env.TERM ? [`TERM=${env.TERM}`] : [];
    const cmd = (opts.cleanEnv ? ['env', '-i', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), ...program] : ['env', '-u', 'CI', '-u', 'CONTINUOUS_INTEGRATION', ...term, ...program]).map(shellQuote).join(' ');
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

  /**
   * Keys in tmux send-keys syntax: 'j', 'Enter', 'Escape', 'C-d'. After each key, waits for the screen to change (the
   * app took the key and drew), as a person would look before the next key; a key that changes nothing moves on after
   * a short pause. Asynchronous: the test's in-process simulator keeps answering meanwhile.
   */
  async send(...keys: string[]): Promise<void> {
    for (const k of keys) {
      const before = await this.capture();
      await this.tmuxAsync(['send-keys', '-t', this.name, k]);
      await this.changeFrom(before);
    }
  }

  /** Literal text, sent in one go like a paste; then waits for the screen to change as `send` does. */
  async type(text: string): Promise<void> {
    const before = await this.capture();
    await this.tmuxAsync(['send-keys', '-t', this.name, '-l', text]);
    await this.changeFrom(before);
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

  /**
   * Polls the screen until `predicate` holds. The ceiling (default 30 s) is only there to fail a test that would
   * otherwise hang: a busy 2-core machine can take seconds to start node and draw, and the wait ends at the first
   * screen that satisfies the predicate. `waitFor(predicate, 'what')` names the wait with the default ceiling.
   */
  async waitFor(predicate: (screen: string) => boolean, timeoutOrWhat?: number | string, what = 'screen'): Promise<string> {
    if (typeof timeoutOrWhat === 'string') what = timeoutOrWhat;
    const timeoutMs = typeof timeoutOrWhat === 'number' ? timeoutOrWhat : WAIT_CEILING_MS;
    const until = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < until) {
      last = await this.capture();
      if (predicate(last)) return last;
      await pause(50);
    }
    throw new Error(`timed out waiting for ${what}; last screen:\n${last}`);
  }

  waitForText(text: string | RegExp, timeoutMs?: number): Promise<string> {
    return this.waitFor((s) => (typeof text === 'string' ? s.includes(text) : text.test(s)), timeoutMs, String(text));
  }

  /**
   * Ends the session and returns once every process it ran has exited: kill-server only sends SIGHUP, and a sleuth
   * still writing its cache while the test's temp dirs are removed made that removal fail (ENOTEMPTY).
   */
  async kill(): Promise<void> {
    let pids: number[] = [];
    try {
      pids = descendantsOf(Number(this.tmux(['display-message', '-p', '-t', this.name, '#{pane_pid}']).trim()));
    } catch {
      /* no pane left */
    }
    try {
      this.tmux(['kill-server']);
    } catch {
      /* already gone */
    }
    const until = Date.now() + 10_000;
    while (pids.some(alive) && Date.now() < until) await pause(20);
    for (const pid of pids.filter(alive)) process.kill(pid, 'SIGKILL');
  }

  /** capture-pane without blocking the event loop (execFileSync would freeze an in-process simulator meanwhile). */
  private async capture(): Promise<string> {
    return this.tmuxAsync(['capture-pane', '-p', '-t', this.name]);
  }

  private async tmuxAsync(args: string[]): Promise<string> {
    return (await run('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' })).stdout;
  }

  /** Returns once the screen differs from `before`, or after `quietMs` in which nothing changed. */
  private async changeFrom(before: string, quietMs = 400): Promise<void> {
    const until = Date.now() + quietMs;
    while (Date.now() < until) {
      if ((await this.capture()) !== before) return;
      await pause(15);
    }
  }
}

const run = promisify(execFile);
/** How long waitFor looks before it gives up (see vitest.config.ts: tests get longer still). */
const WAIT_CEILING_MS = 30_000;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A process and all below it (read from `ps`, before anything is killed). */
function descendantsOf(root: number): number[] {
  if (!Number.isInteger(root) || root <= 0) return [];
  const children = new Map<number, number[]>();
  for (const line of execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' }).split('\n')) {
    const [pid, ppid] = line.trim().split(/\s+/).map(Number);
    if (pid && ppid !== undefined) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  const all = [root];
  for (let i = 0; i < all.length; i++) all.push(...(children.get(all[i]!) ?? []));
  return all;
}

/** Still running: a zombie (exited, not yet reaped) counts as gone. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Registers an afterEach that kills every session passed to the returned `keep` (each test gets its own). */
export function useTmuxSessions(): (s: TmuxSession) => TmuxSession {
  const sessions: TmuxSession[] = [];
  afterEach(async () => {
    for (const s of sessions.splice(0)) await s.kill();
  });
  return (s) => {
    sessions.push(s);
    return s;
  };
}
