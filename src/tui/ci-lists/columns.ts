// What each level's list shows, column by column (sanitizing happens in the view).
import { pipelineGit } from '../../api/normalize.js';
import { pipelineOutcome } from '../../api/outcome.js';
import type { Job, JobDetails, Pipeline, Workflow } from '../../api/types.js';
import { statusTone } from '../../api/status.js';
import { durationBetween, formatDuration, relativeAge, UTC_TIME_WIDTH, utcTime } from '../../util/time.js';
import type { Col } from '../list/columns.js';
import { commandOf, commandPreview, type StepRow } from '../state/step-rows.js';

/** A status's theme tone for a cell (the CLI paints the same statusTone, cli/color.ts). */
const tone = (status: string) => {
  const kind = statusTone(status);
  return kind === 'ok' ? 'ok' : kind === 'bad' ? 'error' : kind === 'active' ? 'active' : kind === 'waiting' ? 'warn' : 'muted';
};

export function pipelineCols(outcomes: Map<string, Workflow[]>): Col<Pipeline>[] {
  const outcome = (p: Pipeline) => pipelineOutcome(outcomes.get(p.id));
  return [
    { title: '#', get: (p) => String(p.number), width: 5, align: 'right', priority: 9 },
    { title: 'OUTCOME', get: outcome, width: 9, tone: (p) => tone(outcome(p)), priority: 9 },
    { title: 'TRIGGER', get: (p) => p.trigger.type, width: 9, priority: 2 },
    { title: 'ACTOR', get: (p) => p.trigger.actor.login, width: 12, priority: 7 },
    { title: 'BRANCH/TAG', get: (p) => { const g = pipelineGit(p); return g.tag ? `tag:${g.tag}` : g.branch ?? '-'; }, flex: 1, min: 12, priority: 8 },
    { title: 'COMMIT', get: (p) => pipelineGit(p).subject ?? '-', flex: 2, min: 14, priority: 6 },
    { title: 'CREATED', get: (p) => utcTime(p.created_at), width: UTC_TIME_WIDTH, priority: 3 },
    { title: 'AGE', get: (p) => relativeAge(p.created_at), width: 8, priority: 4 },
  ];
}

export const workflowCols: Col<Workflow>[] = [
  { title: 'WORKFLOW', get: (w) => w.name, flex: 1, min: 14, priority: 9 },
  { title: 'STATUS', get: (w) => w.status, width: 12, tone: (w) => tone(w.status), priority: 9 },
  { title: 'DURATION', get: (w) => formatDuration(durationBetween(w.created_at, w.stopped_at)), width: 8, align: 'right', priority: 7 },
  { title: 'CREATED', get: (w) => utcTime(w.created_at), width: UTC_TIME_WIDTH, priority: 4 },
  { title: 'ID', get: (w) => w.id, width: 36, priority: 1 },
];

export function jobCols(details: Map<number, JobDetails | null>): Col<Job>[] {
  const d = (j: Job) => (j.job_number === null ? null : details.get(j.job_number));
  const pending = (j: Job) => j.type !== 'approval' && j.job_number !== null && !details.has(j.job_number);
  return [
    { title: '#', get: (j) => (j.job_number === null ? '-' : String(j.job_number)), width: 6, align: 'right', priority: 9 },
    { title: 'JOB', get: (j) => (j.type === 'approval' ? `${j.name} (approval)` : j.name), flex: 1, min: 12, priority: 9 },
    { title: 'STATUS', get: (j) => j.status, width: 11, tone: (j) => tone(j.status), priority: 9 },
    { title: 'DURATION', get: (j) => formatDuration(durationBetween(j.started_at, j.stopped_at)), width: 8, align: 'right', priority: 7 },
    { title: 'EXECUTOR', get: (j) => (pending(j) ? '…' : d(j) ? `${d(j)!.executor.type ?? '-'}/${d(j)!.executor.resource_class ?? '-'}` : '-'), width: 16, priority: 4 },
    { title: 'PAR', get: (j) => (pending(j) ? '…' : String(d(j)?.parallelism ?? '-')), width: 3, align: 'right', priority: 5 },
    { title: 'CONTEXTS', get: (j) => (pending(j) ? '…' : d(j)?.contexts.map((c) => c.name).join(',') || '-'), flex: 1, min: 10, priority: 6 },
  ];
}

export const stepCols: Col<StepRow>[] = [
  { title: 'ID', get: (s) => String(s.step), width: 4, align: 'right', priority: 6 },
  { title: 'STEP', get: (s) => s.name, flex: 1, min: 16, priority: 9 },
  // What the step ran, at a glance (`c` shows all of it): the first line that says something.
  { title: 'COMMAND', get: (s) => commandPreview(commandOf(s)) || '-', flex: 1, min: 16, priority: 6 },
  { title: 'STATUS', get: (s) => s.status, width: 10, tone: (s) => tone(s.status), priority: 9 },
  { title: 'EXIT', get: (s) => (s.exit_code === null ? '-' : String(s.exit_code)), width: 4, align: 'right', priority: 8 },
  { title: 'DURATION', get: (s) => formatDuration(s.run_time_millis), width: 8, align: 'right', priority: 7 },
  { title: 'NODES', get: (s) => String(s.nodes), width: 5, align: 'right', priority: 5 },
  { title: 'OUT', get: (s) => (s.has_output ? 'yes' : 'no'), width: 3, priority: 4 },
];
