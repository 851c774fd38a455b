import { describe, expect, it } from 'vitest';
import {
  SIM_ANCHOR_MS,
  SIM_CONTEXT_NAMES,
  SIM_MALICIOUS,
  SIM_MATRIX,
  SIM_ME,
  SIM_ORG_ID,
  SIM_PIPELINES,
  SIM_PROJECT,
  SIM_RUNNING,
  SIM_SHARDS,
  matrixJobName,
  routineJobNumber,
  simContextId,
  simPipelineId,
  simWorkflowId,
} from '../../src/sim/index.js';
import { allPages, api, build, get, projectPath, useSimulator } from './sim-test-kit.js';

const sim = useSimulator();

describe('pagination', () => {
  it('lists 60 pipelines newest first in 3 pages of 20, two hours apart', async () => {
    const first = await api(sim(), projectPath('/pipeline'));
    expect(Object.keys(first).sort()).toEqual(['items', 'next_page_token']);
    expect(first.items).toHaveLength(20);
    const { items, pages } = await allPages(sim(), projectPath('/pipeline'));
    expect(pages).toBe(3);
    expect(items.map((p) => p.number)).toEqual(Array.from({ length: SIM_PIPELINES.count }, (_, i) => SIM_PIPELINES.last - i));
    for (const p of items) {
      expect(Date.parse(p.created_at)).toBe(SIM_ANCHOR_MS - (SIM_PIPELINES.last - p.number) * 2 * 3600_000);
      expect(p.id).toBe(simPipelineId(p.number));
      expect(p.project_slug).toBe(SIM_PROJECT);
      expect(p.state).toBe('created');
      expect(p.errors).toEqual([]);
    }
    const actors = new Set(items.map((p) => p.trigger.actor.login));
    expect([...actors]).toEqual(expect.arrayContaining(['alice', 'bob', 'deploy-bot', SIM_MALICIOUS.actor]));
    const types = new Set(items.map((p) => p.trigger.type));
    expect([...types].sort()).toEqual(['api', 'scheduled_pipeline', 'webhook']);
    expect(items.some((p) => p.vcs.branch.startsWith('feature/') && p.number !== SIM_MALICIOUS.pipeline)).toBe(true);
  });

  it('lists the 45 matrix jobs in 3 pages (page-token honoured though the spec omits it)', async () => {
    const { items, pages } = await allPages(sim(), `/api/v2/workflow/${simWorkflowId(SIM_MATRIX.pipeline, SIM_MATRIX.workflow)}/job`);
    expect(pages).toBe(3);
    expect(items).toHaveLength(SIM_MATRIX.jobCount);
    expect(items[0].name).toBe(matrixJobName(SIM_MATRIX.firstJob));
    expect(items.at(-1).job_number).toBe(SIM_MATRIX.firstJob + SIM_MATRIX.jobCount - 1);
  });

  it('follows the pageSize knob and filters by branch', async () => {
    sim().options.pageSize = 7;
    try {
      const { items, pages } = await allPages(sim(), projectPath('/pipeline'));
      expect(items).toHaveLength(60);
      expect(pages).toBe(9);
    } finally {
      sim().options.pageSize = 20;
    }
    const { items } = await allPages(sim(), projectPath(`/pipeline?branch=${encodeURIComponent(SIM_MALICIOUS.branch)}`));
    expect(items.map((p) => p.number)).toEqual([SIM_MALICIOUS.pipeline]);
  });

  it('answers 404 {"message":"Not Found"} to a bad or foreign page token', async () => {
    const bad = await get(`${sim().apiUrl}${projectPath('/pipeline?page-token=garbage!')}`);
    expect(bad.status).toBe(404);
    expect(bad.json()).toEqual({ message: 'Not Found' });
    const jobsPage = await api(sim(), `/api/v2/workflow/${simWorkflowId(SIM_MATRIX.pipeline, SIM_MATRIX.workflow)}/job`);
    const foreign = await get(`${sim().apiUrl}${projectPath(`/pipeline?page-token=${jobsPage.next_page_token}`)}`);
    expect(foreign.status).toBe(404);
  });
});

describe('slugs and errors', () => {
  it('accepts raw, URL-escaped and github/ slugs', async () => {
    for (const slug of ['gh/acme/payments', 'gh%2Facme%2Fpayments', 'github/acme/payments', 'github%2facme%2fpayments']) {
      const p = await api(sim(), `/api/v2/project/${slug}/pipeline/${SIM_MALICIOUS.pipeline}`);
      expect(p.vcs.branch).toBe(SIM_MALICIOUS.branch);
    }
    expect((await api(sim(), '/api/v2/project/gh%2Facme%2Fpayments')).slug).toBe(SIM_PROJECT);
  });

  it('answers CircleCI-style 404s', async () => {
    const project = await get(`${sim().apiUrl}/api/v2/project/gh/acme/nope/pipeline`);
    expect([project.status, project.json()]).toEqual([404, { message: 'Project not found' }]);
    expect(project.headers.get('content-type')).toContain('application/json');
    const route = await get(`${sim().apiUrl}/api/v2/definitely/not/here`);
    expect(route.status).toBe(404);
    expect(route.json().message).toBeTypeOf('string');
    const approval = await get(`${sim().apiUrl}${projectPath(`/job/${SIM_MALICIOUS.jobs.approval}`)}`);
    expect([approval.status, approval.json()]).toEqual([404, { message: 'Job not found' }]);
    const unknownJob = await get(`${sim().apiUrl}${projectPath('/job/999999')}`);
    expect([unknownJob.status, unknownJob.json()]).toEqual([404, { message: 'Job not found' }]);
  });
});

describe('jobs', () => {
  it('lists the incident workflow with an approval job that has a number', async () => {
    const wf = await api(sim(), `/api/v2/pipeline/${simPipelineId(SIM_MALICIOUS.pipeline)}/workflow`);
    expect(wf.items).toHaveLength(1);
    expect(wf.items[0]).toMatchObject({ name: 'build-test', status: 'failed', pipeline_number: SIM_MALICIOUS.pipeline });
    const jobs = await api(sim(), `/api/v2/workflow/${wf.items[0].id}/job`);
    expect(jobs.items.map((j: any) => [j.job_number, j.name, j.status, j.type])).toEqual([
      [5013, 'build', 'success', 'build'],
      [5015, 'test', 'success', 'build'],
      [5016, 'lint', 'failed', 'build'],
      [5017, 'hold-deploy', 'on_hold', 'approval'],
    ]);
    expect(jobs.items[3].approval_request_id).toBeTypeOf('string');
  });

  it('keeps job details and the v1.1 build consistent with the job list for every job', async () => {
    const pipelines = [SIM_MALICIOUS.pipeline, SIM_SHARDS.pipeline, SIM_RUNNING.pipeline, 880];
    for (const n of pipelines) {
      const wfs = await api(sim(), `/api/v2/pipeline/${simPipelineId(n)}/workflow`);
      for (const wf of wfs.items) {
        const { items } = await allPages(sim(), `/api/v2/workflow/${wf.id}/job`);
        for (const job of items.filter((j: any) => j.type === 'build')) {
          const d = await api(sim(), projectPath(`/job/${job.job_number}`));
          const b = await build(sim(), job.job_number);
          expect(d.status).toBe(job.status);
          expect(d.name).toBe(job.name);
          expect(Date.parse(d.started_at)).toBe(Date.parse(job.started_at));
          expect(d.stopped_at === null ? null : Date.parse(d.stopped_at)).toBe(job.stopped_at === null ? null : Date.parse(job.stopped_at));
          expect(d.latest_workflow).toEqual({ id: wf.id, name: wf.name });
          expect(d.pipeline.id).toBe(simPipelineId(n));
          expect(b.status).toBe(job.status);
          expect(b.parallel).toBe(d.parallelism);
          expect(b.start_time).toBe(d.started_at);
          expect(b.stop_time).toBe(d.stopped_at);
          expect(b.build_time_millis).toBe(d.duration);
          expect(b.workflows).toMatchObject({ workflow_id: wf.id, job_id: job.id, job_name: job.name, workflow_name: wf.name });
          expect(b.context_ids).toEqual(d.contexts.map((c: any) => c.name));
          for (const s of b.steps) expect(s.actions.length).toBeLessThanOrEqual(d.parallelism);
          expect(d.parallel_runs.map((r: any) => r.index)).toEqual(Array.from({ length: d.parallelism }, (_, i) => i));
        }
      }
    }
  });

  it('numbers routine jobs 4000 + (n − 850) × 4 + k', async () => {
    const jobs = await api(sim(), `/api/v2/workflow/${simWorkflowId(860, 'build-test')}/job`);
    expect(jobs.items.map((j: any) => j.job_number)).toEqual([routineJobNumber(860, 0), routineJobNumber(860, 1), routineJobNumber(860, 2)]);
    expect(routineJobNumber(860, 0)).toBe(4040);
    expect(jobs.items.every((j: any) => j.status === 'success')).toBe(true);
  });

  it('shows the running deploy as running everywhere', async () => {
    const wf = await api(sim(), `/api/v2/workflow/${simWorkflowId(SIM_RUNNING.pipeline, SIM_RUNNING.workflow)}`);
    expect([wf.status, wf.stopped_at]).toEqual(['running', null]);
    const d = await api(sim(), projectPath(`/job/${SIM_RUNNING.job}`));
    expect([d.status, d.stopped_at, d.duration]).toEqual(['running', null, null]);
    const b = await build(sim(), SIM_RUNNING.job);
    expect([b.lifecycle, b.outcome, b.status, b.stop_time]).toEqual(['running', null, 'running', null]);
    const deploy = b.steps.find((s: any) => s.actions[0].step === SIM_RUNNING.step).actions[0];
    expect([deploy.status, deploy.exit_code, deploy.end_time]).toEqual(['running', null, null]);
  });
});

describe('identity and credentials', () => {
  it('serves /me and the project', async () => {
    expect(await api(sim(), '/api/v2/me')).toEqual({ id: SIM_ME.id, login: 'sim-responder', name: 'Sim Responder' });
    const project = await api(sim(), projectPath());
    expect(project).toMatchObject({ slug: SIM_PROJECT, name: 'payments', organization_slug: 'gh/acme', organization_id: SIM_ORG_ID });
  });

  it('masks project env vars as xxxx + last 4, with hyphenated, joda and missing timestamps', async () => {
    const { items } = await api(sim(), projectPath('/envvar'));
    expect(items.map((v: any) => v.name)).toEqual(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'NPM_TOKEN', 'SLACK_WEBHOOK', 'GITHUB_TOKEN']);
    expect(items[0]).toEqual({ name: 'AWS_ACCESS_KEY_ID', value: 'xxxxWZPN', 'created-at': '#joda/inst 2024-11-02T09:15:44+0000' });
    expect(items.every((v: any) => /^xxxx.{4}$/.test(v.value))).toBe(true);
    expect(items.filter((v: any) => !('created-at' in v))).toHaveLength(1);
  });

  it('lists contexts by owner slug or id, and their variable names', async () => {
    const bySlug = await api(sim(), '/api/v2/context?owner-slug=gh/acme');
    const byId = await api(sim(), `/api/v2/context?owner-id=${SIM_ORG_ID}&owner-type=organization`);
    expect(bySlug).toEqual(byId);
    expect(bySlug.items.map((c: any) => c.name)).toEqual([...SIM_CONTEXT_NAMES]);
    const aws = await api(sim(), `/api/v2/context/${simContextId('aws-prod')}`);
    expect(aws).toMatchObject({ id: simContextId('aws-prod'), name: 'aws-prod' });
    const vars = await api(sim(), `/api/v2/context/${simContextId('aws-prod')}/environment-variable`);
    expect(vars.items.map((v: any) => Object.keys(v))).toEqual([
      ['variable', 'context_id', 'created_at', 'updated_at'],
      ['variable', 'context_id', 'created_at', 'updated_at'],
    ]);
    expect(vars.items.map((v: any) => v.variable)).toEqual(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']);
    const slack = await api(sim(), `/api/v2/context/${simContextId('slack-notify')}/environment-variable`);
    expect(slack.items[0].variable).toBe('SLACK_WEBHOOK_URL');
  });
});
