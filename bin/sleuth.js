#!/bin/sh
':' //; # Run directly (npm's bin link, ./bin/sleuth.js), this file is a sh script first. sh reads the next lines
':' //; # as commands; Node reads each one as the string ':' and a comment. Node reads and parses the whole
':' //; # NODE_EXTRA_CA_CERTS bundle when it starts, before any script runs (~40-90 ms), so for the commands that never
':' //; # open a TLS connection (search; scan without -p/--project; verify; --version) the variable is dropped here,
':' //; # before Node starts. Every other command keeps it. Arguments are only compared and passed on as "$@": never
':' //; # evaluated. `node bin/sleuth.js …` skips this part and runs the script below as it always did.
':' //; drop_ca() { unset NODE_EXTRA_CA_CERTS; }
':' //; case "$1" in search|verify|-V|--version) drop_ca ;; scan) online=; for arg in "$@"; do case "$arg" in -p|-p*|--project|--project=*) online=1 ;; esac; done; [ -n "$online" ] || drop_ca ;; esac
':' //; exec node -- "$0" "$@"
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
// `sleuth --version` answers without loading commander or any command (dist/cli loads the whole CLI: ~400 ms).
const argv = process.argv;
if (argv.length === 3 && (argv[2] === '--version' || argv[2] === '-V')) {
  const { VERSION } = await import('../dist/util/version.js');
  process.stdout.write(`${VERSION}\n`);
} else {
  // `search` and `scan` run from a bundle (npm run build writes dist/fast/) that starts faster; dist/cli is the rest.
  const fast = argv[2] === 'search' || argv[2] === 'scan';
  const { main } = await import(fast ? '../dist/fast/search-main.js' : '../dist/cli/main.js').catch((e) => {
    if (fast && e?.code === 'ERR_MODULE_NOT_FOUND') return import('../dist/cli/main.js');
    throw e;
  });
  process.exitCode = await main(argv);
}
