import { stableHex } from '../ids.js';
import { SIM_PROJECT, SIM_VCS_URL } from '../story.js';
import { iso, isoSeconds } from '../time.js';
import type { SimAction, SimJob, SimStep, SimWorld } from '../world/model.js';

// The v1.1 "build" of one job: the only API that exposes steps, bash commands,
// exit codes and the presigned output_url of every step on every parallel node.

const RESOURCES = { small: { cpu: 1, ram: 2048 }, medium: { cpu: 2, ram: 4096 }, large: { cpu: 4, ram: 8192 } } as const;

function lifecycle(job: SimJob): { lifecycle: string; outcome: string | null; status: string } {
  if (job.status === 'running') return { lifecycle: 'running', outcome: null, status: 'running' };
  if (job.status === 'failed') return { lifecycle: 'finished', outcome: 'failed', status: 'failed' };
  return { lifecycle: 'finished', outcome: 'success', status: 'success' };
}

function actionJson(job: SimJob, step: SimStep, a: SimAction, outputUrl: (key: string) => string): Record<string, unknown> {
  const action: Record<string, unknown> = {
    truncated: false,
    index: a.index,
    parallel: job.parallelism > 1,
    failed: a.status === 'failed' ? true : null,
    infrastructure_fail: null,
    name: step.name,
    bash_command: step.bashCommand,
    status: a.status,
    timedout: null,
    continue: null,
    end_time: a.endMs === null ? null : iso(a.endMs),
    type: 'test',
    allocation_id: a.allocationId,
    output_url: a.outputKey ? outputUrl(a.outputKey) : null,
    start_time: iso(a.startMs),
    background: step.background,
    exit_code: a.exitCode,
    insignificant: false,
    canceled: null,
    step: step.id,
    run_time_millis: a.endMs === null ? null : a.endMs - a.startMs,
    has_output: a.outputKey !== null,
  };
  if (!a.outputKey && a.noOutputUrl === 'absent') delete action.output_url;
  return action;
}

/** Most recent earlier finished build of the same job name, like v1.1's `previous`. */
function previousBuild(job: SimJob, world: SimWorld): object | null {
  for (const p of world.pipelines) {
    if (p.number >= job.pipeline.number) continue;
    for (const wf of p.workflows)
      for (const j of wf.jobs)
        if (j.name === job.name && j.type === 'build' && j.startedMs !== null && j.stoppedMs !== null)
          return { build_num: j.number, status: j.status, build_time_millis: j.stoppedMs - j.startedMs };
  }
  return null;
}

/**
 * `webOrigin`: where `build_url` points, the install's own host on CircleCI Server (null: https://circleci.com).
 * Step output stays a presigned link to object storage in both (Server keeps it in the install's S3-compatible store).
 */
export function buildJson(job: SimJob, world: SimWorld, outputUrl: (key: string) => string, webOrigin: string | null = null): object {
  const p = job.pipeline;
  const state = lifecycle(job);
  const email = `${p.trigger.login}@users.noreply.github.com`;
  const commitDate = isoSeconds(p.createdMs - 61_000);
  const previous = previousBuild(job, world);
  const agent = `1.0.289012-${stableHex('build-agent', 8)}`;
  const upstream = job.dependencies;
  return {
    build_num: job.number,
    build_url: `${webOrigin ?? 'https://circleci.com'}/${SIM_PROJECT}/${job.number}`,
    vcs_url: SIM_VCS_URL,
    vcs_type: 'github',
    username: world.labels.orgName,
    reponame: world.labels.repoName,
    branch: p.branch,
    vcs_tag: p.tag ?? null,
    vcs_revision: p.revision,
    subject: p.subject,
    body: p.body,
    committer_name: p.trigger.name,
    committer_email: email,
    committer_date: commitDate,
    author_name: p.trigger.name,
    author_email: email,
    author_date: commitDate,
    why: p.trigger.type === 'webhook' ? 'github' : 'api',
    dont_build: null,
    user: {
      is_user: p.trigger.type === 'webhook',
      login: p.trigger.login,
      avatar_url: p.trigger.avatarUrl,
      name: p.trigger.name,
      vcs_type: 'github',
      id: parseInt(stableHex(`gh-user:${p.trigger.login}`, 6), 16),
    },
    usage_queued_at: iso(job.createdMs),
    queued_at: iso(job.queuedMs),
    start_time: job.startedMs === null ? null : iso(job.startedMs),
    stop_time: job.stoppedMs === null ? null : iso(job.stoppedMs),
    build_time_millis: job.startedMs !== null && job.stoppedMs !== null ? job.stoppedMs - job.startedMs : null,
    ...state,
    failed: job.status === 'failed',
    canceled: false,
    timedout: false,
    infrastructure_fail: false,
    retry_of: null,
    retries: null,
    parallel: job.parallelism,
    platform: '2.0',
    has_artifacts: job.artifacts.length > 0,
    job_name: null,
    fail_reason: null,
    context_ids: job.contexts,
    build_parameters: { CIRCLE_JOB: job.name },
    previous,
    previous_successful_build: previous,
    pull_requests: [],
    ssh_users: [],
    messages: job.messages ?? [],
    all_commit_details: [
      {
        commit: p.revision,
        subject: p.subject,
        body: p.body,
        branch: p.branch,
        commit_url: `${SIM_VCS_URL}/commit/${p.revision}`,
        author_name: p.trigger.name,
        author_email: email,
        author_login: p.trigger.login,
        author_date: commitDate,
        committer_name: p.trigger.name,
        committer_email: email,
        committer_login: p.trigger.login,
        committer_date: commitDate,
      },
    ],
    workflows: {
      job_name: job.name,
      job_id: job.id,
      workflow_id: job.workflow.id,
      workspace_id: job.workflow.id,
      upstream_job_ids: upstream,
      upstream_concurrency_map: {},
      workflow_name: job.workflow.name,
    },
    picard: {
      build_agent: { image: `circleci/picard:${agent}`, properties: { build_agent: agent, executor: job.executor ?? 'docker' } },
      resource_class: { ...RESOURCES[job.resourceClass], class: job.resourceClass },
      executor: job.executor ?? 'docker',
    },
    steps: job.steps.map((s) => ({ name: s.name, actions: s.actions.map((a) => actionJson(job, s, a, outputUrl)) })),
  };
}
