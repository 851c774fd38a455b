import { afterEach, describe, expect, it } from 'vitest';
import type { ApiError } from '../../src/api/errors.js';
import { oneLine } from '../../src/api/http-errors.js';
import { redactSecret } from '../../src/api/redact.js';
import { makeClient, TEST_TOKEN, useSim } from '../helpers/sim.js';

const sim = useSim();
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

const TOKEN = TEST_TOKEN;
// The shortest run of the token's characters we accept as a leak (redact.ts MIN_SECRET_FRAGMENT).
const MIN_SECRET_FRAGMENT = 8;
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
const urlSafe = (s: string) => s.replace(/\+/g, '-').replace(/\//g, '_');

/** Every window of MIN_SECRET_FRAGMENT characters of `form` that is still in `text`. */
function survivors(text: string, form: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + MIN_SECRET_FRAGMENT <= form.length; i++) {
    const w = form.slice(i, i + MIN_SECRET_FRAGMENT);
    if (text.includes(w)) out.push(w);
  }
  return out;
}

/** The characters of base64(prefix + TOKEN + suffix) that encode TOKEN bytes only. */
function tokenRegion(prefix: Buffer, suffix = Buffer.from('!tail')): string {
  const enc = b64(Buffer.concat([prefix, Buffer.from(TOKEN), suffix]));
  return enc.slice(Math.ceil((prefix.length * 8) / 6), Math.floor(((prefix.length + TOKEN.length) * 8) / 6));
}

describe('redactSecret scrubs every form of the token', () => {
  const hex = Buffer.from(TOKEN).toString('hex');
  const forms: Array<[string, string]> = [
    ['raw', TOKEN],
    ['base64 with padding', b64(TOKEN)],
    ['base64 without padding', b64(TOKEN).replace(/=+$/, '')],
    ['URL-safe base64', urlSafe(b64(TOKEN)).replace(/=+$/, '')],
    ['hex lower', hex],
    ['hex upper', hex.toUpperCase()],
    ['percent-encoded (encodeURIComponent)', encodeURIComponent(TOKEN)],
    ['percent-encoded every byte', hex.replace(/../g, '%$&').toUpperCase()],
    ['Basic token:', b64(`${TOKEN}:`)],
    ['Basic :token', b64(`:${TOKEN}`)],
  ];
  it.each(forms)('%s', (_name, form) => {
    const text = `Authorization: Basic ${form} (echoed)`;
    expect(survivors(text, form).length).toBeGreaterThan(0);
    const out = redactSecret(text, TOKEN);
    expect(survivors(out, form)).toEqual([]);
    expect(out).toContain('[redacted]');
    expect(out).toMatch(/^Authorization: Basic .*\(echoed\)$/);
  });

  it('inside Basic auth as user:token, whatever the user name', () => {
    for (const user of ['sim-responder', 'ab', 'circleci-user']) {
      const prefix = Buffer.from(`${user}:`);
      for (const enc of [(s: string) => s, urlSafe]) {
        const header = `Authorization: Basic ${enc(b64(Buffer.concat([prefix, Buffer.from(TOKEN)])))}`;
        const region = enc(tokenRegion(prefix, Buffer.alloc(0)));
        expect(survivors(header, region).length).toBeGreaterThan(0);
        expect(survivors(redactSecret(header, TOKEN), region)).toEqual([]);
      }
    }
  });

  it.each([0, 1, 2])('base64 and URL-safe base64 of the token at byte offset %i of a longer stream', (offset) => {
    const prefix = Buffer.from('user:pw:'.slice(0, 6 + offset));
    for (const enc of [(s: string) => s, urlSafe]) {
      const whole = enc(b64(Buffer.concat([prefix, Buffer.from(TOKEN), Buffer.from('!tail')])));
      const region = enc(tokenRegion(prefix));
      expect(whole).toContain(region);
      expect(survivors(redactSecret(`x ${whole} y`, TOKEN), region)).toEqual([]);
    }
  });

  it('scrubs a fragment of 8+ characters left where somebody else cut the text', () => {
    const cutEnd = `error: ${TOKEN.slice(0, 12)}…`;
    const cutStart = `…${TOKEN.slice(-9)} was rejected`;
    expect(redactSecret(cutEnd, TOKEN)).toBe('error: [redacted]…');
    expect(redactSecret(cutStart, TOKEN)).toBe('…[redacted] was rejected');
    expect(redactSecret(`b64 ${b64(TOKEN).slice(0, 10)}…`, TOKEN)).toBe('b64 [redacted]…');
    expect(redactSecret('nothing secret here, job 12345', TOKEN)).toBe('nothing secret here, job 12345');
  });

  it('oneLine scrubs before it cuts, so no prefix of the token is left', () => {
    const long = `${'x'.repeat(140)} ${TOKEN} more`;
    expect(oneLine(long)).toContain(TOKEN.slice(0, 19));
    expect(oneLine(long, 160, (t) => redactSecret(t, TOKEN))).toBe(`${'x'.repeat(140)} [redacted] more`);
    // A caller that cuts first is still covered by the fragment scrub.
    expect(redactSecret(oneLine(long), TOKEN)).toBe(`${'x'.repeat(140)} [redacted]…`);
  });
});

describe('server text quoted in an ApiError never carries any part of the token', () => {
  function client() {
    const c = makeClient(sim(), { transport: { maxAttempts: 2 } });
    closers.push(() => c.transport.close());
    return c.client;
  }
  const errorOf = async (p: Promise<unknown>) => (await p.catch((e: unknown) => e)) as ApiError;

  it('a long message cut in the middle of the token', async () => {
    for (let pad = 120; pad <= 158; pad += 19) {
      sim().inject({ match: '/api/v2/me', status: 400, body: JSON.stringify({ message: `${'m'.repeat(pad)} ${TOKEN}` }) });
      const err = await errorOf(client().me());
      expect(err.message).toContain('m'.repeat(pad));
      expect(survivors(err.message, TOKEN)).toEqual([]);
    }
  });

  it('a Retry-After header echoing the token', async () => {
    sim().inject({ match: '/api/v2/me', times: 2, status: 429, headers: { 'retry-after': `${TOKEN}` }, body: '{"message":"slow down"}' });
    const err = await errorOf(client().me());
    expect(err.kind).toBe('rate-limited');
    expect(err.message).toContain('Retry-After');
    expect(survivors(err.message, TOKEN)).toEqual([]);
  });

  it('a message echoing the Basic auth header and the hex of the token', async () => {
    const basic = b64(`circleci:${TOKEN}`);
    const hex = Buffer.from(TOKEN).toString('hex').toUpperCase();
    sim().inject({ match: '/api/v2/me', status: 403, body: JSON.stringify({ message: `bad header Basic ${basic} / ${hex}` }) });
    const err = await errorOf(client().me());
    expect(err.message).toContain('bad header Basic');
    expect(survivors(err.message, tokenRegion(Buffer.from('circleci:'), Buffer.alloc(0)))).toEqual([]);
    expect(survivors(err.message, hex)).toEqual([]);
  });
});
