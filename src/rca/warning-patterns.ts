// What a warning line looks like in CI output (earlier steps that "passed with warnings" often explain a later
// failure: a deprecated image, a peer-dependency conflict, a cache miss). Tested against one ANSI-stripped line
// that is not an error line (src/log/error-patterns.ts decides that first). Case-sensitive like the error patterns.

export interface WarningPattern {
  readonly name: string;
  readonly re: RegExp;
}

export const WARNING_PATTERNS: readonly WarningPattern[] = [
  { name: 'npm-warn', re: /\bnpm WARN\b/ },
  { name: 'warn', re: /\bWARN(?:ING)?\b|\[warn(?:ing)?\]/ },
  { name: 'warning', re: /\b[Ww]arning:|\bwarning\b/ },
  { name: 'deprecation', re: /DeprecationWarning|\bDEPRECATED\b|\bdeprecated\b/ },
];

/** Lines that mention warnings only to count them: `0 warnings`, `(0 errors, 0 warnings)`, `--max-warnings=10`. */
const NOT_A_WARNING = /\b0 warnings?\b|--max-warnings|\bno warnings\b/i;

export function matchWarningLine(line: string): WarningPattern | null {
  if (NOT_A_WARNING.test(line)) return null;
  for (const p of WARNING_PATTERNS) if (p.re.test(line)) return p;
  return null;
}
