// One job's evidence: job-info, details, step-info, every step output on every node, artifacts.
// Its parts are independent: a part that fails or cannot be parsed is recorded and the others are
// still fetched; the job counts as complete only when every part is in the folder.
import type { CircleCiClient } from '../api/client.js';
import { ApiError, isApiError } from '../api/errors.js';
import * as N from '../api/normalize.js';
import { slugPath, v1SlugPath } from '../api/paths.js';
import { stripPresignedQuery } from '../api/redact.js';
import { isActionFinal, isJobFinal } from '../api/status.js';
import { parseStepOutput } from '../api/step-output.js';
import type { Artifact, BuildDetails, Job, StepAction } from '../api/types.js';
import { isArtifactHost } from './artifact-host.js';
import { P, type DownloadOptions } from './download-types.js';
import type { FileRecord, JobEntry } from './manifest.js';
import { jobInfo, jsonBytes, stepInfo } from './projections.js';
import type { Recorder } from './recorder.js';
import { artifactKey, nameArtifacts, quote, safeIndex } from './safe-name.js';
import { asItemError } from './missing.js';
import { describeProblem, isBodyProblem, UNPARSED, type Salvager } from './salvage.js';

/** What the job tasks need from the download that runs them. */
export interface Runtime {
  readonly client: CircleCiClient;
  readonly o: DownloadOptions;
  readonly rec: Recorder;
  readonly salvage: Salvager;
  task(what: string, priority: number, run: () => Promise<void>, settle: (error: unknown) => void, key?: string): void;
  fail(what: string, error: unknown): void;
  hasKey(key: string): boolean;
}

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

export class JobDownloads {
  readonly jobs = new Map<number, JobCtx>();
  /** Files each job folder held when the run started (for the "already complete" check). */
  private readonly byJob = new Map<string, string[]>();

  constructor(private readonly rt: Runtime, private readonly notes: string[]) {
    for (const path of rt.rec.state.files.keys()) {
      const m = /^([^/]+\/job-\d+)\//.exec(path);
      if (!m) continue;
      const list = this.byJob.get(m[1]!);
      if (list) list.push(path);
      else this.byJob.set(m[1]!, [path]);
    }
  }

  /** Jobs complete for now but not finished (running, on hold). */
  unfinished(): number {
    let n = 0;
    for (const j of this.jobs.values()) if (j.entry.complete && !j.entry.final) n++;
    return n;
  }

  queue(job: Job, n: number, wid: string, project: string, listedAt: string): void {
    if (this.rt.hasKey(`j:${n}`)) {
      const first = this.jobs.get(n);
      if (first && first.wid !== wid) this.notes.push(`job ${n} is listed in workflows ${first.wid} and ${wid}; downloaded once, under ${first.wid}`);
      return;
    }
    const prev = this.rt.rec.state.m.jobs[String(n)];
    const entry: JobEntry = prev && prev.workflow_id === wid ? prev : {
      number: n, workflow_id: wid, name: job.name, type: job.type, status: job.status, final: false, complete: false, completed_at: null, notes: [],
    };
    const ctx: JobCtx = { number: n, wid, rel: `${wid}/job-${n}`, project, job, entry, pending: 1, failed: false, added: new Set(), refresh: null };
    this.jobs.set(n, ctx);
    this.rt.task(`job ${n}`, P.job, () => this.jobTask(ctx, listedAt), (e) => this.settlePart(ctx, e), `j:${n}`);
  }

  private settlePart(ctx: JobCtx, error: unknown): void {
    if (error !== null) ctx.failed = true;
    ctx.pending--;
    if (ctx.pending > 0 || ctx.failed || this.rt.o.signal?.aborted) return;
    if (ctx.entry.complete && ctx.entry.completed_at && ctx.added.has('skip')) return;
    ctx.entry.complete = true;
    ctx.entry.completed_at = new Date().toISOString();
    this.rt.rec.counts.jobsComplete++;
    this.rt.rec.saveSoon();
  }

  private async intact(ctx: JobCtx): Promise<boolean> {
    const paths = this.byJob.get(ctx.rel) ?? [];
    if (!paths.includes(`${ctx.rel}/job-info.json`)) return false;
    for (const path of paths) if (!(await this.rt.rec.have(path))) return false;
    return true;
  }

  private async jobTask(ctx: JobCtx, listedAt: string): Promise<void> {
    const { number: n, rel, project } = ctx;
    const { client: c, rec, salvage } = this.rt;
    const e = ctx.entry;
    // Finished jobs never change: a complete one is not fetched again.
    if (e.complete && e.final && (await this.intact(ctx))) {
      ctx.added.add('skip');
      rec.counts.alreadyComplete++;
      return;
    }
    rec.state.m.jobs[String(n)] = e;
    Object.assign(e, { name: ctx.job.name, type: ctx.job.type, status: ctx.job.status, complete: false, completed_at: null, notes: [] });
    await rec.put(`${rel}/job-info.json`, jsonBytes(jobInfo(ctx.job)), { kind: 'job-info', job: n, source: `/api/v2/workflow/${ctx.wid}/job`, status: 200, fetched_at: listedAt, final: isJobFinal(ctx.job.status) });
    if (ctx.job.type === 'approval') {
      e.final = isJobFinal(ctx.job.status);
      e.notes.push(`approval job (${ctx.job.status}${ctx.job.approved_by ? `, approved by ${ctx.job.approved_by}` : ''}): no details, steps or output exist; job-info.json only`);
      return;
    }

    // Details, steps and the artifact list are independent: asked for at once, and one that fails
    // or cannot be parsed does not stop the others. An error that is not about the body is
    // thrown at the end (the job is retried or recorded as failed), after the rest is queued.
    const notFound = <T>(p: Promise<T>): Promise<T | null> => p.catch((err: unknown) => {
      if (isApiError(err) && err.kind === 'not-found') return null;
      throw err;
    });
    const wantArtifacts = this.rt.o.artifacts !== false;
    const detailsPath = `/api/v2/project/${slugPath(project)}/job/${n}`;
    const buildPath = `/api/v1.1/project/${v1SlugPath(project)}/${n}`;
    const listPath = `/api/v2/project/${slugPath(project)}/${n}/artifacts`;
    let noList = false;
    const [details, build, list] = await Promise.allSettled([
      salvage.doc(() => notFound(c.jobDetails(project, n)), detailsPath, `${rel}/job-details.raw`, n),
      salvage.doc(() => notFound(c.build(project, n, { fresh: true })), buildPath, `${rel}/build.raw`, n),
      wantArtifacts
        ? salvage.list(() => notFound(c.artifacts(project, n, { jobFinished: isJobFinal(ctx.job.status) })).then((l) => {
          noList = l === null;
          return l ?? [];
        }), listPath, (k) => `${rel}/artifact-list.page-${k}.raw`, N.toArtifact, n)
        : Promise.resolve({ items: [] as Artifact[], partial: false }),
    ]);
    let hard: unknown = null;
    const value = <T>(r: PromiseSettledResult<T>): T | undefined => {
      if (r.status === 'fulfilled') return r.value;
      hard ??= r.reason;
      return undefined;
    };
    const fetchedAt = new Date().toISOString();

    const d = value(details);
    if (d === UNPARSED) {
      ctx.failed = true;
      e.notes.push('v2 job details could not be parsed; the body is kept in job-details.raw');
    } else if (d) {
      await rec.put(`${rel}/job-details.json`, jsonBytes(d), { kind: 'job-details', job: n, source: detailsPath, status: 200, fetched_at: fetchedAt, final: isJobFinal(d.status) });
    } else if (d === null) {
      e.notes.push('no v2 job details (404)');
    }
    const status = (d && d !== UNPARSED ? d.status : null) ?? ctx.job.status;
    e.status = status;

    const b = value(build);
    if (b === UNPARSED) {
      ctx.failed = true;
      e.final = isJobFinal(status);
      e.notes.push('v1.1 build could not be parsed; the body is kept in build.raw; no step-info.json or step output');
    } else if (b === null) {
      e.notes.push('no v1.1 build (404): the job may never have run; no step-info.json');
      e.final = isJobFinal(status);
    } else if (b) {
      const buildFinished = b.lifecycle === null ? isJobFinal(b.status) : b.lifecycle === 'finished' || b.lifecycle === 'not_run';
      e.final = isJobFinal(status) && buildFinished;
      await rec.put(`${rel}/step-info.json`, jsonBytes(stepInfo(b)), { kind: 'step-info', job: n, source: buildPath, status: 200, fetched_at: fetchedAt, final: e.final });
      this.queueSteps(ctx, b);
    }

    const l = value(list);
    if (noList) e.notes.push('no artifact list (404)');
    if (l?.partial) {
      ctx.failed = true;
      e.notes.push('the artifact list could not all be parsed; what could not is kept in artifact-list.page-<n>.raw');
    }
    // Every listed artifact gets a name; one listed twice (same node, path and URL) is one file.
    const items = l?.items ?? [];
    const names = nameArtifacts(items);
    const byFile = new Map<string, { named: { rel: string; renamed: string | null }; arts: Artifact[] }>();
    for (const art of items) {
      const named = names.get(artifactKey(art.node_index, art.path, art.url));
      if (!named) continue;
      const group = byFile.get(named.rel);
      if (group) group.arts.push(art);
      else byFile.set(named.rel, { named, arts: [art] });
    }
    for (const { named, arts } of byFile.values()) this.queueArtifact(ctx, arts, `${rel}/artifacts/${named.rel}`, named.renamed);
    if (hard !== null) throw hard;
  }

  private queueSteps(ctx: JobCtx, build: BuildDetails): void {
    for (const s of build.steps) {
      for (const a of s.actions) {
        if (!a.has_output || !a.output_url) continue;
        const step = safeIndex(a.step);
        const node = safeIndex(a.index);
        if (step === null || node === null) {
          ctx.entry.notes.push(`an action with step ${quote(a.step)} node ${quote(a.index)} cannot name a file; its output was not downloaded`);
          ctx.failed = true;
          this.rt.fail(`job ${ctx.number}`, new Error(`step ${quote(a.step)} node ${quote(a.index)} is not a step id / node index`));
          continue;
        }
        this.queueOutput(ctx, a, step, node);
      }
    }
  }

  private queueOutput(ctx: JobCtx, action: StepAction, step: number, node: number): void {
    const base = `${ctx.rel}/step-${step}${node === 0 ? '' : `-node-${node}`}`;
    if (ctx.added.has(base)) return;
    ctx.added.add(base);
    ctx.pending++;
    this.rt.task(`output of step ${step}${node ? ` node ${node}` : ''} of job ${ctx.number}`, P.file, () => this.outputTask(ctx, action, step, node, base), (e) => this.settlePart(ctx, e));
  }

  private async outputTask(ctx: JobCtx, action: StepAction, step: number, node: number, base: string): Promise<void> {
    const { rec } = this.rt;
    // A finished step's output never changes: fetched once, never again.
    const [json, txt] = [await rec.have(`${base}.json`), await rec.have(`${base}.txt`)];
    if (json?.final && txt?.final) {
      rec.counts.outputsThere++;
      return;
    }
    // Stopped between the two renames: the text is made again from the body of record on disk.
    if (json?.final && (await this.deriveText(ctx, json, base))) {
      rec.counts.outputsThere++;
      return;
    }
    const t = this.rt.client.transport;
    const signal = this.rt.o.signal;
    // What this output is, should it not be fetched: listed in the manifest, and the rest goes on.
    const item = { kind: 'step-output' as const, job: ctx.number, file: `${base}.json`, step, node, source: t.redact(t.describe(action.output_url!)) };
    const get = (url: string) => t.fetchUrl(url, { credentials: 'none' }, signal).catch((e: unknown) => {
      throw asItemError(e, item);
    });
    let res = await get(action.output_url!);
    let final = isActionFinal(action.status);
    if (res.status === 403 || res.status === 400) {
      // Presigned links expire in minutes: one fresh copy of the build per job, shared.
      const fresh = await this.freshBuild(ctx);
      const again = fresh.steps.find((s) => s.step === step)?.actions.find((a) => a.index === node);
      if (again?.output_url) {
        res = await get(again.output_url);
        final = isActionFinal(again.status);
      }
    }
    if (res.status !== 200) throw asItemError(storageError(res.status), item, res.body);
    const meta = {
      source: t.describe(res.url),
      status: res.status,
      fetched_at: new Date().toISOString(),
      content_type: res.headers['content-type'] ?? null,
      job: ctx.number,
      step,
      node,
      final,
    };
    // The body of record first: whatever it holds, it is kept exactly.
    await rec.put(`${base}.json`, res.body, { kind: 'step-output', ...meta });
    await this.putText(ctx, res.body, base, { kind: 'step-output-text', derived_from: `${base}.json`, ...meta });
    rec.counts.outputs++;
  }

  /** The readable text of an output body; a body too large to turn into text is listed as unparsed, the .json kept. */
  private async putText(ctx: JobCtx, body: Buffer, base: string, meta: Omit<FileRecord, 'path' | 'size' | 'sha256'>): Promise<void> {
    let text: string;
    try {
      text = parseStepOutput(body).text;
    } catch (e) {
      if (!isBodyProblem(e)) throw e;
      ctx.failed = true;
      this.rt.rec.unparsed({ endpoint: meta.source ?? `${base}.json`, file: `${base}.json`, reason: `no ${base.slice(base.lastIndexOf('/') + 1)}.txt: ${describeProblem(e)}` });
      return;
    }
    await this.rt.rec.put(`${base}.txt`, Buffer.from(text, 'utf8'), meta);
  }

  private async deriveText(ctx: JobCtx, json: FileRecord, base: string): Promise<boolean> {
    const body = await this.rt.rec.readBack(json);
    if (!body) return false;
    const { path: _p, kind: _k, size: _s, sha256: _h, replaced: _r, note: _n, ...meta } = json;
    await this.putText(ctx, body, base, { ...meta, kind: 'step-output-text', derived_from: json.path });
    return true;
  }

  private freshBuild(ctx: JobCtx): Promise<BuildDetails> {
    if (ctx.refresh && Date.now() - ctx.refresh.at < 30_000) return ctx.refresh.build;
    const build = this.rt.client.build(ctx.project, ctx.number, { fresh: true });
    ctx.refresh = { at: Date.now(), build };
    build.catch(() => {
      ctx.refresh = null;
    });
    return build;
  }

  /** `arts`: the listings this file holds (more than one only when the list repeats an artifact exactly). */
  private queueArtifact(ctx: JobCtx, arts: Artifact[], rel: string, renamed: string | null): void {
    if (ctx.added.has(rel)) return;
    ctx.added.add(rel);
    ctx.pending++;
    const art = arts[0]!;
    this.rt.task(`artifact ${quote(art.path, 60)} (node ${art.node_index}) of job ${ctx.number}`, P.file, () => this.artifactTask(ctx, arts, rel, renamed), (e) => this.settlePart(ctx, e));
  }

  private async artifactTask(ctx: JobCtx, arts: Artifact[], rel: string, renamed: string | null): Promise<void> {
    const art = arts[0]!;
    const { rec, o } = this.rt;
    if (await rec.have(rel)) {
      rec.counts.artifactsThere++;
      return;
    }
    const t = this.rt.client.transport;
    // The token is offered only to the CircleCI host (a Server install serves artifacts itself) or a CircleCI
    // artifact host the transport also trusts; the 302 to storage leaves the trusted origins, and the transport
    // drops the token for that hop and after.
    const wantToken = isArtifactHost(art.url, o.artifactOrigins ?? [], t.host);
    const credentials = wantToken && t.isTrusted(art.url) ? 'token' : 'none';
    const item = { kind: 'artifact' as const, job: ctx.number, file: rel, path: t.redact(art.path), node: art.node_index, source: t.redact(stripPresignedQuery(art.url)) };
    const res = await t.fetchUrl(art.url, { credentials: wantToken ? 'if-trusted' : 'none' }, o.signal).catch((e: unknown) => {
      throw asItemError(e, item);
    });
    if (res.status !== 200) {
      const origin = new URL(art.url).origin;
      const hint = credentials === 'none' && (res.status === 401 || res.status === 403 || (wantToken && res.status === 404))
        ? `; the token is offered only to the CircleCI host and CircleCI artifact hosts (https://*.circle-artifacts.com, or one named with --artifacts-host ${origin})`
        : '';
      const err = storageError(res.status);
      throw asItemError(new ApiError(err.kind, `${err.message}${hint}`, err.status), item, res.body);
    }
    const max = o.maxArtifactBytes ?? 512 * 1024 * 1024;
    if (res.body.length > max) throw asItemError(new ApiError('malformed', `${res.body.length} bytes decoded, over the ${max}-byte limit; not kept`), item);
    await rec.put(rel, res.body, {
      kind: 'artifact',
      job: ctx.number,
      source: stripPresignedQuery(art.url),
      final_url: t.describe(res.url),
      status: res.status,
      fetched_at: new Date().toISOString(),
      content_type: res.headers['content-type'] ?? null,
      original_path: art.path,
      artifact_node: art.node_index,
      ...(arts.length > 1 ? { originals: arts.map((a) => ({ path: a.path, node: a.node_index, url: stripPresignedQuery(a.url) })) } : {}),
      renamed,
      credentials,
      final: true,
    });
    rec.counts.artifacts++;
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
