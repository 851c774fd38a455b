// Secret scanner (no Ink here): named rules + generic key=value with entropy, allowlists, masking, redaction.
export { isBoringGenericValue, isExample, isPlaceholder, HEX_HASH, UUID } from './allowlist.js';
export { shannonEntropy } from './entropy.js';
export { maskSecret } from './mask.js';
export { GENERIC_RULE_ID, RULE_IDS, RULES, type Rule, type Severity } from './rules.js';
export { redact, scanText, type EnvVarHint, type ScanOptions, type TextFinding, type Via } from './scanner.js';
export { scanCorpus, type Finding, type ScanResult, type ScanCorpusOptions } from './scan-corpus.js';
