// Which rules a scan runs: the built-ins, a gitleaks rule file given with --rules, or a `.gitleaks.toml` found in
// the scanned folder or the current directory. Like gitleaks, a file replaces the default rules unless it says
// `[extend] useDefault = true`. A file found in the scanned folder is evidence, not configuration: someone who
// could write the folder could use it to hide their secrets, so it can only add rules (it never replaces,
// disables or allowlists a built-in rule). The CLI and the TUI's findings pane both load their rules here.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Rule, RuleAllowlist } from '../rule.js';
import { GENERIC_RULE_ID, RULE_IDS, RULES } from '../rules.js';
import type { ScanOptions } from '../scanner.js';
import { LIMITS, parseRuleFile, RuleFileError, type NotLoaded, type RuleFile } from './parse.js';

export const RULE_FILE_NAME = '.gitleaks.toml';

export interface RuleSetRequest {
  /** `--rules FILE` (relative to cwd). */
  file?: string;
  /** The evidence folder being scanned (absolute), where a `.gitleaks.toml` is untrusted. */
  scannedDir?: string;
  cwd: string;
  /** `--no-rule-file`: ignore a found `.gitleaks.toml` (a `--rules` file still counts). */
  ignoreFound?: boolean;
}

export type RuleFileSource = 'flag' | 'cwd' | 'folder';

export interface RuleSet {
  /** What the scanner takes: `ruleSet`, `generic`, `genericAllowlists`. */
  scan: Pick<ScanOptions, 'ruleSet' | 'generic' | 'genericAllowlists'>;
  /** Every rule id that can report (for `--rule` and help). */
  ids: string[];
  builtin: number;
  fromFile: number;
  file?: { path: string; shown: string; source: RuleFileSource };
  notLoaded: NotLoaded[];
  warnings: string[];
  /** `rules: 47 built-in + 3 from ./.gitleaks.toml`; null when only the built-ins run. */
  summary: string | null;
}

/** The built-in rule set, no file involved. */
export function builtinRuleSet(): RuleSet {
  return { scan: {}, ids: [...RULE_IDS], builtin: RULE_IDS.length, fromFile: 0, notLoaded: [], warnings: [], summary: null };
}

/** Finds and loads the rule file the request names or finds. Throws RuleFileError (a usage error) for a bad file. */
export function loadRuleSet(req: RuleSetRequest): RuleSet {
  const found = locate(req);
  if (!found) return builtinRuleSet();
  let parsed: RuleFile;
  try {
    parsed = parseRuleFile(readBounded(found.path, found.source !== 'flag'), found.shown);
  } catch (e) {
    if (!(e instanceof RuleFileError)) throw e;
    // A broken file in the evidence must not stop the scan (exit 2 would let it hide every finding from a script).
    if (found.source === 'folder') {
      const set = builtinRuleSet();
      return { ...set, warnings: [`rule file ${found.shown}: ${e.message}; the built-in rules run without it`], summary: `rules: ${set.builtin} built-in (${found.shown} not used)` };
    }
    throw new RuleFileError(`rule file ${found.shown}: ${e.message}${found.source === 'flag' ? '' : ' (--no-rule-file ignores it)'}`);
  }
  return build(parsed, found);
}

function locate(req: RuleSetRequest): { path: string; shown: string; source: RuleFileSource } | null {
  if (req.file !== undefined) return { path: resolve(req.cwd, req.file), shown: req.file, source: 'flag' };
  if (req.ignoreFound) return null;
  const candidates: [string, RuleFileSource][] = [];
  if (req.scannedDir) candidates.push([join(req.scannedDir, RULE_FILE_NAME), 'folder']);
  candidates.push([join(req.cwd, RULE_FILE_NAME), 'cwd']);
  for (const [path, source] of candidates) {
    if (source === 'cwd' && req.scannedDir && resolve(req.scannedDir) === resolve(req.cwd)) continue;
    if (exists(path)) return { path, shown: shownPath(path, req.cwd), source };
  }
  return null;
}

function exists(path: string): boolean {
  try {
    closeSync(openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW));
    return true;
  } catch (e) {
    // A symlink named .gitleaks.toml (ELOOP) is still "found": reading it then says why it is refused.
    return (e as NodeJS.ErrnoException).code === 'ELOOP';
  }
}

const shownPath = (path: string, cwd: string): string => {
  const rel = relative(cwd, path);
  return rel.startsWith('..') || rel === '' ? path : `.${sep}${rel}`;
};

/** Reads at most LIMITS.fileBytes + 1; a found file must be a regular file and not a symlink. */
function readBounded(path: string, found: boolean): string {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (found ? constants.O_NOFOLLOW : 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new RuleFileError(code === 'ENOENT' ? 'does not exist' : code === 'ELOOP' ? 'is a symlink (not followed)' : `cannot be read (${code ?? 'error'})`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new RuleFileError('is not a regular file');
    if (st.size > LIMITS.fileBytes) throw new RuleFileError(`is larger than ${LIMITS.fileBytes / 1024 / 1024} MiB`);
    const buf = Buffer.alloc(LIMITS.fileBytes + 1);
    let n = 0;
    for (;;) {
      const r = readSync(fd, buf, n, buf.length - n, null);
      if (r === 0) break;
      n += r;
      if (n > LIMITS.fileBytes) throw new RuleFileError(`is larger than ${LIMITS.fileBytes / 1024 / 1024} MiB`);
    }
    return buf.toString('utf8', 0, n);
  } finally {
    closeSync(fd);
  }
}

function build(file: RuleFile, at: { path: string; shown: string; source: RuleFileSource }): RuleSet {
  const trusted = at.source !== 'folder';
  const notLoaded = [...file.notLoaded];
  const warnings = [...file.warnings];
  const builtinIds = new Set(RULE_IDS);
  const withBuiltins = file.useDefault || !trusted;
  let fileRules = file.rules;
  let patches = file.patches;
  const disabled = new Set(file.disabledRules);

  if (!trusted) {
    if (!file.useDefault) warnings.push(`${at.shown} is in the scanned folder: its rules are added to the built-in ones, never instead of them`);
    if (file.globalAllowlists.length || file.targeted.size || disabled.size) {
      warnings.push(`${at.shown} is in the scanned folder: its global allowlists and disabledRules do not apply to the built-in rules`);
    }
    for (const r of fileRules.filter((r) => builtinIds.has(r.id))) notLoaded.push({ id: r.id, reason: 'a rule file in the scanned folder cannot replace a built-in rule' });
    for (const p of patches) notLoaded.push({ id: p.id, reason: builtinIds.has(p.id) ? 'a rule file in the scanned folder cannot change a built-in rule' : 'neither regex nor path' });
    fileRules = fileRules.filter((r) => !builtinIds.has(r.id));
    patches = [];
    disabled.clear();
  } else if (!file.useDefault) {
    for (const p of patches) notLoaded.push({ id: p.id, reason: 'neither regex nor path' });
    patches = [];
  }
  for (const p of patches.filter((p) => !builtinIds.has(p.id))) notLoaded.push({ id: p.id, reason: 'neither regex nor path, and no built-in rule has this id' });

  // The file's global allowlists and targeted ones go into each rule they cover (the scanner has no global list).
  const globalFor = (id: string, builtin: boolean): RuleAllowlist[] => (builtin && !trusted ? [] : [...file.globalAllowlists, ...(file.targeted.get(id) ?? [])]);
  const ownFileRules = fileRules.map((r) => withLists(withBuiltins ? { ...r, allowExamples: undefined, allowPlaceholders: undefined } : r, globalFor(r.id, false)));
  const replaced = new Set(fileRules.map((r) => r.id));
  const builtins = withBuiltins
    ? RULES.filter((r) => !disabled.has(r.id) && !replaced.has(r.id)).map((r) => patched(withLists(r, globalFor(r.id, true)), patches.find((p) => p.id === r.id)))
    : [];
  const genericPatch = patches.find((p) => p.id === GENERIC_RULE_ID);
  const generic = withBuiltins && !disabled.has(GENERIC_RULE_ID) && !replaced.has(GENERIC_RULE_ID);
  const genericAllowlists = generic ? [...globalFor(GENERIC_RULE_ID, true), ...(genericPatch?.allowlists ?? [])] : [];
  for (const id of disabled) if (!builtinIds.has(id)) warnings.push(`disabledRules: no built-in rule ${id}`);
  for (const id of file.targeted.keys()) if (!replaced.has(id) && !builtinIds.has(id)) warnings.push(`allowlist targetRules: no rule ${id}`);

  const ruleSet: Rule[] = [...builtins, ...ownFileRules];
  const builtinCount = builtins.length + (generic ? 1 : 0);
  const ids = [...ruleSet.map((r) => r.id), ...(generic ? [GENERIC_RULE_ID] : [])];
  const summary = withBuiltins ? `rules: ${builtinCount} built-in + ${ownFileRules.length} from ${at.shown}` : `rules: ${ownFileRules.length} from ${at.shown} (instead of the built-ins; [extend] useDefault = true keeps them)`;
  return {
    scan: { ruleSet, generic, ...(genericAllowlists.length ? { genericAllowlists } : {}) },
    ids,
    builtin: builtinCount,
    fromFile: ownFileRules.length,
    file: at,
    notLoaded,
    warnings,
    summary,
  };
}

function withLists(r: Rule, extra: readonly RuleAllowlist[]): Rule {
  return extra.length ? { ...r, allowlists: [...(r.allowlists ?? []), ...extra] } : r;
}

/** A trusted file's rule without regex or path, on the built-in of the same id: gitleaks merges the two. */
function patched(r: Rule, p: RuleFile['patches'][number] | undefined): Rule {
  if (!p) return r;
  return {
    ...r,
    ...(p.description ? { description: p.description } : {}),
    ...(p.entropy ? { entropy: p.entropy } : {}),
    keywords: [...new Set([...r.keywords, ...p.keywords])],
    allowlists: [...(r.allowlists ?? []), ...p.allowlists],
  };
}
