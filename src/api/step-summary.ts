// One line per step across its parallel nodes: the worst status, the first failing exit code.
import type { Step } from './types.js';

const RANK: Record<string, number> = { failed: 6, timedout: 6, infrastructure_fail: 6, canceled: 4, running: 3, queued: 2, success: 1 };

export interface StepSummary {
  step: number;
  name: string;
  status: string;
  exit_code: number | null;
  run_time_millis: number | null;
  nodes: number;
  has_output: boolean;
  background: boolean;
}

export function summarizeStep(s: Step): StepSummary {
  let status = s.actions[0]?.status ?? 'unknown';
  let exit: number | null = null;
  let runtime: number | null = null;
  for (const a of s.actions) {
    if ((RANK[a.status] ?? 0) > (RANK[status] ?? 0)) status = a.status;
    if (a.exit_code !== null && (exit === null || (exit === 0 && a.exit_code !== 0))) exit = a.exit_code;
    if (a.run_time_millis !== null) runtime = Math.max(runtime ?? 0, a.run_time_millis);
  }
  return {
    step: s.step,
    name: s.name,
    status,
    exit_code: exit,
    run_time_millis: runtime,
    nodes: s.actions.length,
    has_output: s.actions.some((a) => a.has_output),
    background: s.actions.some((a) => a.background),
  };
}

/** Find a step by id (`104`) or by name (exact, then case-insensitive substring). */
export function findStep(steps: Step[], ref: string): Step | null {
  if (/^\d+$/.test(ref)) return steps.find((s) => s.step === Number(ref)) ?? null;
  const lower = ref.toLowerCase();
  return steps.find((s) => s.name === ref) ?? steps.find((s) => s.name.toLowerCase().includes(lower)) ?? null;
}
