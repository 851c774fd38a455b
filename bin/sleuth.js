#!/usr/bin/env node
// Entry shim. Two environment fixes must happen before anything imports Ink or chalk:
// - chalk ignores NO_COLOR, so translate it into FORCE_COLOR=0;
// - Ink prints only its last frame when CI is set (it reads CI at import time). On an
//   interactive terminal the user wants the TUI, and jump hosts often export CI, so drop it.
if (process.env.NO_COLOR && !process.env.FORCE_COLOR) process.env.FORCE_COLOR = '0';
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
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    if (stream !== process.stderr) process.stderr.write(`sleuth: cannot write the output (${e.code ?? 'error'})\n`);
    process.exit(1);
  });
}
// `search` and `scan` run from a bundle (npm run build writes dist/fast/) that starts faster; dist/cli is the rest.
const fast = process.argv[2] === 'search' || process.argv[2] === 'scan';
const { main } = await import(fast ? '../dist/fast/search-main.js' : '../dist/cli/main.js').catch((e) => {
  if (fast && e?.code === 'ERR_MODULE_NOT_FOUND') return import('../dist/cli/main.js');
  throw e;
});
process.exitCode = await main(process.argv);
