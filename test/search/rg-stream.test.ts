// The real rg, run with exact search's options, prints each file's name as it finds it, not when it exits: the `s`
// pane's first hit and the CLI's confirming beside rg depend on it (the held fake rg of the pane's tests assumed it,
// and with --null the real one held every name until it ended).
// A FIFO given as a second path keeps rg running, provably, until the test opens it: the name of the matching file
// must arrive before that.
import { execFileSync } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXACT_RG_ARGS } from '../../src/search/rg/exact.js';
import { runRg, type RgExit } from '../../src/search/rg/run-rg.js';
import { realRg } from '../helpers/held-rg.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { WF, writeTree } from './helpers.js';

const tmp = useTmpDirs();
const rg = realRg();

describe.skipIf(!rg)('exact search on the real rg', () => {
  it('names a matching file while rg is still running (held open by a FIFO it waits on)', async () => {
    const dir = writeTree(tmp(), { [`${WF}/job-1/step-101.txt`]: 'token SECRET-VALUE-1234\n' });
    const fifo = join(tmp(), 'held');
    execFileSync('mkfifo', [fifo]);
    let ended = false;
    let named: (rel: string) => void = () => {};
    const first = new Promise<string>((resolve) => (named = resolve));
    const run = runRg({
      rg: rg!,
      args: [...EXACT_RG_ARGS, `./${WF}`, fifo],
      cwd: dir,
      stdin: Buffer.from('SECRET-VALUE-1234\n'),
      separator: 0x0a,
      onRecord: (r) => named(r.toString('utf8')),
    }).then((exit: RgExit) => {
      ended = true;
      return exit;
    });
    // An rg that held its output to the end never resolves this while the FIFO is unopened: the test fails on its timeout.
    expect(await first).toBe(`./${WF}/job-1/step-101.txt`);
    expect(ended).toBe(false);
    // Let rg finish: a writer opens and closes the FIFO (rg reads it as empty).
    closeSync(openSync(fifo, 'w'));
    expect((await run).code).toBe(0);
    expect(ended).toBe(true);
  });
});
