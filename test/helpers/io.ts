// A captured Io for running the real CLI in-process.
import type { Io, OutStream } from '../../src/cli/io.js';

export interface Captured { io: Io; out: () => string; err: () => string }

export function captureIo(env: NodeJS.ProcessEnv = {}, opts: { tty?: boolean; cwd?: string; home?: string } = {}): Captured {
  let out = '';
  let err = '';
  const stream = (append: (s: string) => void): OutStream => ({
    write: (s: string | Uint8Array) => {
      append(typeof s === 'string' ? s : Buffer.from(s).toString('utf8'));
      return true;
    },
    isTTY: opts.tty ?? false,
    columns: 100,
    rows: 30,
  });
  return {
    io: {
      out: stream((s) => (out += s)),
      err: stream((s) => (err += s)),
      env,
      cwd: opts.cwd ?? '/',
      home: opts.home ?? '/nonexistent-home',
      stdinIsTTY: opts.tty ?? false,
    },
    out: () => out,
    err: () => err,
  };
}
