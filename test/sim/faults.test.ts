import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../src/sim/index.js';
import { get, useSimulator } from './sim-test-kit.js';

const sim = useSimulator();
const me = (headers: Record<string, string> = {}) => get(`${sim().apiUrl}/api/v2/me`, headers);

describe('rate limiting', () => {
  it('answers every Nth API request with 429, JSON body and Retry-After', async () => {
    sim().options.rateLimitEvery = 3;
    sim().options.rateLimitRetryAfterSec = 7;
    try {
      const statuses: number[] = [];
      let limited: Awaited<ReturnType<typeof me>> | null = null;
      for (let i = 0; i < 6; i++) {
        const r = await me();
        statuses.push(r.status);
        if (r.status === 429) limited = r;
      }
      expect(statuses).toEqual([200, 200, 429, 200, 200, 429]);
      expect(limited?.headers.get('retry-after')).toBe('7');
      expect(limited?.headers.get('content-type')).toBe('application/json');
      expect(limited?.json()).toEqual({ message: 'Rate limit exceeded.' });
    } finally {
      sim().options.rateLimitEvery = 0;
      sim().options.rateLimitRetryAfterSec = 1;
    }
  });

  it('can answer the 429 in plain text, as observed in the wild', async () => {
    sim().options.rateLimitEvery = 1;
    sim().options.rateLimitTextBody = true;
    try {
      const r = await me();
      expect(r.status).toBe(429);
      expect(r.text).toBe('Rate limited.');
      expect(r.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(r.headers.get('retry-after')).toBe('1');
    } finally {
      sim().options.rateLimitEvery = 0;
      sim().options.rateLimitTextBody = false;
    }
  });

  it('never rate-limits storage', async () => {
    sim().options.rateLimitEvery = 1;
    try {
      expect((await get(`${sim().storageUrl}/output/x`)).status).toBe(403);
    } finally {
      sim().options.rateLimitEvery = 0;
    }
  });
});

describe('502s', () => {
  it('serves an HTML 502 page for the configured fraction of requests', async () => {
    sim().options.fail502Ratio = 1;
    try {
      const r = await me();
      expect(r.status).toBe(502);
      expect(r.headers.get('content-type')).toBe('text/html');
      expect(r.text).toContain('<h1>502 Bad Gateway</h1>');
    } finally {
      sim().options.fail502Ratio = 0;
    }
  });

  it('picks the same requests to fail for the same seed', async () => {
    const run = async () => {
      const s = await startSimulator({ fail502Ratio: 0.5, seed: 42 });
      try {
        const out: number[] = [];
        for (let i = 0; i < 20; i++) out.push((await get(`${s.apiUrl}/api/v2/me`)).status);
        return out;
      } finally {
        await s.close();
      }
    };
    const a = await run();
    expect(a).toEqual(await run());
    expect(a).toContain(502);
    expect(a).toContain(200);
  });
});

describe('tokens', () => {
  it('accepts any token (or none) by default and enforces requiredToken when set', async () => {
    expect((await me()).status).toBe(200);
    sim().options.requiredToken = 'secret-token';
    try {
      const none = await me();
      expect([none.status, none.json()]).toEqual([401, { message: 'You must log in first.' }]);
      expect((await me({ 'circle-token': 'other' })).status).toBe(401);
      expect((await me({ 'circle-token': 'secret-token' })).status).toBe(200);
      expect((await me({ authorization: `Basic ${Buffer.from('secret-token:').toString('base64')}` })).status).toBe(200);
    } finally {
      sim().options.requiredToken = null;
    }
  });
});

describe('inject', () => {
  it('answers the next matching request(s) with the canned response, before any other logic', async () => {
    sim().options.requiredToken = 'nobody-has-this';
    try {
      sim().inject({ match: '/api/v2/me', status: 503, headers: { 'Content-Type': 'text/plain' }, body: 'maintenance' });
      const r = await me();
      expect([r.status, r.text, r.headers.get('content-type')]).toEqual([503, 'maintenance', 'text/plain']);
    } finally {
      sim().options.requiredToken = null;
    }
    sim().inject({ match: /\/me$/, times: 2, status: 500, body: '{"message":"boom"}' });
    expect((await me()).status).toBe(500);
    const second = await me();
    expect([second.status, second.headers.get('content-type')]).toEqual([500, 'application/json']);
    expect((await me()).status).toBe(200);
    const recorded = sim().requests.filter((q) => q.url === '/api/v2/me').slice(-3);
    expect(recorded.map((q) => q.status)).toEqual([500, 500, 200]);
  });

  it('does not touch requests that do not match', async () => {
    sim().inject({ match: '/api/v2/project/', status: 418, body: 'x' });
    expect((await me()).status).toBe(200);
    expect((await get(`${sim().apiUrl}/api/v2/project/gh/acme/payments`)).status).toBe(418);
  });
});

describe('latency', () => {
  it('delays every server', async () => {
    sim().options.latencyMs = 150;
    try {
      for (const url of [`${sim().apiUrl}/api/v2/me`, `${sim().storageUrl}/output/x`, `${sim().artifactsUrl}/1/0/x`]) {
        const t0 = Date.now();
        await get(url);
        expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
      }
    } finally {
      sim().options.latencyMs = 0;
    }
  });
});
