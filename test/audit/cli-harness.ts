// Runs `sleuth audit` / `sleuth exposure` in-process the way register.ts wires them (registerAudit /
// registerExposure with its helpers), with main()'s exit-code rules: 2 usage, 1 failure.
import { Command, CommanderError, Option } from 'commander';
import { isApiError } from '../../src/api/errors.js';
import { registerAudit } from '../../src/cli/commands/audit.js';
import { registerExposure } from '../../src/cli/commands/exposure.js';
import { UsageError } from '../../src/util/errors.js';
import { FailError } from '../../src/util/errors.js';
import { TimeArgError } from '../../src/util/time.js';
import { captureIo } from '../helpers/io.js';

export async function sleuth(args: string[], env: NodeJS.ProcessEnv = {}, opts: { tty?: boolean } = {}) {
  const c = captureIo(env, { tty: opts.tty ?? false });
  const program = new Command('sleuth').exitOverride().configureOutput({ writeOut: (s) => c.io.out.write(s), writeErr: (s) => c.io.err.write(s) });
  program.enablePositionalOptions();
  let code = 0;
  const helpers = {
    run: (fn: (...a: never[]) => Promise<number>) => async (...a: unknown[]) => {
      code = await (fn as (...x: unknown[]) => Promise<number>)(...a.slice(0, -1));
    },
    apiOptions: (cmd: Command) => cmd
      .option('--host <url>').option('--cache-dir <dir>').option('--no-cache').option('--refresh').option('--concurrency <n>', 'requests in flight', '8'),
    project: () => new Option('-p, --project <slug>', 'project slug'),
  };
  registerAudit(program, c.io, helpers);
  registerExposure(program, c.io, helpers);
  try {
    await program.parseAsync(['node', 'sleuth', ...args]);
  } catch (e) {
    if (e instanceof CommanderError) code = 2;
    else if (e instanceof UsageError || e instanceof TimeArgError) code = 2;
    else if (e instanceof FailError || isApiError(e)) code = 1;
    else throw e;
    if (!(e instanceof CommanderError)) c.io.err.write(`sleuth: ${(e as Error).message}\n`);
  }
  return { code, out: c.out(), err: c.err() };
}
