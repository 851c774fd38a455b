// `sleuth scan [DIR]`: secrets in step output and step commands, masked unless --reveal. Exit 0 when a secret was
// found, 1 when none was (grep's convention, the same as `sleuth search`: `sleuth scan && page-oncall`), 2 when the
// scan could not run. gitleaks exits 1 on leaks; we keep one convention across our own commands.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { Finding } from '../../scan/scan-corpus.js';
import type { EnvVarHint } from '../../scan/scanner.js';
import { sanitize } from '../../text/sanitize.js';
import { colorEnabled, palette, type Palette } from '../color.js';
import type { ApiFlags } from '../context.js';
import { type Io } from '../io.js';
import { UsageError } from '../../util/errors.js';
import { safeJson } from '../json.js';
import { corpusFor, DEFAULT_EVIDENCE_DIR, where, type SearchRegisterHelpers } from './search.js';

export interface ScanFlags extends ApiFlags {
  reveal?: boolean;
  json?: boolean;
  project?: string;
  /** `--rules FILE`: a gitleaks rule file (TOML). */
  rules?: string;
  /** `--rule IDS`: only these rule ids (comma-separated). */
  rule?: string;
  /** False with `--no-rule-file`: a `.gitleaks.toml` in the folder or the current directory is not used. */
  ruleFile?: boolean;
  info?: boolean;
  /** Scan the disk cache (with DIR: the folder and the cache, each step output once). */
  cache?: boolean;
  /** Every file read whole by the Node core (no ripgrep prefilter). */
  thorough?: boolean;
}

/** `sleuth scan [DIR]`. The scanner itself is loaded when the command runs. */
export function registerScan(program: Command, io: Io, h: SearchRegisterHelpers): void {
  program
    .command('scan')
    .argument('[dir]', `evidence folder (default ${DEFAULT_EVIDENCE_DIR})`)
    .description('find secrets in step output and step commands (AWS, GitHub, Slack, npm, CircleCI tokens, private keys, …)')
    .option('--reveal', 'show the secrets in clear (default: the middle is masked)')
    .option('--json', 'print JSON: one object per finding')
    .option('-p, --project <slug>', "load the project's env vars (needs a token) to say which one a secret's last 4 characters match")
    .option('--rules <file>', 'gitleaks rule file (TOML, RE2 regexes): its rules replace the built-in ones unless it says [extend] useDefault = true')
    .option('--rule <ids>', 'only these rule ids (comma-separated)')
    .option('--no-rule-file', `ignore a ${'.gitleaks.toml'} in the folder or the current directory (one in the folder only ever adds rules)`)
    .option('--no-info', 'leave out values CircleCI already masked')
    .option('--thorough', 'read every file whole with the Node core (slower): also finds a keyword broken by an escape sequence inside it, and base64-encoded keywords the ripgrep prefilter does not spell out')
    .option('--cache', 'scan the disk cache; with DIR, the folder and the cache, each step output once (the folder\'s copy first)')
    .option('--cache-dir <dir>', 'cache directory (default: $SLEUTH_CACHE_DIR or ~/.cache/circle-sleuth)')
    .option('--host <url>', 'CircleCI host, with --project (default: $CIRCLE_HOST or https://circleci.com)')
    .action(h.run((dir: never, flags: never) => scanCommand(dir, flags, io)));
}

export async function scanCommand(dir: string | undefined, flags: ScanFlags, io: Io): Promise<number> {
  const { scanCorpus } = await import('../../scan/scan-corpus.js');
  const say = (s: string) => io.err.write(`sleuth: ${s}\n`);
  const corpus = await corpusFor(dir, { cache: flags.cache, cacheDir: flags.cacheDir }, io);
  const { ruleSet, ids } = await chooseRules(dir, flags, io, say);
  const envVars = flags.project ? await loadEnvVars(flags, io) : undefined;
  const p = palette(colorEnabled(io.out, io.env) && !flags.json);
  const printer = new FindingPrinter(io, p, Boolean(flags.reveal), Boolean(corpus.mixed));
  const result = await scanCorpus({
    corpus,
    envVars,
    rules: ids,
    ...ruleSet.scan,
    includeInfo: flags.info !== false,
    thorough: Boolean(flags.thorough),
    onFindings: flags.json ? undefined : (fs) => printer.print(fs),
  });
  if (flags.json) io.out.write(`${safeJson(result.findings.map((f) => toJson(f, Boolean(flags.reveal))))}\n`);
  for (const w of result.warnings.slice(0, 5)) say(`warning: ${clean(w)}`);
  if (result.warnings.length > 5) say(`warning: … and ${result.warnings.length - 5} more`);
  if (result.capped) say('stopped after 10000 findings');
  const secrets = result.findings.filter((f) => f.severity !== 'info');
  const distinct = new Set(secrets.map((f) => `${f.ruleId}\0${f.secret}`)).size;
  if (!flags.json) {
    say(`${secrets.length} finding${secrets.length === 1 ? '' : 's'} (${distinct} distinct secret${distinct === 1 ? '' : 's'}) in ${result.files} files${flags.reveal ? '' : '; secrets masked (--reveal shows them)'}`);
  }
  if (result.files === 0) say(`no step output found in ${corpus.label}`);
  return secrets.length > 0 ? 0 : 1;
}

/**
 * The rule set (built-ins, `--rules FILE`, or a found `.gitleaks.toml`) and the `--rule` ids, after saying on stderr
 * which rules run and which of the file's could not be loaded (one line each).
 */
async function chooseRules(dir: string | undefined, flags: ScanFlags, io: Io, say: (s: string) => void) {
  const { loadRuleSet } = await import('../../scan/gitleaks/rule-set.js');
  let file = flags.rules;
  let only = flags.rule;
  // `--rules IDS` was the id filter before rule files: a value that is no file and names only built-in rules still is.
  if (file !== undefined && only === undefined && !existsSync(resolve(io.cwd, file))) {
    const { RULE_IDS } = await import('../../scan/rules.js');
    const parts = file.split(',').map((r) => r.trim()).filter(Boolean);
    if (parts.length && parts.every((r) => RULE_IDS.includes(r))) {
      say('--rules IDS is now --rule IDS (--rules takes a gitleaks rule file)');
      [file, only] = [undefined, parts.join(',')];
    } else throw new UsageError(`--rules ${clean(file)}: no such file (rule ids go to --rule)`);
  }
  const scannedDir = flags.cache && dir === undefined ? undefined : resolve(io.cwd, dir ?? DEFAULT_EVIDENCE_DIR);
  const ruleSet = loadRuleSet({ file, scannedDir, cwd: io.cwd, ignoreFound: flags.ruleFile === false });
  if (ruleSet.summary) say(clean(ruleSet.summary));
  for (const w of ruleSet.warnings) say(`warning: ${clean(w)}`);
  for (const n of ruleSet.notLoaded) say(`rule ${clean(n.id, 200)} not loaded: ${clean(n.reason)}`);
  const ids = only?.split(',').map((r) => r.trim()).filter(Boolean);
  const unknown = ids?.filter((r) => !ruleSet.ids.includes(r)) ?? [];
  if (unknown.length) throw new UsageError(`unknown rule ${clean(unknown.join(', '))}; rules: ${clean(ruleSet.ids.join(', '), 4000)}`);
  return { ruleSet, ids };
}

async function loadEnvVars(flags: ScanFlags, io: Io): Promise<EnvVarHint[]> {
  const { openSession } = await import('../context.js');
  // The API session reads through the disk cache as usual (env var lists are cached for five minutes).
  const s = openSession({ host: flags.host, cacheDir: flags.cacheDir, refresh: flags.refresh, concurrency: flags.concurrency }, io);
  try {
    const vars = await s.client.projectEnvVars(flags.project!);
    return vars.map((v) => ({ name: v.name, value: v.value }));
  } finally {
    await s.close();
  }
}

const clean = (s: string, max = 300): string => sanitize(s, { keepColor: false, markControls: false, maxLineLength: max }).replace(/\n/g, '⏎');

export function toJson(f: Finding, reveal: boolean): Record<string, unknown> {
  return {
    rule_id: f.ruleId,
    severity: f.severity,
    file: f.file,
    workflow_id: f.workflowId,
    job: f.job,
    step: f.step,
    node: f.node,
    field: f.field,
    ...(f.project ? { project: f.project } : {}),
    origin: f.origin ?? null,
    line: f.line,
    column: f.column,
    match: reveal ? f.secret : f.masked,
    entropy: f.entropy,
    encoding: f.encoding,
    via: f.via,
    env_matches: f.envMatches,
    ...(f.note ? { note: f.note } : {}),
  };
}

/** What a finding says about known env vars: `last 4 match NPM_TOKEN`. */
export function envNote(f: Pick<Finding, 'envMatches' | 'ruleId'>): string {
  if (f.envMatches.length === 0) return '';
  return f.ruleId === 'circleci-masked-value' ? `masked value of ${f.envMatches.join(', ')}` : `last 4 match ${f.envMatches.join(', ')}`;
}

class FindingPrinter {
  #last = '';
  /** `mixed`: the folder and the cache were scanned together; each heading says which one the file is in. */
  constructor(private readonly io: Io, private readonly p: Palette, private readonly reveal: boolean, private readonly mixed = false) {}

  print(fs: Finding[]): void {
    const p = this.p;
    for (const f of fs) {
      const key = `${f.file}\0${f.step}\0${f.field}`;
      if (key !== this.#last) {
        if (this.#last) this.io.out.write('\n');
        this.#last = key;
        this.io.out.write(`${p.bold(p.blue(clean(f.file)))}  ${p.gray(clean(where(f, this.mixed)))}\n`);
      }
      const sev = f.severity === 'high' ? p.red(f.ruleId) : f.severity === 'info' ? p.gray(f.ruleId) : p.yellow(f.ruleId);
      const extra = [
        f.severity === 'info' ? '' : `entropy ${f.entropy.toFixed(2)}`,
        f.encoding === 'base64' ? 'base64' : '',
        f.via.length ? `through ${f.via.join(', ')}` : '',
        envNote(f),
        f.note && f.encoding !== 'base64' ? f.note : '',
      ].filter(Boolean);
      const shown = this.reveal ? clean(f.secret, 200) : clean(f.masked, 200);
      // The env var names of a hint and a finding's note come from CircleCI and the evidence: data, cleaned like the rest.
      this.io.out.write(`${p.green(String(f.line))}:${f.column}: ${sev} ${p.bold(shown)}${extra.length ? `  ${p.gray(clean(extra.join(' · ')))}` : ''}\n`);
    }
  }
}
