// InvestigationSource over the CircleCI API (through the caching client).
import type { CircleCiClient } from '../api/client.js';
import { isApiError } from '../api/errors.js';
import { isActionFinal } from '../api/status.js';
import type { InvestigationSource, LoadedOutput, PipelinePager, PipelineWindow } from './source.js';

export class LiveSource implements InvestigationSource {
  readonly kind = 'live' as const;
  readonly label: string;
  readonly evidenceDir = null;

  #warned = 0;

  constructor(private readonly client: CircleCiClient, readonly project: string) {
    this.label = project;
  }

  takeWarnings(): string[] {
    const fresh = this.client.truncated.slice(this.#warned);
    this.#warned = this.client.truncated.length;
    return fresh;
  }

  pipelines(window: PipelineWindow): PipelinePager {
    const it = this.client.pipelinePages(this.project, window)[Symbol.asyncIterator]();
    return {
      next: async () => {
        const r = await it.next();
        return r.done ? { items: [], done: true } : { items: r.value, done: false };
      },
    };
  }

  pipelineByNumber(n: number) { return this.client.pipelineByNumber(this.project, n); }
  pipelineById(id: string) { return this.client.pipeline(id); }
  workflows(pipelineId: string) { return this.client.workflows(pipelineId); }
  workflow(workflowId: string) { return this.client.workflow(workflowId); }
  jobs(workflowId: string) { return this.client.jobs(workflowId); }

  async jobDetails(jobNumber: number) {
    try {
      return await this.client.jobDetails(this.project, jobNumber);
    } catch (e) {
      if (isApiError(e) && e.kind === 'not-found') return null;
      throw e;
    }
  }

  build(jobNumber: number, opts: { fresh?: boolean } = {}) {
    return this.client.build(this.project, jobNumber, opts);
  }

  async locateJob(jobNumber: number) {
    const d = await this.jobDetails(jobNumber);
    const id = d?.latest_workflow.id ?? (await this.client.build(this.project, jobNumber)).workflows?.workflow_id ?? null;
    return id ? { workflowId: id } : null;
  }

  async stepOutput(jobNumber: number, step: number, node: number): Promise<LoadedOutput> {
    const build = await this.client.build(this.project, jobNumber);
    const action = build.steps.find((s) => s.step === step)?.actions.find((a) => a.index === node);
    const r = await this.client.stepOutput(this.project, jobNumber, step, node);
    return { text: r.output.text, format: r.output.format, truncated: r.output.truncated, times: r.output.times, final: r.source.fromCache || isActionFinal(action?.status) };
  }
}
