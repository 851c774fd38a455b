// What a download is asked to do and what it reports, and what its parts share (the task
// priorities and the runtime the orchestrator gives the plan and the job fetch).
import type { CircleCiClient } from '../api/client.js';
import type { UnparsedRecord } from './manifest.js';
import type { Recorder } from './recorder.js';
import type { Salvager } from './salvage.js';
import type { DownloadProgress } from '../util/progress-text.js';
import type { SetAside } from './tamper.js';

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

/**
 * One artifact or step output not in the folder for a reason of its own (401, 403, 404, an expired or refused link,
 * too large, a URL refused): the rest of the run is unaffected, and a rerun tries it again.
 */
export interface MissingItem {
  kind: 'artifact' | 'step-output';
  job: number;
  /** Where it would be, relative to DIR (a step output's body of record, `step-<n>[-node-<i>].json`). */
  file: string;
  /** Artifacts: the path as CircleCI listed it. */
  path?: string;
  /** The artifact's node, or the step output's parallel node. */
  node: number;
  step?: number;
  /** The URL asked (presigned query removed; API paths relative to the host). */
  source: string;
  /** The status that said no (null: no answer to count, e.g. a URL refused before asking). */
  status: number | null;
  /** Short, and the same for items that failed alike: "401 needs credentials", "404 gone", "too large". */
  reason: string;
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

/** Task priorities in the pool: deeper work first, so a stopped run leaves whole jobs. */
export const TASK_PRIORITY = { list: 0, pipeline: 1, workflow: 2, job: 3, file: 4 } as const;

/** What the plan (target-plan.ts) and the job fetch (job-fetch.ts) need from the download that runs them (downloader.ts). */
export interface DownloadRuntime {
  readonly client: CircleCiClient;
  readonly options: DownloadOptions;
  readonly recorder: Recorder;
  readonly salvage: Salvager;
  /** Lines for the manifest's notes and the result (not failures). */
  readonly notes: string[];
  /** Queues `run` in the pool, once per `key` when one is given; `settle` hears how it ended (null: done). */
  task(what: string, priority: number, run: () => Promise<void>, settle: (error: unknown) => void, key?: string): void;
  /** Records a failure of `what` (nothing, once the run is stopped). */
  fail(what: string, error: unknown): void;
  /** Whether a task was already queued under `key`. */
  hasKey(key: string): boolean;
}
