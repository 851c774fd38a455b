// InvestigationSource over an evidence folder on disk (the layout CircleCI's incident guide's
// download scripts write, plus the extras our downloader adds). The folder is scanned once when
// opened; files are untrusted and only ever read. Bad files become `warnings`, not exceptions.
import { FailError } from '../util/errors.js';
import { stat, realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ApiError } from '../api/errors.js';
import { parseStepOutput } from '../api/step-output.js';
import type { BuildDetails, Job, JobDetails, Pipeline, Workflow } from '../api/types.js';
import { buildFromEvidence } from './offline/build.js';
import { loadEvidenceIndex, type EvidenceIndex, type JobRecord } from './offline/evidence-index.js';
import { evidenceLabel } from './offline/label.js';
import { DEFAULT_LIMITS, type OfflineLimits } from './offline/limits.js';
import { stepKey } from './offline/names.js';
import { inWindow } from './offline/pipelines.js';
import { EvidenceReader } from './offline/reader.js';
import { decodeEvidence, EvidenceReadError } from './offline/safe-read.js';
import type { InvestigationSource, LoadedOutput, PipelinePager, PipelineWindow } from './source.js';

export interface OfflineOpenOptions {
  limits?: Partial<OfflineLimits>;
  /** For the label; defaults to process.cwd(). */
  cwd?: string;
}

const NONE: LoadedOutput = { text: '', format: 'none', truncated: false, times: [], final: true };

export class OfflineSource implements InvestigationSource {
  readonly kind = 'offline' as const;

  /** An evidence folder is read whole; nothing is cut short by a server. */
  takeWarnings(): string[] {
    return [];
  }
  readonly label: string;
  readonly project: string | null;
  /** Problems found in the folder (malformed files, symlinks, duplicate jobs); grows as files are read. */
  readonly warnings: string[];

  private readonly builds = new Map<number, BuildDetails>();

  private constructor(
    /** The folder's real path. */
    readonly evidenceDir: string,
    label: string,
    private readonly index: EvidenceIndex,
    private readonly reader: EvidenceReader,
    warnings: string[],
  ) {
    this.label = label;
    this.project = index.project;
    this.warnings = warnings;
  }

  /** Scan `dir` once. Throws a one-line Error only when `dir` is missing or not a directory. */
  static async open(dir: string, opts: OfflineOpenOptions = {}): Promise<OfflineSource> {
    const abs = resolve(dir);
    let root: string;
    try {
      if (!(await stat(abs)).isDirectory()) throw new FailError(`evidence folder ${dir} is not a directory`);
      root = await realpath(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') throw new FailError(`evidence folder ${dir} does not exist`);
      if (code) throw new FailError(`evidence folder ${dir} cannot be read (${code})`);
      throw e;
    }
    const limits: OfflineLimits = { ...DEFAULT_LIMITS, ...opts.limits };
    const warnings: string[] = [];
    const index = await loadEvidenceIndex(root, limits, warnings);
    return new OfflineSource(root, evidenceLabel(abs, opts.cwd ?? process.cwd()), index, new EvidenceReader(root, limits, warnings), warnings);
  }

  pipelines(window: PipelineWindow): PipelinePager {
    let served = false;
    return {
      next: async () => {
        if (served) return { items: [], done: true };
        served = true;
        return { items: this.index.pipelines.filter((r) => inWindow(r.pipeline, window, !r.real)).map((r) => copy(r.pipeline)), done: true };
      },
    };
  }

  async pipelineByNumber(n: number): Promise<Pipeline> {
    const rec = this.index.pipelines.find((r) => r.pipeline.number === n);
    if (!rec) throw this.notFound(`pipeline ${n}`);
    return copy(rec.pipeline);
  }

  /** Not part of InvestigationSource: synthetic pipelines all have number 0, so their id is the only sure key. */
  async pipelineById(id: string): Promise<Pipeline> {
    const rec = this.index.pipelineById.get(id);
    if (!rec) throw this.notFound(`pipeline ${id}`);
    return copy(rec.pipeline);
  }

  async workflows(pipelineId: string): Promise<Workflow[]> {
    const rec = this.index.pipelineById.get(pipelineId);
    if (!rec) throw this.notFound(`pipeline ${pipelineId}`);
    return rec.workflowIds.flatMap((id) => {
      const w = this.index.workflows.get(id);
      return w ? [copy(w.workflow)] : [];
    });
  }

  async workflow(workflowId: string): Promise<Workflow> {
    const w = this.index.workflows.get(workflowId);
    if (!w) throw this.notFound(`workflow ${workflowId}`);
    return copy(w.workflow);
  }

  async jobs(workflowId: string): Promise<Job[]> {
    const w = this.index.workflows.get(workflowId);
    if (!w) throw this.notFound(`workflow ${workflowId}`);
    return w.jobs.map((j) => copy(j.job));
  }

  async jobDetails(jobNumber: number): Promise<JobDetails | null> {
    const d = this.index.jobs.get(jobNumber)?.details;
    return d ? copy(d) : null;
  }

  async build(jobNumber: number): Promise<BuildDetails> {
    return copy(this.buildOf(this.job(jobNumber)));
  }

  async locateJob(jobNumber: number): Promise<{ workflowId: string } | null> {
    const j = this.index.jobs.get(jobNumber);
    return j ? { workflowId: j.workflowId } : null;
  }

  /**
   * The raw `.json` body when downloaded (it carries timestamps), else the `.txt` the seed's
   * script writes. Always final: evidence does not change.
   */
  async stepOutput(jobNumber: number, step: number, node: number): Promise<LoadedOutput> {
    const files = this.job(jobNumber).stepFiles.get(stepKey(step, node));
    if (!files) return { ...NONE, times: [] };
    try {
      if (files.json !== undefined) {
        const out = parseStepOutput(await this.reader.output(files.json));
        if (out.format === 'json' || files.txt === undefined) return { text: out.text, format: out.format, truncated: out.truncated, times: out.times, final: true };
        this.warnings.push(`${this.reader.label(files.json)}: not a step output array; showing ${this.reader.label(files.txt)} instead`);
      }
      if (files.txt !== undefined) {
        const label = this.reader.label(files.txt);
        return { text: decodeEvidence(await this.reader.output(files.txt), label), format: 'text', truncated: false, times: [], final: true };
      }
    } catch (e) {
      if (e instanceof EvidenceReadError && e.reason === 'missing') return { ...NONE, times: [] };
      if (e instanceof EvidenceReadError) throw new FailError(e.message);
      if (e instanceof RangeError) throw new FailError(`output of step ${step} node ${node} of job ${jobNumber} is too large to show; open the file with another tool`);
      throw e;
    }
    return { ...NONE, times: [] };
  }

  private job(jobNumber: number): JobRecord {
    const j = this.index.jobs.get(jobNumber);
    if (!j) throw this.notFound(`job ${jobNumber}`);
    return j;
  }

  private buildOf(j: JobRecord): BuildDetails {
    let b = this.builds.get(j.number);
    if (!b) {
      const wf = this.index.workflows.get(j.workflowId)?.workflow;
      const p = wf ? this.index.pipelineById.get(wf.pipeline_id) : undefined;
      b = buildFromEvidence(
        { job: j.job, details: j.details, stepInfo: j.stepInfo, stepFiles: j.stepFiles, workflow: { id: j.workflowId, name: wf?.name ?? j.workflowId }, pipeline: p?.real ? p.pipeline : null },
        j.rel,
        this.warnings,
      );
      this.builds.set(j.number, b);
    }
    return b;
  }

  private notFound(what: string): ApiError {
    return new ApiError('not-found', `${what} is not in ${this.label}`, null);
  }
}

/** Panes get their own copies: nothing they do can change the index. */
const copy = <T>(v: T): T => structuredClone(v);
