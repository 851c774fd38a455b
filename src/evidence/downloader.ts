// The orchestrator of an evidence download: a job, workflow, pipeline or a project's time window
// into an evidence folder, in the layout of CircleCI's incident guide (its grep recipes keep
// working) plus what the guide's scripts lose: every page of jobs, every parallel node, the raw
// output bodies, details, pipelines and artifacts. This file locks the folder, opens its record,
// runs the tasks in a bounded pool and says how the run ended; the work itself is in its parts:
//   target-plan.ts  what to fetch for a target (pipelines, workflows, the jobs they list)
//   job-fetch.ts    one job: job-info, details, steps, every step output, artifacts
//   recorder.ts     the folder record: put/have, checkpoints, manifest.json and SHA256SUMS
// The folder is written atomically and manifest.json records what is done, so a rerun after
// Ctrl-C or kill -9 finishes the job without fetching again what is already there (finished jobs
// never change). One pipeline, workflow, job or step that fails or cannot be parsed never loses
// the others (salvage.ts).
import { setMaxListeners } from 'node:events';
import { isApiError } from '../api/errors.js';
import type { DownloadFailure, DownloadOptions, DownloadResult } from './download-types.js';
import type { DownloadRuntime } from './download-runtime.js';
import { EvidenceDir } from './fs.js';
import { JobFetch } from './job-fetch.js';
import { ItemNotFetched } from './missing.js';
import { TaskPool } from './pool.js';
import { ProgressMeter } from './progress.js';
import { Recorder } from './recorder.js';
import { MAX_LIST_ITEMS, Salvager } from './salvage.js';
import { STOPPED, unlessStopped } from './stop.js';
import { describeSetAside } from './tamper.js';
import { DownloadPlan, queryRecord } from './target-plan.js';

export type { DownloadFailure, DownloadOptions, DownloadResult, DownloadTarget } from './download-types.js';
export { isArtifactHost } from './artifact-host.js';

/** Failures a task is tried again for (after the transport's own retries ran out). */
const RETRYABLE = new Set(['server', 'rate-limited', 'network', 'timeout']);

export async function downloadEvidence(options: DownloadOptions): Promise<DownloadResult> {
  const dir = await EvidenceDir.open(options.out);
  const release = await dir.lock();
  const download = new Download(options, dir);
  try {
    return await download.run();
  } finally {
    // However the run ended (an error too), nothing is drawn after its last word: the caller ends the line.
    download.meter.close();
    await release();
  }
}

class Download implements DownloadRuntime {
  readonly client: DownloadOptions['client'];
  recorder!: Recorder;
  salvage!: Salvager;
  readonly notes: string[] = [];
  readonly meter: ProgressMeter;
  private jobs!: JobFetch;
  private readonly pool: TaskPool;
  private readonly startedAt = new Date();
  private readonly failures: DownloadFailure[] = [];
  /** Lines in the client's `truncated` before this run (the client may outlive one download). */
  private readonly truncatedBefore: number;
  /** Keys of the tasks queued once (see task()). */
  private readonly queuedKeys = new Set<string>();

  constructor(readonly options: DownloadOptions, private readonly dir: EvidenceDir) {
    this.client = options.client;
    this.truncatedBefore = options.client.truncated.length;
    this.meter = new ProgressMeter(this.startedAt.getTime(), options.onProgress, options.progressIntervalMs ?? 100);
    // Every request in flight listens on the signal; that is not a leak.
    if (options.signal) setMaxListeners(0, options.signal);
    // Twice as many tasks as requests: while some write and hash, the transport's gate (which
    // alone bounds requests in flight to --concurrency) stays full.
    this.pool = new TaskPool({
      limit: Math.max(1, options.concurrency ?? 8) * 2,
      signal: options.signal,
      retries: options.taskRetries ?? 2,
      retryDelayMs: options.retryDelayMs ?? 1000,
      retryable: (e) => isApiError(e) && RETRYABLE.has(e.kind),
    });
  }

  async run(): Promise<DownloadResult> {
    const signal = this.options.signal;
    const [removed, who] = await Promise.all([this.dir.cleanTmp(), unlessStopped(this.client.me(), signal)]);
    if (removed > 0) this.notes.push(`removed ${removed} temporary file(s) left by an interrupted run`);
    // Stopped before CircleCI said who we are: the run is still recorded, as interrupted, with nothing written.
    const me = who === STOPPED ? null : { login: who.login, id: who.id };
    this.recorder = await Recorder.open(this.dir, {
      options: this.options, host: this.client.host, query: queryRecord(this.options.target), startedAt: this.startedAt, me, notes: this.notes, meter: this.meter,
    });
    this.salvage = new Salvager(this.client.transport, this.recorder, this.notes, this.options.maxListItems ?? MAX_LIST_ITEMS, signal);
    this.jobs = new JobFetch(this);
    // Before anything is written: a recorded file that changed is kept aside, then fetched afresh.
    await this.recorder.checkRecorded(signal);

    if (!signal?.aborted) new DownloadPlan(this, this.jobs).start();
    // Once stopped, tasks still waiting on the network are abandoned; those writing finish first (Recorder.close).
    await unlessStopped(this.pool.drain(), signal);
    return this.finish();
  }

  private async finish(): Promise<DownloadResult> {
    const recorder = this.recorder;
    await recorder.close();
    // A list the client stopped paging (a server offering pages without end) may be missing items: not complete.
    for (const line of this.client.truncated.slice(this.truncatedBefore)) this.failures.push({ what: 'listing', error: line });
    const aborted = Boolean(this.options.signal?.aborted);
    const unparsed = recorder.unparsedThisRun();
    const outcome = aborted ? 'interrupted' : this.failures.length > 0 || unparsed.length > 0 ? 'incomplete' : 'complete';
    const finishedAt = new Date().toISOString();
    const missing = this.failures.flatMap((f) => (f.missing ? [f.missing] : []));
    for (const aside of recorder.setAside) this.notes.push(describeSetAside(aside));
    await recorder.finish({ outcome, finishedAt, failures: this.failures, missing, notes: this.notes });
    this.meter.close();
    const counts = recorder.counts;
    return {
      dir: this.dir.root,
      outcome,
      complete: outcome === 'complete',
      startedAt: recorder.run.started_at,
      finishedAt,
      jobs: { seen: this.jobs.jobs.size, complete: counts.jobsComplete, alreadyComplete: counts.alreadyComplete, unfinished: this.jobs.unfinished() },
      stepOutputs: { fetched: counts.outputs, alreadyThere: counts.outputsThere },
      artifacts: { fetched: counts.artifacts, alreadyThere: counts.artifactsThere },
      files: { written: counts.written, unchanged: counts.unchanged, replaced: counts.replaced },
      bytesWritten: counts.bytes,
      // Copies: a task abandoned by a stop must not change the result after it is returned.
      failures: [...this.failures],
      missing,
      unparsed,
      tampered: [...recorder.setAside],
      notes: [...this.notes],
    };
  }

  // ---- the runtime the plan and the job fetch share -------------------------------------------

  hasKey(key: string): boolean {
    return this.queuedKeys.has(key);
  }

  /** Queues `run` once per key (a retried listing must not queue its children twice). */
  task(what: string, priority: number, run: () => Promise<void>, settle: (error: unknown) => void, key?: string): void {
    if (key !== undefined) {
      if (this.queuedKeys.has(key)) return;
      this.queuedKeys.add(key);
    }
    this.meter.add(1);
    this.pool.add({
      label: what,
      priority,
      run,
      settle: (error) => {
        // Once stopped, what fails is the stop itself (aborted requests), not the evidence.
        if (error !== null && !this.options.signal?.aborted) this.fail(what, error);
        this.meter.finish(1);
        settle(error);
      },
    });
  }

  fail(what: string, error: unknown): void {
    // Once stopped, what fails is the stop itself (aborted requests, refused writes), not the evidence.
    if (this.options.signal?.aborted) return;
    const message = error instanceof Error ? error.message : String(error);
    // An item not fetched for a reason of its own carries what it is (missing.ts): the run is complete except it.
    this.failures.push({ what, error: this.client.transport.redact(message), ...(error instanceof ItemNotFetched ? { missing: error.missing } : {}) });
  }
}
