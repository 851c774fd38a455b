// What a secret rule is: the built-in set (rules/) and a gitleaks rule file (--rules, .gitleaks.toml) both produce
// these, and the scanner runs them the same way.

export type Severity = 'high' | 'medium' | 'info';

export interface Rule {
  id: string;
  description: string;
  severity: Severity;
  /** Lower-case substrings; the rule only runs when the text contains one. None: the rule always runs (gitleaks). */
  keywords: readonly string[];
  /** Global (and `m` where `$` is used). Never run on a `pathOnly` rule. */
  pattern: RegExp;
  /**
   * Capture group holding the secret (default 1). `'first-non-empty'` is gitleaks' rule when a file gives no
   * `secretGroup`: the first group that matched something, else the whole match.
   */
  group?: number | 'first-non-empty';
  /** Minimum Shannon entropy of the secret, bits per character (findings below are dropped). */
  entropy?: number;
  /** gitleaks drops a secret whose entropy equals the floor too (`<=`); the built-ins keep it. */
  entropyExclusive?: boolean;
  /** False when `EXAMPLE` values are real for this rule (none today). */
  allowExamples?: boolean;
  /** Placeholders (`${VAR}`, `xxxx`) are allowed unless false. */
  allowPlaceholders?: boolean;
  /** File paths (the DocRef `file`) this rule applies to: text in other files is not matched. */
  pathPattern?: RegExp;
  /** A rule file's rule with `path` and no `regex`: a file whose path matches `pathPattern` is the finding. */
  pathOnly?: boolean;
  /** gitleaks-style allowlists: a finding any of them allows is dropped (the file's global ones are copied in). */
  allowlists?: readonly RuleAllowlist[];
  /** Where the rule came from: `builtin` (the default) or the rule file's path as given. */
  origin?: string;
  tags?: readonly string[];
}

/** One gitleaks allowlist (`[[rules.allowlists]]`, `[rules.allowlist]`, the global `[allowlist]`/`[[allowlists]]`). */
export interface RuleAllowlist {
  description?: string;
  /** OR (default): any check that is defined allows the finding. AND: every defined check must. */
  condition: 'OR' | 'AND';
  /** What `regexes` are tested on: the secret (default), the whole regex match, or the line it is on. */
  regexTarget: 'secret' | 'match' | 'line';
  regexes: readonly RegExp[];
  /** Lower-case; a secret containing one (case-insensitively) is allowed. */
  stopwords: readonly string[];
  /** Tested on the file path (the DocRef `file`). */
  paths: readonly RegExp[];
}
