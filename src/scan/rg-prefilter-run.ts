// One rg run over a batch of step outputs: the lines the prefilter (rg-prefilter.ts) flags come back grouped by file
// (rg writes each file's lines together), and each file's lines are scanned as one text the moment the next file's
// start, so at most one file's flagged lines are held. A file with a line that needs its neighbours (a PEM block, a
// wrapped base64 blob) is scanned whole, exactly as the full scan would.
import type { Ripgrep } from '../search/rg/locate.js';
import { runRg } from '../search/rg/run-rg.js';
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
  /** Called once per file that had a flagged line, in the order rg finishes them. */
  onFile: (index: number, outcome: FileOutcome) => void;
  signal?: AbortSignal;
}

const firstLine = new TextDecoder('utf-8');
/** A BOM is dropped only at the start of a file, as decoding the whole file does. */
const laterLine = new TextDecoder('utf-8', { ignoreBOM: true });

/** rg's flags: search NULs as text, no config file, no encoding sniffing (Node decodes every file as UTF-8). */
export function rgArgs(): string[] {
  return [
    '--no-config', '-a', '--encoding', 'none', '--no-ignore', '--hidden', '--null', '--line-number', '--with-filename',
    '--no-heading', '--color', 'never', '--no-messages', '--dfa-size-limit', '1G', '--regex-size-limit', '1G',
    '-f', '-', '--',
  ];
}

export async function scanBatch(b: RgBatch): Promise<{ code: number | null; error: string | null }> {
  const indexOf = new Map<string, number>();
  b.paths.forEach((p, i) => indexOf.set(Buffer.from(p, 'utf8').toString('latin1'), i));
  let current = -1;
  let lines: string[] = [];
  let numbers: number[] = [];
  let whole = false;
  const flush = (): void => {
    if (current === -1) return;
    if (whole) b.onFile(current, { kind: 'whole-file' });
    else b.onFile(current, { kind: 'findings', findings: scanLines(lines, numbers, { ...b.scanOpts, path: b.pathOf(current) }) });
    current = -1;
    lines = [];
    numbers = [];
    whole = false;
  };
  const exit = await runRg({
    rg: b.rg.path,
    args: [...rgArgs(), ...b.paths],
    cwd: b.cwd,
    stdin: `${b.prefilter.patterns.join('\n')}\n`,
    separator: 10,
    signal: b.signal,
    onRecord: (record) => {
      const nul = record.indexOf(0);
      if (nul === -1) return;
      const index = indexOf.get(record.toString('latin1', 0, nul));
      if (index === undefined) return;
      const colon = record.indexOf(0x3a, nul + 1);
      const lineNo = Number(record.toString('latin1', nul + 1, colon));
      if (colon === -1 || !Number.isSafeInteger(lineNo)) return;
      if (index !== current) {
        flush();
        current = index;
      }
      if (whole) return;
      const text = (lineNo === 1 ? firstLine : laterLine).decode(record.subarray(colon + 1));
      if (needsWholeFile(text, b.prefilter.multiLineKeywords)) {
        whole = true;
        lines = [];
        numbers = [];
        return;
      }
      lines.push(text);
      numbers.push(lineNo);
    },
  });
  flush();
  return exit;
}

/**
 * The flagged lines of one file scanned as one text (each line ends with its newline, as in the file): no finding
 * crosses a line here, so each maps back to its own line; the per-text finding cap applies to the file as a whole.
 */
function scanLines(lines: string[], numbers: number[], opts: ScanOptions): TextFinding[] {
  if (lines.length === 0) return [];
  const found = scanText(`${lines.join('\n')}\n`, opts);
  for (const f of found) f.line = numbers[f.line - 1]!;
  return found;
}
