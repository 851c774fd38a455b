// The built-in rule set (rules/) and the ids the CLI accepts for `--rule`.
export { GENERIC_RULE_ID, RULE_IDS, RULES } from './rules/builtin.js';
export type { Rule, Severity } from './rule.js';
