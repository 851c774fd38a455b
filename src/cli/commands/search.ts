// `sleuth search PATTERN [DIR]`: where a string shows up across every downloaded step output and step command.
// Exit 0 when something matched, 1 when nothing did (like grep, so `sleuth search "$KEY" && rotate`), 2 when the
// search could not run (bad arguments, a missing folder, a value too short to mask).
import os from 'node:os';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { resolveCacheDir } from '../../config/cache-dir.js';
import type { Corpus } from '../../search/corpus.js';
import type { EarlyWorker } from '../../search/parallel.js';
import { describeEngine, searchEngine } from '../../search/rg/locate.js';
import { unmaskableReason } from '../../search/encodings.js';
import type { SearchHit, SearchMode } from '../../search/types.js';
import { sanitize } from '../../text/sanitize.js';
import { FailError } from '../../util/errors.js';
import { colorEnabled, palette, type Palette } from '../color.js';
import { type Io } from '../io.js';
import { UsageError } from '../../util/errors.js';
import { safeJson } from '../json.js';

export interface SearchFlags {
  regex?: boolean;
  fuzzy?: boolean;
  cache?: boolean;
  cacheDir?: string;
  json?: boolean;
  literal?: boolean;
  thorough?: boolean;
  maxHits?: string;
}

export const DEFAULT_EVIDENCE_DIR = './circleci-output';
/** Characters of the line shown each side of a match. */
const CONTEXT = 80;

type Runner = (...args: never[]) => Promise<number>;
/** register.ts's `run` (the act wrapper), as for registerDownload. */
export interface SearchRegisterHelpers {
  run: (fn: Runner) => (...args: unknown[]) => Promise<void>;
  /** A second search thread search-main.ts started before reading the command line (see prestartExactWorker). */
  prestarted?: EarlyWorker | null;
}

/** `sleuth search PATTERN [DIR]`. The search code itself is loaded when the command runs. */
export function registerSearch(program: Command, io: Io, h: SearchRegisterHelpers): void {
  program
    .command('search')
    .argument('<pattern>', 'a value (a pasted secret: its base64, hex, URL and JSON forms are searched too), a regex, or fuzzy text')
    .argument('[dir]', `evidence folder (default ${DEFAULT_EVIDENCE_DIR})`)
    .description('find a string across every downloaded step output and step command')
    .option('--regex', 'PATTERN is a regular expression: Rust regex syntax, as rg/grep -E; JavaScript syntax when ripgrep is not available (see sleuth doctor)')
    .option('--fuzzy', 'rank lines that nearly match PATTERN')
    .option('--literal', 'exact mode: only the value as typed, none of its encodings')
    .option('--thorough', 'exact mode: also match through escape sequences at several places inside the value (slower)')
    .option('--cache', 'search the disk cache; with DIR, the folder and the cache, each step output once (the folder\'s copy first)')
    .option('--cache-dir <dir>', 'cache directory (default: $SLEUTH_CACHE_DIR or ~/.cache/circle-sleuth)')
    .option('--max-hits <n>', 'stop after this many hits', '10000')
    .option('--json', 'print JSON: one object per hit')
    .addHelpText('after', () => `\nSearch engine: ${describeEngine(searchEngine(io.env))} (see sleuth doctor)`)
    .action(h.run((pattern: never, dir: never, flags: never) => searchCommand(pattern, dir, flags, io, h.prestarted ?? undefined)));
}

/**
 * The files to search: an evidence folder (default ./circleci-output), the disk cache (`--cache`), or both (`DIR
 * --cache`: each step output once, the folder's copy where both hold it).
 */
export async function corpusFor(dir: string | undefined, flags: Pick<SearchFlags, 'cache' | 'cacheDir'>, io: Io): Promise<Corpus> {
  const { cacheCorpus, evidenceCorpus } = await import('../../search/corpus.js');
  const cache = () => cacheCorpus(resolveCacheDir({ flag: flags.cacheDir, env: io.env, home: io.home ?? os.homedir(), cwd: io.cwd }));
  if (flags.cache && dir === undefined) return cache();
  let folder: Corpus;
  try {
    folder = evidenceCorpus(resolve(io.cwd, dir ?? DEFAULT_EVIDENCE_DIR));
  } catch (e) {
    // A missing folder is a mistake in the call (exit 2): exit 1 means "searched, nothing found".
    if (e instanceof FailError) throw new UsageError(e.message.replace(resolve(io.cwd, dir ?? DEFAULT_EVIDENCE_DIR), dir ?? DEFAULT_EVIDENCE_DIR));
    throw e;
  }
  if (!flags.cache) return folder;
  const { multiCorpus } = await import('../../search/corpus-merge.js');
  return multiCorpus([folder, cache()]);
}

export async function searchCommand(pattern: string, dir: string | undefined, flags: SearchFlags, io: Io, prestarted?: EarlyWorker): Promise<number> {
  if (flags.regex && flags.fuzzy) throw new UsageError('--regex and --fuzzy are different modes; pick one');
  if (flags.literal && (flags.regex || flags.fuzzy)) throw new UsageError('--literal only applies to the exact mode');
  const mode: SearchMode = flags.regex ? 'regex' : flags.fuzzy ? 'fuzzy' : 'exact';
  const maxHits = flags.maxHits === undefined ? 10_000 : Number(flags.maxHits);
  if (!Number.isInteger(maxHits) || maxHits < 1) throw new UsageError('--max-hits takes a whole number above 0');
  // A second thread started before the command line was read (search-main.ts, where threads.ts said so) learns
  // what to look for now; its start-up overlaps everything below. Whether to share the folder is runSearch's call.
  let worker: EarlyWorker | undefined;
  if (prestarted && mode === 'exact' && unmaskableReason(pattern) === null) {
    prestarted.setup({ pattern, literalOnly: Boolean(flags.literal), thorough: Boolean(flags.thorough), ctx: CONTEXT, maxHits });
    worker = prestarted;
  } else {
    prestarted?.cancel();
  }
  let corpus: Corpus;
  let runSearch: typeof import('../../search/run.js').runSearch;
  try {
    [corpus, { runSearch }] = await Promise.all([corpusFor(dir, flags, io), import('../../search/run.js')]);
  } catch (e) {
    worker?.cancel();
    throw e;
  }
  const p = palette(colorEnabled(io.out, io.env) && !flags.json);
  const printer = new HumanPrinter(io, p, Boolean(corpus.mixed));
  const result = await runSearch({
    pattern,
    mode,
    corpus,
    literalOnly: flags.literal,
    thorough: flags.thorough,
    maxHits,
    contextChars: CONTEXT,
    worker,
    onHits: flags.json ? undefined : (hits) => printer.print(hits),
  });
  if (flags.json) io.out.write(`${safeJson(result.hits.map(toJson))}\n`);
  const say = (s: string) => io.err.write(`sleuth: ${s}\n`);
  for (const w of result.warnings.slice(0, 5)) say(`warning: ${cleanLine(w)}`);
  if (result.warnings.length > 5) say(`warning: … and ${result.warnings.length - 5} more files could not be read`);
  for (const s of result.skipped) say(`note: ${s.encoding} not searched: ${s.reason}`);
  if (result.capped) say(`stopped after ${maxHits} hits (--max-hits)`);
  if (!flags.json && io.err.isTTY) say(`${result.hits.length} hit${result.hits.length === 1 ? '' : 's'} in ${result.files} files${result.engine === 'ripgrep' ? '' : ` (${mb(result.bytes)} searched)`}`);
  if (result.files === 0) say(`no step output found in ${corpus.label}${corpus.kind === 'evidence' ? ' (expected <workflow-id>/job-<n>/step-<s>.txt|.json)' : ''}`);
  return result.hits.length > 0 ? 0 : 1;
}

const mb = (n: number): string => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`);
const cleanLine = (s: string): string => sanitize(s, { keepColor: false, markControls: false, maxLineLength: 300 }).replace(/\n/g, ' ');

/** How a heading names where a hit was read, when a search mixes both. */
const ORIGIN_LABEL = { evidence: 'evidence folder', cache: 'cache' } as const;

/** --json: one object per hit (snake_case, like the other commands). */
export function toJson(h: SearchHit): Record<string, unknown> {
  return {
    file: h.file,
    workflow_id: h.workflowId,
    job: h.job,
    step: h.step,
    node: h.node,
    field: h.field,
    ...(h.project ? { project: h.project } : {}),
    origin: h.origin ?? null,
    line: h.line,
    column: h.column,
    ...(h.endLine !== undefined ? { end_line: h.endLine } : {}),
    match: h.match,
    encoding: h.encoding,
    via: h.via,
    ...(h.score !== undefined ? { score: h.score } : {}),
  };
}

/** ripgrep-like: a heading per file (job, step, node), then `line:column:` and the line around the match. */
class HumanPrinter {
  #last = '';
  /** `mixed`: the folder and the cache were searched together; each heading says which one the file is in. */
  constructor(private readonly io: Io, private readonly p: Palette, private readonly mixed = false) {}

  print(hits: SearchHit[]): void {
    const p = this.p;
    for (const h of hits) {
      const key = `${h.file}\0${h.step}\0${h.node}\0${h.field}`;
      if (key !== this.#last) {
        if (this.#last) this.io.out.write('\n');
        this.#last = key;
        // where() names the hit's project, read from the evidence folder: data.
        this.io.out.write(`${p.bold(p.blue(cleanLine(h.file)))}  ${p.gray(cleanLine(where(h, this.mixed)))}\n`);
      }
      const c = h.context;
      const tag = h.encoding === 'raw' || h.encoding === 'regex' ? '' : `[${h.encoding}${h.score !== undefined ? ` ${h.score}` : ''}] `;
      const via = h.via.length ? `[through ${h.via.join(', ')}] ` : '';
      const span = h.endLine !== undefined && h.endLine !== h.line ? `-${h.endLine}` : '';
      const text =
        (c.cutBefore ? '…' : '') +
        cleanLine(c.text.slice(0, c.start)) +
        p.red(p.bold(cleanLine(c.text.slice(c.start, c.end)))) +
        cleanLine(c.text.slice(c.end)) +
        (c.cutAfter ? '…' : '');
      this.io.out.write(`${p.green(`${h.line}${span}`)}:${h.column}:${p.yellow(tag)}${p.yellow(via)}${text}\n`);
    }
  }
}

/** `gh/acme/app · job 5015 · step 104 · node 2`, and where the file is when a search mixes the folder and the cache. */
export function where(h: Pick<SearchHit, 'project' | 'job' | 'step' | 'node' | 'field' | 'origin'>, mixed = false): string {
  const parts: string[] = [];
  if (h.project) parts.push(h.project);
  if (h.job !== null) parts.push(`job ${h.job}`);
  if (h.step !== null) parts.push(`step ${h.step}`);
  if (h.node !== null && h.node !== 0) parts.push(`node ${h.node}`);
  if (h.field === 'bash_command') parts.push('step command');
  if (h.field === 'artifact') parts.push('artifact');
  if (mixed && h.origin) parts.push(ORIGIN_LABEL[h.origin]);
  return parts.join(' · ');
}
