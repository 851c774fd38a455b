// Bounds on what one request may cost: time (an overall deadline, not only per-chunk timeouts)
// and size (a cap on the response). Each case is a server that misbehaves on purpose.
import { afterEach, describe, expect, it } from 'vitest';
import { CircleCiClient } from '../../src/api/client.js';
import { ApiError } from '../../src/api/errors.js';
import { Transport, type TransportOptions } from '../../src/api/transport.js';
import { drip, rawServer, stream } from './raw-server.js';

const WF = '5c0f6a4e-1d2b-4c3d-8e9f-0a1b2c3d4e5f';
const transports: Transport[] = [];
afterEach(async () => {
  for (const t of transports.splice(0)) await t.close();
});
function transport(host: string, opts: Partial<TransportOptions> = {}): Transport {
  const t = new Transport({ host, token: 'tok-123456789', baseDelayMs: 5, maxDelayMs: 20, ...opts });
  transports.push(t);
  return t;
}
async function failure(p: Promise<unknown>): Promise<ApiError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(ApiError);
  return e as ApiError;
}

describe('an overall deadline for every request', () => {
  it('ends a body that drips one byte at a time with a clear one-line message', async () => {
    const s = await rawServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      drip(res, ' ', 20);
    });
    const started = Date.now();
    const err = await failure(transport(s.url, { attemptTimeoutMs: 200, deadlineMs: 200 }).api('/api/v2/me'));
    expect(err.kind).toBe('timeout');
    expect(err.message).toMatch(/^gave up on \/api\/v2\/me after 0\.2 s, the deadline for one request with its retries: CircleCI \(http:\/\/127\.0\.0\.1:\d+\) did not send the whole response for \/api\/v2\/me within 0\.2 s; stopped waiting$/);
    expect(Date.now() - started).toBeLessThan(15_000); // hang guard only
  });

  it('gives up on headers that never come within the deadline, retries included', async () => {
    const s = await rawServer(() => { /* never answers */ });
    const err = await failure(transport(s.url, { attemptTimeoutMs: 100, deadlineMs: 400 }).api('/api/v2/me'));
    expect(err.kind).toBe('timeout');
    expect(err.message).toMatch(/^gave up on \/api\/v2\/me after 0\.4 s, the deadline for one request with its retries/);
    expect(s.hits.length).toBeGreaterThanOrEqual(2);
    expect(s.hits.length).toBeLessThanOrEqual(5);
  });

  it('bounds a storage download too, under its own deadline', async () => {
    const s = await rawServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      drip(res, 'x', 20);
    });
    const t = transport('http://127.0.0.1:1', { storageAttemptTimeoutMs: 150, storageDeadlineMs: 150 });
    const err = await failure(t.fetchUrl(`${s.url}/output/0?X-Amz-Signature=secret`, { credentials: 'none' }));
    expect(err.kind).toBe('timeout');
    expect(err.message).toContain(`did not send the whole response for ${s.url}/output/0 within 0.1 s`);
    expect(err.message).not.toContain('X-Amz-Signature');
  });

  it("still lets the caller's signal abort a request, reported as the caller's abort", async () => {
    const s = await rawServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      drip(res, ' ', 20);
    });
    const ctl = new AbortController();
    const p = transport(s.url, { attemptTimeoutMs: 60_000 }).api('/api/v2/me', ctl.signal);
    setTimeout(() => ctl.abort(new Error('user pressed q')), 50);
    await expect(p).rejects.toThrow('user pressed q');
  });
});

describe('a cap on response size', () => {
  it('ends a 200 MB JSON list with a one-line error naming the endpoint and the cap', async () => {
    const s = await rawServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      stream(res, '{"items":[', '{"id":"job","name":"x"},', 200 * 1024 * 1024);
    });
    const err = await failure(new CircleCiClient(transport(s.url)).jobs(WF));
    expect(err.kind).toBe('malformed');
    expect(err.message).toBe(`the response from /api/v2/workflow/${WF}/job is larger than 32.0 MiB, the cap for one response; stopped reading`);
  });

  it('refuses a declared Content-Length over the cap before reading the body', async () => {
    const s = await rawServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(200 * 1024 * 1024) });
      drip(res, ' ', 50);
    });
    const started = Date.now();
    const err = await failure(transport(s.url, { attemptTimeoutMs: 60_000 }).api('/api/v2/me'));
    expect(err.message).toMatch(/^the response from \/api\/v2\/me is larger than 32\.0 MiB, the cap for one response/);
    expect(Date.now() - started).toBeLessThan(15_000); // hang guard only
  });

  it('keeps a larger cap for storage downloads (step output, artifacts) than for API responses', async () => {
    const body = 'y'.repeat(64 * 1024);
    const s = await rawServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(body);
    });
    const t = transport(s.url, { maxBodyBytes: 16 * 1024, maxStorageBodyBytes: 1024 * 1024 });
    expect((await failure(t.api('/api/v2/me'))).message).toContain('larger than 16.0 KiB');
    expect((await t.fetchUrl(`${s.url}/output/1`, { credentials: 'none' })).body.toString()).toBe(body);
  });
});
