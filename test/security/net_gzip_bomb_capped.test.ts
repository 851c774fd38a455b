// security.md §7 case 27: a compressed body is capped on its decoded size (gzip, deflate, br), an endless plain body
// on its raw size; the failure is one clear line, nothing is kept, and the evidence downloader writes no file for it.
import { brotliCompressSync, deflateSync, gzipSync, constants as zlib } from 'node:zlib';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Transport } from '../../src/api/transport.js';
import { downloadEvidence } from '../../src/evidence/index.js';
import { SIM_MALICIOUS, SIM_PROJECT } from '../../src/sim/story.js';
import { makeClient, TEST_TOKEN, useSim } from '../helpers/sim.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { walk } from '../evidence/helpers.js';
import { useRawServer } from './raw-server.js';

const sim = useSim();
const tmp = useTmpDirs();
const bomb = useRawServer();
const open: Transport[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});

const CAP = 2 * 1024 * 1024;
const INFLATED = 32 * 1024 * 1024; // 16 times the cap
const zeros = Buffer.alloc(INFLATED);
const BOMBS: Record<string, Buffer> = {
  gzip: gzipSync(zeros, { level: 9 }),
  deflate: deflateSync(zeros, { level: 9 }),
  br: brotliCompressSync(zeros, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } }),
};

function transport(extra: Partial<ConstructorParameters<typeof Transport>[0]> = {}): Transport {
  const t = new Transport({ host: sim().apiUrl, token: TEST_TOKEN, maxAttempts: 1, maxBodyBytes: CAP, maxStorageBodyBytes: CAP, ...extra });
  open.push(t);
  return t;
}

/** The error a fetch ended with, or a small summary of a response (a 32 MiB body must never reach a diff). */
async function outcome(p: Promise<{ status: number; body: Buffer }>): Promise<Error | { status: number; size: number }> {
  return p.then((r) => ({ status: r.status, size: r.body.length }), (e: unknown) => e as Error);
}

function serveBomb(encoding: string): void {
  bomb().handle((_req, res) => res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-encoding': encoding }).end(BOMBS[encoding]));
}

describe('net_gzip_bomb_capped', () => {
  it('(harness check) the same encodings under the cap are decoded', async () => {
    const small = Buffer.from('hello, evidence\n'.repeat(1000));
    for (const [encoding, body] of [['gzip', gzipSync(small)], ['deflate', deflateSync(small)], ['br', brotliCompressSync(small)]] as const) {
      bomb().handle((_req, res) => res.writeHead(200, { 'content-encoding': encoding }).end(body));
      const res = await transport().fetchUrl(`${bomb().url}/small`, { credentials: 'none' });
      expect(res.body.equals(small), encoding).toBe(true);
    }
  });

  it.each(Object.keys(BOMBS))('a %s bomb (a few KB inflating to 32 MiB) stops at the cap with one line', async (encoding) => {
    expect(BOMBS[encoding]!.length).toBeLessThan(CAP / 16);
    serveBomb(encoding);
    const heapBefore = process.memoryUsage().arrayBuffers;
    const err = await outcome(transport().fetchUrl(`${bomb().url}/bomb.bin?X-Amz-Signature=secret`, { credentials: 'none' }));
    expect(err).toBeInstanceOf(Error);
    if (!(err instanceof Error)) return;
    expect(err).toMatchObject({ kind: 'malformed' });
    expect(err.message).toMatch(/larger than/);
    expect(err.message).not.toContain('\n');
    expect(err.message).not.toContain('secret'); // the presigned query is not echoed
    // Nothing near the inflated size was held (generous: other tests' buffers may still be alive).
    expect(process.memoryUsage().arrayBuffers - heapBefore).toBeLessThan(INFLATED / 2);
  });

  it('an endless plain body stops at the cap', async () => {
    bomb().handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      const chunk = Buffer.alloc(64 * 1024, 0x41);
      const pump = (): void => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump);
      };
      res.on('close', () => res.removeAllListeners('drain'));
      pump();
    });
    const err = await outcome(transport().fetchUrl(`${bomb().url}/endless`, { credentials: 'none' }));
    expect(err).toMatchObject({ kind: 'malformed', message: expect.stringMatching(/larger than/) });
  });

  it('an API answer that is a gzip bomb stops at the API cap', async () => {
    sim().inject({ match: '/api/v2/me', status: 200, headers: { 'content-encoding': 'gzip' }, body: BOMBS.gzip! });
    const err = await outcome(transport().api('/api/v2/me'));
    expect(err).toMatchObject({ kind: 'malformed', message: expect.stringMatching(/larger than/) });
  });

  it('an artifact that is a gzip bomb: the download records a failure and writes no file for it', async () => {
    serveBomb('gzip');
    const job = SIM_MALICIOUS.jobs.build;
    sim().inject({
      match: `/api/v2/project/gh/acme/payments/${job}/artifacts`,
      status: 200,
      body: JSON.stringify({ items: [{ path: 'coverage/bomb.bin', node_index: 0, url: `${bomb().url}/bomb.bin` }], next_page_token: null }),
    });
    const out = tmp();
    const { client, transport: t } = makeClient(sim(), { transport: { maxBodyBytes: CAP, maxStorageBodyBytes: CAP, maxAttempts: 1 } });
    open.push(t);
    const r = await downloadEvidence({ client, out, target: { kind: 'job', project: SIM_PROJECT, number: job }, taskRetries: 0, retryDelayMs: 1 });
    expect(r.outcome).toBe('incomplete');
    expect(r.failures.map((f) => f.error).join('\n')).toMatch(/larger than/);
    const written = walk(out).map((e) => e.rel);
    expect(written.filter((p) => p.includes('bomb'))).toEqual([]);
    expect(written.filter((p) => p.includes('.sleuth-tmp-'))).toEqual([]);
    expect(existsSync(join(out, 'manifest.json'))).toBe(true);
  });
});
