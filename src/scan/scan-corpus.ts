// Runs the scanner over every step output and step command of a corpus (evidence folder or disk cache), findings
// reported per file in folder order. Two ways through, same findings (rg-prefilter.ts lists the few cases only the
// full scan sees): with ripgrep, two rg runs per batch of step outputs flag the lines a rule could match and only
// those are scanned; without it (no rg for the platform, `SLEUTH_RG=off`, `thorough`), every file is read whole,
// one in memory at a time. JSON outputs, step commands and cache entries are always read whole (they need decoding).
import { closeSync, readSync } from 'node:fs';
import { CORPUS_LIMITS, CorpusReader, type Corpus, type CorpusDoc } from '../search/corpus.js';
import { openDocChecked } from '../search/open-doc.js';
import { decode } from '../search/positions.js';
import { searchEngine, type Engine } from '../search/rg/locate.js';
import type { DocRef } from '../search/types.js';
import { scanBatch, type FileOutcome } from './rg-prefilter-run.js';
import { buildPrefilter, type Prefilter } from './rg-prefilter.js';
import { RULES } from './rules.js';
import { scanText, type ScanOptions, type TextFinding } from './scanner.js';

export type Finding = DocRef & Omit<TextFinding, 'start' | 'end'>;

export interface ScanCorpusOptions extends ScanOptions {
  corpus: Corpus;
  /** Each file's findings as soon as it is scanned (in folder order). */
  onFindings?: (findings: Finding[]) => void;
  /** Stop after this many findings in total (default 10,000). */
  maxTotal?: number;
  /** Give the event loop a turn this often (ms), for a UI. */
  yieldEveryMs?: number;
  signal?: AbortSignal;
  /** Read every file whole with the Node core, no ripgrep prefilter (sees what the prefilter cannot). */
  thorough?: boolean;
  /** Which engine runs (default: searchEngine(), which honours SLEUTH_RG). */
  engine?: Engine;
}

export interface ScanResult {
  findings: Finding[];
  files: number;
  bytes: number;
  capped: boolean;
  warnings: string[];
}

/**
 * Step outputs per rg run: few batches, since each one leaves rg idle while its files are checked and its last file
 * is searched (2,048 a batch cost ~20% on the 13,600-file bench folder); enough that findings of a large folder stream.
 */
const BATCH_FILES = 8192;
/** Bytes of paths on one rg command line (Linux allows 2 MB with the environment). */
const BATCH_ARG_BYTES = 768 * 1024;

export async function scanCorpus(o: ScanCorpusOptions): Promise<ScanResult> {
  const { corpus, onFindings, maxTotal = 10_000, yieldEveryMs, signal, thorough, engine: given, ...scanOpts } = o;
  const run = new Run(maxTotal, onFindings);
  const listed = await corpus.list();
  run.result.warnings.push(...listed.warnings);
  const engine = thorough ? null : (given ?? searchEngine());
  const prefilter = engine?.kind === 'ripgrep' ? prefilterFor(scanOpts) : null;
  const reader = new CorpusReader(corpus);
  const pause = pauser(yieldEveryMs);
  if (engine?.kind !== 'ripgrep' || !prefilter) {
    for (const doc of listed.docs) {
      if (run.result.capped || signal?.aborted) break;
      await pause();
      run.emit(wholeDoc(doc, reader, scanOpts, run.result));
    }
  } else {
    for (let at = 0; at < listed.docs.length && !run.result.capped && !signal?.aborted; ) {
      const end = batchEnd(listed.docs, at);
      await scanWindow(listed.docs.slice(at, end), { engine, prefilter, reader, scanOpts, run, corpus, pause, signal });
      at = end;
    }
  }
  run.result.warnings.push(...reader.warnings);
  return run.result;
}

/** The rule set's prefilter (null: the full scan it is). */
function prefilterFor(opts: ScanOptions): Prefilter | null {
  const wanted = opts.rules ? new Set(opts.rules) : null;
  const rules = (opts.ruleSet ?? RULES).filter((r) => (!wanted || wanted.has(r.id)) && !(r.severity === 'info' && opts.includeInfo === false));
  // A path-only rule reports a file by its name: not a line of it.
  if (rules.some((r) => r.pathOnly)) return null;
  const generic = (opts.generic ?? opts.ruleSet === undefined) && (!wanted || wanted.has('generic-api-key'));
  return buildPrefilter(rules, generic);
}

/** Findings kept in order, the total cap, and the counts. */
class Run {
  readonly result: ScanResult = { findings: [], files: 0, bytes: 0, capped: false, warnings: [] };
  constructor(private readonly maxTotal: number, private readonly onFindings?: (f: Finding[]) => void) {}

  emit(found: { ref: DocRef; findings: TextFinding[] }[]): void {
    for (const { ref, findings } of found) {
      if (findings.length === 0) continue;
      const room = this.maxTotal - this.result.findings.length;
      if (findings.length > room) this.result.capped = true;
      const out = findings.slice(0, Math.max(0, room)).map(({ start: _s, end: _e, ...f }) => ({ ...ref, ...f }));
      this.result.findings.push(...out);
      if (out.length) this.onFindings?.(out);
    }
  }
}

function pauser(everyMs: number | undefined): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (everyMs === undefined || performance.now() - last < everyMs) return;
    await new Promise((r) => setImmediate(r));
    last = performance.now();
  };
}

/** The full scan of one document (today's way, and what rg hands back when a file needs all its lines). */
function wholeDoc(doc: CorpusDoc, reader: CorpusReader, opts: ScanOptions, result: ScanResult, counted = false): { ref: DocRef; findings: TextFinding[] }[] {
  const loaded = reader.load(doc);
  if (!loaded) return [];
  if (!counted) result.files++;
  if (loaded.kind === 'output') {
    // A binary artifact (a NUL in its first 8 KiB, grep's test) would only give entropy noise.
    if (doc.kind === 'artifact' && loaded.bytes.subarray(0, Math.min(loaded.length, 8192)).includes(0)) return [];
    if (!counted) result.bytes += loaded.length;
    return [{ ref: loaded.ref, findings: scanText(decode(loaded.bytes.subarray(0, loaded.length)), { ...opts, path: loaded.ref.file }) }];
  }
  return loaded.items.map((item) => {
    result.bytes += item.text.length;
    return { ref: item.ref, findings: scanText(item.text, { ...opts, path: item.ref.file }) };
  });
}

/** Plain step outputs go to rg; a name with a line break would break rg's line-per-record output. */
const forRg = (doc: CorpusDoc): boolean => (doc.kind === 'txt' || doc.kind === 'artifact') && !/[\n\r]/.test(doc.path);

function batchEnd(docs: readonly CorpusDoc[], from: number): number {
  let files = 0;
  let bytes = 0;
  let i = from;
  for (; i < docs.length && files < BATCH_FILES && bytes < BATCH_ARG_BYTES; i++) {
    if (!forRg(docs[i]!)) continue;
    files++;
    bytes += Buffer.byteLength(docs[i]!.path) + 1;
  }
  return i;
}

interface WindowCtx {
  engine: Extract<Engine, { kind: 'ripgrep' }>;
  prefilter: Prefilter;
  reader: CorpusReader;
  scanOpts: ScanOptions;
  run: Run;
  corpus: Corpus;
  pause: () => Promise<void>;
  signal?: AbortSignal;
}

/**
 * One batch of documents: the step outputs are checked as the full scan's reader would (regular file, not a
 * symlink, under the size cap, not a binary artifact) and go to the batch's rg runs; the rest are scanned whole
 * meanwhile. Findings are emitted in folder order once rg is done.
 */
async function scanWindow(docs: readonly CorpusDoc[], c: WindowCtx): Promise<void> {
  const found: { ref: DocRef; findings: TextFinding[] }[][] = docs.map(() => []);
  // Each document's warnings, reported in folder order as the full scan does.
  const warned: string[][] = docs.map(() => []);
  const whole = (i: number, counted = false): { ref: DocRef; findings: TextFinding[] }[] => {
    const before = c.reader.warnings.length;
    const out = wholeDoc(docs[i]!, c.reader, c.scanOpts, c.run.result, counted);
    warned[i]!.push(...c.reader.warnings.splice(before));
    return out;
  };
  const rgIndex: number[] = [];
  for (let i = 0; i < docs.length; i++) {
    if (forRg(docs[i]!) && c.reader.inPlace(docs[i]!, warned[i]!) && admit(docs[i]!, c.run.result, warned[i]!)) rgIndex.push(i);
  }
  const abort = new AbortController();
  const onAbort = (): void => abort.abort();
  c.signal?.addEventListener('abort', onAbort, { once: true });
  const outcomes = new Map<number, FileOutcome>();
  const rgDone = rgIndex.length
    ? scanBatch({
        rg: c.engine.rg,
        cwd: c.corpus.root,
        paths: rgIndex.map((i) => docs[i]!.path),
        prefilter: c.prefilter,
        scanOpts: c.scanOpts,
        pathOf: (k) => docs[rgIndex[k]!]!.ref.file,
        onFile: (k, outcome) => outcomes.set(k, outcome),
        signal: abort.signal,
      })
    : Promise.resolve({ code: 1, error: null });
  try {
    for (let i = 0; i < docs.length; i++) {
      if (forRg(docs[i]!) || c.signal?.aborted) continue;
      await c.pause();
      // Let rg's output in between: its pipe would fill and stall it.
      if (i % 64 === 63) await new Promise((r) => setImmediate(r));
      found[i] = whole(i);
    }
    const exit = await rgDone;
    // rg failed (a pattern it rejects, killed): the batch's step outputs are read whole instead.
    const trusted = exit.code === 0 || exit.code === 1;
    rgIndex.forEach((i, k) => {
      const outcome = trusted ? outcomes.get(k) : { kind: 'whole-file' as const };
      if (outcome?.kind === 'findings') found[i] = [{ ref: docs[i]!.ref, findings: outcome.findings }];
      else if (outcome?.kind === 'whole-file') found[i] = whole(i, true);
    });
  } finally {
    c.signal?.removeEventListener('abort', onAbort);
  }
  c.run.result.warnings.push(...warned.flat());
  for (const f of found) {
    if (c.run.result.capped) break;
    c.run.emit(f);
  }
}

/**
 * What CorpusReader.load() checks before it reads, with its warnings: counts the file when it would be read.
 * An artifact with a NUL in its first 8 KiB is counted but not scanned (false).
 */
function admit(doc: CorpusDoc, result: ScanResult, warnings: string[]): boolean {
  const opened = openDocChecked(doc.path, doc.ref.file, CORPUS_LIMITS.maxFileBytes, warnings);
  if (!opened) return false;
  const { fd, size } = opened;
  try {
    result.files++;
    if (doc.kind === 'artifact') {
      const head = Buffer.allocUnsafe(Math.min(8192, size));
      const n = head.length ? readSync(fd, head, 0, head.length, 0) : 0;
      if (head.subarray(0, n).includes(0)) return false;
    }
    result.bytes += size;
    return true;
  } catch (e) {
    warnings.push(`${doc.ref.file}: cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    return false;
  } finally {
    closeSync(fd);
  }
}
