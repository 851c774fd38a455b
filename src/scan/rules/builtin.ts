// The built-in secret rules, one file per family. Formats are from the providers' documentation, gitleaks' config
// (b58d3f10) and trufflehog's detectors (security.md §2); the regexes are our own. Porting notes: `(?i)` became
// the `i` flag, `$` needs the `m` flag, every tail has an upper bound (JS regexes backtrack; RE2 does not), and
// every rule has lower-case keywords: a rule only runs on text that contains one of them, which keeps a scan of
// mostly clean output cheap (and lets ripgrep prefilter files by the same keywords).
//
// Order matters where two rules report the same span: the first wins. Vendor rules come first, the shape-only
// rules (private keys, JWTs, URIs with a password) last, and the generic `key = value` rule (in the scanner) loses
// to all of them.

import type { Rule } from '../rule.js';
import { AI_RULES } from './ai.js';
import { CLOUD_RULES } from './cloud.js';
import { MESSAGING_RULES } from './messaging.js';
import { OBSERVABILITY_RULES } from './observability.js';
import { PAYMENT_RULES } from './payments.js';
import { PLATFORM_RULES } from './platforms.js';
import { REGISTRY_RULES } from './registries.js';
import { STRUCTURAL_RULES } from './structural.js';
import { VCS_RULES } from './vcs.js';

export const RULES: readonly Rule[] = [
  ...CLOUD_RULES,
  ...VCS_RULES,
  ...REGISTRY_RULES,
  ...MESSAGING_RULES,
  ...PAYMENT_RULES,
  ...OBSERVABILITY_RULES,
  ...AI_RULES,
  ...PLATFORM_RULES,
  ...STRUCTURAL_RULES,
];

export const GENERIC_RULE_ID = 'generic-api-key';

/** Every rule id, named rules first, for `--rules` and docs. */
export const RULE_IDS: readonly string[] = [...RULES.map((r) => r.id), GENERIC_RULE_ID];
