// The only code that talks HTTP. Two doors: `api()` carries the Circle-Token to the CircleCI host
// and follows redirects only within that origin; `fetchUrl()` (presigned storage, artifacts)
// follows redirects by hand and drops every credential the moment a hop leaves a trusted origin.
// Node's fetch would forward custom headers such as Circle-Token across origins, so we use
// undici.request with our own Agent.
//
// Every request is bounded in size and in time (defaults below, all injectable):
// - API responses (api(), post()) are capped at 32 MiB, storage downloads at 500 MiB (under
//   V8's longest string, 2^29-24 characters, so a step output body can always be decoded).
// - One attempt (connect, headers and the whole body) has a deadline, so a body that drips a
//   byte a second ends; the whole request, retries and backoff included, has another.
//   Waits a 429's Retry-After asks for are not counted (they are capped by maxRetryAfterMs),
//   nor is time queued behind the concurrency limit.
import { Agent, request } from 'undici';
import { ApiError } from './errors.js';
import { backoffDelay, parseRetryAfter, sleep } from './backoff.js';
import { oneLine } from './http-errors.js';
import type { HttpResponse } from './http-response.js';
import { decode, flattenHeaders, readCapped } from './read-body.js';
import { Semaphore } from './semaphore.js';
import { redactSecret, registerSecret, stripPresignedQuery } from './redact.js';

/** Defaults of the size and time bounds (see the header comment). */
export const API_MAX_BODY_BYTES = 32 * 1024 * 1024;
export const STORAGE_MAX_BODY_BYTES = 500 * 1024 * 1024;
export const STORAGE_DEADLINE_MS = 15 * 60_000;

export interface TransportOptions {
  /** CircleCI origin, e.g. https://circleci.com or a Server host. */
  host: string;
  token: string | null;
  /** How the token is presented: default the `Circle-Token` header; another service passes e.g. `{ header: 'authorization', scheme: 'Bearer' }`. */
  auth?: { header: string; scheme?: string };
  /** The service's name in messages (default 'CircleCI'). */
  service?: string;
  /**
   * Other origins that may receive the token (the artifact host). `https://*.circle-artifacts.com`
   * trusts every subdomain on the default https port.
   */
  trustedOrigins?: string[];
  /** Requests in flight to the CircleCI API (rate-limited, so polite). */
  concurrency?: number;
  /** Requests in flight without the token (presigned storage): S3 is not the API, so wider. */
  storageConcurrency?: number;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Longest Retry-After we honour before giving up on that attempt. */
  maxRetryAfterMs?: number;
  connectTimeoutMs?: number;
  /** Longest wait for response headers in one attempt (default 30 s). */
  headersTimeoutMs?: number;
  /** Longest silence between two body chunks (default 60 s). */
  bodyTimeoutMs?: number;
  /** Longest one API attempt may take, headers and whole body (default headersTimeoutMs + 60 s). */
  attemptTimeoutMs?: number;
  /** Longest one API request may take, every retry and backoff included (default attemptTimeoutMs). */
  deadlineMs?: number;
  /** The same two for presigned storage and artifact downloads (fetchUrl; default 15 min each). */
  storageAttemptTimeoutMs?: number;
  storageDeadlineMs?: number;
  /** Cap on a decoded API response, api() and post() (a gzip bomb or a runaway list must not eat the machine). */
  maxBodyBytes?: number;
  /** Cap on a decoded fetchUrl() body: step output and artifacts (default 500 MiB). */
  maxStorageBodyBytes?: number;
  maxRedirects?: number;
  userAgent?: string;
  env?: NodeJS.ProcessEnv;
  onEvent?: (e: TransportEvent) => void;
}

export type TransportEvent =
  | { type: 'request'; url: string; attempt: number }
  | { type: 'response'; url: string; status: number; bytes: number; ms: number }
  | { type: 'retry'; url: string; reason: string; waitMs: number; attempt: number };

export type { HttpResponse } from './http-response.js';

type Credentials = 'token' | 'none';
/** A request body (POST to the host only; see post()). */
interface RequestBody { method: 'POST'; data: Buffer; contentType: string }
/** The bounds one request runs under: API calls or storage downloads. */
interface Bounds { maxBodyBytes: number; attemptMs: number; deadlineMs: number }
/** Time one request has spent on the network and in backoff, against its deadline. */
interface Budget { readonly bounds: Bounds; spentMs: number }

const RETRY_STATUS = new Set([429, 500, 502, 503, 504]);
const RETRY_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CLOSED']);
/**
 * Nothing listens there, or no such host or route: retrying with backoff for every attempt only makes
 * a responder wait seconds for the same answer. One quick retry covers a host restarting; then it fails.
 * Retries with backoff are for 5xx, 429 and timeouts (and resets, which a busy proxy sends).
 */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'ENETUNREACH', 'EHOSTUNREACH']);
const UNREACHABLE_RETRIES = 1;

export class Transport {
  readonly host: string;
  // A true private field: util.inspect, JSON.stringify and a debugger dump of the transport never show it.
  readonly #token: string | null;
  private readonly trusted: Set<string>;
  private readonly trustedSuffixes: string[];
  private readonly agent: Agent;
  private readonly gate: Semaphore;
  private readonly storageGate: Semaphore;
  private readonly options: Required<Omit<TransportOptions, 'token' | 'trustedOrigins' | 'onEvent' | 'env' | 'auth' | 'service'>>;
  private readonly apiBounds: Bounds;
  private readonly storageBounds: Bounds;
  private readonly authHeader: string;
  private readonly authScheme: string | null;
  private readonly service: string;
  private readonly onEvent: (e: TransportEvent) => void;
  private readonly env: NodeJS.ProcessEnv;
  /** A 429 pauses every request, not only the one that got it. */
  private pausedUntil = 0;

  constructor(opts: TransportOptions) {
    this.host = new URL(opts.host).origin;
    this.#token = opts.token;
    registerSecret(opts.token);
    this.authHeader = (opts.auth?.header ?? 'circle-token').toLowerCase();
    this.authScheme = opts.auth?.scheme ?? null;
    this.service = opts.service ?? 'CircleCI';
    const wild = (opts.trustedOrigins ?? []).filter((o) => o.startsWith('https://*.'));
    this.trustedSuffixes = wild.map((o) => o.slice('https://*'.length).toLowerCase());
    this.trusted = new Set([this.host, ...(opts.trustedOrigins ?? []).filter((o) => !wild.includes(o)).map((o) => new URL(o).origin)]);
    const concurrency = opts.concurrency ?? 8;
    const headersTimeoutMs = opts.headersTimeoutMs ?? 30_000;
    const attemptTimeoutMs = opts.attemptTimeoutMs ?? headersTimeoutMs + 60_000;
    const storageAttemptTimeoutMs = opts.storageAttemptTimeoutMs ?? STORAGE_DEADLINE_MS;
    this.options = {
      host: this.host,
      concurrency,
      storageConcurrency: opts.storageConcurrency ?? Math.min(32, concurrency * 4),
      maxAttempts: opts.maxAttempts ?? 5,
      baseDelayMs: opts.baseDelayMs ?? 500,
      maxDelayMs: opts.maxDelayMs ?? 20_000,
      maxRetryAfterMs: opts.maxRetryAfterMs ?? 120_000,
      connectTimeoutMs: opts.connectTimeoutMs ?? 10_000,
      headersTimeoutMs,
      bodyTimeoutMs: opts.bodyTimeoutMs ?? 60_000,
      attemptTimeoutMs,
      deadlineMs: opts.deadlineMs ?? attemptTimeoutMs,
      storageAttemptTimeoutMs,
      storageDeadlineMs: opts.storageDeadlineMs ?? storageAttemptTimeoutMs,
      maxBodyBytes: opts.maxBodyBytes ?? API_MAX_BODY_BYTES,
      maxStorageBodyBytes: opts.maxStorageBodyBytes ?? STORAGE_MAX_BODY_BYTES,
      maxRedirects: opts.maxRedirects ?? 5,
      userAgent: opts.userAgent ?? 'circle-sleuth',
    };
    this.apiBounds = { maxBodyBytes: this.options.maxBodyBytes, attemptMs: this.options.attemptTimeoutMs, deadlineMs: this.options.deadlineMs };
    this.storageBounds = { maxBodyBytes: this.options.maxStorageBodyBytes, attemptMs: this.options.storageAttemptTimeoutMs, deadlineMs: this.options.storageDeadlineMs };
    this.onEvent = opts.onEvent ?? (() => {});
    this.env = opts.env ?? process.env;
    this.gate = new Semaphore(this.options.concurrency);
    this.storageGate = new Semaphore(this.options.storageConcurrency);
    this.agent = new Agent({
      connections: Math.max(this.options.concurrency, this.options.storageConcurrency),
      connect: { timeout: this.options.connectTimeoutMs },
      headersTimeout: this.options.headersTimeoutMs,
      bodyTimeout: this.options.bodyTimeoutMs,
      keepAliveTimeout: 10_000,
    });
  }

  /**
   * GET a CircleCI API path (`/api/v2/...`) with the token. Returns any final status; throws on exhausted retries.
   * A redirect to another origin is refused: what it served would be shown as CircleCI's data.
   */
  async api(pathAndQuery: string, signal?: AbortSignal): Promise<HttpResponse> {
    if (!pathAndQuery.startsWith('/')) throw new ApiError('refused', 'internal: API paths must start with /');
    return this.follow(new URL(pathAndQuery, this.host), 'token', signal, true);
  }

  /** GET an absolute URL. The token goes only to trusted origins, never across a redirect to another. */
  async fetchUrl(url: string, opts: { credentials: 'if-trusted' | 'none' }, signal?: AbortSignal): Promise<HttpResponse> {
    const u = safeUrl(url);
    return this.follow(u, opts.credentials === 'none' ? 'none' : 'token', signal, false);
  }

  /**
   * POST a body to a path on the host, with the token. Redirects are never followed: a 3xx comes back as it is,
   * so neither the token nor the body can reach another URL. 429 and 5xx are retried as for GETs.
   */
  async post(pathAndQuery: string, data: Buffer, contentType: string, signal?: AbortSignal): Promise<HttpResponse> {
    if (!pathAndQuery.startsWith('/')) throw new ApiError('refused', 'internal: API paths must start with /');
    return this.withRetries(new URL(pathAndQuery, this.host), true, { bounds: this.apiBounds, spentMs: 0 }, signal, { method: 'POST', data, contentType });
  }

  isTrusted(url: string): boolean {
    try { return this.trustedOrigin(new URL(url)); } catch { return false; }
  }

  private trustedOrigin(u: URL): boolean {
    if (this.trusted.has(u.origin)) return true;
    const host = u.hostname.toLowerCase();
    return u.protocol === 'https:' && u.port === '' && this.trustedSuffixes.some((sfx) => host.endsWith(sfx) && host.length > sfx.length);
  }

  redact(text: string): string {
    return redactSecret(text, this.#token);
  }

  /**
   * Ends every connection. A request still in flight is abandoned (its caller gets an error): whoever closes
   * has what it waited for, and an answer stalled half sent must not hold the process (a stopped download).
   */
  async close(): Promise<void> {
    await this.agent.destroy();
  }

  private async follow(start: URL, creds: Credentials, signal: AbortSignal | undefined, sameOriginOnly: boolean): Promise<HttpResponse> {
    let url = start;
    // One budget for the whole chain: a redirect loop cannot restart the clock.
    const budget: Budget = { bounds: sameOriginOnly ? this.apiBounds : this.storageBounds, spentMs: 0 };
    for (let hop = 0; ; hop++) {
      const sendToken = creds === 'token' && this.trustedOrigin(url);
      const res = await this.withRetries(url, sendToken, budget, signal);
      if (res.status < 300 || res.status >= 400 || res.status === 304) return res;
      const location = res.headers['location'];
      if (!location) return res;
      if (hop >= this.options.maxRedirects) throw new ApiError('refused', `too many redirects from ${this.describe(start.href)}`);
      let next: URL;
      try {
        next = new URL(location, url);
      } catch {
        throw new ApiError('refused', `${this.service} answered ${this.describe(start.href)} with a redirect to an invalid URL; not followed`);
      }
      if (sameOriginOnly && next.origin !== this.host) {
        const to = oneLine(next.host || next.protocol, 80, (t) => this.redact(t));
        throw new ApiError('refused', `${this.service} answered ${this.describe(start.href)} with a redirect to another origin (${to}); refused, since what it serves would be shown as ${this.service}'s data`, res.status);
      }
      next = safeUrl(next.href);
      // Once a hop leaves the trusted origins, no later hop gets the token back.
      if (!this.trustedOrigin(next)) creds = 'none';
      url = next;
    }
  }

  private async withRetries(url: URL, sendToken: boolean, budget: Budget, signal?: AbortSignal, payload?: RequestBody): Promise<HttpResponse> {
    let failure: { retryable: boolean; unreachable?: boolean; error: ApiError } | null = null;
    let unreachable = 0;
    for (let attempt = 0; ; attempt++) {
      const wait = this.pausedUntil - Date.now();
      if (wait > 0) await sleep(wait, signal);
      const left = budget.bounds.deadlineMs - budget.spentMs;
      if (left <= 0) throw this.outOfTime(url, budget, failure);
      let res: HttpResponse | null = null;
      failure = null;
      try {
        res = await this.once(url, sendToken, attempt, budget, Math.min(left, budget.bounds.attemptMs), signal, payload);
      } catch (e) {
        if (signal?.aborted) throw e;
        failure = this.networkError(e, url);
        if (!failure.retryable) throw failure.error;
        if (failure.unreachable && unreachable++ >= UNREACHABLE_RETRIES) throw failure.error;
      }
      const last = attempt + 1 >= this.options.maxAttempts;
      if (res && !RETRY_STATUS.has(res.status)) return res;
      if (last) {
        if (res) return res;
        throw failure!.error;
      }
      let waitMs = backoffDelay(attempt, this.options.baseDelayMs, this.options.maxDelayMs);
      let reason = failure ? failure.error.message : `HTTP ${res!.status}`;
      if (res?.status === 429) {
        const ra = parseRetryAfter(res.headers['retry-after']);
        if (ra !== null) {
          if (ra > this.options.maxRetryAfterMs) return res;
          waitMs = ra + Math.round(Math.random() * 100);
        }
        this.pausedUntil = Math.max(this.pausedUntil, Date.now() + waitMs);
        reason = 'rate limited (429)';
      } else {
        // Backoff counts against the deadline; no point sleeping past it.
        if (budget.spentMs + waitMs >= budget.bounds.deadlineMs) {
          if (res) return res;
          throw this.outOfTime(url, budget, failure);
        }
        budget.spentMs += waitMs;
      }
      this.onEvent({ type: 'retry', url: this.describe(url.href), reason, waitMs, attempt: attempt + 1 });
      await sleep(waitMs, signal);
    }
  }

  private outOfTime(url: URL, budget: Budget, failure: { error: ApiError } | null): ApiError {
    const why = failure ? `: ${failure.error.message}` : '';
    return new ApiError('timeout', this.redact(`gave up on ${this.describe(url.href)} after ${seconds(budget.bounds.deadlineMs)}, the deadline for one request with its retries${why}`));
  }

  private where(url: URL): string {
    return url.origin === this.host ? `${this.service} (${this.host})` : url.host;
  }

  private async once(url: URL, sendToken: boolean, attempt: number, budget: Budget, timeoutMs: number, signal?: AbortSignal, payload?: RequestBody): Promise<HttpResponse> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'accept-encoding': 'gzip, deflate, br',
      'user-agent': this.options.userAgent,
    };
    if (sendToken && this.#token) {
      if (url.protocol === 'https:' && this.env.NODE_TLS_REJECT_UNAUTHORIZED === '0') {
        throw new ApiError('refused', `NODE_TLS_REJECT_UNAUTHORIZED=0 is set: refusing to send the ${this.service} token over unverified TLS`);
      }
      headers[this.authHeader] = this.authScheme ? `${this.authScheme} ${this.#token}` : this.#token;
    }
    if (payload) headers['content-type'] = payload.contentType;
    const release = await (sendToken || url.origin === this.host ? this.gate : this.storageGate).acquire();
    // The attempt's own deadline, started once a connection slot is ours; the caller's signal still aborts it.
    const started = Date.now();
    const ctl = new AbortController();
    const expired = new Error('attempt deadline');
    const timer = setTimeout(() => ctl.abort(expired), timeoutMs);
    const onAbort = () => ctl.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) onAbort();
    const max = budget.bounds.maxBodyBytes;
    const where = () => this.describe(url.href);
    try {
      this.onEvent({ type: 'request', url: where(), attempt });
      const res = await request(url, { method: payload?.method ?? 'GET', headers, body: payload?.data, dispatcher: this.agent, signal: ctl.signal });
      const flat = flattenHeaders(res.headers);
      const raw = await readCapped(res.body, flat['content-length'], max, where);
      const body = decode(raw, flat['content-encoding'], max, where);
      this.onEvent({ type: 'response', url: where(), status: res.statusCode, bytes: body.length, ms: Date.now() - started });
      return { status: res.statusCode, headers: flat, body, url: url.href };
    } catch (e) {
      if (ctl.signal.reason === expired && !signal?.aborted) {
        throw new AttemptTimeout(this.redact(`${this.where(url)} did not send the whole response for ${where()} within ${seconds(timeoutMs)}; stopped waiting`));
      }
      throw e;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      budget.spentMs += Date.now() - started;
      release();
    }
  }

  private networkError(e: unknown, url: URL): { retryable: boolean; unreachable?: boolean; error: ApiError } {
    if (e instanceof ApiError) return { retryable: e instanceof AttemptTimeout, error: e };
    const code = (e as { code?: string })?.code ?? '';
    const where = this.where(url);
    const timeout = code.includes('TIMEOUT') || code === 'ETIMEDOUT';
    const msg = timeout
      ? `timed out waiting for ${where}`
      : `cannot reach ${where}: ${code || (e as Error)?.message || 'network error'}`;
    return { retryable: RETRY_CODES.has(code), unreachable: UNREACHABLE_CODES.has(code), error: new ApiError(timeout ? 'timeout' : 'network', this.redact(msg)) };
  }

  /** How a URL may appear in messages: API paths in full, presigned links without their query. */
  describe(href: string): string {
    try {
      const u = new URL(href);
      return u.origin === this.host ? `${u.pathname}${u.search}` : stripPresignedQuery(href);
    } catch {
      return '(invalid url)';
    }
  }
}

function safeUrl(href: string): URL {
  let u: URL;
  try {
    u = new URL(href);
  } catch {
    throw new ApiError('refused', 'refusing an invalid URL from the API');
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new ApiError('refused', `refusing a ${u.protocol} URL from the API`);
  if (u.username || u.password) throw new ApiError('refused', `refusing a URL with credentials in it (${u.host})`);
  return u;
}

/** One attempt ran out of time: retried while the request's deadline allows. */
class AttemptTimeout extends ApiError {
  constructor(message: string) {
    super('timeout', message);
  }
}

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}
