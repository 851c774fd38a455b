// The rg runs over one batch of step outputs: the regex run and the fixed-string run (rg-prefilter.ts) go side by
// side, and the lines either flags are gathered per file; once both are done, each file's lines are scanned as one
// text. A file with a line that needs its neighbours (a PEM block, a wrapped base64 blob) is scanned whole, exactly
// as the full scan would, and so is a file whose lines would take the batch's held text over its budget: memory
// stays bounded whatever a log looks like, at worst the batch is the full scan.
import { availableParallelism } from 'node:os';
import type { Ripgrep } from '../search/rg/locate.js';
import { runRg, type RgExit } from '../search/rg/run-rg.js';
import { needsWholeFile, type Prefilter } from './rg-prefilter.js';
import { scanText, type ScanOptions, type TextFinding } from './scanner.js';

/** What happened to one file of the batch. */
export type FileOutcome = { kind: 'findings'; findings: TextFinding[] } | { kind: 'whole-file' };

export interface RgBatch {
  rg: Ripgrep;
  cwd: string;
  /** Paths as rg is given them (relative to cwd, `./`-prefixed, no newline). */
  paths: readonly string[];
  prefilter: Prefilter;
  scanOpts: ScanOptions;
  /** The DocRef `file` of path `index` (rule paths and allowlists test it). */
  pathOf: (index: number) => string;
  /** Called once per file that had a flagged line, in path order, after both runs are done. */
  onFile: (index: number, outcome: FileOutcome) => void;
  signal?: AbortSignal;
  /** Bytes of flagged lines held for the batch (default HELD_BYTES); a file that would go over is read whole. */
  heldBytes?: number;
}

/** Flagged lines held per batch: a real log's batch of 2,048 step outputs flags well under 1 MB. */
export const HELD_BYTES = 64 * 1024 * 1024;

const firstLine = new TextDecoder('utf-8');
/** A BOM is dropped only at the start of a file, as decoding the whole file does. */
const laterLine = new TextDecoder('utf-8', { ignoreBOM: true });

/** Threads per run: the two runs share the cores (on 2 cores, 2 threads each ran ~5% slower than 1 each). */
const THREADS = String(Math.max(1, Math.floor(availableParallelism() / 2)));

/**
 * rg's flags: search NULs as text, no config file, no encoding sniffing (Node decodes every file as UTF-8); `fixed`
 * for the fixed-string run (case-exact: rg's default without a config file).
 */
export function rgArgs(fixed = false): string[] {
  return [
    '--no-config', '-a', '--encoding', 'none', '--no-ignore', '--hidden', '--null', '--line-number', '--with-filename', '-j', THREADS,
    '--no-heading', '--color', 'never', '--no-messages', ...(fixed ? ['-F'] : ['--dfa-size-limit', '1G', '--regex-size-limit', '1G']),
    '-f', '-', '--',
  ];
}

/** One file's flagged lines by line number, or `whole` when it is to be read whole. */
interface Held {
  lines: Map<number, string>;
  bytes: number;
  whole: boolean;
}

export async function scanBatch(b: RgBatch): Promise<RgExit> {
  const indexOf = new Map<string, number>();
  b.paths.forEach((p, i) => indexOf.set(Buffer.from(p, 'utf8').toString('latin1'), i));
  const budget = b.heldBytes ?? HELD_BYTES;
  const files = new Map<number, Held>();
  let held = 0;
  const readWhole = (f: Held): void => {
    held -= f.bytes;
    f.whole = true;
    f.lines = new Map();
    f.bytes = 0;
  };
  const onRecord = (record: Buffer): void => {
    const nul = record.indexOf(0);
    if (nul === -1) return;
    const index = indexOf.get(record.toString('latin1', 0, nul));
    if (index === undefined) return;
    const colon = record.indexOf(0x3a, nul + 1);
    const lineNo = Number(record.toString('latin1', nul + 1, colon));
    if (colon === -1 || !Number.isSafeInteger(lineNo)) return;
    let f = files.get(index);
    if (!f) files.set(index, (f = { lines: new Map(), bytes: 0, whole: false }));
    // Already read whole, or flagged by the other run too.
    if (f.whole || f.lines.has(lineNo)) return;
    const size = record.length - colon - 1;
    if (held + size > budget) return readWhole(f);
    const text = (lineNo === 1 ? firstLine : laterLine).decode(record.subarray(colon + 1));
    if (needsWholeFile(text, b.prefilter.multiLineKeywords)) return readWhole(f);
    f.lines.set(lineNo, text);
    f.bytes += size;
    held += size;
  };
  const run = (fixed: boolean, patterns: readonly string[]): Promise<RgExit> =>
    patterns.length === 0
      ? Promise.resolve({ code: 1, error: null })
      : runRg({
          rg: b.rg.path,
          args: [...rgArgs(fixed), ...b.paths],
          cwd: b.cwd,
          stdin: `${patterns.join('\n')}\n`,
          separator: 10,
          signal: b.signal,
          onRecord,
        });
  const exits = await Promise.all([run(false, b.prefilter.patterns), run(true, b.prefilter.fixed)]);
  for (const index of [...files.keys()].sort((x, y) => x - y)) {
    const f = files.get(index)!;
    if (f.whole) b.onFile(index, { kind: 'whole-file' });
    else b.onFile(index, { kind: 'findings', findings: scanLines(f.lines, { ...b.scanOpts, path: b.pathOf(index) }) });
    files.delete(index);
  }
  return exits.find((e) => e.code !== 0 && e.code !== 1) ?? { code: exits.some((e) => e.code === 0) ? 0 : 1, error: null };
}

/**
 * The flagged lines of one file scanned as one text, in file order (each line ends with its newline, as in the
 * file): no finding crosses a line here, so each maps back to its own line; the per-text finding cap applies to the
 * file as a whole.
 */
function scanLines(byNumber: Map<number, string>, opts: ScanOptions): TextFinding[] {
  if (byNumber.size === 0) return [];
  const numbers = [...byNumber.keys()].sort((x, y) => x - y);
  const found = scanText(`${numbers.map((n) => byNumber.get(n)!).join('\n')}\n`, opts);
  for (const f of found) f.line = numbers[f.line - 1]!;
  return found;
}
