// `sleuth` argv → command. Exit codes: 0 ok, 1 the command failed, 2 it was called wrongly (see program.ts).
import { gateIo, processIo, type Io } from './io.js';
import { newProgram, runProgram } from './program.js';

export async function main(argv: string[], rawIo: Io = processIo()): Promise<number> {
  // `search` and `scan` have an entry of their own that skips the API stack (bin/sleuth.js loads it bundled).
  if (argv[2] === 'search' || argv[2] === 'scan') return (await import('./search-main.js')).main(argv, rawIo);
  // Every command writes through the gate: nothing it prints reaches the terminal with a live control in it.
  const io = gateIo(rawIo);
  const program = newProgram(io);
  (await import('./register.js')).registerCommands(program, io);
  return runProgram(program, argv, io);
}
