import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api/errors.js';
import { LiveSource } from '../../src/source/live-source.js';
import {
  SIM_ANCHOR_MS, SIM_HUGE_LOG, SIM_MALICIOUS, SIM_MATRIX, SIM_PIPELINES, SIM_PROJECT, SIM_SHARDS,
  simPipelineId, simWorkflowId,
} from '../../src/sim/story.js';
import { makeClient, since, TEST_TOKEN, useSim } from '../helpers/sim.js';
import { useTmpDirs } from '../helpers/tmp.js';

const sim = useSim();
const tmp = useTmpDirs();
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});
function client(opts: Parameters<typeof makeClient>[1] = {}) {
  const c = makeClient(sim(), opts);
  closers.push(() => c.transport.close());
  return c.client;
}
const pipelineAt = (n: number) => new Date(SIM_ANCHOR_MS - (SIM_PIPELINES.last - n) * 2 * 3600e3).toISOString();

describe('pagination', () => {
  it('follows next_page_token through every page of pipelines', async () => {
    const mark = sim().requests.length;
    const items = await client().pipelines(SIM_PROJECT);
    expect(items).toHaveLength(SIM_PIPELINES.count);
    expect(items[0]!.number).toBe(SIM_PIPELINES.last);
    expect(items.at(-1)!.number).toBe(SIM_PIPELINES.first);
    expect(since(sim(), mark).filter((r) => r.url.includes('/pipeline')).length).toBe(3);
  });

  it('stops paging once a page is wholly older than --since', async () => {
    const mark = sim().requests.length;
    const items = await client().pipelines(SIM_PROJECT, { since: pipelineAt(895) });
    expect(items.map((p) => p.number)).toEqual(Array.from({ length: 15 }, (_, i) => 909 - i));
    expect(since(sim(), mark).filter((r) => r.url.includes('/pipeline')).length).toBe(1);
  });

  it('applies --until and --branch', async () => {
    const c = client();
    const window = await c.pipelines(SIM_PROJECT, { since: pipelineAt(890), until: pipelineAt(899) });
    expect(window.map((p) => p.number)).toEqual(Array.from({ length: 10 }, (_, i) => 899 - i));
    const feature = await c.pipelines(SIM_PROJECT, { branch: SIM_MALICIOUS.branch });
    expect(feature.map((p) => p.number)).toContain(SIM_MALICIOUS.pipeline);
    expect(feature.every((p) => p.vcs?.branch === SIM_MALICIOUS.branch)).toBe(true);
  });

  it('lists every job of a workflow with more jobs than one page', async () => {
    const mark = sim().requests.length;
    const jobs = await client().jobs(simWorkflowId(SIM_MATRIX.pipeline, SIM_MATRIX.workflow));
    expect(jobs).toHaveLength(SIM_MATRIX.jobCount);
    expect(new Set(jobs.map((j) => j.job_number)).size).toBe(SIM_MATRIX.jobCount);
    expect(since(sim(), mark).filter((r) => r.url.includes('/job')).length).toBe(3);
  });
});

describe('jobs and steps', () => {
  it('lists approval jobs and never fails on their missing details', async () => {
    const c = client();
    const jobs = await c.jobs(simWorkflowId(SIM_MALICIOUS.pipeline, SIM_MALICIOUS.workflow));
    const approval = jobs.find((j) => j.type === 'approval');
    expect(approval?.name).toBe(SIM_MALICIOUS.approvalJobName);
    await expect(c.jobDetails(SIM_PROJECT, SIM_MALICIOUS.jobs.approval)).rejects.toMatchObject({ kind: 'not-found' });
    expect(await new LiveSource(c, SIM_PROJECT).jobDetails(SIM_MALICIOUS.jobs.approval)).toBeNull();
  });

  it('reads job details with contexts and executor', async () => {
    const d = await client().jobDetails(SIM_PROJECT, SIM_MALICIOUS.jobs.test);
    expect(d.contexts.map((x) => x.name)).toEqual([...SIM_MALICIOUS.contexts]);
    expect(d.executor.type).toBeTruthy();
  });

  it('keeps each parallel node separate', async () => {
    const c = client();
    const build = await c.build(SIM_PROJECT, SIM_SHARDS.job);
    const step = build.steps.find((s) => s.step === SIM_SHARDS.step)!;
    expect(step.actions.map((a) => a.index)).toEqual([0, 1, 2, 3]);
    expect(step.actions[SIM_SHARDS.failedNode]!.status).toBe('failed');
    const outs = await Promise.all([0, 1, 2, 3].map((n) => c.stepOutput(SIM_PROJECT, SIM_SHARDS.job, SIM_SHARDS.step, n)));
    expect(new Set(outs.map((o) => o.output.text)).size).toBe(4);
  });

  it('keeps every character of a step output, escapes and NUL included', async () => {
    const out = await client().stepOutput(SIM_PROJECT, SIM_MALICIOUS.jobs.test, SIM_MALICIOUS.maliciousStep);
    expect(out.output.format).toBe('json');
    expect(out.output.text).toContain('\x1b]52;c;');
    expect(out.output.text).toContain('\u0000');
    expect(out.raw).not.toBeNull();
  });

  it('tolerates a step without output', async () => {
    const out = await client().stepOutput(SIM_PROJECT, SIM_MALICIOUS.jobs.test, SIM_MALICIOUS.noOutputStep);
    expect(out.output.format).toBe('none');
    expect(out.raw).toBeNull();
  });

  it('refetches the job for fresh links when an output link has expired', async () => {
    const c = client();
    await c.build(SIM_PROJECT, SIM_MALICIOUS.jobs.lint, { fresh: true });
    sim().expireOutputLinks();
    const mark = sim().requests.length;
    const out = await c.stepOutput(SIM_PROJECT, SIM_MALICIOUS.jobs.lint, SIM_MALICIOUS.lintStep);
    expect(out.output.text).toContain('ghp_');
    const seen = since(sim(), mark);
    expect(seen.filter((r) => r.server === 'storage').map((r) => r.status)).toEqual([403, 200]);
    expect(seen.filter((r) => r.server === 'api' && r.url.includes('/api/v1.1/')).length).toBe(1);
  });

  it('reads a 300,000-line output', async () => {
    const out = await client().stepOutput(SIM_PROJECT, SIM_HUGE_LOG.job, SIM_HUGE_LOG.step);
    const lines = out.output.text.split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(300_000);
    expect(lines[SIM_HUGE_LOG.needleLine - 1]).toContain(SIM_HUGE_LOG.needle);
  });
});

describe('the token', () => {
  it('goes to the API host and never to presigned storage', async () => {
    const mark = sim().requests.length;
    await client().stepOutput(SIM_PROJECT, SIM_SHARDS.job, SIM_SHARDS.step, 1);
    const seen = since(sim(), mark);
    const api = seen.filter((r) => r.server === 'api');
    const storage = seen.filter((r) => r.server === 'storage');
    expect(api.length).toBeGreaterThan(0);
    expect(api.every((r) => r.headers['circle-token'] === TEST_TOKEN && r.headers['accept'] === 'application/json')).toBe(true);
    expect(storage.length).toBe(1);
    expect(storage[0]!.headers['circle-token']).toBeUndefined();
    expect(storage[0]!.headers['authorization']).toBeUndefined();
    expect(storage[0]!.headers['cookie']).toBeUndefined();
  });

  it('never follows an API redirect to another origin: the call is refused in one line', async () => {
    const s = sim();
    const target = `${s.storageUrl}/output/redirect-probe?X-Amz-Signature=x`;
    s.inject({ match: '/api/v2/me', status: 302, headers: { location: target }, body: '' });
    const mark = s.requests.length;
    const err = (await client().me().catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.kind).toBe('refused');
    expect(err.message).toMatch(/^CircleCI answered \/api\/v2\/me with a redirect to another origin \(127\.0\.0\.1:\d+\); refused, since what it serves would be shown as CircleCI's data$/);
    expect(since(s, mark).filter((r) => r.server === 'storage')).toHaveLength(0);
  });

  it('follows a same-origin API redirect, token and all', async () => {
    const s = sim();
    s.inject({ match: '/api/v2/me', status: 301, headers: { location: '/api/v2/me?moved=1' }, body: '' });
    const mark = s.requests.length;
    expect((await client().me()).login).toBe('sim-responder');
    const seen = since(s, mark);
    expect(seen.map((r) => [r.url, r.status])).toEqual([['/api/v2/me', 301], ['/api/v2/me?moved=1', 200]]);
    expect(seen.every((r) => r.headers['circle-token'] === TEST_TOKEN)).toBe(true);
  });

  it('is never accepted to a URL with credentials or a non-http scheme', async () => {
    const { transport } = makeClient(sim());
    closers.push(() => transport.close());
    await expect(transport.fetchUrl('https://circleci.com@evil.test/', { credentials: 'if-trusted' })).rejects.toMatchObject({ kind: 'refused' });
    await expect(transport.fetchUrl('file:///etc/passwd', { credentials: 'none' })).rejects.toMatchObject({ kind: 'refused' });
    await expect(transport.fetchUrl('data:text/plain,hi', { credentials: 'none' })).rejects.toMatchObject({ kind: 'refused' });
  });

  it('is refused over unverified TLS', async () => {
    const { Transport } = await import('../../src/api/transport.js');
    const t = new Transport({ host: 'https://127.0.0.1:1', token: TEST_TOKEN, env: { NODE_TLS_REJECT_UNAUTHORIZED: '0' }, maxAttempts: 1 });
    closers.push(() => t.close());
    await expect(t.api('/api/v2/me')).rejects.toMatchObject({ kind: 'refused' });
  });
});

describe('errors and retries', () => {
  it('retries a 429 with a JSON body and one with a plain-text body, honouring Retry-After', async () => {
    const s = sim();
    s.inject({ match: '/api/v2/me', status: 429, headers: { 'retry-after': '0', 'content-type': 'application/json' }, body: '{"message":"Rate limit exceeded."}' });
    s.inject({ match: '/api/v2/me', status: 429, headers: { 'retry-after': '1', 'content-type': 'text/plain' }, body: 'Rate limited.' });
    const events: string[] = [];
    const c = makeClient(s, { transport: { onEvent: (e) => e.type === 'retry' && events.push(`${e.reason}:${e.waitMs}`) } });
    closers.push(() => c.transport.close());
    const started = Date.now();
    const me = await c.client.me();
    expect(me.login).toBe('sim-responder');
    expect(events).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('retries an HTML 502 and reports it plainly when retries run out', async () => {
    const s = sim();
    const html = '<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>';
    s.inject({ match: '/api/v2/me', status: 502, headers: { 'content-type': 'text/html' }, body: html });
    expect((await client().me()).login).toBe('sim-responder');
    s.inject({ match: '/api/v2/me', times: 5, status: 502, headers: { 'content-type': 'text/html' }, body: html });
    const err = await client().me().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toMatch(/CircleCI answered 502 \(Bad Gateway\)/);
    expect((err as ApiError).message).not.toMatch(/JSON|Unexpected token|\n/);
  });

  it('says so in one line when a 200 is not JSON', async () => {
    sim().inject({ match: '/api/v2/me', status: 200, headers: { 'content-type': 'text/html' }, body: '<html>maintenance</html>' });
    await expect(client().me()).rejects.toThrow(/with an HTML page instead of JSON/);
    sim().inject({ match: '/api/v2/me', status: 200, body: '{"login": "trunc' });
    await expect(client().me()).rejects.toMatchObject({ kind: 'malformed' });
  });

  it('explains a rejected token without showing it', async () => {
    const s = sim();
    s.options.requiredToken = 'the-right-token';
    try {
      const err = (await client().me().catch((e: unknown) => e)) as ApiError;
      expect(err.kind).toBe('auth');
      expect(err.message).toContain('CIRCLE_TOKEN');
      expect(err.message).not.toContain(TEST_TOKEN);
    } finally {
      s.options.requiredToken = null;
    }
  });

  it('tells "not found" apart from "cannot see" by asking /me', async () => {
    const err = (await client().jobDetails('gh/acme/nope', 1).catch((e: unknown) => e)) as ApiError;
    expect(err.kind).toBe('not-found');
    expect(err.message).toMatch(/does not exist, or sim-responder cannot see it/);
  });

  it('refuses ids that would rewrite the path', async () => {
    await expect(client().jobs('../../me')).rejects.toMatchObject({ kind: 'refused' });
    await expect(client().workflows('x?y=1')).rejects.toMatchObject({ kind: 'refused' });
  });

  it('gives up on a page that is not a page', async () => {
    sim().inject({ match: /\/pipeline\/[^/]+\/workflow/, status: 200, body: '{"items": "nope"}' });
    await expect(client().workflows(simPipelineId(900))).rejects.toMatchObject({ kind: 'malformed' });
  });
});

describe('cache', () => {
  it('serves a revisit of a finished job with zero requests', async () => {
    const dir = tmp();
    const visit = async () => {
      const c = client({ cacheDir: dir });
      await c.jobDetails(SIM_PROJECT, SIM_MALICIOUS.jobs.lint);
      await c.build(SIM_PROJECT, SIM_MALICIOUS.jobs.lint);
      await c.stepOutput(SIM_PROJECT, SIM_MALICIOUS.jobs.lint, SIM_MALICIOUS.lintStep);
      await c.jobs(simWorkflowId(SIM_MALICIOUS.pipeline, SIM_MALICIOUS.workflow));
    };
    await visit();
    const mark = sim().requests.length;
    await visit();
    expect(since(sim(), mark)).toEqual([]);
  });

  it('never writes the token or a presigned link to disk', async () => {
    const dir = tmp();
    const c = client({ cacheDir: dir });
    await c.build(SIM_PROJECT, SIM_SHARDS.job);
    await c.stepOutput(SIM_PROJECT, SIM_SHARDS.job, SIM_SHARDS.step, 0);
    const { execFileSync } = await import('node:child_process');
    const all = execFileSync('sh', ['-c', `cat $(find ${dir} -type f)`]).toString('latin1');
    expect(all).not.toContain(TEST_TOKEN);
    expect(all).not.toContain('X-Amz-Signature');
  });
});
