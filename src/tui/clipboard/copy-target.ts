// What `y` (an id) and `Y` (an app.circleci.com URL) copy for the highlighted row. Every part is checked
// first (UUIDs, whole numbers, a project slug of plain names) and the text is put together here: a string
// from the API is never copied as it came, so a hostile name or id cannot carry anything onto the clipboard.
import type { StepSummary } from '../../api/step-summary.js';
import type { Job, Pipeline, Workflow } from '../../api/types.js';
import { selectionOf, type Selection } from '../state/selection.js';

export interface CopyItem {
  text: string;
  /** For the status line: `job 5015 (number)`, `pipeline 896 (URL)`. */
  what: string;
}

interface LevelLike { kind: string; pipeline?: Pipeline; workflow?: Workflow; job?: Job; step?: StepSummary }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NAME = /^[A-Za-z0-9_.-]{1,100}$/;
/** app.circleci.com spells the VCS in full. */
const VCS: Record<string, string> = { gh: 'github', github: 'github', bb: 'bitbucket', bitbucket: 'bitbucket', circleci: 'circleci' };

const uuid = (x: unknown): string | null => (typeof x === 'string' && UUID.test(x) ? x.toLowerCase() : null);
const whole = (x: unknown): string | null => (typeof x === 'number' && Number.isSafeInteger(x) && x >= 0 ? String(x) : null);

/** `github/acme/payments` from `gh/acme/payments`; null for anything else. */
function projectPath(slug: string | null): string | null {
  const parts = slug?.split('/') ?? [];
  if (parts.length !== 3) return null;
  const vcs = VCS[parts[0]!.toLowerCase()];
  const [org, repo] = [parts[1]!, parts[2]!];
  if (!vcs || ![org, repo].every((p) => NAME.test(p) && p !== '.' && p !== '..')) return null;
  return `${vcs}/${org}/${repo}`;
}

type Thing =
  | { kind: 'pipeline'; pipeline: Pipeline }
  | { kind: 'workflow'; pipeline: Pipeline | undefined; workflow: Workflow }
  | { kind: 'job'; pipeline: Pipeline | undefined; workflow: Workflow | undefined; job: Job };

/** The row under the cursor as a pipeline, workflow or job; a step (or its log) stands for its job. */
function thingAt(level: LevelLike, selection: Selection | undefined): Thing | null {
  switch (level.kind) {
    case 'pipelines': {
      const pipeline = selectionOf(selection, 'pipeline')?.pipeline;
      return pipeline ? { kind: 'pipeline', pipeline } : null;
    }
    case 'workflows': {
      const workflow = selectionOf(selection, 'workflow')?.workflow;
      return workflow ? { kind: 'workflow', pipeline: level.pipeline, workflow } : null;
    }
    case 'jobs': {
      const job = selectionOf(selection, 'job')?.job;
      return job ? { kind: 'job', pipeline: level.pipeline, workflow: level.workflow, job } : null;
    }
    default: return level.job ? { kind: 'job', pipeline: level.pipeline, workflow: level.workflow, job: level.job } : null;
  }
}

export function copyTarget(level: LevelLike, selection: Selection | undefined, want: 'id' | 'url', project: string | null): CopyItem | { why: string } {
  const t = thingAt(level, selection);
  if (!t) return { why: 'nothing selected to copy' };
  const number = whole(t.pipeline?.number);
  if (want === 'id') {
    if (t.kind === 'pipeline') {
      const id = uuid(t.pipeline.id);
      return id ? { text: id, what: `pipeline ${number ?? '?'} id` } : { why: 'this pipeline has no valid id to copy' };
    }
    if (t.kind === 'workflow') {
      const id = uuid(t.workflow.id);
      return id ? { text: id, what: 'workflow id' } : { why: 'this workflow has no valid id to copy' };
    }
    const n = whole(t.job.job_number);
    return n ? { text: n, what: `job ${n} (number)` } : { why: 'this job has no number (an approval job): nothing to copy' };
  }
  const path = projectPath(project);
  if (!path) return { why: 'no app URL: the project is not a gh/, bb/ or circleci/ slug of plain names' };
  if (!number) return { why: 'no app URL: the pipeline number is unknown' };
  const base = `https://app.circleci.com/pipelines/${path}/${number}`;
  if (t.kind === 'pipeline') return { text: base, what: `pipeline ${number} (URL)` };
  const wf = uuid(t.workflow?.id);
  if (!wf) return { why: 'no app URL: the workflow id is not valid' };
  if (t.kind === 'workflow') return { text: `${base}/workflows/${wf}`, what: 'workflow (URL)' };
  const n = whole(t.job.job_number);
  return n ? { text: `${base}/workflows/${wf}/jobs/${n}`, what: `job ${n} (URL)` } : { why: 'no app URL: this job has no number' };
}
