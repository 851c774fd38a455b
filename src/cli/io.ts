// What a command may touch of the outside world, injectable so tests run the real CLI in-process.

export interface OutStream { write(s: string | Uint8Array): unknown; isTTY?: boolean; columns?: number; rows?: number }

export interface Io {
  out: OutStream;
  err: OutStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
  home?: string;
  /** Set when standard input is an interactive terminal (prompts and the TUI need it). */
  stdinIsTTY?: boolean;
}

export const processIo = (): Io => ({
  out: process.stdout,
  err: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  stdinIsTTY: Boolean(process.stdin.isTTY),
});

/** A mistake in how the command was called: exit code 2. */
export class UsageError extends Error {}
