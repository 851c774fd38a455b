// Hostile listings: pages far too long, nesting far too deep, pagination that never ends.
import { afterEach, describe, expect, it } from 'vitest';
import { CircleCiClient, DEFAULT_CLIENT_LIMITS } from '../../src/api/client.js';
import { ApiError } from '../../src/api/errors.js';
import { pipelineGit } from '../../src/api/normalize.js';
import { Transport } from '../../src/api/transport.js';
import { DiskCache } from '../../src/cache/disk-cache.js';
import { main } from '../../src/cli/main.js';
import { SIM_PROJECT } from '../../src/sim/story.js';
import { depthMarker, safeJson } from '../../src/text/safe-json.js';
import { captureIo } from '../helpers/io.js';
import { makeClient, since, TEST_TOKEN, useSim } from '../helpers/sim.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { rawServer } from './raw-server.js';

const sim = useSim();
const tmp = useTmpDirs();
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});
function client(opts: { cacheDir?: string; limits?: ConstructorParameters<typeof CircleCiClient>[2]; host?: string } = {}): CircleCiClient {
  const transport = opts.host
    ? new Transport({ host: opts.host, token: TEST_TOKEN, baseDelayMs: 5, maxDelayMs: 20 })
    : makeClient(sim()).transport;
  closers.push(() => transport.close());
  return new CircleCiClient(transport, opts.cacheDir ? new DiskCache(opts.cacheDir) : null, opts.limits);
}

const WF = '5c0f6a4e-1d2b-4c3d-8e9f-0a1b2c3d4e5f';
const PIPE = '0b8c7d6e-5f4a-4b3c-9d2e-1f0a9b8c7d6e';
const DEPTH = 100_000;
const deepJson = `${'['.repeat(DEPTH)}"bottom"${']'.repeat(DEPTH)}`;
/** A page of `n` small jobs, the last one named "last". */
const jobsPage = (n: number, next: string | null = null) =>
  `{"items":[${'{"id":"j"},'.repeat(n - 1)}{"id":"last"}],"next_page_token":${JSON.stringify(next)}}`;

describe('a page with a huge number of items', () => {
  it('is refused in one line naming the bound when it exceeds the items-per-page bound', async () => {
    sim().inject({ match: `/api/v2/workflow/${WF}/job`, status: 200, body: jobsPage(300_000) });
    const err = (await client().jobs(WF).catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.kind).toBe('malformed');
    expect(err.message).toBe(`CircleCI answered /api/v2/workflow/${WF}/job with a page of 300000 items, over the bound of ${DEFAULT_CLIENT_LIMITS.maxPageItems} for one page; refused`);
  });

  it('is gathered without spreading it into arguments when the bound allows it', async () => {
    sim().inject({ match: `/api/v2/workflow/${WF}/job`, status: 200, body: jobsPage(300_000) });
    const jobs = await client({ limits: { maxPageItems: 400_000 } }).jobs(WF);
    expect(jobs).toHaveLength(300_000);
    expect(jobs.at(-1)!.id).toBe('last');
  }, 60_000);
});

describe('nesting 100,000 levels deep', () => {
  it('V8 JSON.parse copes with it, JSON.stringify does not', () => {
    const v = JSON.parse(deepJson) as unknown;
    expect(() => JSON.stringify(v)).toThrow(RangeError);
  });

  it('is cut to a visible marker where pipelines are normalised, so printing and caching them works', async () => {
    const pipeline = `{"id":"${PIPE}","number":4242,"project_slug":"${SIM_PROJECT}","state":"created","created_at":"2026-11-20T10:00:00Z",`
      + `"trigger":{"type":"api","actor":{"login":"x"}},"trigger_parameters":{"git":{"branch":"main"},"deep":${deepJson}}}`;
    sim().inject({ match: /\/api\/v2\/project\/gh\/acme\/payments\/pipeline(\?|$)/, status: 200, body: `{"items":[${pipeline}],"next_page_token":null}` });
    sim().inject({ match: `/api/v2/pipeline/${PIPE}`, status: 200, body: pipeline });
    const c = client({ cacheDir: tmp() });
    const [listed] = await c.pipelines(SIM_PROJECT);
    const single = await c.pipeline(PIPE);
    for (const p of [listed!, single]) {
      expect(pipelineGit(p).branch).toBe('main');
      expect(JSON.stringify(p)).toContain(JSON.stringify(depthMarker(64)));
      expect(safeJson([p])).toContain(depthMarker(64));
    }
  });

  it('does not break caching a v1.1 build', async () => {
    const dir = tmp();
    const build = `{"build_num":77777,"lifecycle":"finished","status":"success","picard":{"executor":"docker","deep":${deepJson}},"steps":[{"name":"Build","actions":[{"step":0,"index":0,"name":"Build","status":"success","has_output":false}]}]}`;
    sim().inject({ match: '/api/v1.1/project/github/acme/payments/77777', status: 200, body: build });
    const first = await client({ cacheDir: dir }).build(SIM_PROJECT, 77777);
    const mark = sim().requests.length;
    const again = await client({ cacheDir: dir }).build(SIM_PROJECT, 77777);
    expect(since(sim(), mark)).toEqual([]);
    expect(again).toEqual(first);
    expect(again.executor).toBe('docker');
  });
});

describe('pagination that never ends', () => {
  const endless = () => rawServer((_req, res, hit) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(`{"items":[{"id":"j${hit}","name":"job ${hit}","type":"build","status":"success"}],"next_page_token":"fresh-${hit}"}`);
  });

  it(`stops at the documented bound of ${DEFAULT_CLIENT_LIMITS.maxPages} pages, keeps what it read and says so`, async () => {
    const s = await endless();
    const c = client({ host: s.url });
    const jobs = await c.jobs(WF);
    expect(s.hits).toHaveLength(1000);
    expect(jobs).toHaveLength(1000);
    expect(c.truncated).toEqual([`stopped listing jobs of workflow ${WF} after 1000 pages, the bound for one list: CircleCI kept offering another page, so the list may be incomplete`]);
  }, 60_000);

  it('stops when the server hands out a page token it already gave', async () => {
    const s = await rawServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(jobsPage(2, 'same-token'));
    });
    const c = client({ host: s.url });
    expect(await c.jobs(WF)).toHaveLength(4);
    expect(c.truncated).toEqual([`stopped listing jobs of workflow ${WF} after 2 pages: CircleCI offered a page token it had already given, so the list may be incomplete`]);
  });

  it('makes `sleuth jobs` print the list, warn on stderr and exit non-zero', async () => {
    const s = await endless();
    const c = captureIo({ CIRCLE_TOKEN: TEST_TOKEN, CIRCLE_HOST: s.url });
    const code = await main(['node', 'sleuth', 'jobs', WF, '--no-cache'], c.io);
    expect(code).toBe(1);
    expect(c.err()).toBe(`sleuth: warning: stopped listing jobs of workflow ${WF} after 1000 pages, the bound for one list: CircleCI kept offering another page, so the list may be incomplete\n`);
    expect(c.out()).toContain('job 1000');
  }, 60_000);
});
