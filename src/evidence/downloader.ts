// Downloads a job, workflow, pipeline or a project's time window into an evidence folder, in the
// layout of CircleCI's incident guide (its grep recipes keep working) plus what the guide's
// scripts lose: every page of jobs, every parallel node, the raw output bodies, details,
// pipelines and artifacts. Requests run in parallel (bounded), the folder is written atomically,
// and manifest.json records what is done, so a rerun after Ctrl-C or kill -9 finishes the job
// without fetching again what is already there (finished jobs never change).
import { setMaxListeners } from 'node:events';
import os from 'node:os';
import type { CircleCiClient } from '../api/client.js';
import { ApiError, isApiError } from '../api/errors.js';
import { slugPath } from '../api/paths.js';
import { stripPresignedQuery } from '../api/redact.js';
import { isActionFinal, isJobFinal, isWorkflowFinal } from '../api/status.js';
import { parseStepOutput } from '../api/step-output.js';
import type { Artifact, BuildDetails, Job, JobDetails, Pipeline, StepAction, Workflow } from '../api/types.js';
import { safeJson } from '../cli/json.js';
import { EvidenceDir, EvidenceFsError } from './fs.js';
import {
  MANIFEST_FORMAT, MANIFEST_NAME, MANIFEST_VERSION, ManifestState, parseManifest, sha256, sha256sums, SUMS_NAME,
  type FileRecord, type JobEntry, type Manifest, type QueryRecord, type RunRecord, type TargetRecord,
} from './manifest.js';
import { TaskPool } from './pool.js';
import { ProgressMeter, type DownloadProgress } from './progress.js';
import { jobInfo, jsonBytes, stepInfo } from './projections.js';
import { artifactKey, nameArtifacts, quote, safeIndex, safeWorkflowDir } from './safe-name.js';

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
}

export interface DownloadFailure { what: string; error: string }

export interface DownloadResult {
  /** The folder's real path. */
  dir: string;
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
  notes: string[];
}

const ARTIFACT_HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+circle-artifacts\.com$/i;
const RETRYABLE = new Set(['server', 'rate-limited', 'network', 'timeout']);
const MAX_MANIFEST_BYTES = 256 * 1024 * 1024;

/** Priorities: deeper work first, so a stopped run leaves whole jobs. */
const P = { list: 0, pipeline: 1, workflow: 2, job: 3, file: 4 } as const;

interface JobCtx {
  number: number;
  wid: string;
  rel: string;
  project: string;
  job: Job;
  entry: JobEntry;
  pending: number;
  failed: boolean;
  added: Set<string>;
  refresh: { at: number; build: Promise<BuildDetails> } | null;
}

export async function downloadEvidence(opts: DownloadOptions): Promise<DownloadResult> {
  const dir = await EvidenceDir.open(opts.out);
  const release = await dir.lock();
  try {
    const d = new Download(opts, dir);
    return await d.run();
  } finally {
    await release();
  }
}

/** Whether `url` is a CircleCI artifact host (may be offered the token). */
export function isArtifactHost(url: string, extraOrigins: readonly string[] = []): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (extraOrigins.some((o) => safeOrigin(o) === u.origin)) return true;
  return u.protocol === 'https:' && u.port === '' && ARTIFACT_HOST.test(u.hostname);
}

function safeOrigin(o: string): string | null {
  try {
    return new URL(o).origin;
  } catch {
    return null;
  }
}

class Download {
  private readonly client: CircleCiClient;
  private readonly meter: ProgressMeter;
  private readonly pool: TaskPool;
  private readonly started = new Date();
  private state!: ManifestState;
  private run_!: RunRecord;
  private readonly failures: DownloadFailure[] = [];
  private readonly notes: string[] = [];
  private readonly keys = new Set<string>();
  private readonly jobs = new Map<number, JobCtx>();
  private readonly counts = { jobsComplete: 0, alreadyComplete: 0, outputs: 0, outputsThere: 0, artifacts: 0, artifactsThere: 0, written: 0, unchanged: 0, replaced: 0, bytes: 0 };
  private saveTimer: NodeJS.Timeout | null = null;
  private saving: Promise<void> = Promise.resolve();
  private readonly artifactOrigins: string[];
  /** Files each job folder held when the run started (for the "already complete" check). */
  private readonly byJob = new Map<string, string[]>();

  constructor(private readonly o: DownloadOptions, private readonly dir: EvidenceDir) {
    this.client = o.client;
    this.meter = new ProgressMeter(this.started.getTime(), o.onProgress, o.progressIntervalMs ?? 100);
    this.artifactOrigins = o.artifactOrigins ?? [];
    // Every request in flight listens on the signal; that is not a leak.
    if (o.signal) setMaxListeners(0, o.signal);
    // Twice as many tasks as requests: while some write and hash, the transport's gate (which
    // alone bounds requests in flight to --concurrency) stays full.
    this.pool = new TaskPool({
      limit: Math.max(1, o.concurrency ?? 8) * 2,
      signal: o.signal,
      retries: o.taskRetries ?? 2,
      retryDelayMs: o.retryDelayMs ?? 1000,
      retryable: (e) => isApiError(e) && RETRYABLE.has(e.kind),
    });
  }

  async run(): Promise<DownloadResult> {
    const [removed, me] = await Promise.all([this.dir.cleanTmp(), this.client.me()]);
    if (removed > 0) this.notes.push(`removed ${removed} temporary file(s) left by an interrupted run`);
    this.state = new ManifestState(await this.loadManifest({ login: me.login, id: me.id }));
    for (const path of this.state.files.keys()) {
      const m = /^([^/]+\/job-\d+)\//.exec(path);
      if (!m) continue;
      const list = this.byJob.get(m[1]!);
      if (list) list.push(path);
      else this.byJob.set(m[1]!, [path]);
    }
    this.run_ = {
      started_at: this.started.toISOString(),
      finished_at: null,
      query: this.query(),
      me: { login: me.login, id: me.id },
      outcome: 'running',
      files_written: 0,
      files_unchanged: 0,
      files_replaced: 0,
      bytes_written: 0,
      failures: [],
    };
    this.state.m.runs.push(this.run_);
    this.state.m.query = this.run_.query;
    this.state.m.circleci.me = { login: me.login, id: me.id };

    this.task(`find what to download (${describeTarget(this.o.target)})`, P.list, () => this.resolveTarget(), () => undefined);
    await this.pool.drain();
    return this.finish();
  }

  // ---- the folder's record ---------------------------------------------------------------------

  private async loadManifest(me: { login: string; id: string }): Promise<Manifest> {
    const bytes = await this.dir.readSmall(MANIFEST_NAME, MAX_MANIFEST_BYTES);
    const fresh = (): Manifest => ({
      format: MANIFEST_FORMAT,
      format_version: MANIFEST_VERSION,
      tool: this.o.tool ?? { name: 'circle-sleuth', version: 'unknown' },
      node: process.version,
      machine: machine(),
      circleci: { host: this.client.host, me },
      query: this.query(),
      started_at: this.started.toISOString(),
      finished_at: null,
      complete: false,
      runs: [],
      workflows: {},
      jobs: {},
      files: [],
      notes: [],
    });
    if (bytes === null) return fresh();
    const m = parseManifest(bytes, this.notes);
    if (!m) throw new EvidenceFsError(`${this.dir.label}/${MANIFEST_NAME} is not a circle-sleuth manifest; download into another folder (--out)`);
    if (m.circleci?.host && m.circleci.host !== this.client.host) {
      throw new EvidenceFsError(`${this.dir.label} holds evidence from ${quote(m.circleci.host)}, not ${this.client.host}; download into another folder (--out)`);
    }
    return {
      ...fresh(),
      ...m,
      tool: this.o.tool ?? m.tool,
      node: process.version,
      machine: machine(),
      circleci: { host: this.client.host, me },
      started_at: typeof m.started_at === 'string' ? m.started_at : this.started.toISOString(),
    };
  }

  private query(): QueryRecord {
    const t = this.o.target;
    const target: TargetRecord = t.kind === 'job' ? { kind: 'job', number: t.number } : t.kind === 'workflow' ? { kind: 'workflow', id: t.id } : t.kind === 'pipeline' ? { kind: 'pipeline', number: t.number } : { kind: 'project' };
    return {
      project: t.kind === 'workflow' ? t.project ?? null : t.project,
      window: { since: t.kind === 'project' ? t.since : null, until: t.kind === 'project' ? t.until ?? null : null },
      target,
    };
  }

  /** Writes `data` at `rel` unless the folder already holds exactly it; records it either way. */
  private async put(rel: string, data: Buffer, meta: Omit<FileRecord, 'path' | 'size' | 'sha256'>): Promise<'written' | 'unchanged' | 'replaced'> {
    const digest = sha256(data);
    const prev = this.state.files.get(rel);
    // A folder made by this run holds nothing it did not write, so a new name there needs no lstat.
    const onDisk = !prev && this.dir.inNewFolder(rel) ? null : await this.dir.statFile(rel);
    if (prev && prev.sha256 === digest && onDisk && onDisk.size === data.length) {
      this.counts.unchanged++;
      return 'unchanged';
    }
    await this.dir.write(rel, data, { checked: true });
    const now = new Date().toISOString();
    const record: FileRecord = { path: rel, ...meta, size: data.length, sha256: digest };
    let outcome: 'written' | 'replaced' = 'written';
    if (prev && prev.sha256 !== digest) {
      record.replaced = [...(prev.replaced ?? []), { sha256: prev.sha256, size: prev.size, fetched_at: prev.fetched_at, replaced_at: now }];
      outcome = 'replaced';
    } else if (prev?.replaced) {
      record.replaced = prev.replaced;
    }
    if (prev && prev.sha256 === digest) record.note = 'the file on disk did not match the manifest; restored';
    else if (!prev && onDisk) record.note = 'replaced a file no manifest recorded';
    this.state.files.set(rel, record);
    this.counts[outcome === 'written' ? 'written' : 'replaced']++;
    this.counts.bytes += data.length;
    this.meter.wrote(data.length);
    this.saveSoon();
    return outcome;
  }

  /** The file is recorded and on disk with the recorded size. */
  private async have(rel: string): Promise<FileRecord | null> {
    const rec = this.state.files.get(rel);
    if (!rec) return null;
    try {
      const st = await this.dir.statFile(rel);
      return st && st.size === rec.size ? rec : null;
    } catch {
      return null;
    }
  }

  private saveSoon(): void {
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      void this.checkpoint().catch(() => undefined);
    }, this.o.checkpointMs ?? 1000);
    this.saveTimer.unref?.();
  }

  /** manifest.json, then SHA256SUMS over every recorded file and the manifest itself. Serialised. */
  private checkpoint(): Promise<void> {
    const next = this.saving.then(async () => {
      const manifest = Buffer.from(`${safeJson(this.state.toJSON())}\n`, 'utf8');
      await this.dir.write(MANIFEST_NAME, manifest);
      const entries = [...this.state.files.values()].map((f) => ({ path: f.path, sha256: f.sha256 }));
      entries.push({ path: MANIFEST_NAME, sha256: sha256(manifest) });
      await this.dir.write(SUMS_NAME, Buffer.from(sha256sums(entries), 'utf8'));
      await this.dir.syncDir();
    });
    this.saving = next.catch(() => undefined);
    return next;
  }

  private async finish(): Promise<DownloadResult> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    const aborted = Boolean(this.o.signal?.aborted);
    const outcome = aborted ? 'interrupted' : this.failures.length > 0 ? 'incomplete' : 'complete';
    const finishedAt = new Date().toISOString();
    Object.assign(this.run_, {
      finished_at: finishedAt,
      outcome,
      files_written: this.counts.written,
      files_unchanged: this.counts.unchanged,
      files_replaced: this.counts.replaced,
      bytes_written: this.counts.bytes,
      failures: this.failures.slice(0, 1000),
    });
    this.state.m.finished_at = finishedAt;
    this.state.m.complete = outcome === 'complete';
    this.state.m.notes = [...new Set([...this.state.m.notes, ...this.notes])].slice(-1000);
    await this.checkpoint();
    this.meter.flush();
    let unfinished = 0;
    for (const j of this.jobs.values()) if (j.entry.complete && !j.entry.final) unfinished++;
    return {
      dir: this.dir.root,
      outcome,
      complete: outcome === 'complete',
      startedAt: this.run_.started_at,
      finishedAt,
      jobs: { seen: this.jobs.size, complete: this.counts.jobsComplete, alreadyComplete: this.counts.alreadyComplete, unfinished },
      stepOutputs: { fetched: this.counts.outputs, alreadyThere: this.counts.outputsThere },
      artifacts: { fetched: this.counts.artifacts, alreadyThere: this.counts.artifactsThere },
      files: { written: this.counts.written, unchanged: this.counts.unchanged, replaced: this.counts.replaced },
      bytesWritten: this.counts.bytes,
      failures: this.failures,
      notes: this.notes,
    };
  }

  // ---- scheduling ------------------------------------------------------------------------------

  /** Queues `run` once per key (a retried listing must not queue its children twice). */
  private task(what: string, priority: number, run: () => Promise<void>, settle: (error: unknown) => void, key?: string): void {
    if (key !== undefined) {
      if (this.keys.has(key)) return;
      this.keys.add(key);
    }
    this.meter.add(1);
    this.pool.add({
      label: what,
      priority,
      run,
      settle: (error) => {
        // Once stopped, what fails is the stop itself (aborted requests), not the evidence.
        if (error !== null && !this.o.signal?.aborted) this.fail(what, error);
        this.meter.finish(1);
        settle(error);
      },
    });
  }

  private fail(what: string, error: unknown): void {
    const msg = error instanceof Error ? error.message : String(error);
    this.failures.push({ what, error: this.client.transport.redact(msg) });
  }

  // ---- targets ---------------------------------------------------------------------------------

  private async resolveTarget(): Promise<void> {
    const t = this.o.target;
    const c = this.client;
    if (t.kind === 'project') {
      const source = `/api/v2/project/${slugPath(t.project)}/pipeline`;
      for await (const page of c.pipelinePages(t.project, { since: t.since, until: t.until })) {
        if (this.o.signal?.aborted) return;
        const at = new Date().toISOString();
        for (const p of page) this.queuePipeline(p, t.project, { source, at });
      }
      return;
    }
    if (t.kind === 'pipeline') {
      const p = await c.pipelineByNumber(t.project, t.number);
      this.queuePipeline(p, t.project, { source: `/api/v2/project/${slugPath(t.project)}/pipeline/${t.number}`, at: new Date().toISOString() });
      return;
    }
    if (t.kind === 'workflow') {
      const wf = await c.workflow(t.id);
      await this.queueWorkflowWithPipeline(wf, t.project ?? (wf.project_slug || null), `/api/v2/workflow/${t.id}`);
      return;
    }
    const details = await c.jobDetails(t.project, t.number);
    const wid = details.latest_workflow.id;
    if (!wid) throw new ApiError('malformed', `job ${t.number} names no workflow; cannot place it in the folder`);
    const wf = await c.workflow(wid);
    await this.queueWorkflowWithPipeline(wf, t.project, `/api/v2/workflow/${wid}`, t.number);
  }

  private async queueWorkflowWithPipeline(wf: Workflow, project: string | null, source: string, onlyJob?: number): Promise<void> {
    let pipeline: { p: Pipeline; source: string; at: string } | null = null;
    if (wf.pipeline_id) {
      try {
        pipeline = { p: await this.client.pipeline(wf.pipeline_id), source: `/api/v2/pipeline/${wf.pipeline_id}`, at: new Date().toISOString() };
      } catch (e) {
        if (!isApiError(e) || e.kind !== 'not-found') throw e;
        this.notes.push(`pipeline ${quote(wf.pipeline_id)} of workflow ${quote(wf.id)} is not visible (404); pipeline.json not written`);
      }
    }
    this.queueWorkflow(wf, pipeline, project ?? pipeline?.p.project_slug ?? null, { source, at: new Date().toISOString() }, onlyJob);
  }

  private queuePipeline(p: Pipeline, project: string, from: { source: string; at: string }): void {
    this.task(`workflows of pipeline ${p.number}`, P.pipeline, async () => {
      const wfs = await this.client.workflows(p.id);
      const at = new Date().toISOString();
      if (wfs.length === 0) this.notes.push(`pipeline ${p.number} has no workflows (nothing ran; see its errors in the API)`);
      for (const wf of wfs) this.queueWorkflow(wf, { p, source: from.source, at: from.at }, project, { source: `/api/v2/pipeline/${p.id}/workflow`, at });
    }, () => undefined, `p:${p.id}`);
  }

  private queueWorkflow(wf: Workflow, pipeline: { p: Pipeline; source: string; at: string } | null, project: string | null, from: { source: string; at: string }, onlyJob?: number): void {
    this.task(`jobs of workflow ${quote(wf.id)}`, P.workflow, async () => {
      const wid = safeWorkflowDir(wf.id);
      if (!wid) throw new EvidenceFsError(`refusing workflow id ${quote(wf.id)}: not an id, so it cannot name a folder`);
      const slug = project ?? (wf.project_slug || null);
      if (!slug) throw new ApiError('malformed', `workflow ${wid} names no project; pass --project`);
      if (pipeline) await this.put(`${wid}/pipeline.json`, jsonBytes(pipeline.p), { kind: 'pipeline', source: pipeline.source, status: 200, fetched_at: pipeline.at });
      await this.put(`${wid}/workflow.json`, jsonBytes(wf), { kind: 'workflow', source: from.source, status: 200, fetched_at: from.at, final: isWorkflowFinal(wf.status) });
      const jobs = await this.client.jobs(wid);
      const at = new Date().toISOString();
      const unnumbered: { id: string; name: string; type: string; status: string }[] = [];
      for (const job of jobs) {
        const n = safeIndex(job.job_number);
        if (n === null) {
          unnumbered.push({ id: job.id, name: job.name, type: job.type, status: job.status });
          continue;
        }
        if (onlyJob !== undefined && n !== onlyJob) continue;
        this.queueJob(job, n, wid, slug, at);
      }
      if (onlyJob !== undefined && !jobs.some((j) => j.job_number === onlyJob)) throw new ApiError('not-found', `job ${onlyJob} is not listed in workflow ${wid}`);
      this.state.m.workflows[wid] = { id: wid, name: wf.name, status: wf.status, pipeline_id: wf.pipeline_id, pipeline_number: pipeline?.p.number ?? wf.pipeline_number, unnumbered_jobs: unnumbered };
      if (unnumbered.length > 0) this.notes.push(`workflow ${wid}: ${unnumbered.length} job(s) without a number (approval jobs) are listed in the manifest only`);
    }, () => undefined, `w:${wf.id}`);
  }

  // ---- jobs ------------------------------------------------------------------------------------

  private queueJob(job: Job, n: number, wid: string, project: string, listedAt: string): void {
    if (this.keys.has(`j:${n}`)) {
      const first = this.jobs.get(n);
      if (first && first.wid !== wid) this.notes.push(`job ${n} is listed in workflows ${first.wid} and ${wid}; downloaded once, under ${first.wid}`);
      return;
    }
    const prev = this.state.m.jobs[String(n)];
    const entry: JobEntry = prev && prev.workflow_id === wid ? prev : {
      number: n, workflow_id: wid, name: job.name, type: job.type, status: job.status, final: false, complete: false, completed_at: null, notes: [],
    };
    const ctx: JobCtx = { number: n, wid, rel: `${wid}/job-${n}`, project, job, entry, pending: 1, failed: false, added: new Set(), refresh: null };
    this.jobs.set(n, ctx);
    this.task(`job ${n}`, P.job, () => this.jobTask(ctx, listedAt), (e) => this.settleJobPart(ctx, e), `j:${n}`);
  }

  private settleJobPart(ctx: JobCtx, error: unknown): void {
    if (error !== null) ctx.failed = true;
    ctx.pending--;
    if (ctx.pending > 0 || ctx.failed || this.o.signal?.aborted) return;
    if (ctx.entry.complete && ctx.entry.completed_at && ctx.added.has('skip')) return;
    ctx.entry.complete = true;
    ctx.entry.completed_at = new Date().toISOString();
    this.counts.jobsComplete++;
    this.saveSoon();
  }

  private async jobIntact(ctx: JobCtx): Promise<boolean> {
    const paths = this.byJob.get(ctx.rel) ?? [];
    if (!paths.includes(`${ctx.rel}/job-info.json`)) return false;
    for (const path of paths) if (!(await this.have(path))) return false;
    return true;
  }

  private async jobTask(ctx: JobCtx, listedAt: string): Promise<void> {
    const { number: n, rel, project } = ctx;
    const e = ctx.entry;
    // Finished jobs never change: a complete one is not fetched again.
    if (e.complete && e.final && (await this.jobIntact(ctx))) {
      ctx.added.add('skip');
      this.counts.alreadyComplete++;
      return;
    }
    this.state.m.jobs[String(n)] = e;
    Object.assign(e, { name: ctx.job.name, type: ctx.job.type, status: ctx.job.status, complete: false, completed_at: null, notes: [] });
    await this.put(`${rel}/job-info.json`, jsonBytes(jobInfo(ctx.job)), { kind: 'job-info', job: n, source: `/api/v2/workflow/${ctx.wid}/job`, status: 200, fetched_at: listedAt, final: isJobFinal(ctx.job.status) });
    if (ctx.job.type === 'approval') {
      e.final = isJobFinal(ctx.job.status);
      e.notes.push(`approval job (${ctx.job.status}${ctx.job.approved_by ? `, approved by ${ctx.job.approved_by}` : ''}): no details, steps or output exist; job-info.json only`);
      return;
    }

    // Details, steps and the artifact list are independent: asked for at once.
    const notFound = <T>(p: Promise<T>): Promise<T | null> => p.catch((err: unknown) => {
      if (isApiError(err) && err.kind === 'not-found') return null;
      throw err;
    });
    const wantArtifacts = this.o.artifacts !== false;
    const [details, build, list] = await Promise.all([
      notFound(this.client.jobDetails(project, n)),
      notFound(this.client.build(project, n, { fresh: true })),
      wantArtifacts ? notFound(this.client.artifacts(project, n, { jobFinished: isJobFinal(ctx.job.status) })) : Promise.resolve([] as Artifact[]),
    ]);
    const fetchedAt = new Date().toISOString();
    if (details) {
      await this.put(`${rel}/job-details.json`, jsonBytes(details), { kind: 'job-details', job: n, source: `/api/v2/project/${slugPath(project)}/job/${n}`, status: 200, fetched_at: fetchedAt, final: isJobFinal(details.status) });
    } else {
      e.notes.push('no v2 job details (404)');
    }
    const status = details?.status ?? ctx.job.status;
    e.status = status;
    if (!build) {
      e.notes.push('no v1.1 build (404): the job may never have run; no step-info.json');
      e.final = isJobFinal(status);
    } else {
      const buildFinished = build.lifecycle === null ? isJobFinal(build.status) : build.lifecycle === 'finished' || build.lifecycle === 'not_run';
      e.final = isJobFinal(status) && buildFinished;
      const buildSource = `/api/v1.1/project/${v1Slug(project)}/${n}`;
      await this.put(`${rel}/step-info.json`, jsonBytes(stepInfo(build)), { kind: 'step-info', job: n, source: buildSource, status: 200, fetched_at: fetchedAt, final: e.final });
      for (const s of build.steps) {
        for (const a of s.actions) {
          if (!a.has_output || !a.output_url) continue;
          const step = safeIndex(a.step);
          const node = safeIndex(a.index);
          if (step === null || node === null) {
            e.notes.push(`an action with step ${quote(a.step)} node ${quote(a.index)} cannot name a file; its output was not downloaded`);
            ctx.failed = true;
            this.fail(`job ${n}`, new Error(`step ${quote(a.step)} node ${quote(a.index)} is not a step id / node index`));
            continue;
          }
          this.queueOutput(ctx, a, step, node);
        }
      }
    }

    if (!wantArtifacts) return;
    if (list === null) {
      e.notes.push('no artifact list (404)');
      return;
    }
    const names = nameArtifacts(list);
    for (const art of list) {
      const named = names.get(artifactKey(art.node_index, art.path));
      if (named) this.queueArtifact(ctx, art, `${rel}/artifacts/${named.rel}`, named.renamed);
    }
  }

  private queueOutput(ctx: JobCtx, action: StepAction, step: number, node: number): void {
    const base = `${ctx.rel}/step-${step}${node === 0 ? '' : `-node-${node}`}`;
    if (ctx.added.has(base)) return;
    ctx.added.add(base);
    ctx.pending++;
    this.task(`output of step ${step}${node ? ` node ${node}` : ''} of job ${ctx.number}`, P.file, () => this.outputTask(ctx, action, step, node, base), (e) => this.settleJobPart(ctx, e));
  }

  private async outputTask(ctx: JobCtx, action: StepAction, step: number, node: number, base: string): Promise<void> {
    // A finished step's output never changes: fetched once, never again.
    const [json, txt] = [await this.have(`${base}.json`), await this.have(`${base}.txt`)];
    if (json?.final && txt?.final) {
      this.counts.outputsThere++;
      return;
    }
    // Stopped between the two renames: the text is made again from the body of record on disk.
    if (json?.final && (await this.deriveText(json, base))) {
      this.counts.outputsThere++;
      return;
    }
    const t = this.client.transport;
    const signal = this.o.signal;
    let res = await t.fetchUrl(action.output_url!, { credentials: 'none' }, signal);
    let final = isActionFinal(action.status);
    if (res.status === 403 || res.status === 400) {
      // Presigned links expire in minutes: one fresh copy of the build per job, shared.
      const fresh = await this.freshBuild(ctx);
      const again = fresh.steps.find((s) => s.step === step)?.actions.find((a) => a.index === node);
      if (again?.output_url) {
        res = await t.fetchUrl(again.output_url, { credentials: 'none' }, signal);
        final = isActionFinal(again.status);
      }
    }
    if (res.status !== 200) throw storageError(res.status);
    const fetchedAt = new Date().toISOString();
    const meta = {
      source: t.describe(res.url),
      status: res.status,
      fetched_at: fetchedAt,
      content_type: res.headers['content-type'] ?? null,
      job: ctx.number,
      step,
      node,
      final,
    };
    await this.put(`${base}.json`, res.body, { kind: 'step-output', ...meta });
    const text = parseStepOutput(res.body).text;
    await this.put(`${base}.txt`, Buffer.from(text, 'utf8'), { kind: 'step-output-text', derived_from: `${base}.json`, ...meta });
    this.counts.outputs++;
  }

  private async deriveText(json: FileRecord, base: string): Promise<boolean> {
    const body = await this.dir.readSmall(json.path, json.size).catch(() => null);
    if (!body || sha256(body) !== json.sha256) return false;
    const { path: _p, kind: _k, size: _s, sha256: _h, replaced: _r, note: _n, ...meta } = json;
    await this.put(`${base}.txt`, Buffer.from(parseStepOutput(body).text, 'utf8'), { ...meta, kind: 'step-output-text', derived_from: json.path });
    return true;
  }

  private freshBuild(ctx: JobCtx): Promise<BuildDetails> {
    if (ctx.refresh && Date.now() - ctx.refresh.at < 30_000) return ctx.refresh.build;
    const build = this.client.build(ctx.project, ctx.number, { fresh: true });
    ctx.refresh = { at: Date.now(), build };
    build.catch(() => {
      ctx.refresh = null;
    });
    return build;
  }

  private queueArtifact(ctx: JobCtx, art: Artifact, rel: string, renamed: string | null): void {
    if (ctx.added.has(rel)) return;
    ctx.added.add(rel);
    ctx.pending++;
    this.task(`artifact ${quote(art.path, 60)} (node ${art.node_index}) of job ${ctx.number}`, P.file, () => this.artifactTask(ctx, art, rel, renamed), (e) => this.settleJobPart(ctx, e));
  }

  private async artifactTask(ctx: JobCtx, art: Artifact, rel: string, renamed: string | null): Promise<void> {
    if (await this.have(rel)) {
      this.counts.artifactsThere++;
      return;
    }
    const t = this.client.transport;
    // The token is offered only to a CircleCI artifact host the transport also trusts; the 302 to
    // storage leaves the trusted origins, and the transport drops the token for that hop and after.
    const wantToken = isArtifactHost(art.url, this.artifactOrigins);
    const credentials = wantToken && t.isTrusted(art.url) ? 'token' : 'none';
    const res = await t.fetchUrl(art.url, { credentials: wantToken ? 'if-trusted' : 'none' }, this.o.signal);
    if (res.status !== 200) {
      const origin = new URL(art.url).origin;
      const hint = credentials === 'none' && (res.status === 401 || res.status === 403 || (wantToken && res.status === 404))
        ? `; the token is offered only to CircleCI artifact hosts (https://*.circle-artifacts.com, or one named with --artifacts-host ${origin})`
        : '';
      const err = storageError(res.status);
      throw new ApiError(err.kind, `${err.message}${hint}`, err.status);
    }
    const max = this.o.maxArtifactBytes ?? 512 * 1024 * 1024;
    if (res.body.length > max) throw new ApiError('malformed', `${res.body.length} bytes decoded, over the ${max}-byte limit; not kept`);
    await this.put(rel, res.body, {
      kind: 'artifact',
      job: ctx.number,
      source: stripPresignedQuery(art.url),
      final_url: t.describe(res.url),
      status: res.status,
      fetched_at: new Date().toISOString(),
      content_type: res.headers['content-type'] ?? null,
      original_path: art.path,
      artifact_node: art.node_index,
      renamed,
      credentials,
      final: true,
    });
    this.counts.artifacts++;
  }
}

/** What a non-200 from storage or the artifact host means; the task's label says what was fetched. */
function storageError(status: number): ApiError {
  if (status === 403 || status === 400) return new ApiError('forbidden', `refused (${status}), even with a fresh link`, status);
  if (status === 401) return new ApiError('auth', 'needs credentials (401)', status);
  if (status === 404) return new ApiError('not-found', 'gone (404)', 404);
  if (status === 429) return new ApiError('rate-limited', 'rate limited (429)', 429);
  return new ApiError(status >= 500 ? 'server' : 'http', `answered ${status}`, status);
}

function v1Slug(slug: string): string {
  const [vcs, ...rest] = slugPath(slug).split('/');
  return [vcs === 'gh' ? 'github' : vcs === 'bb' ? 'bitbucket' : vcs, ...rest].join('/');
}

function machine(): Manifest['machine'] {
  let user: string | null = null;
  try {
    user = os.userInfo().username;
  } catch {
    user = null;
  }
  return { hostname: os.hostname(), user, platform: `${process.platform}-${process.arch}` };
}

function describeTarget(t: DownloadTarget): string {
  switch (t.kind) {
    case 'job': return `job ${t.number} of ${t.project}`;
    case 'workflow': return `workflow ${quote(t.id)}`;
    case 'pipeline': return `pipeline ${t.number} of ${t.project}`;
    case 'project': return `${t.project} since ${t.since}${t.until ? ` until ${t.until}` : ''}`;
  }
}
