// Counting what went wrong, and saying it in one line. A responder must see that rows were
// skipped (and where to look), never have them vanish silently.
import { cell } from '../text/cell.js';
import { FailError } from '../util/errors.js';
import type { AuditStats, Tally } from './types.js';

/**
 * A file that cannot be read as an audit log at all: `path:line: why` (exit 1, one line). File
 * names can come from an S3 bucket, so they are made safe for the terminal like any cell.
 */
export class AuditFileError extends FailError {
  constructor(readonly file: string, readonly line: number | null, readonly why: string) {
    super(`${cell(file, 200)}${line ? `:${line}` : ''}: ${why}`);
    this.name = 'AuditFileError';
  }
}

export function emptyStats(): AuditStats {
  return { files: [], rows: 0, matched: 0, duplicates: 0, skipped: [], flagged: [], untimed: 0, ignoredFiles: [] };
}

export function tally(list: Tally[], reason: string, where: string): void {
  const t = list.find((x) => x.reason === reason);
  if (t) t.count++;
  else list.push({ reason, count: 1, first: where });
}

const n = (x: number) => x.toLocaleString('en-US');

/** e.g. `read 1,000,003 rows from 2 files · 3 duplicates dropped · 2 rows skipped (…)`. */
export function summaryLine(s: AuditStats): string {
  const parts = [`read ${n(s.rows)} row${s.rows === 1 ? '' : 's'} from ${s.files.length} file${s.files.length === 1 ? '' : 's'}`];
  parts.push(`${n(s.matched)} event${s.matched === 1 ? '' : 's'} matched`);
  if (s.duplicates) parts.push(`${n(s.duplicates)} duplicate${s.duplicates === 1 ? '' : 's'} (same id) dropped`);
  const skipped = s.skipped.reduce((a, t) => a + t.count, 0);
  if (skipped) parts.push(`${n(skipped)} row${skipped === 1 ? '' : 's'} skipped: ${s.skipped.map(describe).join('; ')}`);
  const flagged = s.flagged.reduce((a, t) => a + t.count, 0);
  if (flagged) parts.push(`${n(flagged)} row${flagged === 1 ? '' : 's'} kept with problems: ${s.flagged.map(describe).join('; ')}`);
  if (s.untimed) parts.push(`${n(s.untimed)} event${s.untimed === 1 ? '' : 's'} without a readable time left out of the window`);
  if (s.ignoredFiles.length) parts.push(`${s.ignoredFiles.length} file${s.ignoredFiles.length === 1 ? '' : 's'} ignored (first: ${s.ignoredFiles[0]!.path}: ${s.ignoredFiles[0]!.reason})`);
  return cell(parts.join(' · '), 2000);
}

function describe(t: Tally): string {
  return `${t.reason} ×${n(t.count)} (first at ${t.first})`;
}

/** True when something deserves the user's attention (skips, flags, ignored files). */
export function hasTrouble(s: AuditStats): boolean {
  return s.skipped.length > 0 || s.flagged.length > 0 || s.ignoredFiles.length > 0 || s.untimed > 0;
}
