// steps / log: what each step ran and printed.
import { ApiError } from '../../api/errors.js';
import { summarizeStep, type StepSummary } from '../../api/step-summary.js';
import type { BuildDetails, Step } from '../../api/types.js';
import { cell } from '../../text/cell.js';
import { TerminalSanitizer } from '../../text/sanitize.js';
import { formatDuration } from '../../util/time.js';
import { colorEnabled, paintStatus, palette } from '../color.js';
import { intArg, openSession, requireProject, stderrEvents } from '../context.js';
import { writeRaw, type Io } from '../io.js';
import { UsageError } from '../../util/errors.js';
import { safeJson } from '../json.js';
import { renderTable } from '../table.js';
import type { ListFlags } from './lists.js';

/** Steps for --json: presigned output links are short-lived secrets of their own, so they are left out. */
function publicSteps(b: BuildDetails): Step[] {
  return b.steps.map((s) => ({ ...s, actions: s.actions.map((a) => ({ ...a, output_url: null })) }));
}

export async function stepsCommand(num: string, flags: ListFlags, io: Io): Promise<number> {
  const slug = requireProject(flags.project, io);
  const n = intArg(num, 'job number');
  const s = openSession(flags, io, { onEvent: stderrEvents(io) });
  try {
    const build = await s.client.build(slug, n);
    if (flags.json) {
      io.out.write(`${safeJson(publicSteps(build))}\n`);
      return 0;
    }
    const p = palette(colorEnabled(io.out, io.env));
    const rows = build.steps.map(summarizeStep);
    io.out.write(rows.length === 0 ? `job ${n} has no steps (it may not have started)\n` : renderTable<StepSummary>(rows, [
      { header: 'STEP', value: (r) => String(r.step), align: 'right' },
      { header: 'NAME', value: (r) => r.name, max: 40 },
      { header: 'STATUS', value: (r) => r.status, paint: (t) => paintStatus(p, t) },
      { header: 'EXIT', value: (r) => (r.exit_code === null ? '-' : String(r.exit_code)), align: 'right' },
      { header: 'DURATION', value: (r) => formatDuration(r.run_time_millis), align: 'right' },
      { header: 'NODES', value: (r) => String(r.nodes), align: 'right' },
      { header: 'OUTPUT', value: (r) => (r.has_output ? 'yes' : 'no') },
    ], { headerPaint: p.bold }));
    return 0;
  } finally {
    await s.close();
  }
}

/**
 * The steps a `log` reference means: an id (digits) is that step; a name is looked for in three rounds, the first with
 * any match deciding: the exact name, then the name in any case, then part of the name in any case. More than one
 * step in the deciding round is ambiguous (the caller lists them).
 */
export function stepsNamed(steps: Step[], ref: string): Step[] {
  if (/^\d+$/.test(ref)) return steps.filter((s) => s.step === Number(ref)).slice(0, 1);
  const lower = ref.toLowerCase();
  const rounds: ((s: Step) => boolean)[] = [(s) => s.name === ref, (s) => s.name.toLowerCase() === lower, (s) => s.name.toLowerCase().includes(lower)];
  for (const round of rounds) {
    const found = steps.filter(round);
    if (found.length > 0) return found;
  }
  return [];
}

export interface LogFlags extends ListFlags { node?: string; raw?: boolean }

export async function logCommand(num: string, stepRef: string, flags: LogFlags, io: Io): Promise<number> {
  const slug = requireProject(flags.project, io);
  const n = intArg(num, 'job number');
  const wantNode = flags.node === undefined ? null : intArg(flags.node, '--node');
  // Raw bytes only ever go to a file or a pipe; a terminal always gets the sanitized text.
  const raw = Boolean(flags.raw) && !io.out.isTTY;
  if (flags.raw && io.out.isTTY) io.err.write('sleuth: --raw ignored: stdout is a terminal, showing the sanitized text (redirect to a file for raw bytes)\n');
  const s = openSession(flags, io, { onEvent: stderrEvents(io) });
  try {
    const build = await s.client.build(slug, n);
    const matches = stepsNamed(build.steps, stepRef);
    if (matches.length > 1) {
      // Printing the first of several would show the wrong log with nothing to say so: list them and stop.
      io.err.write(`sleuth: ${matches.length} steps of job ${n} match ${JSON.stringify(cell(stepRef, 40))}; name one by its id:\n`);
      const width = Math.max(...matches.map((m) => String(m.step).length));
      for (const m of matches) io.err.write(`  ${String(m.step).padStart(width)}  ${cell(m.name, 100)}\n`);
      return 2;
    }
    const step = matches[0];
    if (!step) throw new ApiError('not-found', `job ${n} has no step ${JSON.stringify(stepRef).slice(0, 40)}; steps: ${build.steps.map((x) => x.step).join(', ') || 'none'}`, 404);
    const nodes = wantNode === null ? step.actions.map((a) => a.index) : [wantNode];
    if (wantNode !== null && !step.actions.some((a) => a.index === wantNode)) {
      throw new UsageError(`step ${step.step} has no node ${wantNode}; nodes: ${step.actions.map((a) => a.index).join(', ')}`);
    }
    if (raw && nodes.length > 1 && !flags.json) throw new UsageError(`step ${step.step} ran on ${nodes.length} nodes; pass --node N with --raw`);
    const results = [];
    for (const node of nodes) {
      const action = step.actions.find((a) => a.index === node)!;
      const fetched = await s.client.stepOutput(slug, n, step.step, node);
      results.push({ job_number: n, step: step.step, node, name: step.name, status: action.status, exit_code: action.exit_code, format: fetched.output.format, truncated: fetched.output.truncated, output: fetched.output.text });
    }
    if (flags.json) {
      io.out.write(`${safeJson(results)}\n`);
      return 0;
    }
    for (const r of results) {
      if (raw) {
        writeRaw(io.out, r.output);
        continue;
      }
      if (nodes.length > 1) io.out.write(`${palette(colorEnabled(io.out, io.env)).bold(`=== node ${r.node} of ${nodes.length} · ${paintStatus(palette(false), r.status)} ===`)}\n`);
      if (r.format === 'none') {
        io.out.write('(this step printed nothing)\n');
        continue;
      }
      const san = new TerminalSanitizer({ keepColor: colorEnabled(io.out, io.env) });
      const text = san.push(r.output) + san.end();
      io.out.write(text.endsWith('\n') || text === '' ? text : `${text}\n`);
      if (r.truncated) io.err.write(`sleuth: CircleCI marked the output of step ${r.step} node ${r.node} as truncated\n`);
    }
    return 0;
  } finally {
    await s.close();
  }
}
