import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { stableHex } from '../ids.js';
import { amzDate, parseAmzDate } from '../time.js';

// S3-style presigned links for step output and artifact bodies. The signature is an
// HMAC over kind/key/date/expiry with a secret that never leaves this process, mixed
// with a per-simulator "generation" that expireOutputLinks() bumps.

const PROCESS_SECRET = randomBytes(32);

const CREDENTIAL_ID = `ASIA${stableHex('sim-sts-key', 16).toUpperCase()}`;
const SECURITY_TOKEN = Buffer.from(stableHex('sim-sts-session', 96), 'hex').toString('base64');

export type LinkKind = 'output' | 'artifact';
export type LinkCheck = 'ok' | 'expired' | 'denied';

export class Presigner {
  private generation = 0;

  constructor(private readonly baseUrl: string) {}

  sign(kind: LinkKind, key: string, nowMs: number, ttlSec: number): string {
    const date = amzDate(nowMs);
    const expires = String(Math.max(1, Math.floor(ttlSec)));
    const credential = `${CREDENTIAL_ID}/${date.slice(0, 8)}/us-east-1/s3/aws4_request`;
    const query = [
      'X-Amz-Algorithm=AWS4-HMAC-SHA256',
      `X-Amz-Date=${date}`,
      `X-Amz-Expires=${expires}`,
      'X-Amz-SignedHeaders=host',
      `X-Amz-Credential=${encodeURIComponent(credential)}`,
      `X-Amz-Security-Token=${encodeURIComponent(SECURITY_TOKEN)}`,
      `X-Amz-Signature=${this.signature(this.generation, kind, key, date, expires)}`,
    ].join('&');
    return `${this.baseUrl}/${kind}/${encodeURIComponent(key)}?${query}`;
  }

  check(kind: LinkKind, key: string, query: URLSearchParams, nowMs: number): LinkCheck {
    const date = query.get('X-Amz-Date') ?? '';
    const expires = query.get('X-Amz-Expires') ?? '';
    const signature = query.get('X-Amz-Signature') ?? '';
    const issued = parseAmzDate(date);
    if (issued === null || !/^\d+$/.test(expires) || query.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') return 'denied';
    if (this.matches(this.generation, kind, key, date, expires, signature)) {
      return nowMs > issued + Number(expires) * 1000 ? 'expired' : 'ok';
    }
    for (let g = this.generation - 1; g >= 0; g--) if (this.matches(g, kind, key, date, expires, signature)) return 'expired';
    return 'denied';
  }

  /** Every link signed so far stops working. */
  expireAll(): void {
    this.generation += 1;
  }

  private signature(generation: number, kind: LinkKind, key: string, date: string, expires: string): string {
    return createHmac('sha256', PROCESS_SECRET).update(`${generation}\n${kind}/${key}\n${date}\n${expires}`).digest('hex');
  }

  private matches(generation: number, kind: LinkKind, key: string, date: string, expires: string, signature: string): boolean {
    const expected = Buffer.from(this.signature(generation, kind, key, date, expires));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
