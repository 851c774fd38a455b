// CircleCI Server mode: artifacts on the API origin itself (token, then 302 to storage), no artifact host,
// web links on the install's host. Cloud mode keeps its third origin.
import { describe, expect, it } from 'vitest';
import { stopSimulators } from '../../src/cli/commands/sim.js';
import { main } from '../../src/cli/main.js';
import { SIM_MALICIOUS, SIM_SHARDS, simJobId } from '../../src/sim/index.js';
import { captureIo } from '../helpers/io.js';
import { TEST_TOKEN, useSim } from '../helpers/sim.js';
import { api, get, projectPath } from './sim-test-kit.js';

const server = useSim({ server: true, requiredToken: TEST_TOKEN });
const cloud = useSim({ requiredToken: TEST_TOKEN });
const auth = { 'circle-token': TEST_TOKEN };

async function listed(sim: typeof server, job: number): Promise<{ path: string; node_index: number; url: string }[]> {
  return (await api(sim(), projectPath(`/${job}/artifacts`), auth)).items;
}

describe('Server mode', () => {
  it('lists artifacts on the API origin under /output/job/<job-id>/artifacts/<node>/<path>, and runs no artifact host', async () => {
    const s = server();
    expect(s.mode).toBe('server');
    expect(s.artifactsUrl).toBe(s.apiUrl);
    const items = await listed(server, SIM_SHARDS.job);
    expect(items.length).toBe(4);
    for (const a of items) {
      expect(new URL(a.url).origin).toBe(s.apiUrl);
      expect(a.url).toBe(`${s.apiUrl}/output/job/${simJobId(SIM_SHARDS.job)}/artifacts/${a.node_index}/${encodeURIComponent(a.path)}`);
    }
  });

  it('wants the token (401 without it), then answers 302 to presigned storage, which refuses the token and serves the body', async () => {
    const s = server();
    for (const a of await listed(server, SIM_MALICIOUS.jobs.test)) {
      const mark = s.requests.length;
      expect((await get(a.url)).status).toBe(401);
      const hop = await get(a.url, auth);
      expect(hop.status).toBe(302);
      const location = hop.headers.get('location') ?? '';
      expect(new URL(location).origin).toBe(s.storageUrl);
      expect(location).toContain('X-Amz-Signature=');
      expect((await get(location, auth)).status).toBe(400);
      expect((await get(location)).status).toBe(200);
      expect(s.requests.slice(mark).map((r) => r.server)).toEqual(['api', 'api', 'storage', 'storage']);
    }
  });

  it('answers 404 for an artifact the job does not have, and injected responses on an artifact URL', async () => {
    const s = server();
    const [first] = await listed(server, SIM_SHARDS.job);
    expect((await get(first!.url.replace(/[^/]+$/, 'nope.xml'), auth)).status).toBe(404);
    expect((await get(`${s.apiUrl}/output/job/${simJobId(SIM_SHARDS.job)}/artifacts/9/x`, auth)).status).toBe(404);
    s.inject({ match: '/output/job/', status: 404, body: 'gone' });
    expect((await get(first!.url, auth)).status).toBe(404);
    expect((await get(first!.url, auth)).status).toBe(302);
  });

  it('serves the v1.1 build with build_url (and v2 web_url) on the install host; output stays presigned storage', async () => {
    const s = server();
    const build = await api(s, `/api/v1.1/project/gh/acme/payments/${SIM_SHARDS.job}`, auth);
    expect(build.build_url).toBe(`${s.apiUrl}/gh/acme/payments/${SIM_SHARDS.job}`);
    const outputs = build.steps.flatMap((st: any) => st.actions).map((a: any) => a.output_url).filter(Boolean);
    expect(outputs.length).toBeGreaterThan(0);
    for (const u of outputs) expect(new URL(u).origin).toBe(s.storageUrl);
    const details = await api(s, projectPath(`/job/${SIM_SHARDS.job}`), auth);
    expect(details.web_url.startsWith(`${s.apiUrl}/pipelines/`)).toBe(true);
  });
});

describe('Cloud mode (unchanged)', () => {
  it('lists artifacts on the third origin; the API origin has no /output/job route; the artifact host honours injections', async () => {
    const c = cloud();
    expect(c.mode).toBe('cloud');
    expect(c.artifactsUrl).not.toBe(c.apiUrl);
    const [first] = await listed(cloud, SIM_SHARDS.job);
    expect(new URL(first!.url).origin).toBe(c.artifactsUrl);
    expect((await get(`${c.apiUrl}/output/job/${simJobId(SIM_SHARDS.job)}/artifacts/0/x`, auth)).status).toBe(404);
    const build = await api(c, `/api/v1.1/project/gh/acme/payments/${SIM_SHARDS.job}`, auth);
    expect(build.build_url).toBe(`https://circleci.com/gh/acme/payments/${SIM_SHARDS.job}`);
    c.inject({ match: `/${SIM_SHARDS.job}/`, status: 401, body: '{"message":"You must log in first."}' });
    expect((await get(first!.url, auth)).status).toBe(401);
    expect((await get(first!.url, auth)).status).toBe(302);
  });
});

describe('sleuth sim --server', () => {
  it('says it is in Server mode and serves artifact URLs on its CIRCLE_HOST; without --server, on another origin', async () => {
    const artifactOrigin = async (args: string[]) => {
      const c = captureIo({}, {});
      expect(await main(['node', 'sleuth', 'sim', '--port', '0', ...args], c.io)).toBe(0);
      try {
        const host = /CIRCLE_HOST=(http:\/\/127\.0\.0\.1:\d+)/.exec(c.out())?.[1];
        const { items } = await api({ apiUrl: host } as never, projectPath(`/${SIM_SHARDS.job}/artifacts`));
        return { host, origin: new URL(items[0].url).origin, out: c.out() };
      } finally {
        await stopSimulators();
      }
    };
    const srv = await artifactOrigin(['--server']);
    expect(srv.out).toMatch(/CircleCI Server mode: artifacts are served by http:\/\/127\.0\.0\.1:\d+\/output\/job\/<job-id>\/artifacts\//);
    expect(srv.origin).toBe(srv.host);
    const cloud = await artifactOrigin([]);
    expect(cloud.out).not.toMatch(/Server mode/);
    expect(cloud.origin).not.toBe(cloud.host);
  });
});
