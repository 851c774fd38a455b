// security.md §7 case 23: a step's output_url is fetched with no credentials at all, even when a hostile API points
// it at an origin that is trusted with the token (the API host itself, the artifact host), and after redirects.
import { afterEach, describe, expect, it } from 'vitest';
import { downloadEvidence } from '../../src/evidence/index.js';
import { SIM_MALICIOUS, SIM_PROJECT, SIM_PROJECT_V1_SLUG } from '../../src/sim/story.js';
import { makeClient, since, TEST_TOKEN, useSim } from '../helpers/sim.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { credentialHeaders, useRawServer } from './raw-server.js';

const sim = useSim();
const tmp = useTmpDirs();
const bouncer = useRawServer();
const JOB = SIM_MALICIOUS.jobs.lint;
const BUILD_PATH = `/api/v1.1/project/${SIM_PROJECT_V1_SLUG}/${JOB}`;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

function client() {
  const c = makeClient(sim(), { transport: { trustedOrigins: [sim().artifactsUrl] } });
  closers.push(() => c.transport.close());
  return c;
}

interface Action { step: number; index: number; output_url: string | null; has_output: boolean }

/**
 * The job's real v1.1 build with every output_url replaced by `urlFor(action)`, served for the next ask only (each
 * test's client asks once; a leftover would be served to the next test).
 */
async function injectBuild(urlFor: (a: Action) => string): Promise<Action[]> {
  const { transport } = client();
  const res = await transport.api(BUILD_PATH);
  const build = JSON.parse(res.body.toString('utf8')) as { steps: { actions: Action[] }[] };
  const actions = build.steps.flatMap((s) => s.actions).filter((a) => a.has_output && a.output_url);
  for (const a of actions) a.output_url = urlFor(a);
  sim().inject({ match: BUILD_PATH, times: 1, status: 200, body: JSON.stringify(build) });
  return actions;
}

describe('net_output_url_never_authed', () => {
  it('(harness check) the API host records the token on an ordinary API call', async () => {
    const mark = sim().requests.length;
    await client().client.me();
    expect(since(sim(), mark).map((r) => r.headers['circle-token'])).toEqual([TEST_TOKEN]);
  });

  it('an output_url on the API host itself is fetched without Circle-Token or Authorization (client)', async () => {
    const [first] = await injectBuild((a) => `${sim().apiUrl}/api/v2/me?probe=output-${a.step}-${a.index}`);
    const mark = sim().requests.length;
    await client().client.stepOutput(SIM_PROJECT, JOB, first!.step, first!.index).catch(() => undefined);
    const probes = since(sim(), mark).filter((r) => r.url.includes('probe=output'));
    expect(probes.length).toBeGreaterThanOrEqual(1);
    for (const r of probes) {
      expect(r.headers['circle-token'], r.url).toBeUndefined();
      expect(r.headers.authorization, r.url).toBeUndefined();
    }
  });

  it('an output_url on the trusted artifact host, and one redirecting to the API host: no credentials on any hop', async () => {
    bouncer().handle((_req, res) => res.writeHead(302, { location: `${sim().apiUrl}/api/v2/me?probe=bounced` }).end());
    let n = 0;
    const actions = await injectBuild(() => (n++ % 2 === 0 ? `${sim().artifactsUrl}/probe-output?X-Amz-Signature=s` : `${bouncer().url}/presigned?X-Amz-Signature=s`));
    const mark = sim().requests.length;
    const bmark = bouncer().seen.length;
    const { client: c } = client();
    for (const a of actions) await c.stepOutput(SIM_PROJECT, JOB, a.step, a.index).catch(() => undefined);
    const seen = since(sim(), mark).filter((r) => r.url.includes('probe'));
    expect(seen.some((r) => r.server === 'artifacts')).toBe(true);
    expect(seen.some((r) => r.url.includes('probe=bounced'))).toBe(true);
    for (const r of seen) expect([r.headers['circle-token'], r.headers.authorization], `${r.server} ${r.url}`).toEqual([undefined, undefined]);
    for (const r of bouncer().seen.slice(bmark)) expect(credentialHeaders(r)).toEqual([]);
  });

  it('the evidence downloader fetches the same hostile output_urls without credentials', async () => {
    await injectBuild((a) => `${sim().apiUrl}/api/v2/me?probe=evidence-${a.step}-${a.index}`);
    const mark = sim().requests.length;
    const { client: c } = client();
    await downloadEvidence({ client: c, out: tmp(), target: { kind: 'job', project: SIM_PROJECT, number: JOB }, artifacts: false, taskRetries: 0, retryDelayMs: 1 });
    const probes = since(sim(), mark).filter((r) => r.url.includes('probe=evidence'));
    expect(probes.length).toBeGreaterThanOrEqual(1);
    for (const r of probes) expect([r.headers['circle-token'], r.headers.authorization], r.url).toEqual([undefined, undefined]);
  });
});
