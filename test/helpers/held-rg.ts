// A ripgrep that holds its output back: it runs the real rg, prints the first file's record, then waits until the
// test creates `release` in its folder before printing the rest. Only one run holds (the first with a file record);
// the others pass through. Lets a test see what a streaming search shows while rg is provably still running, with
// no timing guess. Point SLEUTH_RG at `path`.
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { searchEngine } from '../../src/search/rg/locate.js';

export interface HeldRg {
  /** The script to put in SLEUTH_RG. */
  path: string;
  /** True once a run printed its first record and is waiting. */
  holding(): boolean;
  release(): void;
}

/** The package's rg, which the held one runs; null where there is none (the tests then skip). */
export function realRg(): string | null {
  const engine = searchEngine({});
  return engine.kind === 'ripgrep' ? engine.rg.path : null;
}

export function heldRg(dir: string): HeldRg {
  const real = realRg();
  if (!real) throw new Error('no ripgrep package for this platform');
  const path = join(dir, 'rg');
  const script = `#!${process.execPath}
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const args = process.argv.slice(2);
const r = spawnSync(${JSON.stringify(real)}, args, { input: fs.readFileSync(0), maxBuffer: 1 << 30 });
const out = r.stdout;
// A file list (exact search) ends a record at the line break; a match line (path NUL offset:match, regex) at the
// line break after its NUL.
const nul = args.includes('--files-with-matches') ? 0 : out.indexOf(0);
const end = nul === -1 ? -1 : out.indexOf(10, nul) + 1;
let hold = false;
if (end > 0) {
  try {
    fs.mkdirSync(${JSON.stringify(join(dir, 'held'))});
    hold = true;
  } catch {}
}
if (hold) {
  fs.writeSync(1, out.subarray(0, end));
  const wait = new Int32Array(new SharedArrayBuffer(4));
  // Never outlives the search that ran it (a failed test may not release it), nor waits past two minutes.
  const parent = process.ppid;
  const until = Date.now() + 120000;
  while (!fs.existsSync(${JSON.stringify(join(dir, 'release'))}) && process.ppid === parent && Date.now() < until) Atomics.wait(wait, 0, 0, 20);
  fs.writeSync(1, out.subarray(end));
} else if (out.length) fs.writeSync(1, out);
if (r.stderr.length) fs.writeSync(2, r.stderr);
process.exit(r.status === null ? 2 : r.status);
`;
  writeFileSync(path, script);
  chmodSync(path, 0o755);
  return {
    path,
    holding: () => existsSync(join(dir, 'held')),
    release: () => writeFileSync(join(dir, 'release'), ''),
  };
}
