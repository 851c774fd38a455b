// The seed's jq projections, reproduced field for field so its grep recipes keep working:
//   job-info.json  = `.items[] | select(.job_number == N) | {name, status, started_at, stopped_at}`
//   step-info.json = `[.steps[]?.actions[]? | {step, index, name, bash_command, start_time, end_time,
//                     exit_code, status, run_time_millis, background, parallel}]`
import type { BuildDetails, Job } from '../api/types.js';
import { capDepth, deeperThan, MAX_JSON_DEPTH } from '../text/safe-json.js';

export function jobInfo(job: Job): { name: string; status: string; started_at: string | null; stopped_at: string | null } {
  return { name: job.name, status: job.status, started_at: job.started_at, stopped_at: job.stopped_at };
}

export function stepInfo(build: BuildDetails): Record<string, unknown>[] {
  return build.steps.flatMap((s) =>
    s.actions.map((a) => ({
      step: a.step,
      index: a.index,
      name: a.name,
      bash_command: a.bash_command,
      start_time: a.start_time,
      end_time: a.end_time,
      exit_code: a.exit_code,
      status: a.status,
      run_time_millis: a.run_time_millis,
      background: a.background,
      parallel: a.parallel,
    })),
  );
}

/**
 * Evidence JSON: jq's layout (two-space indent, trailing newline), every character kept. Values
 * nested deeper than MAX_JSON_DEPTH become a visible marker (JSON.stringify would overflow the
 * stack on them); the caller keeps the raw body of such a document.
 */
export function jsonBytes(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(capDepth(value), null, 2)}\n`, 'utf8');
}

const MARKER = /^\[nested deeper than \d+ levels: not shown\]$/;

/**
 * Whether `value` is nested past MAX_JSON_DEPTH, or was already cut (it holds safe-json's depth
 * marker, put there by the API layer's own cap). Iterative, and bounded in the nodes it visits.
 */
export function cutByDepth(value: unknown, maxNodes = 1_000_000): boolean {
  if (deeperThan(value, MAX_JSON_DEPTH)) return true;
  const stack: unknown[] = [value];
  for (let seen = 0; stack.length > 0 && seen < maxNodes; seen++) {
    const node = stack.pop();
    if (typeof node === 'string' && MARKER.test(node)) return true;
    if (node !== null && typeof node === 'object') for (const child of Object.values(node)) stack.push(child);
  }
  return false;
}
