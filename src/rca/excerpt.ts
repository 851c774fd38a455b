// The lines of a step's output worth reading first: error lines with a little context, or the tail when nothing
// looks like an error; and, for earlier steps, the warning lines. Patterns are matched on the stripped copy of a
// line (the one `/` searches); the line itself is kept as printed (evidence stays raw; display sanitizes it).
import { matchErrorLine } from '../log/error-patterns.js';
import { plainText } from '../log/search-copy.js';
import type { ExcerptBlock, ExcerptLine } from './types.js';
import { matchWarningLine } from './warning-patterns.js';

export interface ExcerptOptions {
  /** Error lines to show (the first ones). */
  maxErrors?: number;
  /** Context lines before and after each error line. */
  before?: number;
  after?: number;
  /** Lines shown when no line looks like an error. */
  tailLines?: number;
  /** Characters kept of one line. */
  maxLineChars?: number;
}

const DEFAULTS: Required<ExcerptOptions> = { maxErrors: 5, before: 3, after: 3, tailLines: 10, maxLineChars: 400 };

export interface ErrorScan {
  lines: number;
  errorLines: number;
  blocks: ExcerptBlock[];
  tail: ExcerptLine[];
}

/** Lines of a log: split on `\n`, a trailing `\r` dropped; a final newline adds no empty line. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.endsWith('\r')) lines[i] = l.slice(0, -1);
  }
  return lines;
}

export function clip(line: string, max: number): string {
  if (line.length <= max) return line;
  let cut = line.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return `${cut} … [+${line.length - cut.length} chars]`;
}

export function scanErrors(text: string, options: ExcerptOptions = {}): ErrorScan {
  const o = { ...DEFAULTS, ...options };
  const lines = splitLines(text);
  const plain = (i: number) => plainText(lines[i]!);
  const hits: { i: number; pattern: string }[] = [];
  let errorLines = 0;
  for (let i = 0; i < lines.length; i++) {
    const p = matchErrorLine(plain(i));
    if (!p) continue;
    errorLines++;
    if (hits.length < o.maxErrors) hits.push({ i, pattern: p.name });
  }
  const line = (i: number): ExcerptLine => ({ n: i + 1, text: clip(lines[i]!, o.maxLineChars), error: matchErrorLine(plain(i))?.name ?? null });
  const blocks: ExcerptBlock[] = [];
  let end = -1;
  for (const h of hits) {
    const from = Math.max(0, h.i - o.before, end + 1);
    const to = Math.min(lines.length - 1, h.i + o.after);
    const block = from <= end + 1 && blocks.length ? blocks[blocks.length - 1]! : (blocks.push({ lines: [] }), blocks[blocks.length - 1]!);
    for (let i = from; i <= to; i++) block.lines.push(line(i));
    end = Math.max(end, to);
  }
  const tail = hits.length === 0 ? Array.from({ length: Math.min(o.tailLines, lines.length) }, (_, k) => line(lines.length - Math.min(o.tailLines, lines.length) + k)) : [];
  return { lines: lines.length, errorLines, blocks, tail };
}

export interface WarningScan {
  count: number;
  lines: ExcerptLine[];
}

/** Warning lines of an output (error lines are not counted: they belong to the failure). */
export function scanWarnings(text: string, max = 3, maxLineChars = DEFAULTS.maxLineChars): WarningScan {
  const lines = splitLines(text);
  const out: ExcerptLine[] = [];
  let count = 0;
  for (let i = 0; i < lines.length; i++) {
    const t = plainText(lines[i]!);
    if (matchErrorLine(t) || !matchWarningLine(t)) continue;
    count++;
    if (out.length < max) out.push({ n: i + 1, text: clip(lines[i]!, maxLineChars), error: null });
  }
  return { count, lines: out };
}
