// The commander program every entry shares, and the one place a thrown error becomes an exit code and a line on
// stderr: 0 ok, 1 the command failed, 2 it was called wrongly. Never a stack trace (SLEUTH_DEBUG=1 shows one),
// never the token.
import { Command, CommanderError } from 'commander';
import { isApiError } from '../api/errors.js';
import { redactSecret } from '../api/redact.js';
import { ConfigError } from '../config/errors.js';
import { sanitize } from '../text/sanitize.js';
import { FailError } from '../util/errors.js';
import { parseTimeWindow, TimeArgError } from '../util/time.js';
import { VERSION } from '../util/version.js';
import { versionLine } from '../util/runtime.js';
import { type Io } from './io.js';
import { UsageError } from '../util/errors.js';

type Runner = (...args: never[]) => Promise<number>;
type Exiting = Command & { sleuthExit?: number; sleuthRan?: Command };

export function newProgram(io: Io): Command {
  return new Command('sleuth')
    .description('Investigate CircleCI incidents from the terminal: what ran, what it printed, which secrets it could reach.')
    .version(versionLine(VERSION), '-V, --version')
    .exitOverride()
    .showHelpAfterError('(run `sleuth --help` for usage)')
    .configureOutput({
      writeOut: (s) => io.out.write(s),
      writeErr: (s) => io.err.write(s),
      // commander quotes an unknown `--name=value` whole: the value may be a secret typed where it does not belong.
      outputError: (s, write) => write(s.replace(/('-{1,2}[\w-]+=)[^']*'/g, "$1…'")),
    })
    // The one place a time window is checked, before any command runs: every command with both --since and --until
    // (pipelines, the TUI, open, audit, exposure, download project, …) refuses an end before the start.
    .hook('preAction', (_root, action) => {
      const { since, until } = action.opts<{ since?: unknown; until?: unknown }>();
      if (typeof since === 'string' && typeof until === 'string') parseTimeWindow(since, until);
    });
}

/** `--token …`, `--circle-token=…`: a token on the command line is readable by every user of the machine (ps). */
const TOKEN_FLAG = /^-{1,2}(?:circle-?|circleci-?|api-?)?token(?:=|$)/i;

/** Wraps an action so its exit code reaches runProgram() without process.exit. */
export function act(program: Command, fn: Runner) {
  return async (...args: unknown[]): Promise<void> => {
    // commander passes (...positionals, options, command)
    (program as Exiting).sleuthRan = args.at(-1) as Command;
    (program as Exiting).sleuthExit = await (fn as (...a: unknown[]) => Promise<number>)(...args.slice(0, -1));
  };
}

export async function runProgram(program: Command, argv: string[], io: Io): Promise<number> {
  try {
    if (argv.slice(2).some((a) => TOKEN_FLAG.test(a))) {
      throw new UsageError('sleuth never takes a token as an argument (every user of this machine can read a process\'s arguments): set CIRCLE_TOKEN, or use ~/.circleci/cli.yml');
    }
    rejectUnknownCommands(program);
    await program.parseAsync(argv);
    const code = (program as Exiting).sleuthExit ?? 0;
    if (code === 0) await rememberProject((program as Exiting).sleuthRan, io);
    return code;
  } catch (e) {
    return await report(e, io);
  }
}

/**
 * `sleuth pipelins`: the root command has an action (it opens the TUI), so commander would take the word as an extra
 * argument of the root ("too many arguments"). Let the root accept it, then name it an unknown command with the
 * nearest one suggested. Set just before parsing: a subcommand copies these settings when it is created, and every
 * subcommand must still refuse extra arguments.
 */
function rejectUnknownCommands(program: Command): void {
  if (program.commands.length === 0 || program.registeredArguments.length > 0) return;
  program.allowExcessArguments(true).showSuggestionAfterError(true);
  program.hook('preAction', (root, action) => {
    if (action !== root || root.args.length === 0) return;
    // The word is repeated only when it could be a command name: a token pasted in the wrong place must not be
    // echoed to the screen (a share, a terminal log, CI output).
    if (!COMMAND_LIKE.test(root.args[0] ?? '')) root.error("error: unknown command (not repeated here: it does not look like a command name, and may be a secret)", { code: 'commander.unknownCommand', exitCode: 2 });
    (root as Command & { unknownCommand(): never }).unknownCommand();
  });
}

/** Short and word-like: a mistyped command name, never a token (CCIPAT_…, CCIPRJ_…, 40 hex) or a pasted path or URL. */
const COMMAND_LIKE = /^[A-Za-z][A-Za-z-]{0,23}$/;

/**
 * A command that succeeded with an explicit --project makes it the last-used project (read when neither --project
 * nor a git remote names one). `doctor` only reports. Best effort: a failed write is not the command's failure.
 */
async function rememberProject(ran: Command | undefined, io: Io): Promise<void> {
  const project = ran?.opts<{ project?: unknown }>().project;
  if (!ran || typeof project !== 'string' || ran.name() === 'doctor') return;
  const { rememberLastProject } = await import('../config/last-project.js');
  await rememberLastProject(project, { env: io.env, ...(io.home ? { home: io.home } : {}) });
}

async function report(e: unknown, io: Io): Promise<number> {
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
    return 2; // commander already printed the message
  }
  const token = await safeToken(io);
  const exlogare = io.env.EXLOGARE_TOKEN?.trim() || null;
  const scrub = (text: string) => redactSecret(redactSecret(text, token), exlogare);
  // Scrubbed first (a token cut or escaped would no longer match), then made one visible line: an error message
  // quotes data (server messages, names, paths) and must not move the cursor, set a title or hide text.
  const say = (msg: string) => io.err.write(`sleuth: ${errorLine(scrub(msg))}\n`);
  if (e instanceof UsageError) { say(e.message); return 2; }
  if (e instanceof TimeArgError) { say(e.message); return 2; }
  if (e instanceof ConfigError) { say(e.message); return 2; }
  if (isApiError(e) || e instanceof FailError) { say(e.message); return 1; }
  const err = e as Error;
  say(`unexpected error: ${err?.message ?? String(e)}`);
  if (io.env.SLEUTH_DEBUG === '1' && err?.stack) io.err.write(`${sanitize(scrub(err.stack), { keepColor: false, markControls: false })}\n`);
  return 1;
}

const ERROR_LINE_MAX = 2000;

/** One line of text from an error: every control shown visibly, line breaks as ⏎, at most 2,000 columns. */
export function errorLine(text: string): string {
  return sanitize(text.replace(/\r?\n/g, ' ⏎ '), { keepColor: false, markControls: false, maxLineLength: ERROR_LINE_MAX }).replace(/\n/g, ' ⏎ ');
}

/** Only on the error path: reading the token pulls in the YAML parser (~40 ms of start-up). */
async function safeToken(io: Io): Promise<string | null> {
  try {
    const { resolveToken } = await import('../config/token.js');
    return resolveToken({ env: io.env }).token;
  } catch {
    return null;
  }
}
