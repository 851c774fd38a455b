// A fake Exlogare on 127.0.0.1 (its own origin, its own server): `POST /api/ingest/circleci` validated exactly as
// seed 003 describes (bearer token; required project_slug, workflow_id, job_name strings, job_number an integer,
// status one of the allowed values in any case, log a string of at most 10 MiB; optional branch, commit_sha,
// pipeline_url, workflow_name strings), answering with an RCA JSON. Every request is kept, body included, so tests
// can prove what left the machine. Knobs: canned answers (4xx, 429 with Retry-After, HTML 5xx, redirects) and the
// reply's shape.
//
// The validation rules are written from the seed here on purpose, not imported from src/rca: the fake must be an
// independent check of the client.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Hostilizer, hostileMessage } from '../hostile/hostilizer.js';
import { wireBytes } from '../hostile/payloads.js';
import { buildRca } from './rca.js';

export const EXLOGARE_SIM_TOKEN = 'exl_sim_6f3b9d2a7c1e4f80a5b2c9d1e7f3a6b4';
const INGEST = '/api/ingest/circleci';
const ALLOWED_STATUS = ['success', 'failed', 'failing', 'error', 'errored', 'canceled', 'cancelled', 'timedout', 'unauthorized', 'blocked', 'running'];
const LOG_LIMIT = 10 * 1024 * 1024;
/** Request bodies beyond this are cut off with 413 (a 10 MiB log JSON-escaped fits well inside). */
const BODY_LIMIT = 64 * 1024 * 1024;

export interface ExlogareRequest {
  method: string;
  /** Path and query as received. */
  url: string;
  /** Lowercase names. */
  headers: Record<string, string>;
  body: Buffer;
  status: number;
  at: number;
}

export interface ExlogareCanned {
  status: number;
  /** A string or Buffer is sent as is; anything else as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  /** How many requests get it (default 1). */
  times?: number;
}

export interface ExlogareSimOptions {
  port?: number;
  /** The bearer token it accepts (default EXLOGARE_SIM_TOKEN); null accepts any. */
  token?: string | null;
  /** Every string of a reply (the RCA's text, error messages) carries terminal-attack corpus rows. */
  hostile?: boolean;
}

export interface ExlogareSimHandle {
  /** e.g. http://127.0.0.1:41235: use as EXLOGARE_URL. */
  url: string;
  token: string | null;
  /** Every request, in arrival order, with its body. */
  requests: ExlogareRequest[];
  /** The bodies of the requests that passed validation, parsed. */
  accepted: Record<string, unknown>[];
  /** The next request(s) get this answer instead, before any validation. */
  inject(c: ExlogareCanned): void;
  /** The JSON sent for an accepted payload (default: an RCA built from the log). */
  setReply(reply: ((payload: Record<string, unknown>) => unknown) | null): void;
  close(): Promise<void>;
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/** Why a payload is not acceptable, or null. Mirrors seed 003's table. */
export function validateIngest(p: unknown): string | null {
  if (typeof p !== 'object' || p === null || Array.isArray(p)) return 'body must be a JSON object';
  const o = p as Record<string, unknown>;
  for (const k of ['project_slug', 'workflow_id', 'job_name', 'status', 'log']) {
    if (!(k in o) || o[k] === null) return `${k} is required`;
    if (typeof o[k] !== 'string') return `${k} must be a string`;
  }
  if (!('job_number' in o) || o.job_number === null) return 'job_number is required';
  if (typeof o.job_number !== 'number' || !Number.isInteger(o.job_number)) return 'job_number must be an integer';
  if (!ALLOWED_STATUS.includes((o.status as string).toLowerCase())) return `status must be one of ${ALLOWED_STATUS.join(', ')}`;
  if (Buffer.byteLength(o.log as string, 'utf8') > LOG_LIMIT) return 'log exceeds 10 MiB';
  for (const k of ['branch', 'commit_sha', 'pipeline_url', 'workflow_name']) {
    if (k in o && o[k] !== null && typeof o[k] !== 'string') return `${k} must be a string`;
  }
  return null;
}

export async function startExlogareSim(opts: ExlogareSimOptions = {}): Promise<ExlogareSimHandle> {
  const token = opts.token === undefined ? EXLOGARE_SIM_TOKEN : opts.token;
  const requests: ExlogareRequest[] = [];
  const accepted: Record<string, unknown>[] = [];
  const canned: { c: ExlogareCanned; left: number }[] = [];
  let reply: ((payload: Record<string, unknown>) => unknown) | null = null;
  const hostile = opts.hostile ? new Hostilizer(23) : null;

  const answer = (res: ServerResponse, rec: ExlogareRequest, status: number, body: unknown, headers: Record<string, string> = {}) => {
    if (hostile && typeof body === 'object' && body !== null && !Buffer.isBuffer(body)) body = hostileReply(body, hostile);
    // wireBytes: hostile strings may carry raw invalid UTF-8 (corpus rows H1, K1).
    const bytes = typeof body === 'string' || Buffer.isBuffer(body) ? Buffer.from(body) : wireBytes(JSON.stringify(body));
    const type = typeof body === 'string' || Buffer.isBuffer(body) ? 'text/plain; charset=utf-8' : 'application/json';
    rec.status = status;
    res.writeHead(status, { 'content-type': type, ...headers, 'content-length': String(bytes.length) });
    res.end(bytes);
  };

  const server = createServer((req, res) => {
    const rec: ExlogareRequest = { method: req.method ?? 'GET', url: req.url ?? '/', headers: flatHeaders(req), body: Buffer.alloc(0), status: 0, at: Date.now() };
    requests.push(rec);
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > BODY_LIMIT) tooBig = true;
      else chunks.push(c);
    });
    req.on('end', () => {
      rec.body = Buffer.concat(chunks);
      const next = canned[0];
      if (next) {
        if (--next.left <= 0) canned.shift();
        return answer(res, rec, next.c.status, next.c.body ?? '', next.c.headers);
      }
      const path = rec.url.split('?')[0];
      if (path !== INGEST) return answer(res, rec, 404, { message: 'Not found' });
      if (rec.method !== 'POST') return answer(res, rec, 405, { message: 'Method not allowed' }, { allow: 'POST' });
      const auth = rec.headers['authorization'] ?? '';
      const m = /^Bearer (.+)$/.exec(auth);
      if (!m || (token !== null && m[1] !== token)) return answer(res, rec, 401, { message: 'Invalid or missing API token' });
      if (tooBig) return answer(res, rec, 413, { message: 'Payload too large' });
      if (!/^application\/json\b/i.test(rec.headers['content-type'] ?? '')) return answer(res, rec, 415, { message: 'Content-Type must be application/json' });
      let payload: unknown;
      try {
        payload = JSON.parse(rec.body.toString('utf8'));
      } catch {
        return answer(res, rec, 400, { message: 'Body is not valid JSON' });
      }
      const problem = validateIngest(payload);
      if (problem) return answer(res, rec, 400, { message: problem });
      const p = payload as Record<string, unknown>;
      accepted.push(p);
      return answer(res, rec, 200, reply ? reply(p) : buildRca(p));
    });
    req.on('error', () => res.destroy());
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    requests,
    accepted,
    inject(c) {
      canned.push({ c, left: c.times ?? 1 });
    },
    setReply(fn) {
      reply = fn;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** Keys of a reply that are identifiers, not text: kept. */
const KEPT_KEYS = new Set(['id', 'project_slug']);

/** A reply with every string made hostile (error messages the same way as the API simulator's), walked iteratively. */
function hostileReply(body: object, h: Hostilizer): unknown {
  const root: unknown = Array.isArray(body) ? [...body] : { ...body };
  const stack: Array<Record<string, unknown> | unknown[]> = [root as Record<string, unknown>];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const key of Object.keys(node)) {
      const v = (node as Record<string, unknown>)[key];
      if (typeof v === 'string' && !KEPT_KEYS.has(key)) (node as Record<string, unknown>)[key] = key === 'message' ? hostileMessage(v) : h.next(v);
      else if (v !== null && typeof v === 'object') {
        const copy = Array.isArray(v) ? [...v] : { ...(v as object) };
        (node as Record<string, unknown>)[key] = copy;
        stack.push(copy as Record<string, unknown>);
      }
    }
  }
  return root;
}
