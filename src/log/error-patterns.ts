// What an error line looks like in CI output. Shared by the log pane (`e`/`E`) and the RCA feature.
// Patterns are tested against one ANSI-stripped line; they are case-sensitive on purpose (`ERROR`, `Error:`,
// `error:` are errors, a test named `handles errors` is not).

export interface ErrorPattern {
  /** Short stable name, for summaries ("3 × exit-status"). */
  readonly name: string;
  /** Matches a whole stripped line (no `g` flag: safe to reuse with `.test`). */
  readonly re: RegExp;
  /**
   * A lower-case literal that every match contains. Lets a scanner prefilter a lower-cased log with one fast regex
   * and only run the patterns on candidate lines.
   */
  readonly keyword: string;
}

// Most specific first: matchErrorLine() names the first that matches (`panic: runtime error:` is a panic).
export const ERROR_PATTERNS: readonly ErrorPattern[] = [
  { name: 'npm-err', re: /npm ERR!/, keyword: 'npm err!' },
  { name: 'panic', re: /\bpanic:/, keyword: 'panic:' },
  { name: 'traceback', re: /\bTraceback\b/, keyword: 'traceback' },
  { name: 'segfault', re: /Segmentation fault|SIGSEGV/, keyword: 'seg' },
  // CircleCI's own words when it stops a step (no_output_timeout), and a full disk.
  { name: 'no-output-timeout', re: /Too long with no output/, keyword: 'too long with no output' },
  { name: 'no-space', re: /No space left on device/, keyword: 'no space left' },
  { name: 'enospc', re: /\bENOSPC\b/, keyword: 'enospc' },
  { name: 'out-of-memory', re: /[Oo]ut of [Mm]emory|OUT OF MEMORY/, keyword: 'out of memory' },
  { name: 'oom', re: /\bOOM/, keyword: 'oom' },
  { name: 'killed', re: /\bKilled\b/, keyword: 'killed' },
  { name: 'fatal', re: /\b(?:fatal|Fatal|FATAL):|\bFATAL\b/, keyword: 'fatal' },
  { name: 'exception', re: /Exception\b/, keyword: 'exception' },
  // No \b before `Error:`, so `TypeError:` and `AssertionError:` count.
  { name: 'error', re: /Error:|error:|\bERROR\b/, keyword: 'error' },
  { name: 'failed', re: /\bFAIL(?:ED\b| )/, keyword: 'fail' },
  // Non-zero only: `exit status 0` is a success.
  {
    name: 'exit-status',
    re: /\bexit status [1-9]\d*|\bExited with code (?:exit status )?[1-9]\d*|\bexit code:? [1-9]\d*/,
    keyword: 'exit',
  },
];

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Matches, in a lower-cased text, every place an error pattern could match (a superset). Global: reset lastIndex. */
export function errorPrefilter(): RegExp {
  const keywords = [...new Set(ERROR_PATTERNS.map((p) => p.keyword))];
  return new RegExp(keywords.map(escapeRegExp).join('|'), 'g');
}

/** The first pattern a stripped line matches, or null. */
export function matchErrorLine(line: string): ErrorPattern | null {
  for (const p of ERROR_PATTERNS) if (p.re.test(line)) return p;
  return null;
}

export function isErrorLine(line: string): boolean {
  return matchErrorLine(line) !== null;
}
