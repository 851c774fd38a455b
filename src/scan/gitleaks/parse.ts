// A gitleaks rule file (TOML) to Rules the scanner runs. The file is hostile input (it may come from an evidence
// folder): sizes are bounded (LIMITS), every value is type-checked, and a rule that cannot be used is listed in
// `notLoaded` with the reason, never dropped silently. A file that cannot be read as a whole throws RuleFileError.
import { parse as parseToml, TomlError } from 'smol-toml';
import { UsageError } from '../../util/errors.js';
import type { Rule, RuleAllowlist } from '../rule.js';
import { Re2Error, re2ToJs } from './re2-to-js.js';

export const LIMITS = {
  /** gitleaks' own default file is about 100 KB. */
  fileBytes: 4 * 1024 * 1024,
  /** Inline tables and arrays nested deeper than this are refused by the TOML reader. */
  tomlDepth: 32,
  rules: 5000,
  patternChars: 10_000,
  keywordsPerRule: 200,
  keywordChars: 200,
  allowlistsPerRule: 100,
  entriesPerAllowlist: 10_000,
  idChars: 200,
} as const;

export class RuleFileError extends UsageError {}

export interface NotLoaded {
  id: string;
  reason: string;
}

/** A rule with neither `regex` nor `path`: extends a built-in of the same id (its allowlists, entropy, keywords). */
export interface RulePatch {
  id: string;
  description?: string;
  entropy?: number;
  keywords: string[];
  allowlists: RuleAllowlist[];
}

export interface RuleFile {
  title?: string;
  /** `[extend] useDefault = true`. */
  useDefault: boolean;
  /** `[extend] disabledRules`. */
  disabledRules: string[];
  rules: Rule[];
  patches: RulePatch[];
  /** `[allowlist]` / `[[allowlists]]` without `targetRules`. */
  globalAllowlists: RuleAllowlist[];
  /** `[[allowlists]]` with `targetRules`, by rule id. */
  targeted: Map<string, RuleAllowlist[]>;
  notLoaded: NotLoaded[];
  warnings: string[];
}

type Table = Record<string, unknown>;
const isTable = (v: unknown): v is Table => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

class Problem extends Error {}

/** Parses a rule file's text. `origin` names it in Rule.origin. */
export function parseRuleFile(text: string, origin: string): RuleFile {
  if (Buffer.byteLength(text) > LIMITS.fileBytes) throw new RuleFileError(`larger than ${LIMITS.fileBytes / 1024 / 1024} MiB`);
  let doc: Table;
  try {
    doc = parseToml(text, { maxDepth: LIMITS.tomlDepth, unsafeKeyBehaviour: 'drop' }) as Table;
  } catch (e) {
    // The message's code block quotes the file: keep the first line and the position only.
    if (e instanceof TomlError) throw new RuleFileError(`not valid TOML at line ${e.line}, column ${e.column}: ${firstLine(e.message).replace(/^Invalid TOML document: /, '')}`);
    throw new RuleFileError(`not valid TOML: ${firstLine(e instanceof Error ? e.message : String(e))}`);
  }
  const out: RuleFile = { useDefault: false, disabledRules: [], rules: [], patches: [], globalAllowlists: [], targeted: new Map(), notLoaded: [], warnings: [] };
  if (typeof doc.title === 'string') out.title = doc.title.slice(0, 200);
  readExtend(doc.extend, out);

  const rules = doc.rules === undefined ? [] : doc.rules;
  if (!Array.isArray(rules)) throw new RuleFileError('rules must be an array of tables ([[rules]])');
  if (rules.length > LIMITS.rules) out.warnings.push(`the file has ${rules.length} rules; only the first ${LIMITS.rules} are read`);
  const seen = new Map<string, number>();
  rules.slice(0, LIMITS.rules).forEach((raw, i) => {
    const id = isTable(raw) && typeof raw.id === 'string' && raw.id !== '' ? raw.id.slice(0, LIMITS.idChars) : `rules[${i}]`;
    try {
      if (!isTable(raw)) throw new Problem('not a table');
      if (typeof raw.id !== 'string' || raw.id === '') throw new Problem('no id');
      if (seen.has(id)) out.warnings.push(`rule ${id} is defined twice; the last one is used`);
      seen.set(id, i);
      const built = readRule(raw, id, origin);
      if ('pattern' in built) out.rules.push(built);
      else out.patches.push(built);
    } catch (e) {
      if (!(e instanceof Problem)) throw e;
      out.notLoaded.push({ id, reason: e.message });
    }
  });
  // Later definitions of an id replace earlier ones (gitleaks keeps rules in a map by id).
  out.rules = out.rules.filter((r, i) => out.rules.findLastIndex((o) => o.id === r.id) === i);

  const legacy = doc.allowlist;
  const lists = doc.allowlists;
  if (legacy !== undefined && lists !== undefined) throw new RuleFileError('[allowlist] and [[allowlists]] cannot both be used');
  const globals = legacy !== undefined ? [legacy] : lists === undefined ? [] : lists;
  if (!Array.isArray(globals)) throw new RuleFileError('allowlists must be an array of tables ([[allowlists]])');
  for (const [i, raw] of globals.slice(0, LIMITS.allowlistsPerRule).entries()) {
    try {
      const list = readAllowlist(raw);
      const targets = isTable(raw) ? raw.targetRules : undefined;
      if (targets === undefined) {
        if (list) out.globalAllowlists.push(list);
        continue;
      }
      for (const t of strings(targets, 'targetRules', LIMITS.allowlistsPerRule)) if (list) out.targeted.set(t, [...(out.targeted.get(t) ?? []), list]);
    } catch (e) {
      if (!(e instanceof Problem)) throw e;
      throw new RuleFileError(`global allowlist ${i + 1}: ${e.message}`);
    }
  }
  if (globals.length > LIMITS.allowlistsPerRule) out.warnings.push(`only the first ${LIMITS.allowlistsPerRule} global allowlists are read`);
  return out;
}

function readExtend(ext: unknown, out: RuleFile): void {
  if (ext === undefined) return;
  if (!isTable(ext)) throw new RuleFileError('[extend] must be a table');
  if (ext.useDefault === true) {
    out.useDefault = true;
    out.warnings.push("[extend] useDefault: gitleaks' own default rules are not shipped here; the built-in rules stand in for them");
  }
  if (typeof ext.path === 'string' || typeof ext.url === 'string') out.warnings.push('[extend] path/url is not followed: a rule file cannot make sleuth read another file');
  if (ext.disabledRules !== undefined) {
    try {
      out.disabledRules = strings(ext.disabledRules, 'disabledRules', LIMITS.rules);
    } catch (e) {
      throw new RuleFileError(`[extend] ${(e as Error).message}`);
    }
  }
}

function readRule(raw: Table, id: string, origin: string): Rule | RulePatch {
  if (raw.required !== undefined) throw new Problem('composite rules ([[rules.required]]) are not supported');
  if (raw.skipReport === true) throw new Problem('skipReport rules only serve composite rules, which are not supported');
  const description = optString(raw.description, 'description', 1000);
  const entropy = raw.entropy === undefined ? undefined : raw.entropy;
  if (entropy !== undefined && (typeof entropy !== 'number' || !Number.isFinite(entropy) || entropy < 0)) throw new Problem('entropy must be a number ≥ 0');
  const keywords = raw.keywords === undefined ? [] : strings(raw.keywords, 'keywords', LIMITS.keywordsPerRule, LIMITS.keywordChars);
  const lowerKeywords = [...new Set(keywords.map((k) => k.toLowerCase()).filter(Boolean))];
  const tags = raw.tags === undefined ? [] : strings(raw.tags, 'tags', 100, 200);
  const allowlists = ruleAllowlists(raw);
  const regex = optString(raw.regex, 'regex', LIMITS.patternChars);
  const path = optString(raw.path, 'path', LIMITS.patternChars);
  if (!regex && !path) return { id, ...(description ? { description } : {}), ...(entropy ? { entropy } : {}), keywords: lowerKeywords, allowlists };

  const secretGroup = raw.secretGroup ?? 0;
  if (typeof secretGroup !== 'number' || !Number.isInteger(secretGroup) || secretGroup < 0) throw new Problem('secretGroup must be a whole number ≥ 0');
  let pattern = /(?!)/g;
  if (regex) {
    pattern = compile(regex, 'regex', 'g');
    const groups = new RegExp(`${pattern.source}|`, pattern.flags).exec('')!.length - 1;
    if (secretGroup > groups) throw new Problem(`secretGroup ${secretGroup} but the regex has ${groups} group${groups === 1 ? '' : 's'}`);
    pattern.lastIndex = 0;
    if (pattern.test('')) throw new Problem('the regex matches the empty string');
    pattern.lastIndex = 0;
  }
  return {
    id,
    description: description || id,
    severity: 'high',
    keywords: lowerKeywords,
    pattern,
    group: secretGroup > 0 ? secretGroup : 'first-non-empty',
    ...(entropy ? { entropy, entropyExclusive: true } : {}),
    // gitleaks applies no allowlist of its own to a file's rules; rule-set.ts turns ours back on when the file extends the defaults.
    allowExamples: false,
    allowPlaceholders: false,
    ...(path ? { pathPattern: compile(path, 'path', '') } : {}),
    ...(regex ? {} : { pathOnly: true }),
    ...(allowlists.length ? { allowlists } : {}),
    origin,
    ...(tags.length ? { tags } : {}),
  };
}

function ruleAllowlists(raw: Table): RuleAllowlist[] {
  if (raw.allowlist !== undefined && raw.allowlists !== undefined) throw new Problem('[rules.allowlist] and [[rules.allowlists]] cannot both be used');
  const lists = raw.allowlist !== undefined ? [raw.allowlist] : raw.allowlists === undefined ? [] : raw.allowlists;
  if (!Array.isArray(lists)) throw new Problem('allowlists must be an array of tables');
  if (lists.length > LIMITS.allowlistsPerRule) throw new Problem(`more than ${LIMITS.allowlistsPerRule} allowlists`);
  return lists.flatMap((l, i) => {
    try {
      const a = readAllowlist(l);
      return a ? [a] : [];
    } catch (e) {
      if (e instanceof Problem) throw new Problem(`allowlist ${i + 1}: ${e.message}`);
      throw e;
    }
  });
}

/** One allowlist; null when it can never allow anything here (it only names commits: there is no git history). */
function readAllowlist(raw: unknown): RuleAllowlist | null {
  if (!isTable(raw)) throw new Problem('not a table');
  const cond = raw.condition === undefined ? 'OR' : typeof raw.condition === 'string' ? raw.condition.toUpperCase() : '?';
  const condition = cond === 'AND' || cond === '&&' ? 'AND' : cond === 'OR' || cond === '||' || cond === '' ? 'OR' : null;
  if (!condition) throw new Problem('condition must be OR or AND');
  const target = raw.regexTarget === undefined || raw.regexTarget === '' ? 'secret' : raw.regexTarget;
  if (target !== 'secret' && target !== 'match' && target !== 'line') throw new Problem('regexTarget must be secret, match or line');
  const max = LIMITS.entriesPerAllowlist;
  const regexes = raw.regexes === undefined ? [] : strings(raw.regexes, 'regexes', max, LIMITS.patternChars).map((r) => compile(r, 'allowlist regex', ''));
  const paths = raw.paths === undefined ? [] : strings(raw.paths, 'paths', max, LIMITS.patternChars).map((r) => compile(r, 'allowlist path', ''));
  const stopwords = raw.stopwords === undefined ? [] : [...new Set(strings(raw.stopwords, 'stopwords', max, LIMITS.keywordChars).map((w) => w.toLowerCase()).filter(Boolean))];
  const commits = raw.commits === undefined ? [] : strings(raw.commits, 'commits', max, 100);
  if (!regexes.length && !paths.length && !stopwords.length && !commits.length) throw new Problem('an allowlist needs regexes, stopwords, paths or commits');
  if (commits.length && (condition === 'AND' || (!regexes.length && !paths.length && !stopwords.length))) return null;
  const description = optString(raw.description, 'description', 1000);
  return { ...(description ? { description } : {}), condition, regexTarget: target, regexes, stopwords, paths };
}

function compile(re2: string, what: string, flags: string): RegExp {
  try {
    const js = re2ToJs(re2);
    return new RegExp(js.source, js.flags + flags);
  } catch (e) {
    if (e instanceof Re2Error) throw new Problem(`${what}: ${e.message}`);
    throw new Problem(`${what}: ${firstLine((e as Error).message).replace(/^Invalid regular expression: /, '')}`);
  }
}

function optString(v: unknown, what: string, max: number): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new Problem(`${what} must be a string`);
  if (v.length > max) throw new Problem(`${what} is longer than ${max} characters`);
  return v;
}

function strings(v: unknown, what: string, maxItems: number, maxChars = 1000): string[] {
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) throw new Problem(`${what} must be an array of strings`);
  if (v.length > maxItems) throw new Problem(`${what} has more than ${maxItems} entries`);
  if (v.some((s: string) => s.length > maxChars)) throw new Problem(`a ${what} entry is longer than ${maxChars} characters`);
  return v as string[];
}

const firstLine = (s: string): string => s.split('\n')[0]!.slice(0, 300);
