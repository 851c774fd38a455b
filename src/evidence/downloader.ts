// Downloads a job, workflow, pipeline or a project's time window into an evidence folder, in the
// layout of CircleCI's incident guide (its grep recipes keep working) plus what the guide's
// scripts lose: every page of jobs, every parallel node, the raw output bodies, details,
// pipelines and artifacts. Requests run in parallel (bounded), the folder is written atomically,
// and manifest.json records what is done, so a rerun after Ctrl-C or kill -9 finishes the job
// without fetching again what is already there (finished jobs never change). One pipeline,
// workflow, job or step that fails or cannot be parsed never loses the others (salvage.ts).
import { setMaxListeners } from 'node:events';
import { ApiError, isApiError } from '../api/errors.js';
import * as N from '../api/normalize.js';
import { id, slugPath } from '../api/paths.js';
import { isWorkflowFinal } from '../api/status.js';
import type { Pipeline, Workflow } from '../api/types.js';
import { MAX_JSON_DEPTH } from '../text/safe-json.js';
import { P, type DownloadFailure, type DownloadOptions, type DownloadResult, type DownloadTarget } from './download-types.js';
import { EvidenceDir, EvidenceFsError } from './fs.js';
import { JobDownloads, type Runtime } from './job-downloads.js';
import {
  machine, MANIFEST_FORMAT, MANIFEST_NAME, MANIFEST_VERSION, ManifestState, MAX_UNNUMBERED, parseManifest,
  type Manifest, type QueryRecord, type RunRecord, type TargetRecord, type WorkflowEntry,
} from './manifest.js';
import { TaskPool } from './pool.js';
import { ProgressMeter } from './progress.js';
import { cutByDepth, jsonBytes } from './projections.js';
import { Recorder } from './recorder.js';
import { quote, safeIndex, safeWorkflowDir } from './safe-name.js';
import { ItemNotFetched } from './missing.js';
import { isBodyProblem, MAX_LIST_ITEMS, Salvager, UNPARSED } from './salvage.js';
import { STOPPED, unlessStopped } from './stop.js';
import { describeSetAside } from './tamper.js';

export type { DownloadFailure, DownloadOptions, DownloadResult, DownloadTarget } from './download-types.js';
export { isArtifactHost } from './artifact-host.js';

const RETRYABLE = new Set(['server', 'rate-limited', 'network', 'timeout']);
const MAX_MANIFEST_BYTES = 256 * 1024 * 1024;

export async function downloadEvidence(opts: DownloadOptions): Promise<DownloadResult> {
  const dir = await EvidenceDir.open(opts.out);
  const release = await dir.lock();
  const d = new Download(opts, dir);
  try {
    return await d.run();
  } finally {
    // However the run ended (an error too), nothing is drawn after its last word: the caller ends the line.
    d.meter.close();
    await release();
  }
}

/** Where the raw bodies of a pipeline go (its workflows have folders of their own). */
function pipelineDir(p: { number: number | null; id: string }): string {
  const n = safeIndex(p.number);
  return n !== null ? `pipeline-${n}` : `pipeline-${safeWorkflowDir(p.id) ?? 'unnumbered'}`;
}

type Listed = { p: Pipeline; source: string; at: string };

class Download implements Runtime {
  readonly client: DownloadOptions['client'];
  rec!: Recorder;
  salvage!: Salvager;
  private jobs!: JobDownloads;
  readonly meter: ProgressMeter;
  private readonly pool: TaskPool;
  private readonly started = new Date();
  private run_!: RunRecord;
  private readonly failures: DownloadFailure[] = [];
  private readonly truncatedBefore: number;
  private readonly notes: string[] = [];
  private readonly keys = new Set<string>();

  constructor(readonly o: DownloadOptions, private readonly dir: EvidenceDir) {
    this.client = o.client;
    this.truncatedBefore = o.client.truncated.length;
    this.meter = new ProgressMeter(this.started.getTime(), o.onProgress, o.progressIntervalMs ?? 100);
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
    const signal = this.o.signal;
    const [removed, who] = await Promise.all([this.dir.cleanTmp(), unlessStopped(this.client.me(), signal)]);
    if (removed > 0) this.notes.push(`removed ${removed} temporary file(s) left by an interrupted run`);
    // Stopped before CircleCI said who we are: the run is still recorded, as interrupted, with nothing written.
    const me = who === STOPPED ? null : { login: who.login, id: who.id };
    const state = new ManifestState(await this.loadManifest(me));
    this.run_ = {
      started_at: this.started.toISOString(),
      finished_at: null,
      query: this.query(),
      me,
      outcome: 'running',
      files_written: 0,
      files_unchanged: 0,
      files_replaced: 0,
      bytes_written: 0,
      failures: [],
      unparsed: 0,
    };
    state.m.runs.push(this.run_);
    state.m.query = this.run_.query;
    if (me) state.m.circleci.me = me;
    this.rec = new Recorder(this.dir, state, this.run_, this.meter, this.o.checkpointMs ?? 1000);
    this.salvage = new Salvager(this.client.transport, this.rec, this.notes, this.o.maxListItems ?? MAX_LIST_ITEMS, this.o.signal);
    this.jobs = new JobDownloads(this, this.notes);
    // Before anything is written: a recorded file that changed is kept aside, then fetched afresh.
    await this.rec.checkRecorded(signal);

    if (!signal?.aborted) this.task(`find what to download (${describeTarget(this.o.target)})`, P.list, () => this.resolveTarget(), () => undefined);
    // Once stopped, tasks still waiting on the network are abandoned; those writing finish first (Recorder.close).
    await unlessStopped(this.pool.drain(), signal);
    return this.finish();
  }

  // ---- the folder's record ---------------------------------------------------------------------

  private async loadManifest(me: { login: string; id: string } | null): Promise<Manifest> {
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
      unparsed: [],
      notes: [],
    });
    if (bytes === null) return fresh();
    const m = parseManifest(bytes, this.notes);
    if (!m) throw new EvidenceFsError(`${this.dir.label}/${MANIFEST_NAME} is not a circle-sleuth manifest; download into another folder (--out)`);
    const recorded: unknown = m.circleci?.host;
    if (recorded && recorded !== this.client.host && !(typeof recorded === 'string' && this.o.sameHost?.(recorded))) {
      throw new EvidenceFsError(`${this.dir.label} holds evidence from ${quote(m.circleci.host)}, not ${this.client.host}; download into another folder (--out)`);
    }
    return {
      ...fresh(),
      ...m,
      tool: this.o.tool ?? m.tool,
      node: process.version,
      machine: machine(),
      circleci: { host: this.client.host, me: me ?? m.circleci?.me ?? null },
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

  private async finish(): Promise<DownloadResult> {
    await this.rec.close();
    // A list the client stopped paging (a server offering pages without end) may be missing items: not complete.
    for (const line of this.client.truncated.slice(this.truncatedBefore)) this.failures.push({ what: 'listing', error: line });
    const aborted = Boolean(this.o.signal?.aborted);
    const unparsed = this.rec.unparsedThisRun();
    const outcome = aborted ? 'interrupted' : this.failures.length > 0 || unparsed.length > 0 ? 'incomplete' : 'complete';
    const finishedAt = new Date().toISOString();
    const missing = this.failures.flatMap((f) => (f.missing ? [f.missing] : []));
    Object.assign(this.run_, { finished_at: finishedAt, outcome, failures: this.failures.slice(0, 1000).map(({ what, error }) => ({ what, error })), missing: missing.slice(0, 1000) });
    for (const s of this.rec.setAside) this.notes.push(describeSetAside(s));
    const m = this.rec.state.m;
    m.finished_at = finishedAt;
    m.complete = outcome === 'complete';
    m.notes = [...new Set([...m.notes, ...this.notes])].slice(-1000);
    await this.rec.checkpoint();
    this.meter.close();
    const c = this.rec.counts;
    return {
      dir: this.dir.root,
      outcome,
      complete: outcome === 'complete',
      startedAt: this.run_.started_at,
      finishedAt,
      jobs: { seen: this.jobs.jobs.size, complete: c.jobsComplete, alreadyComplete: c.alreadyComplete, unfinished: this.jobs.unfinished() },
      stepOutputs: { fetched: c.outputs, alreadyThere: c.outputsThere },
      artifacts: { fetched: c.artifacts, alreadyThere: c.artifactsThere },
      files: { written: c.written, unchanged: c.unchanged, replaced: c.replaced },
      bytesWritten: c.bytes,
      // Copies: a task abandoned by a stop must not change the result after it is returned.
      failures: [...this.failures],
      missing,
      unparsed,
      tampered: [...this.rec.setAside],
      notes: [...this.notes],
    };
  }

  // ---- scheduling ------------------------------------------------------------------------------

  hasKey(key: string): boolean {
    return this.keys.has(key);
  }

  /** Queues `run` once per key (a retried listing must not queue its children twice). */
  task(what: string, priority: number, run: () => Promise<void>, settle: (error: unknown) => void, key?: string): void {
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

  fail(what: string, error: unknown): void {
    // Once stopped, what fails is the stop itself (aborted requests, refused writes), not the evidence.
    if (this.o.signal?.aborted) return;
    const msg = error instanceof Error ? error.message : String(error);
    // An item not fetched for a reason of its own carries what it is (missing.ts): the run is complete except it.
    this.failures.push({ what, error: this.client.transport.redact(msg), ...(error instanceof ItemNotFetched ? { missing: error.missing } : {}) });
  }

  // ---- targets ---------------------------------------------------------------------------------

  private async resolveTarget(): Promise<void> {
    const t = this.o.target;
    const c = this.client;
    if (t.kind === 'project') return this.projectWindow(t);
    if (t.kind === 'pipeline') {
      const source = `/api/v2/project/${slugPath(t.project)}/pipeline/${t.number}`;
      const p = await this.salvage.doc(() => c.pipelineByNumber(t.project, t.number), source, `pipeline-${t.number}/pipeline.raw`);
      if (p !== UNPARSED) this.queuePipeline(p, t.project, { source, at: new Date().toISOString() });
      return;
    }
    if (t.kind === 'workflow') {
      const wid = safeWorkflowDir(t.id);
      if (!wid) throw new EvidenceFsError(`refusing workflow id ${quote(t.id)}: not an id, so it cannot name a folder`);
      const source = `/api/v2/workflow/${wid}`;
      const wf = await this.salvage.doc(() => c.workflow(wid), source, `${wid}/workflow.raw`);
      if (wf !== UNPARSED) await this.queueWorkflowWithPipeline(wf, t.project ?? (wf.project_slug || null), source);
      return;
    }
    const source = `/api/v2/project/${slugPath(t.project)}/job/${t.number}`;
    const details = await this.salvage.doc(() => c.jobDetails(t.project, t.number), source, `job-${t.number}.job-details.raw`);
    if (details === UNPARSED) return;
    const wid = details.latest_workflow.id;
    if (!wid) throw new ApiError('malformed', `job ${t.number} names no workflow; cannot place it in the folder`);
    const wf = await c.workflow(wid);
    await this.queueWorkflowWithPipeline(wf, t.project, `/api/v2/workflow/${wid}`, t.number);
  }

  /** Every pipeline of the window. A page the client cannot use is read again raw (kept if unusable). */
  private async projectWindow(t: Extract<DownloadTarget, { kind: 'project' }>): Promise<void> {
    const source = `/api/v2/project/${slugPath(t.project)}/pipeline`;
    try {
      for await (const page of this.client.pipelinePages(t.project, { since: t.since, until: t.until })) {
        if (this.o.signal?.aborted) return;
        const at = new Date().toISOString();
        for (const p of page) this.queuePipeline(p, t.project, { source, at });
      }
      this.rec.used(source);
      return;
    } catch (e) {
      if (!isBodyProblem(e)) throw e;
      const since = Date.parse(t.since);
      const until = t.until ? Date.parse(t.until) : Infinity;
      const at = (p: Pipeline): number => Date.parse(p.created_at);
      const { items } = await this.salvage.relist(source, {}, this.salvage.reason(e), (k) => `pipelines.page-${k}.raw`, N.toPipeline, undefined, (page) => {
        const oldest = page.at(-1);
        return oldest !== undefined && at(oldest) < since;
      });
      const now = new Date().toISOString();
      for (const p of items) {
        if (Number.isNaN(at(p)) || (at(p) >= since && at(p) <= until)) this.queuePipeline(p, t.project, { source, at: now });
      }
    }
  }

  private async queueWorkflowWithPipeline(wf: Workflow, project: string | null, source: string, onlyJob?: number): Promise<void> {
    let pipeline: Listed | null = null;
    if (wf.pipeline_id) {
      const path = `/api/v2/pipeline/${id(wf.pipeline_id, 'pipeline')}`;
      const p = await this.salvage.doc(() => this.client.pipeline(wf.pipeline_id).catch((e: unknown) => {
        if (isApiError(e) && e.kind === 'not-found') return null;
        throw e;
      }), path, `${pipelineDir({ number: wf.pipeline_number, id: wf.pipeline_id })}/pipeline.raw`);
      if (p === null) this.notes.push(`pipeline ${quote(wf.pipeline_id)} of workflow ${quote(wf.id)} is not visible (404); pipeline.json not written`);
      else if (p !== UNPARSED) pipeline = { p, source: path, at: new Date().toISOString() };
    }
    this.queueWorkflow(wf, pipeline, project ?? pipeline?.p.project_slug ?? null, { source, at: new Date().toISOString() }, onlyJob);
  }

  private queuePipeline(p: Pipeline, project: string, from: { source: string; at: string }): void {
    this.task(`workflows of pipeline ${p.number}`, P.pipeline, async () => {
      const base = `/api/v2/pipeline/${id(p.id, 'pipeline')}/workflow`;
      const { items: wfs, partial } = await this.salvage.list(() => this.client.workflows(p.id), base, (k) => `${pipelineDir(p)}/workflows.page-${k}.raw`, N.toWorkflow);
      const at = new Date().toISOString();
      if (wfs.length === 0 && !partial) this.notes.push(`pipeline ${p.number} has no workflows (nothing ran; see its errors in the API)`);
      for (const wf of wfs) this.queueWorkflow(wf, { p, source: from.source, at: from.at }, project, { source: base, at });
    }, () => undefined, `p:${p.id}`);
  }

  private queueWorkflow(wf: Workflow, pipeline: Listed | null, project: string | null, from: { source: string; at: string }, onlyJob?: number): void {
    this.task(`jobs of workflow ${quote(wf.id)}`, P.workflow, async () => {
      const wid = safeWorkflowDir(wf.id);
      if (!wid) throw new EvidenceFsError(`refusing workflow id ${quote(wf.id)}: not an id, so it cannot name a folder`);
      const slug = project ?? (wf.project_slug || null);
      if (!slug) throw new ApiError('malformed', `workflow ${wid} names no project; pass --project`);
      // The workflow's own files failing (a non-file planted in their place) must not lose its jobs.
      if (pipeline) await this.putPipeline(wid, pipeline).catch((e: unknown) => this.fail(`pipeline.json of workflow ${wid}`, e));
      await this.rec.put(`${wid}/workflow.json`, jsonBytes(wf), { kind: 'workflow', source: from.source, status: 200, fetched_at: from.at, final: isWorkflowFinal(wf.status) })
        .catch((e: unknown) => this.fail(`workflow.json of workflow ${wid}`, e));
      const base = `/api/v2/workflow/${wid}/job`;
      const { items: jobs } = await this.salvage.list(() => this.client.jobs(wid), base, (k) => `${wid}/jobs.page-${k}.raw`, N.toJob);
      const at = new Date().toISOString();
      const unnumbered: WorkflowEntry['unnumbered_jobs'] = [];
      let unnumberedTotal = 0;
      let listed = false;
      for (const job of jobs) {
        const n = safeIndex(job.job_number);
        if (n === null) {
          if (++unnumberedTotal <= MAX_UNNUMBERED) unnumbered.push({ id: job.id, name: job.name, type: job.type, status: job.status });
          continue;
        }
        if (onlyJob !== undefined && n !== onlyJob) continue;
        listed = true;
        this.jobs.queue(job, n, wid, slug, at);
      }
      if (onlyJob !== undefined && !listed) throw new ApiError('not-found', `job ${onlyJob} is not listed in workflow ${wid}`);
      this.rec.state.m.workflows[wid] = {
        id: wid, name: wf.name, status: wf.status, pipeline_id: wf.pipeline_id, pipeline_number: pipeline?.p.number ?? wf.pipeline_number, unnumbered_jobs: unnumbered,
        ...(unnumberedTotal > unnumbered.length ? { unnumbered_total: unnumberedTotal } : {}),
      };
      if (unnumberedTotal > 0) this.notes.push(`workflow ${wid}: ${unnumberedTotal} job(s) without a number (approval jobs) are listed in the manifest only${unnumberedTotal > MAX_UNNUMBERED ? ` (the first ${MAX_UNNUMBERED})` : ''}`);
    }, () => undefined, `w:${wf.id}`);
  }

  /**
   * pipeline.json. A pipeline nested past MAX_JSON_DEPTH (a hostile trigger_parameters) is cut
   * there with a visible marker, and its body is kept once, exactly as CircleCI serves it.
   */
  private async putPipeline(wid: string, pipeline: Listed): Promise<void> {
    const { p } = pipeline;
    await this.rec.put(`${wid}/pipeline.json`, jsonBytes(p), { kind: 'pipeline', source: pipeline.source, status: 200, fetched_at: pipeline.at });
    // Looked at once per pipeline, however many workflows it has.
    if (this.keys.has(`depth:${p.id}`)) return;
    this.keys.add(`depth:${p.id}`);
    if (!cutByDepth(p)) return;
    const fields = Object.entries(p).filter(([, v]) => cutByDepth([v])).map(([k]) => k);
    const why = `${fields.join(', ') || 'the pipeline'} nest deeper than ${MAX_JSON_DEPTH} levels: pipeline.json cuts them there with a marker`;
    await this.salvage.keepAgain(`/api/v2/pipeline/${id(p.id, 'pipeline')}`, `${pipelineDir(p)}/pipeline.raw`, why);
  }
}

function describeTarget(t: DownloadTarget): string {
  switch (t.kind) {
    case 'job': return `job ${t.number} of ${t.project}`;
    case 'workflow': return `workflow ${quote(t.id)}`;
    case 'pipeline': return `pipeline ${t.number} of ${t.project}`;
    case 'project': return `${t.project} since ${t.since}${t.until ? ` until ${t.until}` : ''}`;
  }
}
