// What a search finds, in the shape `sleuth search --json` prints (snake_case there) and the TUI lists.
import type { JunkKind } from './junk.js';

export type SearchMode = 'exact' | 'regex' | 'fuzzy';

/** Where a piece of text came from: one step's output on one node, or a step's command in step-info.json. */
export interface DocRef {
  /** Path relative to the searched folder, `/`-separated (a cache entry: its path under the cache dir). */
  file: string;
  workflowId: string | null;
  job: number | null;
  step: number | null;
  node: number | null;
  /**
   * `output`: what the step printed; `bash_command`: the step's command from step-info.json / the build;
   * `artifact`: a file the job stored (`job-<n>/artifacts/…`), which CircleCI never masks.
   */
  field: 'output' | 'bash_command' | 'artifact';
  /** Project slug when known (cache entries carry it). */
  project?: string | null;
  /** Where the text was read: an evidence folder (the copy with a custody record) or the disk cache. */
  origin?: 'evidence' | 'cache';
}

export interface SearchHit extends DocRef {
  /** 1-based line in the output (or in the command, for `bash_command`). */
  line: number;
  /** 1-based column, in UTF-16 code units of the decoded line. */
  column: number;
  /** Line where the match ends, when it continues over line breaks (a wrapped base64 blob). */
  endLine?: number;
  /** The matched text as it is in the file (escape sequences and invisible characters included). */
  match: string;
  /** How the searched value appears: raw, base64, hex, … (`regex` / `fuzzy` for those modes). */
  encoding: string;
  /** What the match was read through: ANSI escapes, controls, invisible characters, line breaks. */
  via: JunkKind[];
  /** A bounded slice of the line around the match (raw text), and where the match sits in it. */
  context: { text: string; start: number; end: number; cutBefore: boolean; cutAfter: boolean };
  /** Fuzzy mode: 0 (perfect) … 1. */
  score?: number;
}

export interface SearchSummary {
  files: number;
  bytes: number;
  /** True when the hit limit stopped the search early. */
  capped: boolean;
  warnings: string[];
  /** Encodings not searched and why. */
  skipped: { encoding: string; reason: string }[];
}
