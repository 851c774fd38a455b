// Raw API JSON → the normalised types in types.ts. Every reader tolerates missing or mistyped fields.
// The one field kept as an arbitrary subtree (trigger_parameters) is depth-capped here, so
// nothing downstream (JSON.stringify, renderers, evidence) recurses over untrusted depth.
import { capDepth } from '../text/safe-json.js';
import { arr, bool, envTimestamp, num, obj, str, strArr, strOr, type Obj } from './coerce.js';
import type {
  Artifact, BuildDetails, Context, ContextEnvVar, Job, JobDetails, Me, Pipeline, Project,
  ProjectEnvVar, Step, StepAction, Workflow,
} from './types.js';

export function toPipeline(raw: unknown): Pipeline {
  const o = obj(raw);
  const trigger = obj(o.trigger);
  const actor = obj(trigger.actor);
  const vcsRaw = o.vcs;
  const vcs = vcsRaw === undefined || vcsRaw === null ? null : obj(vcsRaw);
  const commit = vcs && vcs.commit != null ? obj(vcs.commit) : null;
  return {
    id: strOr(o.id, ''),
    number: num(o.number) ?? 0,
    project_slug: strOr(o.project_slug, ''),
    state: strOr(o.state, 'unknown'),
    created_at: strOr(o.created_at, ''),
    updated_at: str(o.updated_at),
    trigger: {
      type: strOr(trigger.type, 'unknown'),
      received_at: str(trigger.received_at),
      actor: { login: strOr(actor.login, ''), avatar_url: str(actor.avatar_url) },
    },
    vcs: vcs && {
      provider_name: str(vcs.provider_name),
      origin_repository_url: str(vcs.origin_repository_url),
      target_repository_url: str(vcs.target_repository_url),
      revision: str(vcs.revision),
      branch: str(vcs.branch),
      tag: str(vcs.tag),
      commit: commit && { subject: str(commit.subject), body: str(commit.body) },
    },
    errors: arr(o.errors).map((e) => ({ type: strOr(obj(e).type, 'other'), message: strOr(obj(e).message, '') })),
    trigger_parameters: o.trigger_parameters == null ? null : capDepth(obj(o.trigger_parameters)),
  };
}

/** Git facts live in `vcs`, or in trigger_parameters.git for GitHub-App / pipeline-definition triggers. */
export function pipelineGit(p: Pipeline): { branch: string | null; tag: string | null; revision: string | null; subject: string | null } {
  const git = obj(obj(p.trigger_parameters).git);
  return {
    branch: p.vcs?.branch ?? str(git.branch),
    tag: p.vcs?.tag ?? str(git.tag),
    revision: p.vcs?.revision ?? str(git.checkout_sha),
    subject: p.vcs?.commit?.subject ?? str(git.commit_message) ?? null,
  };
}

export function toWorkflow(raw: unknown): Workflow {
  const o = obj(raw);
  return {
    id: strOr(o.id, ''),
    name: strOr(o.name, ''),
    pipeline_id: strOr(o.pipeline_id, ''),
    pipeline_number: num(o.pipeline_number),
    project_slug: strOr(o.project_slug, ''),
    status: strOr(o.status, 'unknown'),
    started_by: str(o.started_by),
    canceled_by: str(o.canceled_by),
    errored_by: str(o.errored_by),
    tag: str(o.tag),
    created_at: str(o.created_at),
    stopped_at: str(o.stopped_at),
  };
}

export function toJob(raw: unknown): Job {
  const o = obj(raw);
  return {
    id: strOr(o.id, ''),
    name: strOr(o.name, ''),
    job_number: num(o.job_number),
    type: strOr(o.type, 'build'),
    status: strOr(o.status, 'unknown'),
    project_slug: strOr(o.project_slug, ''),
    started_at: str(o.started_at),
    stopped_at: str(o.stopped_at),
    dependencies: strArr(o.dependencies),
    approved_by: str(o.approved_by),
    canceled_by: str(o.canceled_by),
    approval_request_id: str(o.approval_request_id),
  };
}

export function toJobDetails(raw: unknown): JobDetails {
  const o = obj(raw);
  const project = obj(o.project);
  const executor = obj(o.executor);
  return {
    number: num(o.number) ?? 0,
    name: strOr(o.name, ''),
    status: strOr(o.status, 'unknown'),
    web_url: str(o.web_url),
    project: { id: str(project.id), slug: str(project.slug), name: str(project.name), external_url: str(project.external_url) },
    parallel_runs: arr(o.parallel_runs).map((r) => ({ index: num(obj(r).index) ?? 0, status: strOr(obj(r).status, 'unknown') })),
    parallelism: num(o.parallelism) ?? 1,
    executor: { type: str(executor.type), resource_class: str(executor.resource_class) },
    pipeline: { id: str(obj(o.pipeline).id) },
    latest_workflow: { id: str(obj(o.latest_workflow).id), name: str(obj(o.latest_workflow).name) },
    contexts: arr(o.contexts).map((c) => ({ name: strOr(obj(c).name, '') })).filter((c) => c.name !== ''),
    organization: { name: str(obj(o.organization).name) },
    messages: arr(o.messages).map((m) => ({ type: strOr(obj(m).type, ''), message: strOr(obj(m).message, ''), reason: str(obj(m).reason) })),
    created_at: str(o.created_at),
    queued_at: str(o.queued_at),
    started_at: str(o.started_at),
    stopped_at: str(o.stopped_at),
    duration: num(o.duration),
  };
}

function toAction(raw: unknown, stepName: string): StepAction {
  const o = obj(raw);
  // Cached builds carry 'cached:removed' where the presigned link was: output exists, link does not.
  const url = typeof o.output_url === 'string' && /^https?:/i.test(o.output_url) ? o.output_url : null;
  const hasLink = url !== null || o.output_url === 'cached:removed';
  return {
    step: num(o.step) ?? -1,
    index: num(o.index) ?? 0,
    name: strOr(o.name, stepName),
    bash_command: str(o.bash_command),
    status: strOr(o.status, 'unknown'),
    exit_code: num(o.exit_code),
    start_time: str(o.start_time),
    end_time: str(o.end_time),
    run_time_millis: num(o.run_time_millis),
    background: bool(o.background),
    parallel: bool(o.parallel),
    has_output: bool(o.has_output) && hasLink,
    output_url: url,
    truncated: bool(o.truncated),
    failed: bool(o.failed),
    timedout: bool(o.timedout),
    canceled: bool(o.canceled),
    infrastructure_fail: bool(o.infrastructure_fail),
    type: str(o.type),
    allocation_id: str(o.allocation_id),
  };
}

export function toBuildDetails(raw: unknown): BuildDetails {
  const o = obj(raw);
  const wf = o.workflows == null ? null : obj(o.workflows);
  const picard = obj(o.picard);
  const steps: Step[] = [];
  arr(o.steps).forEach((s, position) => {
    const so = obj(s);
    const name = strOr(so.name, '');
    const actions = arr(so.actions).map((a) => toAction(a, name));
    // A step's id lives on its actions; fall back to the position when the API leaves it out.
    const id = actions[0]?.step ?? -1;
    const step = id >= 0 ? id : position;
    for (const a of actions) if (a.step < 0) a.step = step;
    steps.push({ step, name, actions: actions.sort((a, b) => a.index - b.index) });
  });
  return {
    build_num: num(o.build_num) ?? 0,
    job_name: str(o.job_name) ?? str(wf?.job_name),
    lifecycle: str(o.lifecycle),
    outcome: str(o.outcome),
    status: str(o.status),
    parallel: num(o.parallel) ?? 1,
    branch: str(o.branch),
    vcs_tag: str(o.vcs_tag),
    vcs_revision: str(o.vcs_revision),
    subject: str(o.subject),
    build_url: str(o.build_url),
    start_time: str(o.start_time),
    stop_time: str(o.stop_time),
    build_time_millis: num(o.build_time_millis),
    failed: bool(o.failed),
    canceled: bool(o.canceled),
    timedout: bool(o.timedout),
    infrastructure_fail: bool(o.infrastructure_fail),
    workflows: wf && { workflow_id: str(wf.workflow_id), workflow_name: str(wf.workflow_name), job_name: str(wf.job_name), job_id: str(wf.job_id) },
    executor: str(picard.executor),
    resource_class: str(obj(picard.resource_class).class),
    steps,
  };
}

export function toArtifact(raw: unknown): Artifact {
  const o = obj(raw);
  return { path: strOr(o.path, ''), node_index: num(o.node_index) ?? 0, url: strOr(o.url, '') };
}

export function toProjectEnvVar(raw: unknown): ProjectEnvVar {
  const o: Obj = obj(raw);
  return { name: strOr(o.name, ''), value: strOr(o.value, ''), created_at: envTimestamp(o) };
}

export function toContext(raw: unknown): Context {
  const o = obj(raw);
  return { id: strOr(o.id, ''), name: strOr(o.name, ''), created_at: str(o.created_at) };
}

export function toContextEnvVar(raw: unknown): ContextEnvVar {
  const o = obj(raw);
  return {
    variable: strOr(o.variable, ''),
    context_id: strOr(o.context_id, ''),
    created_at: str(o.created_at),
    updated_at: str(o.updated_at),
    truncated_value: str(o.truncated_value),
  };
}

export function toMe(raw: unknown): Me {
  const o = obj(raw);
  return { id: strOr(o.id, ''), login: strOr(o.login, ''), name: str(o.name) };
}

export function toProject(raw: unknown): Project {
  const o = obj(raw);
  const v = o.vcs_info == null ? null : obj(o.vcs_info);
  return {
    slug: strOr(o.slug, ''),
    name: str(o.name),
    id: str(o.id),
    organization_name: str(o.organization_name),
    organization_slug: str(o.organization_slug),
    organization_id: str(o.organization_id),
    vcs_info: v && { vcs_url: str(v.vcs_url), provider: str(v.provider), default_branch: str(v.default_branch) },
  };
}
