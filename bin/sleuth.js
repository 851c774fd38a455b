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
// Entry shim: src/cli/entry.ts does what every start does (environment fixes before Ink loads, a closed pipe,
// --version); `search` and `scan` run from a bundle (npm run build writes dist/fast/) that starts faster; dist/cli is
// the rest. The standalone binary runs the same entry (scripts/binary/).
const { runEntry } = await import('../dist/cli/entry.js');
await runEntry(process.argv, {
  fast: () => import('../dist/fast/search-main.js').catch((e) => {
    if (e?.code === 'ERR_MODULE_NOT_FOUND') return import('../dist/cli/main.js');
    throw e;
  }),
  full: () => import('../dist/cli/main.js'),
});
