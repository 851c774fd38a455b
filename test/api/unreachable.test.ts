// A host that refuses connections: one quick retry, then one clear line. Backoff is for 5xx, 429, timeouts and resets.
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api/errors.js';
import { Transport, type TransportEvent } from '../../src/api/transport.js';
import { main } from '../../src/cli/main.js';
import { SIM_PROJECT } from '../../src/sim/story.js';
import { captureIo } from '../helpers/io.js';
import { TEST_TOKEN } from '../helpers/sim.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { rawServer } from './raw-server.js';
import { deadPort } from '../helpers/net.js';

const tmp = useTmpDirs();
const open: Transport[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});

function transport(host: string, events: TransportEvent[], extra: Partial<ConstructorParameters<typeof Transport>[0]> = {}) {
  const t = new Transport({ host, token: TEST_TOKEN, onEvent: (e) => events.push(e), ...extra });
  open.push(t);
  return t;
}

describe('a refused connection', () => {
  it('is tried twice (one quick retry), not once per attempt, and fails in one line', async () => {
    const port = await deadPort();
    const events: TransportEvent[] = [];
    // Fast backoff so the test does not wait; maxAttempts 5 is the default, and what a refusal must not use up.
    const t = transport(`http://127.0.0.1:${port}`, events, { baseDelayMs: 5, maxDelayMs: 20, maxAttempts: 5 });
    const err = await t.api('/api/v2/me').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).kind).toBe('network');
    expect((err as ApiError).message).toBe(`cannot reach CircleCI (http://127.0.0.1:${port}): ECONNREFUSED`);
    expect(events.filter((e) => e.type === 'request')).toHaveLength(2);
    expect(events.filter((e) => e.type === 'retry')).toHaveLength(1);
  });

  it('(harness check) a reset connection is still retried up to maxAttempts', async () => {
    const s = await rawServer((req) => req.socket.destroy());
    const events: TransportEvent[] = [];
    const t = transport(s.url, events, { baseDelayMs: 1, maxDelayMs: 2, maxAttempts: 4 });
    await expect(t.api('/api/v2/me')).rejects.toThrow(/cannot reach CircleCI/);
    expect(events.filter((e) => e.type === 'request')).toHaveLength(4);
    expect(s.hits).toHaveLength(4);
  });

  it('a 503 is still retried with backoff until maxAttempts', async () => {
    const s = await rawServer((_req, res) => {
      res.writeHead(503, { 'content-type': 'text/plain' });
      res.end('busy');
    });
    const events: TransportEvent[] = [];
    const t = transport(s.url, events, { baseDelayMs: 1, maxDelayMs: 2, maxAttempts: 3 });
    const res = await t.api('/api/v2/me');
    expect(res.status).toBe(503);
    expect(s.hits).toHaveLength(3);
  });

  it('the CLI gives up within a couple of seconds with one line and exit 1 (default retry timing)', async () => {
    const port = await deadPort();
    const run = async () => {
      const c = captureIo({ CIRCLE_TOKEN: TEST_TOKEN, CIRCLE_HOST: `http://127.0.0.1:${port}`, SLEUTH_CACHE_DIR: tmp() }, { tty: false });
      const started = performance.now();
      const code = await main(['node', 'sleuth', 'pipelines', '--project', SIM_PROJECT], c.io);
      return { code, ms: performance.now() - started, out: c.out(), err: c.err() };
    };
    // The first run also loads the command's modules (seconds under vitest): it is checked, not timed.
    const warm = await run();
    const timed = await run();
    for (const r of [warm, timed]) {
      expect(r.code).toBe(1);
      expect(r.err.trimEnd().split('\n')).toEqual([`sleuth: cannot reach CircleCI (http://127.0.0.1:${port}): ECONNREFUSED`]);
      expect(r.out).toBe('');
    }
    // Before: five attempts with 0.5 s, 1 s, 2 s and 4 s backoff (3.75 s at the least). Now one retry of at most 0.5 s.
    expect(timed.ms).toBeLessThan(2500);
  });
});
