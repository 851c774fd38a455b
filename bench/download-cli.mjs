#!/usr/bin/env node
// `sleuth download …` for the benchmark while src/cli/register.ts does not wire the command yet:
// the same commander wiring register.ts gets (see the download capability's report), over dist/.
// Usage: node bench/download-cli.mjs download project gh/acme/payments --since … --out …
import { Command, Option } from 'commander';
const { registerDownload } = await import('../dist/cli/commands/download.js');
const { processIo } = await import('../dist/cli/io.js');

const io = processIo();
const program = new Command('sleuth').exitOverride();
program.enablePositionalOptions();
let code = 0;
registerDownload(program, io, {
  run: (fn) => async (...args) => {
    code = await fn(...args.slice(0, -1));
  },
  apiOptions: (cmd) => cmd
    .option('--host <url>', 'CircleCI host')
    .option('--cache-dir <dir>', 'cache directory')
    .option('--no-cache', 'do not read or write the disk cache')
    .option('--refresh', 'ignore cached answers')
    .option('--concurrency <n>', 'requests in flight at once (1-64)', '8'),
  project: () => new Option('-p, --project <slug>', 'project slug'),
});
try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (!String(e?.code ?? '').startsWith('commander.')) process.stderr.write(`sleuth: ${e?.message ?? e}\n`);
  code = code || (String(e?.code ?? '').startsWith('commander.') ? 2 : 1);
}
process.exitCode = code;
