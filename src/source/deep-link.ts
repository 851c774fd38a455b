// `--pipeline N`, `--workflow ID`, `--job N [--step S] [--node N]`: find every object on the way
// down, so the TUI can open at that level with a working breadcrumb and back navigation.
import { findStep, summarizeStep, type StepSummary } from '../api/step-summary.js';
import type { Job, Pipeline, Workflow } from '../api/types.js';
import type { InvestigationSource } from './source.js';
import { FailError } from '../util/errors.js';

export interface DeepLink { pipeline?: number; workflow?: string; job?: number; step?: string; node?: number }

export interface ResolvedLink { pipeline?: Pipeline; workflow?: Workflow; job?: Job; step?: StepSummary; node: number }

export class DeepLinkError extends FailError {}

export async function resolveDeepLink(source: InvestigationSource, link: DeepLink): Promise<ResolvedLink> {
  const node = link.node ?? 0;
  if (link.job !== undefined) {
    const where = await source.locateJob(link.job);
    if (!where) throw new DeepLinkError(`job ${link.job} not found`);
    const workflow = await source.workflow(where.workflowId);
    const pipeline = await source.pipelineById(workflow.pipeline_id);
    const job = (await source.jobs(workflow.id)).find((j) => j.job_number === link.job);
    if (!job) throw new DeepLinkError(`job ${link.job} is not in workflow ${workflow.name}`);
    if (link.step === undefined) return { pipeline, workflow, job, node };
    const step = findStep((await source.build(link.job)).steps, link.step);
    if (!step) throw new DeepLinkError(`job ${link.job} has no step ${link.step}`);
    const summary = summarizeStep(step);
    if (node >= summary.nodes) throw new DeepLinkError(`step ${step.step} has no node ${node} (it ran on ${summary.nodes})`);
    return { pipeline, workflow, job, step: summary, node };
  }
  if (link.workflow !== undefined) {
    const workflow = await source.workflow(link.workflow);
    return { pipeline: await source.pipelineById(workflow.pipeline_id), workflow, node };
  }
  if (link.pipeline !== undefined) return { pipeline: await source.pipelineByNumber(link.pipeline), node };
  return { node };
}
