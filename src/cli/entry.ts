// What every way of starting sleuth does first (bin/sleuth.js from the npm install, the standalone binary's bundle):
// fix the environment before anything imports Ink or chalk, stop quietly on a closed pipe, answer --version without
// loading the CLI, then run `search`/`scan` from their light entry and everything else from the full one.
import { VERSION } from '../util/version.js';
import { versionLine } from '../util/runtime.js';

type Main = { main(argv: string[]): Promise<number> };

export interface EntryLoaders {
  /** The light entry for `search` and `scan` (no API stack, no Ink); may be absent from a build. */
  fast(): Promise<Main>;
  /** Every command. */
  full(): Promise<Main>;
}

export async function runEntry(argv: string[], load: EntryLoaders): Promise<void> {
  // chalk ignores NO_COLOR: translate it into FORCE_COLOR=0.
  if (process.env.NO_COLOR && !process.env.FORCE_COLOR) process.env.FORCE_COLOR = '0';
  // Ink prints only its last frame when CI is set (read at import time). On an interactive terminal the user wants the
  // TUI, and jump hosts often export CI, so drop it (doctor says it did).
  if (process.stdin.isTTY && process.stdout.isTTY) {
    for (const name of ['CI', 'CONTINUOUS_INTEGRATION']) {
      if (name in process.env) {
        process.env.SLEUTH_IGNORED_CI = name;
        delete process.env[name];
      }
    }
  }
  // `sleuth search … | head`: the reader has what it wanted. Stop quietly, like grep, not with a stack trace. Any
  // other write error (a full disk behind a redirect) is one line and exit 1.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      if (stream !== process.stderr) process.stderr.write(`sleuth: cannot write the output (${e.code ?? 'error'})\n`);
      process.exit(1);
    });
  }
  if (argv.length === 3 && (argv[2] === '--version' || argv[2] === '-V')) {
    process.stdout.write(`${versionLine(VERSION)}\n`);
    return;
  }
  const fast = argv[2] === 'search' || argv[2] === 'scan';
  const { main } = fast ? await load.fast() : await load.full();
  process.exitCode = await main(argv);
}
