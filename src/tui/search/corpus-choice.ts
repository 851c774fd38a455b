// Which files the TUI's search and findings read: the evidence folder being browsed (`sleuth open DIR`); live, the
// `--out` folder downloads go to (when it exists) and the disk cache of everything fetched so far.
import { existsSync } from 'node:fs';
import { cacheCorpus, evidenceCorpus, type Corpus } from '../../search/corpus.js';
import { multiCorpus } from '../../search/corpus-merge.js';
import type { InvestigationSource } from '../../source/source.js';

export interface CorpusChoice {
  /** The evidence folder `d`/`D` write to (live TUI). */
  out?: string;
  /** The disk cache directory (live TUI). */
  cacheDir?: string | null;
}

export function corpusForSource(source: InvestigationSource, o: CorpusChoice = {}): Corpus | null {
  const dir = source.evidenceDir;
  if (dir !== null) return tryCorpus(() => evidenceCorpus(dir));
  const parts: Corpus[] = [];
  if (o.out && existsSync(o.out)) {
    const c = tryCorpus(() => evidenceCorpus(o.out!));
    if (c) parts.push(c);
  }
  if (o.cacheDir && existsSync(o.cacheDir)) {
    const c = tryCorpus(() => cacheCorpus(o.cacheDir!));
    if (c) parts.push(c);
  }
  return parts.length ? multiCorpus(parts) : null;
}

function tryCorpus(make: () => Corpus): Corpus | null {
  try {
    return make();
  } catch {
    return null;
  }
}
