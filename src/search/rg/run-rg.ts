// Runs one ripgrep process and hands its output over record by record as it arrives (a file name ended by NUL
// with `--null --files-with-matches`, or a line of `--json`). Patterns go in on stdin (`-f -`), never on the
// command line, where `ps` would show a searched secret to every user of the jump host.
import { execFileSync, spawn } from 'node:child_process';

export interface RgRun {
  /** rg's own path. */
  rg: string;
  args: readonly string[];
  cwd: string;
  /** Written to rg's stdin (the patterns file, one per line). */
  stdin?: string | Buffer;
  /** Byte that ends one record of output: 0 (`--null` file lists) or 10 (lines). */
  separator: 0 | 10;
  /**
   * Longest record handed over whole; a longer one comes cut to this many bytes, with its full length (a match of a
   * 100 MB line is never held in memory). Default: no limit.
   */
  maxRecordBytes?: number;
  onRecord: (record: Buffer, fullLength: number) => void;
  signal?: AbortSignal;
}

export interface RgExit {
  /** 0 found, 1 found nothing, 2 an error (rg may still have printed results). */
  code: number | null;
  /** rg's first error line, cut short (it may quote a pattern: never print it as is). */
  error: string | null;
  /** rg's stderr, cut at a few KB (quotes patterns and file names: never print it as is). */
  stderr?: string;
}

/** Bytes of stderr kept: rg's complaint about a pattern or a file is one line. */
const STDERR_CAP = 4096;

export function runRg(o: RgRun): Promise<RgExit> {
  return new Promise((resolve, reject) => {
    const child = spawn(o.rg, o.args, { cwd: o.cwd, stdio: ['pipe', 'pipe', 'pipe'], env: rgEnv() });
    const max = o.maxRecordBytes ?? Infinity;
    let pending: Buffer[] = [];
    // Bytes of the current record seen so far, and how many of them `pending` keeps (at most `max`).
    let seen = 0;
    let kept = 0;
    const keep = (piece: Buffer): void => {
      seen += piece.length;
      if (kept >= max) return;
      const part = piece.length > max - kept ? piece.subarray(0, max - kept) : piece;
      // A copy when cut: the chunk it came from is not held for a few bytes of it.
      pending.push(part.length < piece.length ? Buffer.from(part) : part);
      kept += part.length;
    };
    const flush = (): void => {
      const record = pending.length === 1 ? pending[0]! : Buffer.concat(pending);
      const full = seen;
      pending = [];
      seen = 0;
      kept = 0;
      o.onRecord(record, full);
    };
    let stderr = '';
    const onAbort = (): void => {
      child.kill('SIGTERM');
    };
    o.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (chunk: Buffer) => {
      let from = 0;
      for (let at = chunk.indexOf(o.separator); at !== -1; at = chunk.indexOf(o.separator, from)) {
        keep(chunk.subarray(from, at));
        from = at + 1;
        flush();
      }
      if (from < chunk.length) keep(chunk.subarray(from));
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < STDERR_CAP) stderr += chunk.toString('utf8').slice(0, STDERR_CAP - stderr.length);
    });
    child.stdin.on('error', () => {
      // rg exits before reading every pattern when it rejects one; its exit code says so.
    });
    child.on('error', (e) => {
      o.signal?.removeEventListener('abort', onAbort);
      reject(e);
    });
    child.on('close', (code) => {
      o.signal?.removeEventListener('abort', onAbort);
      if (seen > 0) flush();
      const first = stderr.split('\n').find((l) => l.trim() !== '') ?? null;
      resolve({ code, error: first === null ? null : first.slice(0, 300), stderr });
    });
    child.stdin.end(o.stdin ?? '');
  });
}

/**
 * rg's whole environment: nothing. It needs none, and a copy of ours would hand it CIRCLE_TOKEN and every other
 * secret of the session (rule: the token never reaches a child process); it also keeps RIPGREP_CONFIG_PATH (a file
 * of extra flags) from changing what a search means.
 */
export function rgEnv(): NodeJS.ProcessEnv {
  return {};
}

/** `ripgrep 15.0.0 (rev …)` → `15.0.0` (for `sleuth doctor`); null when it does not run. */
export function rgVersion(path: string): string | null {
  try {
    const out = execFileSync(path, ['--version'], { encoding: 'utf8', timeout: 5000, stdio: ['ignore', 'pipe', 'ignore'], env: rgEnv() });
    return /^ripgrep (\S+)/.exec(out)?.[1] ?? null;
  } catch {
    return null;
  }
}
