import { SIM_ME, SIM_ORG, SIM_ORG_ID, SIM_ORG_SLUG, SIM_PROJECT, SIM_PROJECT_ID, SIM_REPO, SIM_VCS_URL, simUserId } from '../story.js';
import { iso, isoSeconds } from '../time.js';
import { nodeStatus } from '../world/job-factory.js';
import { STORY_LABELS } from '../world/build-world.js';
import type { SimContext, SimEnvVar, SimJob, SimPipeline, SimWorkflow, WorldLabels } from '../world/model.js';

// Wire shapes of API v2, field order as in the reference examples. Display strings that are not part of a story
// object (names of the project, the org, the user) come from the world's labels (hostile mode changes them);
// slugs, ids and URLs never change.

export function meJson(labels: WorldLabels = STORY_LABELS): object {
  return { id: SIM_ME.id, login: labels.meLogin, name: labels.meName };
}

export function collaborationsJson(labels: WorldLabels = STORY_LABELS): object[] {
  return [{ id: SIM_ORG_ID, 'vcs-type': 'github', name: labels.orgName, avatar_url: 'https://avatars.githubusercontent.com/u/4912345?v=4', slug: SIM_ORG_SLUG }];
}

export function projectJson(labels: WorldLabels = STORY_LABELS): object {
  return {
    slug: SIM_PROJECT,
    name: labels.repoName,
    id: SIM_PROJECT_ID,
    organization_name: labels.orgName,
    organization_slug: SIM_ORG_SLUG,
    organization_id: SIM_ORG_ID,
    vcs_info: { vcs_url: SIM_VCS_URL, provider: labels.vcsProvider, default_branch: labels.defaultBranch },
  };
}

function triggerParameters(p: SimPipeline): Record<string, unknown> {
  const eventType = p.trigger.type === 'webhook' ? 'push' : p.trigger.type === 'api' ? 'api' : 'schedule';
  return {
    circleci: { event_type: eventType, trigger_type: p.trigger.type, event_time: iso(p.trigger.receivedMs), actor_id: simUserId(p.trigger.login) },
    git: { branch: p.branch, checkout_sha: p.revision, ref: `refs/heads/${p.branch}`, repo_url: SIM_VCS_URL },
  };
}

export function pipelineJson(p: SimPipeline, labels: WorldLabels = STORY_LABELS): object {
  return {
    id: p.id,
    errors: p.errors ?? [],
    project_slug: SIM_PROJECT,
    updated_at: iso(p.createdMs),
    number: p.number,
    trigger_parameters: triggerParameters(p),
    state: 'created',
    created_at: iso(p.createdMs),
    trigger: { type: p.trigger.type, received_at: iso(p.trigger.receivedMs), actor: { login: p.trigger.login, avatar_url: p.trigger.avatarUrl } },
    vcs: {
      provider_name: labels.vcsProvider,
      origin_repository_url: SIM_VCS_URL,
      target_repository_url: SIM_VCS_URL,
      revision: p.revision,
      branch: p.branch,
      ...(p.tag !== undefined ? { tag: p.tag } : {}),
      commit: { subject: p.subject, body: p.body },
    },
  };
}

export function workflowJson(w: SimWorkflow): object {
  return {
    pipeline_id: w.pipeline.id,
    id: w.id,
    name: w.name,
    project_slug: SIM_PROJECT,
    status: w.status,
    started_by: w.startedBy,
    pipeline_number: w.pipeline.number,
    created_at: iso(w.createdMs),
    stopped_at: w.stoppedMs === null ? null : iso(w.stoppedMs),
  };
}

export function jobListItemJson(j: SimJob): object {
  const base = {
    dependencies: j.dependencies,
    job_number: j.number,
    id: j.id,
    started_at: j.startedMs === null ? null : isoSeconds(j.startedMs),
    name: j.name,
    project_slug: SIM_PROJECT,
    status: j.status,
    type: j.type,
  };
  if (j.type === 'approval') return { ...base, approval_request_id: j.approvalRequestId };
  return { ...base, stopped_at: j.stoppedMs === null ? null : isoSeconds(j.stoppedMs) };
}

/** `webOrigin`: a Server install's web app is on its own host (null: Cloud's app.circleci.com). */
export function jobDetailsJson(j: SimJob, labels: WorldLabels = STORY_LABELS, webOrigin: string | null = null): object {
  return {
    web_url: `${webOrigin ?? 'https://app.circleci.com'}/pipelines/github/${SIM_ORG}/${SIM_REPO}/${j.pipeline.number}/workflows/${j.workflow.id}/jobs/${j.number}`,
    project: { id: SIM_PROJECT_ID, slug: SIM_PROJECT, name: labels.repoName, external_url: SIM_VCS_URL },
    parallel_runs: Array.from({ length: j.parallelism }, (_, index) => ({ index, status: nodeStatus(j, index) })),
    started_at: j.startedMs === null ? null : iso(j.startedMs),
    latest_workflow: { id: j.workflow.id, name: j.workflow.name },
    name: j.name,
    executor: { type: j.executor ?? 'docker', resource_class: j.resourceClass },
    parallelism: j.parallelism,
    status: j.status,
    number: j.number,
    pipeline: { id: j.pipeline.id },
    duration: j.startedMs !== null && j.stoppedMs !== null ? j.stoppedMs - j.startedMs : null,
    created_at: iso(j.createdMs),
    messages: j.messages ?? [],
    contexts: j.contexts.map((name) => ({ name })),
    organization: { name: labels.orgName },
    queued_at: iso(j.queuedMs),
    stopped_at: j.stoppedMs === null ? null : iso(j.stoppedMs),
  };
}

export function envVarJson(v: SimEnvVar): object {
  return v.createdAt === undefined ? { name: v.name, value: v.value } : { name: v.name, value: v.value, 'created-at': v.createdAt };
}

export function contextJson(c: SimContext): object {
  return { id: c.id, name: c.name, created_at: c.createdAt };
}

export function contextVarsJson(c: SimContext): object[] {
  return c.vars.map((v) => ({ variable: v.variable, context_id: c.id, created_at: v.createdAt, updated_at: v.updatedAt }));
}
