// What Enter on a search hit or a finding opens: the log level of that job's step and node, found through the
// source the way deep links are (pipeline → workflow → job → step), with the line to jump to.
import type { Job, Pipeline, Workflow } from '../../api/types.js';
import type { StepSummary } from '../../api/step-summary.js';
import { resolveDeepLink } from '../../source/deep-link.js';
import type { InvestigationSource } from '../../source/source.js';
import { stripAnsi } from '../../text/sanitize.js';
import type { DocRef } from '../../search/types.js';

/** The log level to push (structurally the app's `log` Level, plus where to jump). */
export interface LogJumpLevel {
  kind: 'log';
  pipeline: Pipeline;
  workflow: Workflow;
  job: Job;
  step: StepSummary;
  node: number;
  jump: { line: number; query?: string; notice?: string };
}

export interface HitTarget extends Pick<DocRef, 'job' | 'step' | 'node' | 'field' | 'project'> {
  /** Path relative to the searched folder (named when the hit is in an artifact, which has no log). */
  file?: string;
  /** 1-based line in the output. */
  line: number;
  /** Text to highlight and search with n/N (omit to only mark the line). */
  highlight?: string;
  notice?: string;
}

/** The level to push, or why there is none (for the status line). */
export async function logLevelFor(source: InvestigationSource, t: HitTarget): Promise<LogJumpLevel | { why: string }> {
  if (t.field === 'artifact') return { why: `the match is in an artifact, ${t.file ?? 'under artifacts/'}: open it with another tool` };
  if (t.job === null || t.step === null) return { why: 'this hit is not in a step' };
  if (t.project && source.project && t.project !== source.project) return { why: `this hit is from ${t.project}; open that project to see its log` };
  try {
    const link = await resolveDeepLink(source, { job: t.job, step: String(t.step), node: t.node ?? 0 });
    if (!link.pipeline || !link.workflow || !link.job || !link.step) return { why: `job ${t.job} step ${t.step} is not in ${source.label}` };
    const command = t.field === 'bash_command';
    const jump: LogJumpLevel['jump'] = {
      line: command ? 0 : Math.max(0, t.line - 1),
      ...(t.highlight && !command ? { query: t.highlight } : {}),
      ...(command ? { notice: `the match is in the step's command (line ${t.line}), not its output` } : t.notice ? { notice: t.notice } : {}),
    };
    return { kind: 'log', pipeline: link.pipeline, workflow: link.workflow, job: link.job, step: link.step, node: link.node, jump };
  } catch (e) {
    return { why: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * What to highlight in the log for a hit: the text as the log pane's search sees it (escape sequences and
 * invisible characters removed), only its first line when it was wrapped over several.
 */
export function highlightFor(hit: { match: string; encoding: string }): string | undefined {
  const plain = stripAnsi(hit.match).split('\n')[0]?.replace(/\r$/, '') ?? '';
  return plain.length >= 2 ? plain : undefined;
}
