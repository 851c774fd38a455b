// Runs the scanner over every step output and step command of a corpus (evidence folder or disk cache), in folder
// order, one file in memory at a time.
import { CorpusReader, type Corpus } from '../search/corpus.js';
import { decode } from '../search/positions.js';
import type { DocRef } from '../search/types.js';
import { scanText, type ScanOptions, type TextFinding } from './scanner.js';

export type Finding = DocRef & Omit<TextFinding, 'start' | 'end'>;

export interface ScanCorpusOptions extends ScanOptions {
  corpus: Corpus;
  /** Each file's findings as soon as it is scanned. */
  onFindings?: (findings: Finding[]) => void;
  /** Stop after this many findings in total (default 10,000). */
  maxTotal?: number;
  /** Give the event loop a turn this often (ms), for a UI. */
  yieldEveryMs?: number;
  signal?: AbortSignal;
}

export interface ScanResult {
  findings: Finding[];
  files: number;
  bytes: number;
  capped: boolean;
  warnings: string[];
}

export async function scanCorpus(o: ScanCorpusOptions): Promise<ScanResult> {
  const { corpus, onFindings, maxTotal = 10_000, yieldEveryMs, signal, ...scanOpts } = o;
  const result: ScanResult = { findings: [], files: 0, bytes: 0, capped: false, warnings: [] };
  const listed = await corpus.list();
  result.warnings.push(...listed.warnings);
  const reader = new CorpusReader(corpus);
  const add = (ref: DocRef, fs: TextFinding[]): void => {
    if (fs.length === 0) return;
    const room = maxTotal - result.findings.length;
    if (fs.length > room) result.capped = true;
    const out = fs.slice(0, Math.max(0, room)).map(({ start: _s, end: _e, ...f }) => ({ ...ref, ...f }));
    result.findings.push(...out);
    if (out.length) onFindings?.(out);
  };
  let lastYield = performance.now();
  for (const doc of listed.docs) {
    if (result.capped || signal?.aborted) break;
    if (yieldEveryMs !== undefined && performance.now() - lastYield >= yieldEveryMs) {
      await new Promise((r) => setImmediate(r));
      lastYield = performance.now();
    }
    const loaded = reader.load(doc);
    if (!loaded) continue;
    result.files++;
    if (loaded.kind === 'output') {
      // A binary artifact (a NUL in its first 8 KiB, grep's test) would only give entropy noise.
      if (doc.kind === 'artifact' && loaded.bytes.subarray(0, Math.min(loaded.length, 8192)).includes(0)) continue;
      result.bytes += loaded.length;
      add(loaded.ref, scanText(decode(loaded.bytes.subarray(0, loaded.length)), scanOpts));
    } else {
      for (const item of loaded.items) {
        result.bytes += item.text.length;
        add(item.ref, scanText(item.text, scanOpts));
      }
    }
  }
  result.warnings.push(...reader.warnings);
  return result;
}
