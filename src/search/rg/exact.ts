// Exact search on ripgrep. rg, given as fixed strings exactly what the Node core's one pass looks for (every
// encoding of the value, the pieces of long needles, the zero-width-interleaved forms), names every file in which
// the core can find a hit; the core then searches those files only, so hits, encodings, line, column and context are
// the ones a Node-only search gives. rg walks the folder itself, started before the folder is listed (listing ~11,000
// files costs Node about as long as rg's whole search): the two overlap. Names rg prints that are not in the
// listing are ignored. One rg walk: whether a step-info.json is written with escapes rg's patterns miss, Node checks
// itself after the listing (stepInfoNeedsCore), which on two cores costs what a second rg walk did (~650 ms either
// way on the 13,600-file bench folder) with one child, one exit status and no argv batches.
import { closeSync, readdirSync } from 'node:fs';
import { isWorkflowDirName, parseJobDir } from '../../source/offline/names.js';
import { sanitize } from '../../text/sanitize.js';
import type { ExactSearcher } from '../exact.js';
import { exactHitsOfDoc } from '../hits.js';
import { openDocChecked, readOpened } from '../open-doc.js';
import { ESCAPES, walkPatternLines } from './exact-patterns.js';
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
  /** The run ended: a warning when it failed or could not read some files. */
  done(): Promise<{ warning: string | null; failed: boolean }>;
}

/**
 * rg's options for the walk, the paths to follow `--`. No --stats: it makes rg read every file to its end to count
 * matches (9 s on a sparse 512 MB file whose first line matched), where -l stops at a file's first match; so rg's bytes
 * are not counted. Names end in a line break with --line-buffered: into a pipe rg flushes at line breaks only, so with
 * --null's NUL no name came before the walk ended (no first hit on screen while rg ran, no confirming beside it;
 * test/search/rg-stream.test.ts). A name holding a line break is never looked up in what rg prints: the core
 * searches that file whatever rg says (exactSearchWithRg).
 */
export const EXACT_RG_ARGS: readonly string[] = ['--no-config', '-a', '-F', '--encoding', 'none', '--no-ignore', '--hidden', '--files-with-matches', '--line-buffered', '--no-messages', '-f', '-', '--'];

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
  const paths = top === null ? ['.'] : top.map((t) => `./${t}`);
  const run: Promise<RgExit | Error> = runRg({ rg: o.rg.path, args: [...EXACT_RG_ARGS, ...paths], cwd: o.root, stdin: walk, separator: 0x0a, onRecord, signal: o.signal }).catch((e: Error) => e);
  const topSet = top === null ? null : new Set(top);
  return {
    root: o.root,
    covers: (rel) => topSet === null || topSet.has(rel.includes('/') ? rel.slice(0, rel.indexOf('/')) : rel),
    onName(fn) {
      for (const n of names) fn(n);
      listeners.push(fn);
    },
    async done() {
      const exit = await run;
      if (exit instanceof Error || exit.code === null || exit.code > 2) {
        return { failed: true, warning: `ripgrep did not finish (${exit instanceof Error ? ((exit as NodeJS.ErrnoException).code ?? 'error') : `exit ${exit.code ?? 'signal'}`}); searched without it` };
      }
      return { failed: false, warning: exit.code === 2 ? `ripgrep could not read some files${exit.error ? ` (${summarise(exit.error)})` : ''}` : null };
    },
  };
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
    // A name with a line break comes out of rg cut in two (EXACT_RG_ARGS): the core searches it whatever rg says.
    if (rel !== null && (doc.kind === 'txt' || doc.kind === 'artifact' || doc.kind === 'step-info') && pre.covers(rel) && !rel.includes('\n')) {
      byName.set(rel, i);
      covered[i] = 1;
    } else {
      coreOnly.push(i);
    }
  });
  // A step-info.json not in canonical JSON escaping goes to the core whatever the walk finds (walkPatternLines).
  const scratch = Buffer.allocUnsafe(STEP_INFO_PEEK_BYTES);
  for (const i of byName.values()) if (o.docs[i]!.kind === 'step-info' && stepInfoNeedsCore(o.docs[i]!.path, scratch)) coreOnly.push(i);
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

/** A step-info.json is a few KB; a bigger one goes to the core unread here (the core applies the size cap). */
const STEP_INFO_PEEK_BYTES = 1024 * 1024;

/**
 * Whether the core must search this step-info.json whatever rg says: it holds `\u` or `\/` (escaping rg's patterns do
 * not cover), or it cannot be read here (the core then reads it and gives the one warning). Opened as every corpus file
 * is (no symlink, a regular file); the job folder's 'still in place' check is the core's, before it reads: what is
 * learned here is only whether to hand the file on.
 */
function stepInfoNeedsCore(path: string, scratch: Buffer): boolean {
  const opened = openDocChecked(path, path, scratch.length, []);
  if (!opened) return true;
  try {
    const bytes = scratch.subarray(0, readOpened(opened.fd, scratch, opened.size));
    return ESCAPES.some((e) => bytes.includes(e));
  } catch {
    return true;
  } finally {
    closeSync(opened.fd);
  }
}
