// security.md §7 case 22: when CircleCI (or a trusted origin) redirects to another origin, the target sees neither
// Circle-Token nor Authorization. An API call may also refuse the redirect outright; either way the token stays home.
import { describe, expect, it } from 'vitest';
import { since, TEST_TOKEN, useSim } from '../helpers/sim.js';
import { credentialHeaders, useRawServer, useTransports } from './raw-server.js';

const sim = useSim();
const target = useRawServer();
const trusted = useRawServer();
const transport = useTransports();

describe('net_cross_origin_redirect_strips_token', () => {
  it('(harness check) the target records the token when it is the host itself', async () => {
    target().handle((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
    const mark = target().seen.length;
    await transport(target().url).api('/direct');
    expect(target().seen.slice(mark).map(credentialHeaders)).toEqual([['circle-token']]);
  });

  it.each([301, 302, 303, 307, 308])('an API answer %i to another origin: the target gets no Circle-Token, Authorization or Cookie', async (status) => {
    target().handle((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"login":"evil"}'));
    const mark = target().seen.length;
    const simMark = sim().requests.length;
    sim().inject({ match: '/api/v2/me', status, headers: { location: `${target().url}/stolen?from=${status}` }, body: '' });
    await transport(sim().apiUrl).api('/api/v2/me').catch(() => undefined);
    expect(since(sim(), simMark)[0]!.headers['circle-token']).toBe(TEST_TOKEN); // the API itself did get it
    for (const r of target().seen.slice(mark)) expect(credentialHeaders(r), r.url).toEqual([]);
  });

  it('Bearer auth (another service, e.g. Exlogare): a redirect to another origin carries no Authorization', async () => {
    trusted().handle((_req, res) => res.writeHead(302, { location: `${target().url}/bearer-stolen` }).end());
    target().handle((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
    const mark = target().seen.length;
    const tmark = trusted().seen.length;
    await transport(trusted().url, { auth: { header: 'authorization', scheme: 'Bearer' }, service: 'Exlogare' }).api('/v1/analyse').catch(() => undefined);
    expect(trusted().seen.slice(tmark)[0]!.headers.authorization).toBe(`Bearer ${TEST_TOKEN}`);
    for (const r of target().seen.slice(mark)) expect(credentialHeaders(r), r.url).toEqual([]);
  });

  it('a trusted origin bouncing through another origin and back: the token is not offered again after it left', async () => {
    let hop = 0;
    trusted().handle((req, res) => {
      if (req.url === '/start') res.writeHead(302, { location: `${target().url}/middle` }).end();
      else res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(`back ${hop++}`);
    });
    target().handle((_req, res) => res.writeHead(302, { location: `${trusted().url}/back-home` }).end());
    const tmark = trusted().seen.length;
    const mark = target().seen.length;
    const t = transport(sim().apiUrl, { trustedOrigins: [trusted().url] });
    const res = await t.fetchUrl(`${trusted().url}/start`, { credentials: 'if-trusted' });
    expect(res.status).toBe(200);
    const home = trusted().seen.slice(tmark);
    expect(home.map((r) => [r.url, credentialHeaders(r)])).toEqual([['/start', ['circle-token']], ['/back-home', []]]);
    expect(target().seen.slice(mark).map(credentialHeaders)).toEqual([[]]);
  });

  it('a redirect from presigned storage (fetched without credentials) never picks the token up at a trusted origin', async () => {
    target().handle((_req, res) => res.writeHead(302, { location: `${sim().apiUrl}/api/v2/me?via=storage` }).end());
    const simMark = sim().requests.length;
    await transport(sim().apiUrl).fetchUrl(`${target().url}/presigned?X-Amz-Signature=x`, { credentials: 'none' }).catch(() => undefined);
    const hit = since(sim(), simMark).filter((r) => r.url.includes('via=storage'));
    expect(hit).toHaveLength(1);
    for (const r of hit) {
      expect(r.headers['circle-token']).toBeUndefined();
      expect(r.headers.authorization).toBeUndefined();
    }
  });
});
