// Run by interrupt.test.ts in a child process (bundled with esbuild): the real `sleuth` CLI, through
// main() and register.ts, so conf and its exit hook (when-exit) are loaded as in production.
// stderr is treated as a terminal so the progress line is drawn. argv[2…]: sleuth's arguments.
import { main } from '../../src/cli/main.js';

Object.assign(process.stderr, { isTTY: true, columns: 100 });
process.exitCode = await main(['node', 'sleuth', ...process.argv.slice(2)]);
