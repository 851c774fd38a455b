// What a download is asked to do and what it reports (shared by the downloader and its parts).
import type { CircleCiClient } from '../api/client.js';
import type { UnparsedRecord } from './manifest.js';
import type { DownloadProgress } from './progress.js';

export type DownloadTarget =
  | { kind: 'job'; project: string; number: number }
  | { kind: 'workflow'; id: string; project?: string }
  | { kind: 'pipeline'; project: string; number: number }
  | { kind: 'project'; project: string; since: string; until?: string };

export interface DownloadOptions {
  client: CircleCiClient;
  /** The evidence folder (created 0700 if missing). */
  out: string;
  target: DownloadTarget;
  /** Tasks in flight at once; give the transport's own limit (`--concurrency`). Default 8. */
  concurrency?: number;
  /** Download artifacts too (default true). */
  artifacts?: boolean;
  /**
   * Origins besides `https://*.circle-artifacts.com` that are CircleCI artifact hosts and may be
   * offered the token (a Server install's, the simulator's). The transport must trust them too
   * (`trustedOrigins`); the redirect to storage never carries the token either way.
   */
  artifactOrigins?: string[];
  /** Largest artifact kept, decoded (default 512 MiB). */
  maxArtifactBytes?: number;
  /** Items of one list used (jobs of a workflow, artifacts of a job, …; default 250,000): the rest is kept raw and listed as unparsed. */
  maxListItems?: number;
  signal?: AbortSignal;
  onProgress?: (p: DownloadProgress) => void;
  /** Minimum ms between progress events (default 100: at most ~10/s). */
  progressIntervalMs?: number;
  /** For the manifest. */
  tool?: { name: string; version: string };
  /** How often a task failing with a transient error (5xx, 429, network) is tried again (default 2). */
  taskRetries?: number;
  /** Pause before such a retry, times the attempt (default 1000 ms). */
  retryDelayMs?: number;
  /** How often manifest.json is checkpointed while a download runs (default 1000 ms). */
  checkpointMs?: number;
  /**
   * A folder whose manifest names another CircleCI host is refused, unless this says that host is the same one under
   * another address: `sleuth demo` passes it for its loopback simulator, whose port changes on every run.
   */
  sameHost?: (recordedHost: string) => boolean;
}

export interface DownloadFailure { what: string; error: string }

export interface DownloadResult {
  /** The folder's real path. */
  dir: string;
  /** `incomplete`: something failed or could not be parsed (see `failures` and `unparsed`). */
  outcome: 'complete' | 'incomplete' | 'interrupted';
  complete: boolean;
  startedAt: string;
  finishedAt: string;
  jobs: { seen: number; complete: number; alreadyComplete: number; /** Complete for now, but not finished (running, on hold): a rerun fetches them again. */ unfinished: number };
  stepOutputs: { fetched: number; alreadyThere: number };
  artifacts: { fetched: number; alreadyThere: number };
  files: { written: number; unchanged: number; replaced: number };
  bytesWritten: number;
  failures: DownloadFailure[];
  /** Responses this run could not use: each body is kept raw in the folder (`file`) and listed in manifest.json. */
  unparsed: UnparsedRecord[];
  notes: string[];
}

/** Priorities: deeper work first, so a stopped run leaves whole jobs. */
export const P = { list: 0, pipeline: 1, workflow: 2, job: 3, file: 4 } as const;
