// The seed's jq projections, reproduced field for field so its grep recipes keep working:
//   job-info.json  = `.items[] | select(.job_number == N) | {name, status, started_at, stopped_at}`
//   step-info.json = `[.steps[]?.actions[]? | {step, index, name, bash_command, start_time, end_time,
//                     exit_code, status, run_time_millis, background, parallel}]`
import type { BuildDetails, Job } from '../api/types.js';

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

/** Evidence JSON: jq's layout (two-space indent, trailing newline), every character kept. */
export function jsonBytes(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
}
