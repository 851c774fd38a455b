// The RCA tests' world: the CircleCI simulator, the fake Exlogare, and `sleuth rca …` run through commander with
// the real option definitions (registerRca), in-process, with a scripted prompt and fast retries.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { afterAll, beforeAll } from 'vitest';
import { registerRca, type RcaDeps } from '../../src/cli/commands/rca.js';
import { UsageError } from '../../src/util/errors.js';
import { ConfigError } from '../../src/config/errors.js';
import { startExlogareSim, type ExlogareSimHandle } from '../../src/sim/exlogare/index.js';
import { SIM_PROJECT } from '../../src/sim/index.js';
import { captureIo } from '../helpers/io.js';
import { TEST_TOKEN } from '../helpers/sim.js';

export const EXL_TOKEN = 'exl_test_Q2h8Zt4Lw9Xn3Vb7Kc1Rf6Ym0Pd5Sg2Hj';

/** Milliseconds, not seconds: the fault tests retry a few times. */
export const FAST = { baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 2000 };

export function useExlogare(): () => ExlogareSimHandle {
  let ex: ExlogareSimHandle | null = null;
  beforeAll(async () => {
    ex = await startExlogareSim({ token: EXL_TOKEN });
  });
  afterAll(async () => {
    await ex?.close();
  });
  return () => {
    if (!ex) throw new Error('fake Exlogare not started');
    return ex;
  };
}

export interface RcaRun {
  code: number;
  out: string;
  err: string;
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  /** stdin and stdout are terminals. */
  tty?: boolean;
  cwd?: string;
  /** The home directory (default a path that does not exist). */
  home?: string;
  deps?: RcaDeps;
}

/**
 * `sleuth rca ARGS` wired like register.ts wires it; errors reported the way main() reports them. Unless the env
 * names one, XDG_STATE_HOME is a fresh folder removed after the run: a send with no evidence folder is recorded in
 * the state directory, never in the real home's.
 */
export async function sleuthRca(args: string[], o: RunOptions = {}): Promise<RcaRun> {
  const state = o.env?.XDG_STATE_HOME ? null : mkdtempSync(join(tmpdir(), 'sleuth-state-'));
  try {
    return await runRca(args, { ...o, env: { ...o.env, ...(state ? { XDG_STATE_HOME: state } : {}) } });
  } finally {
    if (state) rmSync(state, { recursive: true, force: true });
  }
}

async function runRca(args: string[], o: RunOptions): Promise<RcaRun> {
  const c = captureIo(o.env ?? {}, { tty: o.tty ?? false, cwd: o.cwd ?? '/', ...(o.home ? { home: o.home } : {}) });
  let code = 0;
  const program = new Command('sleuth').exitOverride().configureOutput({ writeOut: (s) => c.io.out.write(s), writeErr: (s) => c.io.err.write(s) });
  program.enablePositionalOptions();
  registerRca(
    program,
    c.io,
    {
      run: (fn) => async (...a: unknown[]) => {
        code = await (fn as (...x: unknown[]) => Promise<number>)(...a.slice(0, -1));
      },
      apiOptions: (cmd) => cmd.option('--host <url>').option('--cache-dir <dir>').option('--no-cache').option('--refresh').option('--concurrency <n>', '', '8'),
      project: () => new Option('-p, --project <slug>'),
    },
    { exlogare: FAST, ...o.deps },
  );
  try {
    await program.parseAsync(['node', 'sleuth', 'rca', ...args]);
  } catch (e) {
    const msg = (e as Error).message;
    if ((e as { code?: string }).code?.startsWith('commander.')) code = 2;
    else {
      c.io.err.write(`sleuth: ${msg}\n`);
      code = e instanceof UsageError || e instanceof ConfigError ? 2 : 1;
    }
  }
  return { code, out: c.out(), err: c.err() };
}

/** The environment of a live run against the simulator, with Exlogare pointed at the fake. */
export function liveEnv(apiUrl: string, exUrl: string | null, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { CIRCLE_TOKEN: TEST_TOKEN, CIRCLE_HOST: apiUrl, ...(exUrl ? { EXLOGARE_URL: exUrl, EXLOGARE_TOKEN: EXL_TOKEN } : {}), ...extra };
}

export const liveArgs = (job: number, ...more: string[]): string[] => [String(job), '--project', SIM_PROJECT, '--no-cache', ...more];

/** Terminal escapes that must never reach the screen raw (anything but our own SGR). */
export function rawControls(s: string): string[] {
  const bad: string[] = [];
  const re = /\x1b(?!\[[0-9;]*m)|[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f\x80-\x9f]/g;
  for (const m of s.matchAll(re)) bad.push(JSON.stringify(s.slice(Math.max(0, m.index - 10), m.index + 10)));
  return bad;
}
