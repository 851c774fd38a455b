// A captured Io for running the real CLI in-process.
import { join } from 'node:path';
import type { Io, OutStream } from '../../src/cli/io.js';

export interface Captured { io: Io; out: () => string; err: () => string }

let configDirs = 0;

export function captureIo(env: NodeJS.ProcessEnv = {}, opts: { tty?: boolean; cwd?: string; home?: string } = {}): Captured {
  // Settings (the last-used project) go to a fresh folder under the test file's temp config dir (test/setup.ts), never
  // under the made-up home, and never shared between two runs unless a test passes its own SLEUTH_CONFIG_DIR.
  const base = process.env.SLEUTH_CONFIG_DIR;
  if (base && !('SLEUTH_CONFIG_DIR' in env)) env = { SLEUTH_CONFIG_DIR: join(base, `io-${++configDirs}`), ...env };
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
