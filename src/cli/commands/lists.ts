// pipelines / workflows / jobs / job: list what ran, as tables or --json.
import { isApiError } from '../../api/errors.js';
import { pipelineGit } from '../../api/normalize.js';
import { pipelineOutcome } from '../../api/outcome.js';
import type { Job, JobDetails, Pipeline, Workflow } from '../../api/types.js';
import { mapLimit } from '../../exposure/collect.js';
import { durationBetween, formatDuration, parseTimeWindow, relativeAge, shortTime } from '../../util/time.js';
import { colorEnabled, paintStatus, palette } from '../color.js';
import { intArg, openSession, requireProject, stderrEvents, type ApiFlags } from '../context.js';
import type { Io } from '../io.js';
import { safeJson } from '../json.js';
import { renderTable } from '../table.js';

export interface ListFlags extends ApiFlags { json?: boolean; project?: string; since?: string; until?: string; branch?: string }

function emit(io: Io, json: boolean | undefined, value: unknown, table: () => string): void {
  io.out.write(json ? `${safeJson(value)}\n` : table());
}

/** A listing the client stopped at its page bound is printed, then warned about, and the command fails. */
function exitFor(io: Io, truncated: readonly string[]): number {
  for (const w of truncated) io.err.write(`sleuth: warning: ${w}\n`);
  return truncated.length > 0 ? 1 : 0;
}

/** A pipeline as `pipelines --json` prints it: the API object, plus its outcome (null when its workflows could not be read). */
export type PipelineWithOutcome = Pipeline & { outcome: string | null };

export async function pipelinesCommand(flags: ListFlags, io: Io): Promise<number> {
  const slug = requireProject(flags.project, io);
  const { since, until } = parseTimeWindow(flags.since, flags.until);
  const s = openSession(flags, io, { onEvent: stderrEvents(io) });
  try {
    const items = await s.client.pipelines(slug, { branch: flags.branch, since, until });
    // `state` is only whether the pipeline was set up ("created" for nearly all): what happened is in its workflows,
    // summarised the way the TUI's OUTCOME column does.
    const failures: string[] = [];
    const rows: PipelineWithOutcome[] = await mapLimit(items, s.concurrency, async (pl) => {
      try {
        return { ...pl, outcome: pipelineOutcome(await s.client.workflows(pl.id)) };
      } catch (e) {
        if (!isApiError(e)) throw e;
        failures.push(`#${pl.number}: ${e.message}`);
        return { ...pl, outcome: null };
      }
    });
    const p = palette(colorEnabled(io.out, io.env));
    emit(io, flags.json, rows, () => (rows.length === 0 ? `no pipelines for ${slug} in that window\n` : renderTable<PipelineWithOutcome>(rows, [
      { header: 'NUMBER', value: (r) => String(r.number), align: 'right' },
      { header: 'OUTCOME', value: (r) => r.outcome ?? 'unknown', paint: (t) => paintStatus(p, t) },
      { header: 'TRIGGER', value: (r) => r.trigger.type },
      { header: 'ACTOR', value: (r) => r.trigger.actor.login, max: 16 },
      { header: 'BRANCH/TAG', value: (r) => { const g = pipelineGit(r); return g.tag ? `tag:${g.tag}` : g.branch ?? '-'; }, max: 28 },
      { header: 'COMMIT', value: (r) => pipelineGit(r).subject ?? '-', max: 36 },
      { header: 'CREATED', value: (r) => shortTime(r.created_at) },
      { header: 'AGE', value: (r) => relativeAge(r.created_at) },
      { header: 'ID', value: (r) => r.id },
    ], { headerPaint: p.bold })));
    const unread = failures.length === 0 ? [] : [`could not read the workflows of ${failures.length} pipeline${failures.length === 1 ? '' : 's'}, shown with outcome unknown (first: ${failures[0]})`];
    return exitFor(io, [...s.client.truncated, ...unread]);
  } finally {
    await s.close();
  }
}

export async function workflowsCommand(pipeline: string, flags: ListFlags, io: Io): Promise<number> {
  const s = openSession(flags, io, { onEvent: stderrEvents(io) });
  try {
    // A pipeline number needs its project; an id does not.
    const id = /^\d+$/.test(pipeline) ? (await s.client.pipelineByNumber(requireProject(flags.project, io), intArg(pipeline, 'pipeline number'))).id : pipeline;
    const items = await s.client.workflows(id);
    const p = palette(colorEnabled(io.out, io.env));
    emit(io, flags.json, items, () => renderTable<Workflow>(items, [
      { header: 'NAME', value: (r) => r.name, max: 30 },
      { header: 'STATUS', value: (r) => r.status, paint: (t) => paintStatus(p, t) },
      { header: 'DURATION', value: (r) => formatDuration(durationBetween(r.created_at, r.stopped_at)), align: 'right' },
      { header: 'CREATED', value: (r) => shortTime(r.created_at) },
      { header: 'ID', value: (r) => r.id },
    ], { headerPaint: p.bold }));
    return exitFor(io, s.client.truncated);
  } finally {
    await s.close();
  }
}

/** A job of `jobs PIPELINE-NUMBER --json`: the API object, plus the workflow it belongs to. */
export type JobInWorkflow = Job & { workflow_id: string; workflow_name: string };

/** `jobs WORKFLOW-ID`, or `jobs PIPELINE-NUMBER` (with --project, the git remote or the last-used project): every job of every workflow of that pipeline. */
export async function jobsCommand(ref: string, flags: ListFlags, io: Io): Promise<number> {
  const s = openSession(flags, io, { onEvent: stderrEvents(io) });
  try {
    const p = palette(colorEnabled(io.out, io.env));
    let items: Job[] | JobInWorkflow[];
    let workflowCount = 1;
    if (/^\d+$/.test(ref)) {
      const pipeline = await s.client.pipelineByNumber(requireProject(flags.project, io), intArg(ref, 'pipeline number'));
      const workflows = await s.client.workflows(pipeline.id);
      workflowCount = workflows.length;
      const perWorkflow = await mapLimit(workflows, s.concurrency, async (w) => (await s.client.jobs(w.id)).map((j) => ({ ...j, workflow_id: w.id, workflow_name: w.name })));
      items = perWorkflow.flat();
      if (workflows.length === 0 && !flags.json) {
        io.out.write(`pipeline ${pipeline.number} has no workflows\n`);
        return exitFor(io, s.client.truncated);
      }
    } else {
      items = await s.client.jobs(ref);
    }
    const workflowCol = workflowCount > 1 ? [{ header: 'WORKFLOW', value: (r: Job) => (r as Partial<JobInWorkflow>).workflow_name ?? '-', max: 24 }] : [];
    emit(io, flags.json, items, () => renderTable<Job>(items, [
      ...workflowCol,
      { header: 'NUMBER', value: (r) => (r.job_number === null ? '-' : String(r.job_number)), align: 'right' },
      { header: 'NAME', value: (r) => r.name, max: 32 },
      { header: 'TYPE', value: (r) => r.type },
      { header: 'STATUS', value: (r) => r.status, paint: (t) => paintStatus(p, t) },
      { header: 'DURATION', value: (r) => formatDuration(durationBetween(r.started_at, r.stopped_at)), align: 'right' },
      { header: 'STARTED', value: (r) => shortTime(r.started_at) },
    ], { headerPaint: p.bold }));
    return exitFor(io, s.client.truncated);
  } finally {
    await s.close();
  }
}

export async function jobCommand(num: string, flags: ListFlags, io: Io): Promise<number> {
  const slug = requireProject(flags.project, io);
  const n = intArg(num, 'job number');
  const s = openSession(flags, io, { onEvent: stderrEvents(io) });
  try {
    const d = await s.client.jobDetails(slug, n);
    const p = palette(colorEnabled(io.out, io.env));
    emit(io, flags.json, [d], () => renderTable<[string, string]>(jobFacts(d), [
      { header: 'FIELD', value: (r) => r[0] },
      { header: 'VALUE', value: (r) => r[1], max: 100, paint: (t, r) => (r[0] === 'status' ? paintStatus(p, t) : t) },
    ], { headerPaint: p.bold }));
    return 0;
  } finally {
    await s.close();
  }
}

function jobFacts(d: JobDetails): [string, string][] {
  return [
    ['number', String(d.number)],
    ['name', d.name],
    ['status', d.status],
    ['project', d.project.slug ?? '-'],
    ['workflow', `${d.latest_workflow.name ?? '-'} (${d.latest_workflow.id ?? '-'})`],
    ['pipeline', d.pipeline.id ?? '-'],
    ['executor', `${d.executor.type ?? '-'} ${d.executor.resource_class ?? ''}`.trim()],
    ['parallelism', String(d.parallelism)],
    ['nodes', d.parallel_runs.map((r) => `${r.index}:${r.status}`).join(' ') || '-'],
    ['contexts', d.contexts.map((c) => c.name).join(', ') || '-'],
    ['queued', shortTime(d.queued_at)],
    ['started', shortTime(d.started_at)],
    ['stopped', shortTime(d.stopped_at)],
    ['duration', formatDuration(d.duration)],
    ['web', d.web_url ?? '-'],
  ];
}
