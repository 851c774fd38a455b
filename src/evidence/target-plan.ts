// The plan: what to fetch for a target. A job, workflow, pipeline or a project's time window is
// resolved to its pipelines and workflows (their pipeline.json and workflow.json written here), and
// every job they list is handed to the job fetch (job-fetch.ts). A pipeline or workflow that cannot
// be parsed is kept raw (salvage.ts) and never loses the others.
import { ApiError, isApiError } from '../api/errors.js';
import * as N from '../api/normalize.js';
import { id, slugPath } from '../api/paths.js';
import { isWorkflowFinal } from '../api/status.js';
import type { Pipeline, Workflow } from '../api/types.js';
import { MAX_JSON_DEPTH } from '../text/safe-json.js';
import type { DownloadTarget } from './download-types.js';
import { TASK_PRIORITY, type DownloadRuntime } from './download-runtime.js';
import { EvidenceFsError } from './fs.js';
import type { JobFetch } from './job-fetch.js';
import { MAX_UNNUMBERED, type QueryRecord, type TargetRecord, type WorkflowEntry } from './manifest.js';
import { cutByDepth, jsonBytes } from './projections.js';
import { quote, safeIndex, safeWorkflowDir } from './safe-name.js';
import { isBodyProblem, UNPARSED } from './salvage.js';

/** A pipeline as listed, with where and when it was read (for its pipeline.json record). */
type ListedPipeline = { pipeline: Pipeline; source: string; at: string };
type ReadFrom = { source: string; at: string };

/** Where the raw bodies of a pipeline go (its workflows have folders of their own). */
function pipelineDir(pipeline: { number: number | null; id: string }): string {
  const number = safeIndex(pipeline.number);
  return number !== null ? `pipeline-${number}` : `pipeline-${safeWorkflowDir(pipeline.id) ?? 'unnumbered'}`;
}

export class DownloadPlan {
  /** Pipelines already looked at for nesting past MAX_JSON_DEPTH (once each, however many workflows). */
  private readonly depthChecked = new Set<string>();

  constructor(private readonly runtime: DownloadRuntime, private readonly jobs: JobFetch) {}

  /** Queues the first task: finding what to download. Everything else is queued from there. */
  start(): void {
    const target = this.runtime.options.target;
    this.runtime.task(`find what to download (${describeTarget(target)})`, TASK_PRIORITY.list, () => this.resolveTarget(target), () => undefined);
  }

  private async resolveTarget(target: DownloadTarget): Promise<void> {
    const { client, salvage } = this.runtime;
    if (target.kind === 'project') return this.projectWindow(target);
    if (target.kind === 'pipeline') {
      const source = `/api/v2/project/${slugPath(target.project)}/pipeline/${target.number}`;
      const pipeline = await salvage.doc(() => client.pipelineByNumber(target.project, target.number), source, `pipeline-${target.number}/pipeline.raw`);
      if (pipeline !== UNPARSED) this.queuePipeline(pipeline, target.project, { source, at: new Date().toISOString() });
      return;
    }
    if (target.kind === 'workflow') {
      const workflowId = safeWorkflowDir(target.id);
      if (!workflowId) throw new EvidenceFsError(`refusing workflow id ${quote(target.id)}: not an id, so it cannot name a folder`);
      const source = `/api/v2/workflow/${workflowId}`;
      const workflow = await salvage.doc(() => client.workflow(workflowId), source, `${workflowId}/workflow.raw`);
      if (workflow !== UNPARSED) await this.queueWorkflowWithPipeline(workflow, target.project ?? (workflow.project_slug || null), source);
      return;
    }
    const source = `/api/v2/project/${slugPath(target.project)}/job/${target.number}`;
    const details = await salvage.doc(() => client.jobDetails(target.project, target.number), source, `job-${target.number}.job-details.raw`);
    if (details === UNPARSED) return;
    const workflowId = details.latest_workflow.id;
    if (!workflowId) throw new ApiError('malformed', `job ${target.number} names no workflow; cannot place it in the folder`);
    const workflow = await client.workflow(workflowId);
    await this.queueWorkflowWithPipeline(workflow, target.project, `/api/v2/workflow/${workflowId}`, target.number);
  }

  /** Every pipeline of the window. A page the client cannot use is read again raw (kept if unusable). */
  private async projectWindow(target: Extract<DownloadTarget, { kind: 'project' }>): Promise<void> {
    const { client, salvage, recorder, options } = this.runtime;
    const source = `/api/v2/project/${slugPath(target.project)}/pipeline`;
    try {
      for await (const page of client.pipelinePages(target.project, { since: target.since, until: target.until })) {
        if (options.signal?.aborted) return;
        const at = new Date().toISOString();
        for (const pipeline of page) this.queuePipeline(pipeline, target.project, { source, at });
      }
      recorder.used(source);
      return;
    } catch (e) {
      if (!isBodyProblem(e)) throw e;
      const since = Date.parse(target.since);
      const until = target.until ? Date.parse(target.until) : Infinity;
      const createdAt = (pipeline: Pipeline): number => Date.parse(pipeline.created_at);
      const { items } = await salvage.relist(source, {}, salvage.reason(e), (page) => `pipelines.page-${page}.raw`, N.toPipeline, undefined, (page) => {
        const oldest = page.at(-1);
        return oldest !== undefined && createdAt(oldest) < since;
      });
      const now = new Date().toISOString();
      for (const pipeline of items) {
        const created = createdAt(pipeline);
        if (Number.isNaN(created) || (created >= since && created <= until)) this.queuePipeline(pipeline, target.project, { source, at: now });
      }
    }
  }

  private async queueWorkflowWithPipeline(workflow: Workflow, project: string | null, source: string, onlyJob?: number): Promise<void> {
    let listed: ListedPipeline | null = null;
    if (workflow.pipeline_id) {
      const path = `/api/v2/pipeline/${id(workflow.pipeline_id, 'pipeline')}`;
      const pipeline = await this.runtime.salvage.doc(() => this.runtime.client.pipeline(workflow.pipeline_id).catch((e: unknown) => {
        if (isApiError(e) && e.kind === 'not-found') return null;
        throw e;
      }), path, `${pipelineDir({ number: workflow.pipeline_number, id: workflow.pipeline_id })}/pipeline.raw`);
      if (pipeline === null) this.runtime.notes.push(`pipeline ${quote(workflow.pipeline_id)} of workflow ${quote(workflow.id)} is not visible (404); pipeline.json not written`);
      else if (pipeline !== UNPARSED) listed = { pipeline, source: path, at: new Date().toISOString() };
    }
    this.queueWorkflow(workflow, listed, project ?? listed?.pipeline.project_slug ?? null, { source, at: new Date().toISOString() }, onlyJob);
  }

  private queuePipeline(pipeline: Pipeline, project: string, from: ReadFrom): void {
    const { client, salvage, notes } = this.runtime;
    this.runtime.task(`workflows of pipeline ${pipeline.number}`, TASK_PRIORITY.pipeline, async () => {
      const base = `/api/v2/pipeline/${id(pipeline.id, 'pipeline')}/workflow`;
      const { items: workflows, partial } = await salvage.list(() => client.workflows(pipeline.id), base, (page) => `${pipelineDir(pipeline)}/workflows.page-${page}.raw`, N.toWorkflow);
      const at = new Date().toISOString();
      if (workflows.length === 0 && !partial) notes.push(`pipeline ${pipeline.number} has no workflows (nothing ran; see its errors in the API)`);
      for (const workflow of workflows) this.queueWorkflow(workflow, { pipeline, source: from.source, at: from.at }, project, { source: base, at });
    }, () => undefined, `p:${pipeline.id}`);
  }

  private queueWorkflow(workflow: Workflow, listed: ListedPipeline | null, project: string | null, from: ReadFrom, onlyJob?: number): void {
    const { client, salvage, recorder, notes } = this.runtime;
    this.runtime.task(`jobs of workflow ${quote(workflow.id)}`, TASK_PRIORITY.workflow, async () => {
      const workflowId = safeWorkflowDir(workflow.id);
      if (!workflowId) throw new EvidenceFsError(`refusing workflow id ${quote(workflow.id)}: not an id, so it cannot name a folder`);
      const slug = project ?? (workflow.project_slug || null);
      if (!slug) throw new ApiError('malformed', `workflow ${workflowId} names no project; pass --project`);
      // The workflow's own files failing (a non-file planted in their place) must not lose its jobs.
      if (listed) await this.putPipeline(workflowId, listed).catch((e: unknown) => this.runtime.fail(`pipeline.json of workflow ${workflowId}`, e));
      await recorder.put(`${workflowId}/workflow.json`, jsonBytes(workflow), { kind: 'workflow', source: from.source, status: 200, fetched_at: from.at, final: isWorkflowFinal(workflow.status) })
        .catch((e: unknown) => this.runtime.fail(`workflow.json of workflow ${workflowId}`, e));
      const base = `/api/v2/workflow/${workflowId}/job`;
      const { items: jobs } = await salvage.list(() => client.jobs(workflowId), base, (page) => `${workflowId}/jobs.page-${page}.raw`, N.toJob);
      const at = new Date().toISOString();
      const unnumbered: WorkflowEntry['unnumbered_jobs'] = [];
      let unnumberedTotal = 0;
      let listedOnlyJob = false;
      for (const job of jobs) {
        const jobNumber = safeIndex(job.job_number);
        if (jobNumber === null) {
          if (++unnumberedTotal <= MAX_UNNUMBERED) unnumbered.push({ id: job.id, name: job.name, type: job.type, status: job.status });
          continue;
        }
        if (onlyJob !== undefined && jobNumber !== onlyJob) continue;
        listedOnlyJob = true;
        this.jobs.queue(job, jobNumber, workflowId, slug, at);
      }
      if (onlyJob !== undefined && !listedOnlyJob) throw new ApiError('not-found', `job ${onlyJob} is not listed in workflow ${workflowId}`);
      recorder.state.manifest.workflows[workflowId] = {
        id: workflowId, name: workflow.name, status: workflow.status, pipeline_id: workflow.pipeline_id, pipeline_number: listed?.pipeline.number ?? workflow.pipeline_number, unnumbered_jobs: unnumbered,
        ...(unnumberedTotal > unnumbered.length ? { unnumbered_total: unnumberedTotal } : {}),
      };
      if (unnumberedTotal > 0) notes.push(`workflow ${workflowId}: ${unnumberedTotal} job(s) without a number (approval jobs) are listed in the manifest only${unnumberedTotal > MAX_UNNUMBERED ? ` (the first ${MAX_UNNUMBERED})` : ''}`);
    }, () => undefined, `w:${workflow.id}`);
  }

  /**
   * pipeline.json. A pipeline nested past MAX_JSON_DEPTH (a hostile trigger_parameters) is cut
   * there with a visible marker, and its body is kept once, exactly as CircleCI serves it.
   */
  private async putPipeline(workflowId: string, listed: ListedPipeline): Promise<void> {
    const { pipeline } = listed;
    await this.runtime.recorder.put(`${workflowId}/pipeline.json`, jsonBytes(pipeline), { kind: 'pipeline', source: listed.source, status: 200, fetched_at: listed.at });
    if (this.depthChecked.has(pipeline.id)) return;
    this.depthChecked.add(pipeline.id);
    if (!cutByDepth(pipeline)) return;
    const fields = Object.entries(pipeline).filter(([, value]) => cutByDepth([value])).map(([field]) => field);
    const why = `${fields.join(', ') || 'the pipeline'} nest deeper than ${MAX_JSON_DEPTH} levels: pipeline.json cuts them there with a marker`;
    await this.runtime.salvage.keepAgain(`/api/v2/pipeline/${id(pipeline.id, 'pipeline')}`, `${pipelineDir(pipeline)}/pipeline.raw`, why);
  }
}

/** The target as the manifest records it. */
export function queryRecord(target: DownloadTarget): QueryRecord {
  const recorded: TargetRecord =
    target.kind === 'job' ? { kind: 'job', number: target.number }
    : target.kind === 'workflow' ? { kind: 'workflow', id: target.id }
    : target.kind === 'pipeline' ? { kind: 'pipeline', number: target.number }
    : { kind: 'project' };
  return {
    project: target.kind === 'workflow' ? target.project ?? null : target.project,
    window: { since: target.kind === 'project' ? target.since : null, until: target.kind === 'project' ? target.until ?? null : null },
    target: recorded,
  };
}

function describeTarget(target: DownloadTarget): string {
  switch (target.kind) {
    case 'job': return `job ${target.number} of ${target.project}`;
    case 'workflow': return `workflow ${quote(target.id)}`;
    case 'pipeline': return `pipeline ${target.number} of ${target.project}`;
    case 'project': return `${target.project} since ${target.since}${target.until ? ` until ${target.until}` : ''}`;
  }
}
