// The exposure map against the simulator over real HTTP: project env vars, contexts from job
// details, context variables, and the sample audit log's context reads joined to the jobs.
import { afterEach, describe, expect, it } from 'vitest';
import { computeExposure, type ExposureReport } from '../../src/exposure/index.js';
import { csvLine, sampleAuditText, writeSampleAudit, SAMPLE_AUDIT } from '../../src/sim/audit/index.js';
import { SIM_LEAKS, SIM_MALICIOUS, SIM_PROJECT, SIM_RUNNING, simContextId, simJobId } from '../../src/sim/index.js';
import { makeClient, useSim } from '../helpers/sim.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { put } from '../audit/helpers.js';

const sim = useSim();
const tmp = useTmpDirs();
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

/** Pipelines 896 (the exfiltration) to 899: 51 jobs ran (the approval job did not). */
const WINDOW_896 = { since: '2026-11-19T09:00:00.000Z', until: '2026-11-19T17:00:00.000Z' };
/** Up to the running deploy (909). */
const WINDOW_TO_909 = { since: '2026-11-19T09:00:00.000Z', until: '2026-11-20T12:00:00.000Z' };

function api() {
  const { client, transport } = makeClient(sim());
  closers.push(() => transport.close());
  return client;
}

async function run(opts: Partial<Parameters<typeof computeExposure>[0]> = {}): Promise<ExposureReport> {
  return computeExposure({ api: api(), project: SIM_PROJECT, window: WINDOW_896, now: () => new Date('2026-11-21T00:00:00Z'), ...opts });
}

const secret = (r: ExposureReport, name: string, context: string | null = null) => r.secrets.find((s) => s.name === name && s.context === context)!;

describe('exposure against the simulator', () => {
  it('says per job what it could read and per secret which jobs could read it', async () => {
    const audit = await writeSampleAudit(`${tmp()}/audit.csv`);
    const r = await run({ auditFiles: [audit] });
    expect(r.pipelines).toBe(4);
    expect(r.jobs).toHaveLength(51);
    expect(r.jobs.find((j) => j.number === SIM_MALICIOUS.jobs.approval)).toBeUndefined();

    const test = r.jobs.find((j) => j.number === SIM_MALICIOUS.jobs.test)!;
    expect(test).toMatchObject({ name: 'test', pipeline_number: 896, actor: 'mallory-dev', branch: SIM_MALICIOUS.branch, contexts: ['aws-prod', 'npm-publish'], details: true });
    expect(test.summary).toMatch(/^could read AWS_ACCESS_KEY_ID \(project, shadowed by context aws-prod\), .*GITHUB_TOKEN \(project\), .*NPM_TOKEN \(context npm-publish\)$/);
    expect(test.accesses.map((a) => [a.context, a.match, a.ip])).toEqual(expect.arrayContaining([['aws-prod', 'job_id', SAMPLE_AUDIT.malloryIp], ['npm-publish', 'job_id', SAMPLE_AUDIT.malloryIp]]));
    const lint = r.jobs.find((j) => j.number === SIM_MALICIOUS.jobs.lint)!;
    expect(lint.contexts).toEqual([]);
    expect(lint.summary).toBe('could read AWS_ACCESS_KEY_ID (project), AWS_SECRET_ACCESS_KEY (project), NPM_TOKEN (project), SLACK_WEBHOOK (project), GITHUB_TOKEN (project)');

    // Most exposed first: project variables reach every job; then the contexts, audit-confirmed.
    expect(r.secrets.slice(0, 5).every((s) => s.kind === 'project' && s.job_count === 51)).toBe(true);
    expect(r.secrets.slice(5).map((s) => [s.name, s.context, s.job_count, s.accessed_count])).toEqual([
      ['AWS_ACCESS_KEY_ID', 'aws-prod', 1, 1], ['AWS_SECRET_ACCESS_KEY', 'aws-prod', 1, 1], ['NPM_TOKEN', 'npm-publish', 1, 1],
    ]);
    expect(secret(r, 'AWS_ACCESS_KEY_ID')).toMatchObject({ last4: SIM_LEAKS.awsAccessKeyId.slice(-4), created_at: '2024-11-02T09:15:44.000Z' });
    expect(secret(r, 'NPM_TOKEN')).toMatchObject({ last4: SIM_LEAKS.npmToken.slice(-4), created_at: '2025-06-14T08:02:11.000Z' });
    expect(secret(r, 'SLACK_WEBHOOK').created_at).toBeNull();
    expect(secret(r, 'NPM_TOKEN', 'npm-publish')).toMatchObject({ context_id: simContextId('npm-publish'), last4: null, created_at: '2024-01-15T08:31:40.002Z', updated_at: '2025-06-14T08:02:11.000Z' });
    expect(secret(r, 'NPM_TOKEN', 'npm-publish').jobs).toEqual([{ number: 5015, name: 'test', pipeline_number: 896, actor: 'mallory-dev', branch: SIM_MALICIOUS.branch, accessed: true }]);
    expect(r.contexts.map((c) => [c.name, c.source, c.variables])).toEqual([
      ['aws-prod', 'api', ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']],
      ['npm-publish', 'api', ['NPM_TOKEN']],
    ]);
    expect(r.audit).toMatchObject({ accessed_events: 2, joined_by_job_id: 2, joined_by_time: 0, unjoined: [] });
    expect(r.warnings).toEqual([]);
  });

  it('joins an access without a job id by context and time (the running deploy)', async () => {
    const audit = await writeSampleAudit(`${tmp()}/audit.jsonl`, 'jsonl');
    const r = await run({ window: WINDOW_TO_909, auditFiles: [audit] });
    const deploy = r.jobs.find((j) => j.number === SIM_RUNNING.job)!;
    expect(deploy.status).toBe('running');
    expect(deploy.accesses.map((a) => [a.context, a.match, a.ambiguous]).sort()).toEqual([['aws-prod', 'job_id', 0], ['slack-notify', 'time', 0]]);
    expect(r.audit).toMatchObject({ accessed_events: 4, joined_by_job_id: 3, joined_by_time: 1 });
    expect(r.jobs[0]!.number).toBe(SIM_RUNNING.job);
    expect(secret(r, 'AWS_ACCESS_KEY_ID', 'aws-prod').jobs.map((j) => j.number)).toEqual([SIM_RUNNING.job, SIM_MALICIOUS.jobs.test]);
  });

  it('looks at given jobs only (from a job in the TUI, or --job)', async () => {
    const r = await run({ scope: { kind: 'jobs', numbers: [SIM_MALICIOUS.jobs.test] }, window: {} });
    expect(r.jobs.map((j) => j.number)).toEqual([SIM_MALICIOUS.jobs.test]);
    expect(r.pipelines).toBe(1);
    expect(r.audit).toBeNull();
    expect(secret(r, 'NPM_TOKEN', 'npm-publish')).toMatchObject({ job_count: 1, accessed_count: 0 });
    const approval = await run({ scope: { kind: 'jobs', numbers: [SIM_MALICIOUS.jobs.approval] }, window: {} }).catch((e: Error) => e);
    expect(approval).toBeInstanceOf(Error);
  });

  it('lists context reads in the window that no job in scope explains', async () => {
    const stranger = ['x1', 'context.secrets.accessed', JSON.stringify({ id: 'u-eve', type: 'user', name: 'eve' }), JSON.stringify({ id: simContextId('aws-prod'), type: 'context', name: 'aws-prod' }),
      JSON.stringify({ context_name: 'aws-prod', job_id: simJobId(999_999) }), '2026-11-19T11:30:00Z', '{}', 1, '{}', '{}', '{}', true, JSON.stringify({ ip_address: '203.0.113.9' })];
    const audit = put(tmp(), 'a.csv', sampleAuditText('csv') + csvLine(stranger));
    const r = await run({ auditFiles: [audit] });
    expect(r.audit!.unjoined).toEqual([{ context: 'aws-prod', at: '2026-11-19T11:30:00.000Z', job_id: simJobId(999_999), actor: 'eve', ip: '203.0.113.9', event_id: 'x1', why: expect.stringContaining('not a job in scope') }]);
  });

  it('falls back to the audit log for variable names when a context cannot be listed, and says so', async () => {
    sim().inject({ match: /\/context\/[^/]+\/environment-variable/, status: 403, times: 10, body: '{"message":"Permission denied"}' });
    const audit = await writeSampleAudit(`${tmp()}/audit.csv`);
    const r = await run({ auditFiles: [audit] });
    const aws = r.contexts.find((c) => c.name === 'aws-prod')!;
    expect(aws).toMatchObject({ source: 'audit', variables: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'], note: expect.stringContaining('names taken from the audit log') });
    expect(secret(r, 'AWS_SECRET_ACCESS_KEY', 'aws-prod').created_at).toBeNull();
  });

  it('rotates the whole context when its variables are unknown', async () => {
    sim().inject({ match: /\/context\/[^/]+\/environment-variable/, status: 403, times: 10, body: '{"message":"Permission denied"}' });
    const r = await run();
    expect(secret(r, '(variables not listed)', 'npm-publish')).toMatchObject({ job_count: 1 });
    expect(r.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/^context npm-publish: variables could not be listed .*rotate everything in it$/)]));
    expect(r.jobs.find((j) => j.number === 5015)!.summary).toContain('(variables not listed) (context npm-publish)');
  });

  it('defaults to the last 7 days only through effectiveWindow; an empty window lists nothing', async () => {
    const r = await run({ window: { since: '2030-01-01T00:00:00Z' } });
    expect(r.jobs).toEqual([]);
    expect(r.secrets.every((s) => s.job_count === 0)).toBe(true);
  });
});
