// The in-memory index of an evidence folder, built once when it is opened: every metadata file
// is read (bounded), normalised, and grouped pipeline → workflows → jobs.
import { join } from 'node:path';
import { obj, str } from '../../api/coerce.js';
import { toJobDetails, toPipeline } from '../../api/normalize.js';
import type { Job, JobDetails, Pipeline, Workflow } from '../../api/types.js';
import { depthMarker, MAX_JSON_DEPTH } from '../../text/safe-json.js';
import { jobFromEvidence } from './jobs.js';
import type { OfflineLimits } from './limits.js';
import { newestFirst, syntheticPipeline } from './pipelines.js';
import { EvidenceReader, mapLimit } from './reader.js';
import { scanEvidence, type ScannedJob, type ScannedWorkflow, type StepFiles } from './scan.js';
import { earliest } from './times.js';
import { workflowFromEvidence } from './workflows.js';

export interface JobRecord {
  number: number;
  workflowId: string;
  /** Folder inside DIR, for messages. */
  rel: string;
  job: Job;
  details: JobDetails | null;
  stepInfo: unknown;
  stepFiles: ReadonlyMap<string, StepFiles>;
}

export interface WorkflowRecord { id: string; rel: string; workflow: Workflow; jobs: JobRecord[] }

export interface PipelineRecord {
  pipeline: Pipeline;
  /** False when synthesised (no pipeline.json): it knows nothing of git. */
  real: boolean;
  workflowIds: string[];
}

export interface EvidenceIndex {
  project: string | null;
  /** Newest first. */
  pipelines: PipelineRecord[];
  pipelineById: Map<string, PipelineRecord>;
  workflows: Map<string, WorkflowRecord>;
  jobs: Map<number, JobRecord>;
}


interface ReadWorkflow { scanned: ScannedWorkflow; pipeline: unknown; workflow: unknown }
interface ReadJob { scanned: ScannedJob; info: unknown; details: unknown; stepInfo: unknown }

export async function loadEvidenceIndex(root: string, limits: OfflineLimits, warnings: string[]): Promise<EvidenceIndex> {
  const scan = await scanEvidence(root, limits.maxEntries);
  warnings.push(...scan.warnings);
  const reader = new EvidenceReader(root, limits, warnings);
  const manifest = scan.manifest ? await reader.object(join(root, 'manifest.json')) : undefined;

  const wfs = await mapLimit(scan.workflows, limits.readConcurrency, async (w): Promise<ReadWorkflow> => ({
    scanned: w,
    pipeline: w.files.has('pipeline.json') ? await reader.object(join(w.dir, 'pipeline.json')) : undefined,
    workflow: w.files.has('workflow.json') ? await reader.object(join(w.dir, 'workflow.json')) : undefined,
  }));
  const allJobs = scan.workflows.flatMap((w) => w.jobs);
  const readJobs = await mapLimit(allJobs, limits.readConcurrency, async (j): Promise<ReadJob> => ({
    scanned: j,
    info: j.files.has('job-info.json') ? await reader.object(join(j.dir, 'job-info.json')) : undefined,
    details: j.files.has('job-details.json') ? await reader.object(join(j.dir, 'job-details.json')) : undefined,
    stepInfo: j.files.has('step-info.json') ? await reader.json(join(j.dir, 'step-info.json')) : undefined,
  }));
  const jobsByScan = new Map(readJobs.map((r) => [r.scanned, r]));

  const project = projectOf(manifest, wfs, readJobs);
  const index: EvidenceIndex = { project, pipelines: [], pipelineById: new Map(), workflows: new Map(), jobs: new Map() };

  for (const w of wfs) {
    const id = w.scanned.id;
    const where = w.scanned.rel || '.';
    if (index.workflows.has(id)) {
      warnings.push(`${where}: workflow ${id} appears twice in the folder; the first is shown`);
      continue;
    }
    const jobs: JobRecord[] = [];
    for (const sj of w.scanned.jobs) {
      const r = jobsByScan.get(sj);
      if (!r) continue;
      const first = index.jobs.get(sj.number);
      if (first) {
        warnings.push(`${sj.rel}: job ${sj.number} is also in ${first.rel}; job numbers are unique per project, so the first is shown`);
        continue;
      }
      const details = r.details === undefined ? null : toJobDetails(r.details);
      const job = jobFromEvidence(r.info, details, sj.number, project, sj.rel, warnings);
      let stepInfo = r.stepInfo;
      if (stepInfo !== undefined && !Array.isArray(stepInfo)) {
        warnings.push(`${sj.rel}/step-info.json: not an array of step actions; treated as missing`);
        stepInfo = undefined;
      }
      const rec: JobRecord = { number: sj.number, workflowId: id, rel: sj.rel, job, details, stepInfo, stepFiles: sj.steps };
      index.jobs.set(sj.number, rec);
      jobs.push(rec);
    }
    const workflow = workflowFromEvidence(
      { id, rel: where, raw: w.workflow, jobs: jobs.map((j) => j.job), details: jobs.map((j) => j.details), project },
      warnings,
    );
    index.workflows.set(id, { id, rel: where, workflow, jobs });
    attachToPipeline(index, workflow, w.pipeline, jobs, project, `${w.scanned.rel || '.'}/pipeline.json`, warnings);
  }

  for (const rec of index.pipelineById.values()) {
    for (const wid of rec.workflowIds) {
      const wf = index.workflows.get(wid)?.workflow;
      if (wf) {
        wf.pipeline_id = rec.pipeline.id;
        wf.pipeline_number = rec.pipeline.number;
      }
    }
  }
  index.pipelines = [...index.pipelineById.values()].sort((a, b) => newestFirst(a.pipeline, b.pipeline));
  return index;
}

/** Put a workflow under its pipeline: pipeline.json, else the pipeline workflow.json names, else its own synthetic one. */
function attachToPipeline(
  index: EvidenceIndex, workflow: Workflow, rawPipeline: unknown, jobs: JobRecord[], project: string | null, label: string, warnings: string[],
): void {
  let rec: PipelineRecord | undefined;
  if (rawPipeline !== undefined) {
    const p = toPipeline(rawPipeline);
    // toPipeline caps trigger_parameters at MAX_JSON_DEPTH with a visible marker: nothing here recurses deeper.
    if (p.trigger_parameters !== null && JSON.stringify(p.trigger_parameters).includes(depthMarker(MAX_JSON_DEPTH))) {
      warnings.push(`${label}: trigger_parameters nest deeper than ${MAX_JSON_DEPTH} levels; cut there with a marker`);
    }
    if (p.id === '') p.id = workflow.pipeline_id || workflow.id;
    if (p.project_slug === '') p.project_slug = project ?? '';
    rec = index.pipelineById.get(p.id);
    if (!rec || !rec.real) rec = { pipeline: p, real: true, workflowIds: rec?.workflowIds ?? [] };
  } else {
    const id = workflow.pipeline_id || workflow.id;
    rec = index.pipelineById.get(id) ?? { pipeline: syntheticPipeline(id, workflow.pipeline_id ? workflow.pipeline_number ?? 0 : 0, project, null), real: false, workflowIds: [] };
  }
  index.pipelineById.set(rec.pipeline.id, rec);
  rec.workflowIds.push(workflow.id);
  if (!rec.real) {
    const created = earliest([rec.pipeline.created_at, workflow.created_at, ...jobs.map((j) => j.job.started_at)]);
    rec.pipeline.created_at = created ?? '';
  }
}

/** manifest.json `query.project`, else the first pipeline / workflow / job that names one. */
function projectOf(manifest: unknown, wfs: ReadWorkflow[], jobs: ReadJob[]): string | null {
  const fromManifest = str(obj(obj(manifest).query).project);
  if (fromManifest) return fromManifest;
  for (const w of wfs) {
    const s = str(obj(w.pipeline).project_slug) ?? str(obj(w.workflow).project_slug);
    if (s) return s;
  }
  for (const j of jobs) {
    const s = str(obj(obj(j.details).project).slug) ?? str(obj(j.info).project_slug);
    if (s) return s;
  }
  return null;
}
