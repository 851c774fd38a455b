import { describe, expect, it } from 'vitest';
import { SIM_MALICIOUS, SIM_SHARDS, startSimulator } from '../../src/sim/index.js';
import { action, api, get, projectPath, useSimulator } from './sim-test-kit.js';

const sim = useSimulator();

/**
 * Statuses of one link with a 1 s lifetime on a clock the test moves: right away, then once it lapsed. Waiting out the
 * lifetime on the wall clock failed on a busy machine (the first fetch itself could come more than a second late).
 */
async function ttlScenario(): Promise<{ expires: string | null; statuses: number[] }> {
  let clockMs = Date.UTC(2030, 0, 2, 3, 0, 0, 400);
  const s = await startSimulator({ outputLinkTtlSec: 1, now: () => clockMs });
  try {
    const b = await api(s, `/api/v1.1/project/gh/acme/payments/${SIM_MALICIOUS.jobs.lint}`);
    const url: string = b.steps[0].actions[0].output_url;
    const statuses = [(await get(url)).status];
    // X-Amz-Date has one-second resolution (this one says 03:00:00): the link is good until 03:00:01.000 inclusive.
    clockMs += 600;
    statuses.push((await get(url)).status);
    clockMs += 1;
    statuses.push((await get(url)).status);
    return { expires: new URL(url).searchParams.get('X-Amz-Expires'), statuses };
  } finally {
    await s.close();
  }
}

const lintOutputUrl = async (): Promise<string> => {
  const a = await action(sim(), SIM_MALICIOUS.jobs.lint, SIM_MALICIOUS.lintStep);
  if (!a.output_url) throw new Error('no output_url');
  return a.output_url;
};

describe('presigned step output', () => {
  it('puts output on a different origin with an S3-style presigned query', async () => {
    const url = new URL(await lintOutputUrl());
    expect(url.origin).toBe(sim().storageUrl);
    expect(url.origin).not.toBe(sim().apiUrl);
    expect(url.pathname).toMatch(/^\/output\/[0-9a-f]{24}-[0-9a-f-]{36}-103-0$/);
    const q = url.searchParams;
    expect(q.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
    expect(q.get('X-Amz-Date')).toMatch(/^\d{8}T\d{6}Z$/);
    expect(q.get('X-Amz-Expires')).toBe('600');
    expect(q.get('X-Amz-SignedHeaders')).toBe('host');
    expect(q.get('X-Amz-Credential')).toMatch(/^ASIA[0-9A-Z]{16}\/\d{8}\/us-east-1\/s3\/aws4_request$/);
    expect(q.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('rejects Authorization and Circle-Token with a 400 XML error and serves a bare GET', async () => {
    const url = await lintOutputUrl();
    const attempts: Array<Record<string, string>> = [{ authorization: 'Bearer abc' }, { 'circle-token': 'abc' }, { authorization: 'Basic YWJjOg==' }];
    for (const headers of attempts) {
      const r = await get(url, headers);
      expect(r.status).toBe(400);
      expect(r.headers.get('content-type')).toBe('application/xml');
      expect(r.text).toContain('<Code>InvalidArgument</Code>');
      expect(r.text).toContain('Only one auth mechanism allowed');
    }
    const ok = await get(url);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/json');
    const messages = ok.json<Array<Record<string, string>>>();
    for (const m of messages) {
      expect(Object.keys(m)).toEqual(['message', 'time', 'type']);
      expect(['out', 'err']).toContain(m.type);
      expect(Number.isNaN(Date.parse(m.time ?? ''))).toBe(false);
    }
    expect(messages.some((m) => m.message?.includes('\r\n'))).toBe(true);
  });

  it('answers 403 AccessDenied to a tampered signature and to links issued before expireOutputLinks()', async () => {
    const url = await lintOutputUrl();
    const tampered = url.replace(/X-Amz-Signature=[0-9a-f]{4}/, 'X-Amz-Signature=0000');
    const bad = await get(tampered);
    expect(bad.status).toBe(403);
    expect(bad.text).toContain('<Code>AccessDenied</Code>');
    const otherKey = url.replace('-103-0?', '-101-0?');
    expect((await get(otherKey)).status).toBe(403);

    sim().expireOutputLinks();
    const expired = await get(url);
    expect(expired.status).toBe(403);
    expect(expired.text).toContain('<Code>AccessDenied</Code>');
    expect(expired.text).toContain('Request has expired');
    const fresh = await get(await lintOutputUrl());
    expect(fresh.status).toBe(200);
  });

  it('leaves output_url null or absent for steps without output', async () => {
    const saveCache = await action(sim(), SIM_MALICIOUS.jobs.test, SIM_MALICIOUS.noOutputStep);
    expect(saveCache.has_output).toBe(false);
    expect(saveCache.output_url).toBeNull();
    const shardUpload = await action(sim(), SIM_SHARDS.job, 104, 1);
    expect(shardUpload.has_output).toBe(false);
    expect('output_url' in shardUpload).toBe(false);
  });
});

describe('artifacts', () => {
  const artifactUrl = async (path: string): Promise<string> => {
    const { items } = await api(sim(), projectPath(`/${SIM_MALICIOUS.jobs.test}/artifacts`));
    const found = items.find((a: any) => a.path === path);
    if (!found) throw new Error(`no artifact ${JSON.stringify(path)}`);
    return found.url;
  };

  it('lists every hostile path verbatim on the artifacts origin', async () => {
    const { items, next_page_token } = await api(sim(), projectPath(`/${SIM_MALICIOUS.jobs.test}/artifacts`));
    expect(next_page_token).toBeNull();
    expect(items.map((a: any) => a.path)).toEqual([
      'coverage/lcov.info',
      'test-results/junit.xml',
      '../../../../etc/passwd',
      '/etc/shadow',
      'coverage/../../escape.txt',
      'C:\\Windows\\evil.dll',
      '%2e%2e%2fsecret.txt',
      '..\\..\\win.txt',
      'a\u0000b',
      '\u001b]52;c;ZXZpbA==\u0007.txt',
      'CON.txt',
      'README',
      'readme',
    ]);
    for (const a of items) {
      expect(new URL(a.url).origin).toBe(sim().artifactsUrl);
      expect(a.node_index).toBe(0);
    }
  });

  it('redirects (302) to presigned storage, which serves the body without auth', async () => {
    for (const path of ['coverage/lcov.info', '../../../../etc/passwd', '%2e%2e%2fsecret.txt', 'a\u0000b', 'README', 'readme']) {
      const hop = await get(await artifactUrl(path));
      expect(hop.status).toBe(302);
      const location = hop.headers.get('location') ?? '';
      expect(new URL(location).origin).toBe(sim().storageUrl);
      expect(location).toContain('/artifact/');
      expect(location).toContain('X-Amz-Signature=');
      expect((await get(location, { 'circle-token': 't' })).status).toBe(400);
      const body = await get(location);
      expect(body.status).toBe(200);
      expect(body.text.length).toBeGreaterThan(0);
    }
    const upper = await get((await get(await artifactUrl('README'))).headers.get('location') ?? '');
    const lower = await get((await get(await artifactUrl('readme'))).headers.get('location') ?? '');
    expect(upper.text).not.toBe(lower.text);
  });

  it('wants the token on the artifacts host when one is required', async () => {
    const url = await artifactUrl('coverage/lcov.info');
    sim().options.requiredToken = 'right-token';
    try {
      expect((await get(url)).status).toBe(401);
      expect((await get(url, { 'circle-token': 'wrong' })).status).toBe(401);
      expect((await get(url, { 'circle-token': 'right-token' })).status).toBe(302);
    } finally {
      sim().options.requiredToken = null;
    }
    expect((await get(`${sim().artifactsUrl}/${SIM_MALICIOUS.jobs.test}/0/nope.txt`)).status).toBe(404);
  });

  it('gives each shard its own junit artifact', async () => {
    const { items } = await api(sim(), projectPath(`/${SIM_SHARDS.job}/artifacts`));
    expect(items.map((a: any) => a.node_index)).toEqual([0, 1, 2, 3]);
  });
});

describe('link lifetime', () => {
  it('expires links after outputLinkTtlSec on the simulator clock', async () => {
    expect(await ttlScenario()).toEqual({ expires: '1', statuses: [200, 200, 403] });
  });
});

describe('recording', () => {
  it('records every request on every server with lowercase headers and the status', async () => {
    const mark = sim().requests.length;
    const url = await lintOutputUrl();
    await get(url, { 'X-Probe': 'yes' });
    const seen = sim().requests.slice(mark);
    expect(seen.map((r) => r.server)).toEqual(['api', 'storage']);
    expect(seen[1]).toMatchObject({ method: 'GET', status: 200 });
    expect(seen[1]?.headers['x-probe']).toBe('yes');
    expect(seen[1]?.url).toBe(url.slice(sim().storageUrl.length));
    expect(seen[0]?.url).toBe(`/api/v1.1/project/github/acme/payments/${SIM_MALICIOUS.jobs.lint}`);
  });
});
