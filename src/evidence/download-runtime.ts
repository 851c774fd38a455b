// What the orchestrator (downloader.ts) gives the plan (target-plan.ts) and the job fetch (job-fetch.ts): the pool,
// the record and the failure list. Apart from download-types.ts so the record (recorder.ts) can use the download's
// types without an import circle.
import type { CircleCiClient } from '../api/client.js';
import type { DownloadOptions } from './download-types.js';
import type { Recorder } from './recorder.js';
import type { Salvager } from './salvage.js';

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
