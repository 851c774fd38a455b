// What a download is asked to do and what it reports. What its parts share while it runs is in download-runtime.ts;
// what the folder records of a missing or set-aside item is in manifest.ts.
import type { CircleCiClient } from '../api/client.js';
import type { MissingItem, SetAside, UnparsedRecord } from './manifest.js';
import type { DownloadProgress } from '../util/progress-text.js';

export type { MissingItem } from './manifest.js';

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

/** `missing` is set when the failure is one item not fetched (see MissingItem), absent when the run itself failed. */
export interface DownloadFailure { what: string; error: string; missing?: MissingItem }

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
  /** The items among `failures` not fetched for a reason of their own; when these and `unparsed` are all, the folder is complete except them. */
  missing: MissingItem[];
  /** Responses this run could not use: each body is kept raw in the folder (`file`) and listed in manifest.json. */
  unparsed: UnparsedRecord[];
  /** Files found changed since recorded (or unrecorded, in the way of a write): kept aside, never overwritten (tamper.ts). */
  tampered: SetAside[];
  notes: string[];
}
