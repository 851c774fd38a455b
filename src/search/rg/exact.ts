// Exact search on ripgrep. rg, given as fixed strings exactly what the Node core's one pass looks for (every
// encoding of the value, the pieces of long needles, the zero-width-interleaved forms), names every file in which
// the core can find a hit; the core then searches those files only, so hits, encodings, line, column and context are
// the ones a Node-only search gives. rg walks the folder itself, started before the folder is listed (listing ~11,000
// files costs Node about as long as rg's whole search): the two overlap. Names rg prints that are not in the
// listing are ignored.
import { readdirSync } from 'node:fs';
import { isWorkflowDirName, parseJobDir } from '../../source/offline/names.js';
import { sanitize } from '../../text/sanitize.js';
import type { ExactSearcher } from '../exact.js';
import { exactHitsOfDoc } from '../hits.js';
import { ESCAPE_MARKERS, walkPatternLines } from './exact-patterns.js';
import type { Ripgrep } from './locate.js';
import type { RgSearchOptions } from './search-options.js';
import { runRg, type RgExit } from './run-rg.js';

/** Top-level folders passed to rg one by one up to this many (else the whole root: argv stays small). */
const MAX_TOP_PATHS = 2048;

/** rg's walk of an evidence folder, started early; names arrive (relative, `/`-separated) as rg prints them. */
export interface ExactPrefilter {
  root: string;
  /** Whether the walk looks at this path (relative to root). */
  covers(rel: string): boolean;
  /** Calls `fn` for every name printed so far and every later one. */
  onName(fn: (rel: string) => void): void;
  /** The step-info.json run (ESCAPE_MARKERS) started with the walk, over every job folder's: none left to run. */
  stepInfoStarted: boolean;
  /** One more run over these files (relative to root) with these patterns; its names arrive the same way. */
  alsoRun(rels: readonly string[], patterns: Buffer): void;
  /** Every run ended: a warning when one failed or could not read some files. */
  done(): Promise<{ warning: string | null; failed: boolean }>;
}

/** argv bytes of file names given to one rg run (Linux takes ~2 MB in all; stay far below). */
const MAX_ARGV_BYTES = 512 * 1024;

/**
 * Starts rg over the evidence folder at `root` (its workflow and job folders), or returns null when rg cannot run
 * this search (a pattern it cannot take): the caller then uses the Node core.
 */
export function startExactPrefilter(o: { rg: Ripgrep; searcher: ExactSearcher; root: string; signal?: AbortSignal }): ExactPrefilter | null {
  const patterns = o.searcher.prefilterPatterns();
  const walk = patterns && walkPatternLines(patterns);
  if (!walk) return null;
  const top = topPaths(o.root);
  const names: string[] = [];
  const listeners: ((rel: string) => void)[] = [];
  const onRecord = (record: Buffer): void => {
    const text = record.toString('utf8');
    if (!text.startsWith('./')) return;
    const rel = text.slice(2);
    names.push(rel);
    for (const fn of listeners) fn(rel);
  };
  // No --stats: it makes rg read every file to its end to count matches (9 s on a sparse 512 MB file whose first
  // line matched), where -l stops at a file's first match. So rg's bytes are not counted.
  const common = ['--no-config', '-a', '-F', '--encoding', 'none', '--no-ignore', '--hidden', '--null', '--files-with-matches', '--no-messages', '-f', '-', '--'];
  const runs: Promise<RgExit | Error>[] = [];
  const run = (paths: readonly string[], stdin: Buffer, only: string[] = []): void => {
    if (paths.length > 0) runs.push(runRg({ rg: o.rg.path, args: [...common.slice(0, -1), ...only, '--', ...paths], cwd: o.root, stdin, separator: 0, onRecord, signal: o.signal }).catch((e: Error) => e));
  };
  const paths = top === null ? ['.'] : top.map((t) => `./${t}`);
  run(paths, walk);
  // The job folders' step-info.json (workflow/job-<n>/, or job-<n>/ at the top), walked by rg too (no symlink
  // followed), so this small run overlaps the listing as well. An artifact of that name is only searched once more.
  const stepInfoStarted = top !== null;
  if (stepInfoStarted) run(paths, ESCAPE_MARKERS, ['--max-depth', '2', '-g', 'step-info.json']);
  const topSet = top === null ? null : new Set(top);
  return {
    root: o.root,
    covers: (rel) => topSet === null || topSet.has(rel.includes('/') ? rel.slice(0, rel.indexOf('/')) : rel),
    onName(fn) {
      for (const n of names) fn(n);
      listeners.push(fn);
    },
    stepInfoStarted,
    alsoRun(rels, stdin) {
      batches(rels, (batch) => run(batch, stdin));
    },
    async done() {
      let warning: string | null = null;
      let failed = false;
      for (let i = 0; i < runs.length; i++) {
        const exit = await runs[i]!;
        if (exit instanceof Error || exit.code === null || exit.code > 2) {
          failed = true;
          warning = `ripgrep did not finish (${exit instanceof Error ? ((exit as NodeJS.ErrnoException).code ?? 'error') : `exit ${exit.code ?? 'signal'}`}); searched without it`;
        } else if (exit.code === 2 && warning === null) {
          warning = `ripgrep could not read some files${exit.error ? ` (${summarise(exit.error)})` : ''}`;
        }
      }
      return { warning, failed };
    },
  };
}

/** `./`-prefixed names in groups that keep one command line under MAX_ARGV_BYTES. */
function batches(rels: readonly string[], each: (batch: string[]) => void): void {
  let batch: string[] = [];
  let size = 0;
  for (const rel of rels) {
    if (size + rel.length + 3 > MAX_ARGV_BYTES && batch.length > 0) {
      each(batch);
      batch = [];
      size = 0;
    }
    batch.push(`./${rel}`);
    size += rel.length + 3;
  }
  if (batch.length > 0) each(batch);
}

/**
 * The folders the evidence layout reads at the top of the folder (workflow folders, or job folders when the folder
 * is one workflow's), so rg does not walk what the listing would never search. Null: walk the whole folder.
 */
function topPaths(root: string): string[] | null {
  try {
    const out: string[] = [];
    for (const d of readdirSync(root, { withFileTypes: true })) {
      if (d.isDirectory() && (isWorkflowDirName(d.name) || parseJobDir(d.name) !== null)) out.push(d.name);
      if (out.length > MAX_TOP_PATHS) return null;
    }
    return out.sort();
  } catch {
    return null;
  }
}

/** rg's complaint quotes a file name or a pattern: one line, no controls, short. */
function summarise(error: string): string {
  return sanitize(error, { keepColor: false, markControls: true, maxLineLength: 160 }).replace(/\s+/g, ' ').slice(0, 160);
}

export interface ExactWithRgOptions extends RgSearchOptions {
  searcher: ExactSearcher;
  /** rg started before the listing (startExactPrefilter); started here when absent. */
  started?: ExactPrefilter | null;
}

/** Resolves `fallback: true` (nothing searched) when rg could not run: the caller then searches with the core. */
export async function exactSearchWithRg(o: ExactWithRgOptions): Promise<{ capped: boolean; fallback: boolean }> {
  const pre = o.started ?? startExactPrefilter({ rg: o.rg, searcher: o.searcher, root: o.corpus.root, signal: o.signal });
  if (!pre) return { capped: false, fallback: true };
  // The docs rg reads as the core does (raw bytes, or step-info.json as above); the rest goes to the core as today.
  const prefix = `${pre.root}/`;
  const byName = new Map<string, number>();
  const coreOnly: number[] = [];
  const covered = new Uint8Array(o.docs.length);
  o.docs.forEach((doc, i) => {
    const rel = doc.path.startsWith(prefix) ? doc.path.slice(prefix.length) : null;
    if (rel !== null && (doc.kind === 'txt' || doc.kind === 'artifact' || doc.kind === 'step-info') && pre.covers(rel)) {
      byName.set(rel, i);
      covered[i] = 1;
    } else {
      coreOnly.push(i);
    }
  });
  // A step-info.json not in canonical JSON escaping goes to the core whatever the walk found (walkPatternLines).
  if (!pre.stepInfoStarted) pre.alsoRun([...byName].filter(([, i]) => o.docs[i]!.kind === 'step-info').map(([rel]) => rel), ESCAPE_MARKERS);
  let found = 0;
  let capped = false;
  let unread = 0;
  const confirmed = new Set<number>();
  const confirm = (i: number): void => {
    if (confirmed.has(i)) return;
    confirmed.add(i);
    if (found >= o.maxHits) {
      capped = true;
      return;
    }
    const loaded = o.reader.load(o.docs[i]!);
    if (!loaded) {
      if (covered[i]) unread++;
      return;
    }
    const r = exactHitsOfDoc(o.searcher, loaded, o.ctx, Math.max(1, o.maxHits - found));
    found += r.hits.length;
    // A file rg named is counted with the others rg searched, at the end; bytes are those the core read.
    o.onFile(r.hits, r.bytes, covered[i] ? 0 : 1);
  };

  const named: number[] = [];
  let wake: (() => void) | null = null;
  pre.onName((rel) => {
    const i = byName.get(rel);
    if (i === undefined) return;
    named.push(i);
    wake?.();
  });
  let finished = false;
  const ended = pre.done().then((d) => {
    finished = true;
    wake?.();
    return d;
  });

  if (o.streaming) {
    let lastYield = performance.now();
    const pending = [...coreOnly];
    for (;;) {
      if (o.signal?.aborted) break;
      const next = named.length > 0 ? named.shift() : pending.shift();
      if (next !== undefined) {
        confirm(next);
        if (performance.now() - lastYield > 8) {
          await new Promise((r) => setImmediate(r));
          lastYield = performance.now();
        }
        continue;
      }
      if (finished) break;
      await new Promise<void>((r) => (wake = r));
      wake = null;
    }
  }
  const end = await ended;
  if (end.failed) {
    if (confirmed.size > 0 && end.warning) o.warn(end.warning);
    // Nothing was handed on yet: the caller searches again without rg, with the same results.
    if (confirmed.size === 0) return { capped: false, fallback: true };
    for (const i of byName.values()) if (!o.signal?.aborted) confirm(i);
  } else if (end.warning) {
    o.warn(end.warning);
  }
  if (!o.signal?.aborted) {
    // Folder order: the core-only docs and the named ones together.
    const order = [...new Set([...coreOnly, ...named])].sort((a, b) => a - b);
    for (const i of order) {
      if (o.signal?.aborted) break;
      confirm(i);
    }
  }
  o.onFile([], 0, byName.size - unread);
  return { capped: capped || found > o.maxHits, fallback: false };
}
