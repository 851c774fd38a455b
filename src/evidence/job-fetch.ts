// The job fetch: one job's evidence, from the job as its workflow lists it to job-info, details,
// step-info, every step output on every node, and artifacts. Its parts are independent: a part that
// fails or cannot be parsed is recorded and the others are still fetched; the job counts as complete
// only when every part is in the folder. (Which jobs to fetch is the plan's: target-plan.ts.)
import { ApiError, isApiError } from '../api/errors.js';
import * as N from '../api/normalize.js';
import { slugPath, v1SlugPath } from '../api/paths.js';
import { stripPresignedQuery } from '../api/redact.js';
import { isActionFinal, isJobFinal } from '../api/status.js';
import { parseStepOutput } from '../api/step-output.js';
import { fetchOutputLink, storageError } from '../api/storage.js';
import type { Artifact, BuildDetails, Job, StepAction } from '../api/types.js';
import { isArtifactHost } from './artifact-host.js';
import { TASK_PRIORITY, type DownloadRuntime } from './download-runtime.js';
import type { FileRecord, JobEntry } from './manifest.js';
import { jobInfo, jsonBytes, stepInfo } from './projections.js';
import { artifactKey, nameArtifacts, quote, safeIndex } from './safe-name.js';
import { asItemError } from './missing.js';
import { describeProblem, isBodyProblem, UNPARSED } from './salvage.js';

/** One job while this run fetches it. */
interface JobRun {
  number: number;
  workflowId: string;
  /** The job's folder, relative to DIR: `<workflow>/job-<n>`. */
  folder: string;
  project: string;
  job: Job;
  entry: JobEntry;
  /** Parts queued and not yet settled (the job's own task counts as one). */
  pending: number;
  failed: boolean;
  /** Already complete and final when the run began: nothing fetched, nothing to mark. */
  skipped: boolean;
  /** Files queued for it (an output or artifact the lists name twice is fetched once). */
  queuedFiles: Set<string>;
  /** One fresh copy of the build, shared by its outputs whose links expired (for 30 s). */
  freshBuild: { at: number; build: Promise<BuildDetails> } | null;
}

export class JobFetch {
  readonly jobs = new Map<number, JobRun>();
  /** Files each job folder held when the run started (for the "already complete" check). */
  private readonly filesByJobFolder = new Map<string, string[]>();

  constructor(private readonly runtime: DownloadRuntime) {
    for (const path of runtime.recorder.state.files.keys()) {
      const folder = /^([^/]+\/job-\d+)\//.exec(path)?.[1];
      if (!folder) continue;
      const list = this.filesByJobFolder.get(folder);
      if (list) list.push(path);
      else this.filesByJobFolder.set(folder, [path]);
    }
  }

  /** Jobs complete for now but not finished (running, on hold). */
  unfinished(): number {
    let count = 0;
    for (const run of this.jobs.values()) if (run.entry.complete && !run.entry.final) count++;
    return count;
  }

  queue(job: Job, jobNumber: number, workflowId: string, project: string, listedAt: string): void {
    if (this.runtime.hasKey(`j:${jobNumber}`)) {
      const first = this.jobs.get(jobNumber);
      if (first && first.workflowId !== workflowId) {
        this.runtime.notes.push(`job ${jobNumber} is listed in workflows ${first.workflowId} and ${workflowId}; downloaded once, under ${first.workflowId}`);
      }
      return;
    }
    const prev = this.runtime.recorder.state.manifest.jobs[String(jobNumber)];
    const entry: JobEntry = prev && prev.workflow_id === workflowId ? prev : {
      number: jobNumber, workflow_id: workflowId, name: job.name, type: job.type, status: job.status, final: false, complete: false, completed_at: null, notes: [],
    };
    const run: JobRun = {
      number: jobNumber, workflowId, folder: `${workflowId}/job-${jobNumber}`, project, job, entry,
      pending: 1, failed: false, skipped: false, queuedFiles: new Set(), freshBuild: null,
    };
    this.jobs.set(jobNumber, run);
    this.runtime.task(`job ${jobNumber}`, TASK_PRIORITY.job, () => this.jobTask(run, listedAt), (e) => this.settlePart(run, e), `j:${jobNumber}`);
  }

  private settlePart(run: JobRun, error: unknown): void {
    if (error !== null) run.failed = true;
    run.pending--;
    if (run.pending > 0 || run.failed || this.runtime.options.signal?.aborted) return;
    if (run.entry.complete && run.entry.completed_at && run.skipped) return;
    run.entry.complete = true;
    run.entry.completed_at = new Date().toISOString();
    this.runtime.recorder.counts.jobsComplete++;
    this.runtime.recorder.saveSoon();
  }

  private async intact(run: JobRun): Promise<boolean> {
    const paths = this.filesByJobFolder.get(run.folder) ?? [];
    if (!paths.includes(`${run.folder}/job-info.json`)) return false;
    for (const path of paths) if (!(await this.runtime.recorder.have(path))) return false;
    return true;
  }

  private async jobTask(run: JobRun, listedAt: string): Promise<void> {
    const { number: jobNumber, folder, project, job, entry } = run;
    const { client, recorder, salvage } = this.runtime;
    // Finished jobs never change: a complete one is not fetched again.
    if (entry.complete && entry.final && (await this.intact(run))) {
      run.skipped = true;
      recorder.counts.alreadyComplete++;
      return;
    }
    recorder.state.manifest.jobs[String(jobNumber)] = entry;
    Object.assign(entry, { name: job.name, type: job.type, status: job.status, complete: false, completed_at: null, notes: [] });
    await recorder.put(`${folder}/job-info.json`, jsonBytes(jobInfo(job)), { kind: 'job-info', job: jobNumber, source: `/api/v2/workflow/${run.workflowId}/job`, status: 200, fetched_at: listedAt, final: isJobFinal(job.status) });
    if (job.type === 'approval') {
      entry.final = isJobFinal(job.status);
      entry.notes.push(`approval job (${job.status}${job.approved_by ? `, approved by ${job.approved_by}` : ''}): no details, steps or output exist; job-info.json only`);
      return;
    }

    // Details, steps and the artifact list are independent: asked for at once, and one that fails
    // or cannot be parsed does not stop the others. An error that is not about the body is
    // thrown at the end (the job is retried or recorded as failed), after the rest is queued.
    const notFound = <T>(request: Promise<T>): Promise<T | null> => request.catch((err: unknown) => {
      if (isApiError(err) && err.kind === 'not-found') return null;
      throw err;
    });
    const wantArtifacts = this.runtime.options.artifacts !== false;
    const detailsPath = `/api/v2/project/${slugPath(project)}/job/${jobNumber}`;
    const buildPath = `/api/v1.1/project/${v1SlugPath(project)}/${jobNumber}`;
    const listPath = `/api/v2/project/${slugPath(project)}/${jobNumber}/artifacts`;
    let noList = false;
    const [detailsAnswer, buildAnswer, listAnswer] = await Promise.allSettled([
      salvage.doc(() => notFound(client.jobDetails(project, jobNumber)), detailsPath, `${folder}/job-details.raw`, jobNumber),
      salvage.doc(() => notFound(client.build(project, jobNumber, { fresh: true })), buildPath, `${folder}/build.raw`, jobNumber),
      wantArtifacts
        ? salvage.list(() => notFound(client.artifacts(project, jobNumber, { jobFinished: isJobFinal(job.status) })).then((listed) => {
          noList = listed === null;
          return listed ?? [];
        }), listPath, (page) => `${folder}/artifact-list.page-${page}.raw`, N.toArtifact, jobNumber)
        : Promise.resolve({ items: [] as Artifact[], partial: false }),
    ]);
    let hard: unknown = null;
    const value = <T>(answer: PromiseSettledResult<T>): T | undefined => {
      if (answer.status === 'fulfilled') return answer.value;
      hard ??= answer.reason;
      return undefined;
    };
    const fetchedAt = new Date().toISOString();

    const details = value(detailsAnswer);
    if (details === UNPARSED) {
      run.failed = true;
      entry.notes.push('v2 job details could not be parsed; the body is kept in job-details.raw');
    } else if (details) {
      await recorder.put(`${folder}/job-details.json`, jsonBytes(details), { kind: 'job-details', job: jobNumber, source: detailsPath, status: 200, fetched_at: fetchedAt, final: isJobFinal(details.status) });
    } else if (details === null) {
      entry.notes.push('no v2 job details (404)');
    }
    const status = (details && details !== UNPARSED ? details.status : null) ?? job.status;
    entry.status = status;

    const build = value(buildAnswer);
    if (build === UNPARSED) {
      run.failed = true;
      entry.final = isJobFinal(status);
      entry.notes.push('v1.1 build could not be parsed; the body is kept in build.raw; no step-info.json or step output');
    } else if (build === null) {
      entry.notes.push('no v1.1 build (404): the job may never have run; no step-info.json');
      entry.final = isJobFinal(status);
    } else if (build) {
      const buildFinished = build.lifecycle === null ? isJobFinal(build.status) : build.lifecycle === 'finished' || build.lifecycle === 'not_run';
      entry.final = isJobFinal(status) && buildFinished;
      await recorder.put(`${folder}/step-info.json`, jsonBytes(stepInfo(build)), { kind: 'step-info', job: jobNumber, source: buildPath, status: 200, fetched_at: fetchedAt, final: entry.final });
      this.queueSteps(run, build);
    }

    const artifactList = value(listAnswer);
    if (noList) entry.notes.push('no artifact list (404)');
    if (artifactList?.partial) {
      run.failed = true;
      entry.notes.push('the artifact list could not all be parsed; what could not is kept in artifact-list.page-<n>.raw');
    }
    // Every listed artifact gets a name; one listed twice (same node, path and URL) is one file.
    const items = artifactList?.items ?? [];
    const names = nameArtifacts(items);
    const byFile = new Map<string, { named: { rel: string; renamed: string | null }; arts: Artifact[] }>();
    for (const art of items) {
      const named = names.get(artifactKey(art.node_index, art.path, art.url));
      if (!named) continue;
      const group = byFile.get(named.rel);
      if (group) group.arts.push(art);
      else byFile.set(named.rel, { named, arts: [art] });
    }
    for (const { named, arts } of byFile.values()) this.queueArtifact(run, arts, `${folder}/artifacts/${named.rel}`, named.renamed);
    if (hard !== null) throw hard;
  }

  private queueSteps(run: JobRun, build: BuildDetails): void {
    for (const buildStep of build.steps) {
      for (const action of buildStep.actions) {
        if (!action.has_output || !action.output_url) continue;
        const step = safeIndex(action.step);
        const node = safeIndex(action.index);
        if (step === null || node === null) {
          run.entry.notes.push(`an action with step ${quote(action.step)} node ${quote(action.index)} cannot name a file; its output was not downloaded`);
          run.failed = true;
          this.runtime.fail(`job ${run.number}`, new Error(`step ${quote(action.step)} node ${quote(action.index)} is not a step id / node index`));
          continue;
        }
        this.queueOutput(run, action, step, node);
      }
    }
  }

  // ---- step outputs ----------------------------------------------------------------------------

  private queueOutput(run: JobRun, action: StepAction, step: number, node: number): void {
    const base = `${run.folder}/step-${step}${node === 0 ? '' : `-node-${node}`}`;
    if (run.queuedFiles.has(base)) return;
    run.queuedFiles.add(base);
    run.pending++;
    this.runtime.task(`output of step ${step}${node ? ` node ${node}` : ''} of job ${run.number}`, TASK_PRIORITY.file, () => this.outputTask(run, action, step, node, base), (e) => this.settlePart(run, e));
  }

  private async outputTask(run: JobRun, action: StepAction, step: number, node: number, base: string): Promise<void> {
    const { recorder } = this.runtime;
    // A finished step's output never changes: fetched once, never again.
    const [json, txt] = [await recorder.have(`${base}.json`), await recorder.have(`${base}.txt`)];
    if (json?.final && txt?.final) {
      recorder.counts.outputsThere++;
      return;
    }
    // Stopped between the two renames: the text is made again from the body of record on disk.
    if (json?.final && (await this.deriveText(run, json, base))) {
      recorder.counts.outputsThere++;
      return;
    }
    const transport = this.runtime.client.transport;
    // What this output is, should it not be fetched: listed in the manifest, and the rest goes on.
    const item = { kind: 'step-output' as const, job: run.number, file: `${base}.json`, step, node, source: transport.redact(transport.describe(action.output_url!)) };
    // Presigned links expire in minutes: an expired one gets the action from one fresh copy of the build per job, shared.
    const { res, action: fetchedFrom } = await fetchOutputLink(action.output_url!, action, {
      transport,
      signal: this.runtime.options.signal,
      freshAction: async () => (await this.freshBuild(run)).steps.find((s) => s.step === step)?.actions.find((a) => a.index === node),
      asError: (error, body) => asItemError(error, item, body),
    });
    const meta = {
      source: transport.describe(res.url),
      status: res.status,
      fetched_at: new Date().toISOString(),
      content_type: res.headers['content-type'] ?? null,
      job: run.number,
      step,
      node,
      final: isActionFinal(fetchedFrom.status),
    };
    // The body of record first: whatever it holds, it is kept exactly.
    await recorder.put(`${base}.json`, res.body, { kind: 'step-output', ...meta });
    await this.putText(run, res.body, base, { kind: 'step-output-text', derived_from: `${base}.json`, ...meta });
    recorder.counts.outputs++;
  }

  /** The readable text of an output body; a body too large to turn into text is listed as unparsed, the .json kept. */
  private async putText(run: JobRun, body: Buffer, base: string, meta: Omit<FileRecord, 'path' | 'size' | 'sha256'>): Promise<void> {
    let text: string;
    try {
      text = parseStepOutput(body).text;
    } catch (e) {
      if (!isBodyProblem(e)) throw e;
      run.failed = true;
      this.runtime.recorder.unparsed({ endpoint: meta.source ?? `${base}.json`, file: `${base}.json`, reason: `no ${base.slice(base.lastIndexOf('/') + 1)}.txt: ${describeProblem(e)}` });
      return;
    }
    await this.runtime.recorder.put(`${base}.txt`, Buffer.from(text, 'utf8'), meta);
  }

  private async deriveText(run: JobRun, json: FileRecord, base: string): Promise<boolean> {
    const body = await this.runtime.recorder.readBack(json);
    if (!body) return false;
    const { path: _p, kind: _k, size: _s, sha256: _h, replaced: _r, note: _n, ...meta } = json;
    await this.putText(run, body, base, { ...meta, kind: 'step-output-text', derived_from: json.path });
    return true;
  }

  private freshBuild(run: JobRun): Promise<BuildDetails> {
    if (run.freshBuild && Date.now() - run.freshBuild.at < 30_000) return run.freshBuild.build;
    const build = this.runtime.client.build(run.project, run.number, { fresh: true });
    run.freshBuild = { at: Date.now(), build };
    build.catch(() => {
      run.freshBuild = null;
    });
    return build;
  }

  // ---- artifacts -------------------------------------------------------------------------------

  /** `arts`: the listings this file holds (more than one only when the list repeats an artifact exactly). */
  private queueArtifact(run: JobRun, arts: Artifact[], rel: string, renamed: string | null): void {
    if (run.queuedFiles.has(rel)) return;
    run.queuedFiles.add(rel);
    run.pending++;
    const art = arts[0]!;
    this.runtime.task(`artifact ${quote(art.path, 60)} (node ${art.node_index}) of job ${run.number}`, TASK_PRIORITY.file, () => this.artifactTask(run, arts, rel, renamed), (e) => this.settlePart(run, e));
  }

  private async artifactTask(run: JobRun, arts: Artifact[], rel: string, renamed: string | null): Promise<void> {
    const art = arts[0]!;
    const { recorder, options } = this.runtime;
    if (await recorder.have(rel)) {
      recorder.counts.artifactsThere++;
      return;
    }
    const transport = this.runtime.client.transport;
    // The token is offered only to the CircleCI host (a Server install serves artifacts itself) or a CircleCI
    // artifact host the transport also trusts; the 302 to storage leaves the trusted origins, and the transport
    // drops the token for that hop and after.
    const wantToken = isArtifactHost(art.url, options.artifactOrigins ?? [], transport.host);
    const credentials = wantToken && transport.isTrusted(art.url) ? 'token' : 'none';
    const item = { kind: 'artifact' as const, job: run.number, file: rel, path: transport.redact(art.path), node: art.node_index, source: transport.redact(stripPresignedQuery(art.url)) };
    const res = await transport.fetchUrl(art.url, { credentials: wantToken ? 'if-trusted' : 'none' }, options.signal).catch((e: unknown) => {
      throw asItemError(e, item);
    });
    if (res.status !== 200) {
      const origin = new URL(art.url).origin;
      const hint = credentials === 'none' && (res.status === 401 || res.status === 403 || (wantToken && res.status === 404))
        ? `; the token is offered only to the CircleCI host and CircleCI artifact hosts (https://*.circle-artifacts.com, or one named with --artifacts-host ${origin})`
        : '';
      const refusal = storageError(res.status);
      throw asItemError(new ApiError(refusal.kind, `${refusal.message}${hint}`, refusal.status), item, res.body);
    }
    const max = options.maxArtifactBytes ?? 512 * 1024 * 1024;
    if (res.body.length > max) throw asItemError(new ApiError('malformed', `${res.body.length} bytes decoded, over the ${max}-byte limit; not kept`), item);
    await recorder.put(rel, res.body, {
      kind: 'artifact',
      job: run.number,
      source: stripPresignedQuery(art.url),
      final_url: transport.describe(res.url),
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
    recorder.counts.artifacts++;
  }
}
