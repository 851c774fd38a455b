// Pipelines of an evidence folder: pipeline.json when present, else one synthetic pipeline per
// workflow (number 0, the workflow's id), so the seed's plain layout still browses.
import { pipelineGit, toPipeline } from '../../api/normalize.js';
import type { Pipeline } from '../../api/types.js';
import type { PipelineWindow } from '../source.js';

export function syntheticPipeline(id: string, number: number, project: string | null, createdAt: string | null): Pipeline {
  return toPipeline({ id, number, project_slug: project ?? '', created_at: createdAt ?? '', trigger: { type: 'unknown' } });
}

const time = (p: Pipeline): number => Date.parse(p.created_at);

/**
 * Like the live source: since/until on created_at, and an unparsable date is kept. A synthetic
 * pipeline (no pipeline.json) is kept whatever the branch: unknown is not "another branch".
 */
export function inWindow(p: Pipeline, w: PipelineWindow, synthetic: boolean): boolean {
  const t = time(p);
  const since = w.since ? Date.parse(w.since) : Number.NaN;
  const until = w.until ? Date.parse(w.until) : Number.NaN;
  if (!Number.isNaN(t) && !Number.isNaN(since) && t < since) return false;
  if (!Number.isNaN(t) && !Number.isNaN(until) && t > until) return false;
  if (w.branch) {
    const branch = pipelineGit(p).branch;
    if (!(synthetic && branch === null) && branch !== w.branch) return false;
  }
  return true;
}

/** Newest first; undated pipelines last; then by number, then id, so the order is stable. */
export function newestFirst(a: Pipeline, b: Pipeline): number {
  const ta = time(a);
  const tb = time(b);
  if (Number.isNaN(ta) !== Number.isNaN(tb)) return Number.isNaN(ta) ? 1 : -1;
  if (!Number.isNaN(ta) && ta !== tb) return tb - ta;
  if (a.number !== b.number) return b.number - a.number;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
