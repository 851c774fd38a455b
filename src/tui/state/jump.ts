// `:896`, `:p896`, `:j5015`: go to a pipeline (its workflows) or a job (its steps) by number, with the
// levels above it in place, so Esc walks back up through the pipeline, workflow and job of the jump.
import { isApiError } from '../../api/errors.js';
import { DeepLinkError, resolveDeepLink, type DeepLink } from '../../source/deep-link.js';
import type { InvestigationSource } from '../../source/source.js';
import type { Level } from './nav.js';
import { stackFor } from './stack.js';

export type JumpTarget = { kind: 'pipeline' | 'job' | 'either'; n: number };

/** `896` (a pipeline, else a job), `p896` / `pipeline 896`, `j5015` / `job 5015`, with an optional `#`. */
export function parseJump(text: string): JumpTarget | { why: string } {
  const m = /^\s*(p|pipeline|j|job)?\s*#?\s*(\d{1,12})\s*$/i.exec(text);
  if (!m) return { why: 'type a pipeline or job number: 896, p896 or j5015' };
  const word = (m[1] ?? '').toLowerCase();
  const n = Number(m[2]);
  return { kind: word.startsWith('p') ? 'pipeline' : word.startsWith('j') ? 'job' : 'either', n };
}

const notFound = (e: unknown) => e instanceof DeepLinkError || (isApiError(e) && e.kind === 'not-found');

async function stackOf(source: InvestigationSource, link: DeepLink): Promise<Level[]> {
  return stackFor(await resolveDeepLink(source, link));
}

/** The stack to open, or why it cannot go. A plain number is a pipeline when there is one, else a job; network errors are said as they are. */
export async function resolveJump(source: InvestigationSource, t: JumpTarget): Promise<{ stack: Level[] } | { why: string }> {
  const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
  if (t.kind !== 'job') {
    try {
      return { stack: await stackOf(source, { pipeline: t.n }) };
    } catch (e) {
      if (!notFound(e)) return { why: message(e) };
      if (t.kind === 'pipeline') return { why: `no pipeline ${t.n} in ${source.label}` };
    }
  }
  try {
    return { stack: await stackOf(source, { job: t.n }) };
  } catch (e) {
    if (!notFound(e)) return { why: message(e) };
    return { why: t.kind === 'job' ? `no job ${t.n} in ${source.label}` : `no pipeline or job ${t.n} in ${source.label}` };
  }
}
