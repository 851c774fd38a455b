// Where an RCA send is recorded: in the evidence folder of the job when there is one (the folder being read, or
// the folder the live TUI downloads into once it holds the job), else in sleuth's state directory, so that no send
// goes unrecorded. The record file is `rca-sends.jsonl` in either (send-record.ts).
import { lstat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Env } from '../config/env.js';
import { resolveStateDir } from '../config/state-dir.js';
import { MANIFEST_NAME } from '../evidence/index.js';
import { parseManifest } from '../evidence/manifest.js';
import { SEND_RECORD_NAME } from './send-record.js';

export interface RecordPlace {
  /** The folder the record file is in. */
  dir: string;
  /** 'evidence': beside the job's evidence; 'state': sleuth's state directory (no evidence folder holds the job). */
  kind: 'evidence' | 'state';
}

export interface RecordPlaceQuery {
  /** An evidence folder the job is read from or chosen for the record (`--dir`, `--out`, `sleuth open DIR`). */
  evidence?: string | null;
  /** The folder downloads go to (the live TUI's `--out`): used when its manifest lists the job. */
  downloads?: string | null;
  /** The job's project, checked against the downloads folder's manifest. */
  project?: string;
  job: number;
  env: Env;
  home: string;
}

/** A manifest this big is not read just to find a job (the downloader's own limit). */
const MAX_MANIFEST_BYTES = 256 * 1024 * 1024;

export async function recordPlaceFor(q: RecordPlaceQuery): Promise<RecordPlace> {
  if (q.evidence) return { dir: q.evidence, kind: 'evidence' };
  if (q.downloads && (await folderHoldsJob(q.downloads, q.project, q.job))) return { dir: q.downloads, kind: 'evidence' };
  return { dir: resolveStateDir(q.env, q.home), kind: 'state' };
}

/** The record file of a place (its folder may not exist yet). */
export const recordFileOf = (place: RecordPlace): string => join(place.dir, SEND_RECORD_NAME);

/**
 * Whether the evidence folder's manifest lists the job (of the project, when the manifest names one). Anything
 * unreadable, oversized, not a regular file or not a circle-sleuth manifest: no.
 */
export async function folderHoldsJob(dir: string, project: string | undefined, job: number): Promise<boolean> {
  const path = join(dir, MANIFEST_NAME);
  const st = await lstat(path).catch(() => null);
  if (!st || !st.isFile() || st.size > MAX_MANIFEST_BYTES) return false;
  const bytes = await readFile(path).catch(() => null);
  if (!bytes) return false;
  const m = parseManifest(bytes, []);
  if (!m || !m.jobs[String(job)]) return false;
  // `query` is read back as it was written (not validated): any shape may be there.
  const named: unknown = (m.query as { project?: unknown } | null | undefined)?.project;
  return typeof named !== 'string' || project === undefined || named === project;
}
