// gitleaks' allowlist semantics, for the rules a rule file brings (and the built-ins a trusted file extends): a
// path-only check before a file is scanned, then each finding against its secret, match, line and path.
import type { RuleAllowlist } from '../rule.js';

/** What one finding offers the allowlists. */
export interface AllowlistSubject {
  secret: string;
  /** The whole regex match. */
  match: string;
  /** The line(s) the match is on. */
  line: string;
  /** The DocRef `file`, when the caller knows it. */
  path?: string;
}

// Patterns from a file are compiled without `g` (parse.ts), so test() keeps no state between calls.
const anyMatch = (res: readonly RegExp[], s: string): boolean => res.some((re) => re.test(s));

function pathAllowed(a: RuleAllowlist, path: string | undefined): boolean {
  return path !== undefined && path !== '' && anyMatch(a.paths, path);
}

/**
 * True when an allowlist lets the whole file go for this rule before it is scanned: an OR list whose `paths`
 * match, or an AND list whose only checks are paths (gitleaks checks regexes and stopwords per finding).
 */
export function fileAllowed(lists: readonly RuleAllowlist[] | undefined, path: string | undefined): boolean {
  if (!lists?.length || path === undefined) return false;
  return lists.some((a) => {
    if (a.paths.length === 0) return false;
    if (a.condition === 'OR') return pathAllowed(a, path);
    if (a.regexes.length > 0 || a.stopwords.length > 0) return false;
    return pathAllowed(a, path);
  });
}

/** True when one of the allowlists allows this finding (gitleaks' checkFindingAllowed). */
export function findingAllowed(lists: readonly RuleAllowlist[] | undefined, f: AllowlistSubject): boolean {
  if (!lists?.length) return false;
  const lowerSecret = f.secret.toLowerCase();
  return lists.some((a) => {
    const target = a.regexTarget === 'match' ? f.match : a.regexTarget === 'line' ? f.line : f.secret;
    const regexHit = target !== '' && anyMatch(a.regexes, target);
    const stopwordHit = lowerSecret !== '' && a.stopwords.some((w) => lowerSecret.includes(w));
    if (a.condition === 'OR') return regexHit || stopwordHit;
    const checks: boolean[] = [];
    if (a.paths.length) checks.push(pathAllowed(a, f.path));
    if (a.regexes.length) checks.push(regexHit);
    if (a.stopwords.length) checks.push(stopwordHit);
    return checks.length > 0 && checks.every(Boolean);
  });
}
