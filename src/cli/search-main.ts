// The entry for `sleuth search` and `sleuth scan`. Scripts call them in loops over many values and the search is
// held to grep's speed, so they load only their own code: not the API stack, not Ink. bin/sleuth.js runs a bundled
// copy (scripts/bundle.mjs): loading commander as CommonJS from ESM alone costs more than a small folder's search.
import { exactEngine, wantsSecondThread } from '../search/threads.js';
import { registerScan } from './commands/scan.js';
import { registerSearch } from './commands/search.js';
import { gateIo, processIo, type Io } from './io.js';
import { act, newProgram, runProgram } from './program.js';
// What an exact search runs, loaded with the entry: the command imports them lazily (so `sleuth --help` does not),
// which in the bundle would cost a file read each after the command line is parsed.
import '../search/corpus.js';
import '../search/run.js';

export async function main(argv: string[], rawIo: Io = processIo()): Promise<number> {
  // The same gate as every other command (main.ts): what they print cannot carry a live control.
  const io = gateIo(rawIo);
  // Where threads.ts says a second thread pays (the Node core runs, with cores to spare), an exact search shares a
  // big folder with one that takes ~40 ms to boot: start it before anything else. Unused (a small folder, an
  // error), it is stopped. With ripgrep there is none.
  const prestarted = looksLikeExactSearch(argv) && nodeCoreLikely(argv) && wantsSecondThread({ mode: 'exact', interactive: false }) ? (await import('../search/parallel.js')).prestartExactWorker() : null;
  const program = newProgram(io);
  const run = (fn: (...a: never[]) => Promise<number>) => act(program, fn);
  registerSearch(program, io, { run, prestarted });
  registerScan(program, io, { run });
  try {
    return await runProgram(program, argv, io);
  } finally {
    prestarted?.cancel();
  }
}

/** Before the command line is parsed: `--thorough` and `--cache` (which may be the cache alone) may run the core. */
function nodeCoreLikely(argv: string[]): boolean {
  const rest = argv.slice(3);
  return exactEngine({ thorough: rest.includes('--thorough'), corpus: rest.includes('--cache') ? 'unknown' : 'evidence' }).kind === 'node';
}

function looksLikeExactSearch(argv: string[]): boolean {
  const rest = argv.slice(3);
  return argv[2] === 'search' && !rest.some((a) => a === '--regex' || a === '--fuzzy' || a === '--help' || a === '-h');
}
