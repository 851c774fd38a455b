// The secret scanner over one text: named rules (keyword prefilter, regex, entropy floor, allowlists), the generic
// `key = value` rule, and base64 blobs decoded and scanned again (an `env | base64` dump, wrapped or not). Rules run
// on a normalised copy (escape sequences and invisible characters removed) and every finding maps back to the
// original offsets, so `redact()` replaces exactly what was printed. Overlapping findings are deduplicated, named
// rules winning over the generic one. No Ink, no I/O: the RCA feature calls scanText()/redact() directly.
import { isBoringGenericValue, isExample, isFalseFriendKey, isPlaceholder } from './allowlist.js';
import { roundEntropy, shannonEntropy } from './entropy.js';
import { maskSecret } from './mask.js';
import { base64Runs, mostlyText } from './base64-runs.js';
import { fileAllowed, findingAllowed } from './gitleaks/allowlist-check.js';
import { junkWithin, normaliseText, originalSpan, type NormalisedText } from './normalise-text.js';
import type { RuleAllowlist } from './rule.js';
import { GENERIC_RULE_ID, RULES, type Rule, type Severity } from './rules.js';

export type Via = 'ansi' | 'control' | 'invisible' | 'line-break';

/** A project env var as the API lists it: the value masked to `xxxx` + its last four characters. */
export interface EnvVarHint {
  name: string;
  value: string;
}

export interface ScanOptions {
  /** Known env vars: a finding whose last four characters match one says so. */
  envVars?: readonly EnvVarHint[];
  /** Only these rule ids (default: all). */
  rules?: readonly string[];
  /** Report `circleci-masked-value` (a value CircleCI masked was printed). Default true. */
  includeInfo?: boolean;
  /** Decode base64 blobs and scan them too. Default true. */
  decodeBase64?: boolean;
  /** At most this many findings per text (default 2,000). */
  maxFindings?: number;
  /** The named rules to run (default: the built-ins, RULES). A gitleaks rule file gives its own (gitleaks/). */
  ruleSet?: readonly Rule[];
  /** Run the generic `key = value` rule. Default: only when `ruleSet` is not given. */
  generic?: boolean;
  /** Allowlists for the generic rule's findings (a trusted rule file's global ones). */
  genericAllowlists?: readonly RuleAllowlist[];
  /** The file the text came from (the DocRef `file`): rule `path`s and allowlist `paths` are tested on it. */
  path?: string;
}

export interface TextFinding {
  ruleId: string;
  description: string;
  severity: Severity;
  /** Offsets in the scanned text: the secret itself, or the whole base64 blob that holds it. */
  start: number;
  end: number;
  /** 1-based line and column (UTF-16) of `start`. */
  line: number;
  column: number;
  /** The secret in clear. Never print it unless asked (`--reveal`); use `masked`. */
  secret: string;
  masked: string;
  entropy: number;
  encoding: 'raw' | 'base64';
  /** What had to be read through: escape sequences, controls, invisible characters, line breaks. */
  via: Via[];
  /** Env var names whose last four characters equal the secret's. */
  envMatches: string[];
  /** E.g. `temporary (STS) key`, `in a presigned URL`. */
  note?: string;
}

const MIN_GENERIC_ENTROPY = 3.5;
const GENERIC_KEYWORD = /access|auth|api|credential|creds|key|passw(?:or)?d|pwd|secret|token/g;
// The part after the keyword: more name, a separator, then the value (gitleaks' generic-api-key, kept to one line).
const GENERIC_TAIL = /[ \t\w.-]{0,20}?[ \t'"]{0,3}(?:=|>|:{1,3}=|\|\||:|=>|\?=|,)[\x60'" \t=]{0,5}([\w.=-]{10,150}|[a-z0-9][a-z0-9+/]{11,200}={0,3})(?=[\x60'"\s;,)}\]]|\\[nr]|$)/iy;
/** Blobs longer than this are decoded only this far (a secret sits near the start of an env dump anyway). */
const MAX_BLOB = 1 << 20;

const withIndices = new Map<Rule, RegExp>();
function indexed(rule: Rule): RegExp {
  let r = withIndices.get(rule);
  if (!r) {
    r = new RegExp(rule.pattern.source, rule.pattern.flags.includes('d') ? rule.pattern.flags : `${rule.pattern.flags}d`);
    withIndices.set(rule, r);
  }
  return r;
}

export function scanText(text: string, opts: ScanOptions = {}): TextFinding[] {
  return scanInternal(text, opts, true);
}

interface KeywordIndex {
  /** Every keyword of the set in one alternation, longest first (null: the set has none). */
  re: RegExp | null;
  /** Per keyword, the set's other keywords it starts with (they are present wherever it is). */
  prefixes: Map<string, string[]>;
  total: number;
}
const keywordIndexes = new WeakMap<readonly Rule[], KeywordIndex>();

/** One pass over the text says which rules can match at all (built once per rule set). */
function keywordIndex(rules: readonly Rule[]): KeywordIndex {
  let k = keywordIndexes.get(rules);
  if (!k) {
    const all = [...new Set(rules.flatMap((r) => r.keywords))].filter(Boolean).sort((a, b) => b.length - a.length);
    const re = all.length ? new RegExp(all.map((w) => w.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')).join('|'), 'g') : null;
    const prefixes = new Map(all.map((w) => [w, all.filter((o) => o.length < w.length && w.startsWith(o))]));
    k = { re, prefixes, total: all.length };
    keywordIndexes.set(rules, k);
  }
  return k;
}

/**
 * The keywords the (lower-cased) text contains. The search resumes one character after each hit, so keywords
 * that overlap (`xoxb` inside `…axoxb`) are all seen, and a keyword's own prefixes count as present with it.
 */
function presentKeywords(lower: string, rules: readonly Rule[]): Set<string> {
  const found = new Set<string>();
  const { re, prefixes, total } = keywordIndex(rules);
  if (!re) return found;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(lower)) !== null) {
    found.add(m[0]);
    for (const p of prefixes.get(m[0]) ?? []) found.add(p);
    if (found.size === total) break;
    re.lastIndex = m.index + 1;
  }
  return found;
}

function scanInternal(text: string, opts: ScanOptions, decode: boolean): TextFinding[] {
  const max = opts.maxFindings ?? 2000;
  const wanted = opts.rules ? new Set(opts.rules) : null;
  const n = normaliseText(text);
  const t = n.text;
  const lower = t.toLowerCase();
  const raw: TextFinding[] = [];
  const rules = opts.ruleSet ?? RULES;
  const keywords = presentKeywords(lower, rules);

  for (const rule of rules) {
    if (wanted && !wanted.has(rule.id)) continue;
    if (rule.severity === 'info' && opts.includeInfo === false) continue;
    // gitleaks: a rule without keywords always runs.
    if (rule.keywords.length && !rule.keywords.some((k) => keywords.has(k))) continue;
    if (rule.pathPattern && (opts.path === undefined || !rule.pathPattern.test(opts.path))) continue;
    if (fileAllowed(rule.allowlists, opts.path)) continue;
    if (rule.pathOnly) {
      raw.push(pathFinding(rule, opts.path!));
      continue;
    }
    const pattern = indexed(rule);
    pattern.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = pattern.exec(t)) !== null && raw.length < max * 2) {
      if (m[0] === '') {
        pattern.lastIndex++;
        continue;
      }
      const g = secretGroup(m, rule.group);
      const secret = m[g];
      const span = m.indices?.[g];
      if (secret === undefined || !span) continue;
      if (rule.allowExamples !== false && isExample(secret)) continue;
      if (rule.allowPlaceholders !== false && isPlaceholder(secret)) continue;
      const h = shannonEntropy(secret);
      if (rule.entropy !== undefined && (h < rule.entropy || (rule.entropyExclusive && h <= rule.entropy))) continue;
      if (rule.allowlists?.length && findingAllowed(rule.allowlists, { secret, match: m[0], line: linesOf(t, m.index, m.index + m[0].length), path: opts.path })) continue;
      raw.push(finding(rule.id, rule.description, rule.severity, n, span[0], span[1], secret, h, noteFor(rule.id, secret, t, span[0])));
    }
  }
  const runGeneric = opts.generic ?? opts.ruleSet === undefined;
  if (runGeneric && (!wanted || wanted.has(GENERIC_RULE_ID))) generic(n, lower, raw, max, opts);
  if (decode && opts.decodeBase64 !== false) base64Blobs(n, opts, raw, max);

  const kept = dedupe(raw).slice(0, max);
  positions(text, kept);
  if (opts.envVars?.length) for (const f of kept) f.envMatches = envMatches(f, opts.envVars);
  return kept;
}

function finding(ruleId: string, description: string, severity: Severity, n: NormalisedText, s: number, e: number, secret: string, h: number, note?: string): TextFinding {
  const [start, end] = originalSpan(n, s, e);
  return {
    ruleId,
    description,
    severity,
    start,
    end,
    line: 0,
    column: 0,
    secret,
    masked: maskSecret(secret, ruleId),
    entropy: roundEntropy(h),
    encoding: 'raw',
    via: junkWithin(n, start, end),
    envMatches: [],
    ...(note ? { note } : {}),
  };
}

/** gitleaks: with no `secretGroup`, the first group that matched something, else the whole match. */
function secretGroup(m: RegExpExecArray, group: Rule['group']): number {
  if (typeof group === 'number') return group;
  if (group === undefined) return 1;
  for (let i = 1; i < m.length; i++) if (m[i]) return i;
  return 0;
}

/** The whole line(s) a match sits on (an allowlist's `regexTarget = "line"`). */
function linesOf(t: string, start: number, end: number): string {
  const from = t.lastIndexOf('\n', start - 1) + 1;
  const nl = t.indexOf('\n', Math.max(start, end - 1));
  return t.slice(from, nl === -1 ? t.length : nl);
}

/** A path-only rule's finding: the file itself (nothing to mask; it is reported at line 1). */
function pathFinding(rule: Rule, path: string): TextFinding {
  return {
    ruleId: rule.id,
    description: rule.description,
    severity: rule.severity,
    start: 0,
    end: 0,
    line: 0,
    column: 0,
    secret: path,
    masked: path,
    entropy: 0,
    encoding: 'raw',
    via: [],
    envMatches: [],
    note: 'file detected by its path',
  };
}

function noteFor(ruleId: string, secret: string, text: string, at: number): string | undefined {
  if (ruleId !== 'aws-access-key-id') return undefined;
  const before = text.slice(Math.max(0, at - 20), at);
  if (/(?:X-Amz-Credential|AWSAccessKeyId)=$/i.test(before)) return 'in a presigned URL (a short-lived credential, but it signs requests until it expires)';
  if (secret.startsWith('ASIA')) return 'temporary (STS) key';
  return undefined;
}

/** `<name with a keyword> <separator> <value>` with an entropy floor and gitleaks' allowlists. */
function generic(n: NormalisedText, lower: string, out: TextFinding[], max: number, opts: ScanOptions): void {
  const t = n.text;
  // Lower-casing can change the length of some scripts; then offsets differ and the keyword scan uses `i` on t.
  const sameLength = lower.length === t.length;
  const hay = sameLength ? lower : t;
  const keyword = sameLength ? GENERIC_KEYWORD : new RegExp(GENERIC_KEYWORD.source, 'gi');
  keyword.lastIndex = 0;
  let k: RegExpExecArray | null;
  while ((k = keyword.exec(hay)) !== null && out.length < max * 2) {
    const after = k.index + k[0].length;
    GENERIC_TAIL.lastIndex = after;
    const m = GENERIC_TAIL.exec(t);
    if (!m) continue;
    const value = m[1]!;
    const valueStart = GENERIC_TAIL.lastIndex - value.length;
    keyword.lastIndex = Math.max(keyword.lastIndex, GENERIC_TAIL.lastIndex);
    // The whole name the keyword sits in: back over [\w.-] (up to 50), forward to the separator.
    let nameStart = k.index;
    while (nameStart > 0 && k.index - nameStart < 50 && /[\w.-]/.test(t[nameStart - 1]!)) nameStart--;
    let nameEnd = after;
    while (nameEnd < t.length && /[\w.-]/.test(t[nameEnd]!)) nameEnd++;
    const name = t.slice(nameStart, nameEnd);
    if (isFalseFriendKey(name) || isFalseFriendKey(name.replace(/^.*[.-]/, ''))) continue;
    if (isBoringGenericValue(value) || isPlaceholder(value) || isExample(value)) continue;
    const h = shannonEntropy(value);
    if (h < MIN_GENERIC_ENTROPY) continue;
    if (opts.genericAllowlists?.length) {
      const subject = { secret: value, match: t.slice(k.index, valueStart + value.length), line: linesOf(t, k.index, valueStart + value.length), path: opts.path };
      if (fileAllowed(opts.genericAllowlists, opts.path) || findingAllowed(opts.genericAllowlists, subject)) continue;
    }
    out.push(finding(GENERIC_RULE_ID, `Generic secret assigned to ${name.slice(0, 60)}`, 'medium', n, valueStart, valueStart + value.length, value, h));
  }
}

/** Base64 blobs (one line, or wrapped over several) that decode to text: scanned again, reported at the blob. */
function base64Blobs(n: NormalisedText, opts: ScanOptions, out: TextFinding[], max: number): void {
  const t = n.text;
  for (const [s, e] of base64Runs(t)) {
    if (out.length >= max * 2) return;
    const raw = t.slice(s, Math.min(e, s + MAX_BLOB * 1.1));
    const blob = raw.replace(/\r?\n/g, '').slice(0, MAX_BLOB);
    if (blob.length < 24) continue;
    const decoded = Buffer.from(blob, 'base64').toString('utf8');
    if (!mostlyText(decoded)) continue;
    const inner = scanInternal(decoded, { ...opts, envVars: undefined, maxFindings: max }, false);
    const [start, end] = originalSpan(n, s, e);
    const wrapped = raw.includes('\n');
    for (const f of inner) {
      if (f.severity === 'info') continue;
      out.push({
        ...f,
        start,
        end,
        encoding: 'base64',
        via: [...new Set<Via>([...junkWithin(n, start, end), ...(wrapped ? (['line-break'] as const) : [])])],
        note: f.note ? `${f.note}; base64-encoded` : 'base64-encoded',
      });
    }
  }
}

/** Sort by offset; where spans overlap keep one: a named rule over the generic one, then the longer. */
function dedupe(fs: TextFinding[]): TextFinding[] {
  const rank = (f: TextFinding) => (f.ruleId === GENERIC_RULE_ID ? 1 : 0);
  const sorted = fs.slice().sort((a, b) => a.start - b.start || rank(a) - rank(b) || b.end - a.end);
  const out: TextFinding[] = [];
  for (const f of sorted) {
    const clash = out.findIndex((o) => f.start < o.end && o.start < f.end && f.encoding === o.encoding && (f.encoding === 'raw' || o.secret === f.secret));
    if (clash === -1) {
      out.push(f);
      continue;
    }
    const o = out[clash]!;
    if (rank(f) < rank(o) || (rank(f) === rank(o) && f.end - f.start > o.end - o.start)) out[clash] = f;
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Fills line/column of each finding (sorted by start). */
function positions(text: string, fs: TextFinding[]): void {
  let line = 1;
  let lineStart = 0;
  let at = 0;
  for (const f of fs) {
    let nl = text.indexOf('\n', at);
    while (nl !== -1 && nl < f.start) {
      line++;
      lineStart = nl + 1;
      nl = text.indexOf('\n', lineStart);
    }
    at = Math.max(at, lineStart);
    f.line = line;
    f.column = f.start - lineStart + 1;
  }
}

function envMatches(f: TextFinding, vars: readonly EnvVarHint[]): string[] {
  if (f.ruleId === 'circleci-masked-value') {
    const name = f.secret.split('=')[0];
    return vars.some((v) => v.name === name) ? [name!] : [];
  }
  const out: string[] = [];
  for (const v of vars) {
    const last4 = v.value.slice(-4);
    if (v.value.length < 4 || /^x{4}$/i.test(last4)) continue;
    if (f.secret.endsWith(last4)) out.push(v.name);
  }
  return out;
}

/**
 * The text with every finding replaced by `[REDACTED:<rule-id>]` (a base64 blob holding a secret is replaced
 * whole). Info findings (values CircleCI already masked) are left alone.
 */
export function redact(text: string, opts: ScanOptions = {}): { text: string; count: number } {
  const fs = scanText(text, { ...opts, includeInfo: false }).filter((f) => f.severity !== 'info' && f.end > f.start);
  if (fs.length === 0) return { text, count: 0 };
  const spans: { start: number; end: number; label: string }[] = [];
  for (const f of fs) {
    const last = spans[spans.length - 1];
    if (last && f.start < last.end) {
      last.end = Math.max(last.end, f.end);
      continue;
    }
    spans.push({ start: f.start, end: f.end, label: f.encoding === 'base64' ? `base64:${f.ruleId}` : f.ruleId });
  }
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += `${text.slice(at, s.start)}[REDACTED:${s.label}]`;
    at = s.end;
  }
  return { text: out + text.slice(at), count: spans.length };
}
