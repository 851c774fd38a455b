// security.md §7 case 25: hostile URLs are all refused, or at least never offered the token: userinfo that looks like
// the host, a look-alike suffix, a homoglyph host, http:/file:/data:, and a 25-hop redirect loop.
import { describe, expect, it } from 'vitest';
import { normalizeHost } from '../../src/config/host.js';
import { since, useSim } from '../helpers/sim.js';
import { credentialHeaders, useRawServer, useTransports } from './raw-server.js';

const sim = useSim();
const loop = useRawServer();
const transport = useTransports();

const HOMOGLYPH_HOST = 'https://\u0441ircleci.com/'; // Cyrillic es
const HOMOGLYPH_ARTIFACTS = 'https://x.circle-artif\u0430cts.com/0/a.txt'; // Cyrillic a

describe('net_hostile_urls', () => {
  it('none of them is an origin the token may go to', () => {
    const t = transport('https://circleci.com', { trustedOrigins: ['https://*.circle-artifacts.com'] });
    expect(t.isTrusted('https://circleci.com/api/v2/me')).toBe(true); // harness check
    expect(t.isTrusted('https://a1.circle-artifacts.com/0/x')).toBe(true);
    for (const url of [
      'https://circleci.com@evil.test/',
      'https://circleci.com.evil.test/',
      HOMOGLYPH_HOST,
      HOMOGLYPH_ARTIFACTS,
      'http://circleci.com/api/v2/me',
      'https://circleci.com:444/',
      'file:///etc/passwd',
      'data:text/plain,circleci.com',
      'javascript:alert(1)',
    ]) expect(t.isTrusted(url), url).toBe(false);
    expect(new URL(HOMOGLYPH_HOST).hostname).toMatch(/^xn--/);
  });

  it.each([
    'https://circleci.com@evil.test/',
    'https://circleci.com.evil.test@circleci.com/',
    'file:///etc/passwd',
    'data:text/plain,hello',
    'javascript:alert(1)',
    'not a url',
  ])('fetchUrl refuses %j before any request, whatever the credentials', async (url) => {
    const t = transport(sim().apiUrl);
    const mark = sim().requests.length;
    for (const credentials of ['if-trusted', 'none'] as const) {
      await expect(t.fetchUrl(url, { credentials })).rejects.toMatchObject({ kind: 'refused' });
    }
    expect(since(sim(), mark)).toEqual([]);
  });

  it('a homoglyph or http host is refused or flagged as CIRCLE_HOST; a look-alike never becomes the real host', () => {
    expect(() => normalizeHost('http://circleci.com')).toThrow(/https/);
    expect(() => normalizeHost('https://circleci.com@evil.test')).toThrow(/user name or password/);
    // Punycode, not the look-alike text: whatever the user sees in `sleuth doctor`, it is not circleci.com.
    let normalized = '';
    try {
      normalized = normalizeHost(HOMOGLYPH_HOST);
    } catch {
      normalized = 'refused';
    }
    expect(normalized).not.toBe('https://circleci.com');
    if (normalized !== 'refused') expect(normalized).toMatch(/xn--/);
  });

  it('a redirect to file:, data: or a URL with credentials is refused, not followed', async () => {
    for (const location of ['file:///etc/passwd', 'data:text/plain,x', `http://user:pw@127.0.0.1:1/x`]) {
      loop().handle((_req, res) => res.writeHead(302, { location }).end());
      await expect(transport(sim().apiUrl).fetchUrl(`${loop().url}/go`, { credentials: 'none' }), location).rejects.toMatchObject({ kind: 'refused' });
    }
  });

  it('a 25-hop redirect loop on another origin stops after a few hops with one clear line, the token never sent', async () => {
    loop().handle((req, res) => {
      const n = Number(/hop=(\d+)/.exec(req.url ?? '')?.[1] ?? 0);
      if (n >= 25) res.writeHead(200, { 'content-type': 'text/plain' }).end('reached the end of the loop');
      else res.writeHead(302, { location: `/loop?hop=${n + 1}` }).end();
    });
    const mark = loop().seen.length;
    const err = await transport(sim().apiUrl).fetchUrl(`${loop().url}/loop?hop=0`, { credentials: 'if-trusted' }).then(() => null, (e: unknown) => e as Error);
    expect(err).toMatchObject({ kind: 'refused' });
    expect(err?.message).toMatch(/too many redirects/);
    expect(err?.message).not.toContain('\n');
    const hops = loop().seen.slice(mark);
    expect(hops.length).toBeLessThanOrEqual(10);
    for (const r of hops) expect(credentialHeaders(r)).toEqual([]);
  });

  it('a 25-hop redirect loop on the API host itself stops after a few hops', async () => {
    sim().inject({ match: '/api/v2/me', times: 25, status: 302, headers: { location: '/api/v2/me' }, body: '' });
    const mark = sim().requests.length;
    const err = await transport(sim().apiUrl).api('/api/v2/me').then(() => null, (e: unknown) => e as Error);
    expect(err).toMatchObject({ kind: 'refused' });
    const hops = since(sim(), mark).length;
    expect(hops).toBeLessThanOrEqual(10);
    // Drain what is left of the injection so it cannot answer another test.
    const drain = transport(sim().apiUrl, { maxRedirects: 0 });
    for (let i = hops; i < 25; i++) await drain.api('/api/v2/me').catch(() => undefined);
  });
});
