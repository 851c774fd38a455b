// What a secret rule is: the built-in set (rules/) and a gitleaks rule file (--rules, .gitleaks.toml) both produce
// these, and the scanner runs them the same way.

export type Severity = 'high' | 'medium' | 'info';

export interface Rule {
  id: string;
  description: string;
  severity: Severity;
  /** Lower-case substrings; the rule only runs when the text contains one. */
  keywords: readonly string[];
  /** Global (and `m` where `$` is used). */
  pattern: RegExp;
  /** Capture group holding the secret (default 1). */
  group?: number;
  /** Minimum Shannon entropy of the secret, bits per character (findings below are dropped). */
  entropy?: number;
  /** False when `EXAMPLE` values are real for this rule (none today). */
  allowExamples?: boolean;
  /** Placeholders (`${VAR}`, `xxxx`) are allowed unless false. */
  allowPlaceholders?: boolean;
}
