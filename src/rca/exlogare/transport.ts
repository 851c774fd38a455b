// Exlogare's HTTP client is the project's one Transport (undici, private Agent, retries with Retry-After, capped
// bodies), made with Exlogare's origin as its only trusted origin and the token as `Authorization: Bearer`.
// Transport.post() never follows a redirect, so the token cannot reach another origin.
import { Transport, type HttpResponse, type TransportEvent, type TransportOptions } from '../../api/transport.js';
import type { ExlogareConfig } from './config.js';

/** The part of Transport the Exlogare client uses. */
export interface PostTransport {
  readonly host: string;
  post(pathAndQuery: string, data: Buffer, contentType: string, signal?: AbortSignal): Promise<HttpResponse>;
  redact(text: string): string;
  close(): Promise<void>;
}

/** Knobs tests turn down (retries in milliseconds). */
export type ExlogareTransportTuning = Partial<Pick<TransportOptions, 'maxAttempts' | 'baseDelayMs' | 'maxDelayMs' | 'maxRetryAfterMs' | 'headersTimeoutMs' | 'bodyTimeoutMs' | 'connectTimeoutMs'>>;

export function exlogareTransport(cfg: ExlogareConfig, token: string, o: { env: NodeJS.ProcessEnv; userAgent: string; tuning?: ExlogareTransportTuning; onEvent?: (e: TransportEvent) => void }): PostTransport {
  const options: TransportOptions = {
    host: cfg.origin,
    token,
    auth: { header: 'authorization', scheme: 'Bearer' },
    service: 'Exlogare',
    trustedOrigins: [],
    concurrency: 1,
    // Polite: a few tries, honouring Retry-After up to a minute; an RCA can take a while to write.
    maxAttempts: 4,
    baseDelayMs: 1000,
    maxDelayMs: 15_000,
    maxRetryAfterMs: 60_000,
    headersTimeoutMs: 120_000,
    maxBodyBytes: 8 * 1024 * 1024,
    maxRedirects: 0,
    userAgent: o.userAgent,
    env: o.env,
    ...o.tuning,
    ...(o.onEvent ? { onEvent: o.onEvent } : {}),
  };
  return new Transport(options);
}
