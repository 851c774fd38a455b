import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { hostileMessage } from '../hostile/hostilizer.js';
import { wireBytes } from '../hostile/payloads.js';
import type { RecordedRequest } from '../types.js';
import { prettyJson } from './pretty-json.js';
import { simNow, type SimState } from './sim-state.js';

// A tiny HTTP toolkit shared by the three servers: records every request, applies the
// latency knob, and writes responses (always with Content-Length, HEAD without body).

export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  record: RecordedRequest;
  method: string;
  /** Raw path (still percent-encoded), without the query. */
  rawPath: string;
  query: URLSearchParams;
  /** The simulator's hostile mode, as it was when the request arrived: error messages carry the corpus too. */
  hostile: boolean;
}

export type Handler = (ex: Exchange) => void | Promise<void>;

export interface Listening {
  server: Server;
  url: string;
  close(): Promise<void>;
}

function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

export async function listen(kind: RecordedRequest['server'], port: number, state: SimState, handler: Handler): Promise<Listening> {
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    const record: RecordedRequest = { server: kind, method: req.method ?? 'GET', url, headers: flattenHeaders(req), status: 0, at: simNow(state) };
    state.requests.push(record);
    const q = url.indexOf('?');
    const ex: Exchange = {
      req,
      res,
      record,
      method: record.method,
      rawPath: q < 0 ? url : url.slice(0, q),
      query: new URLSearchParams(q < 0 ? '' : url.slice(q + 1)),
      hostile: Boolean(state.options.hostile),
    };
    void (async () => {
      const latency = state.options.latencyMs ?? 0;
      if (latency > 0) await delay(latency);
      await handler(ex);
    })().catch((error: unknown) => {
      if (!res.headersSent) sendJson(ex, 500, { message: said(ex, `Simulator error: ${String(error)}`) });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${actual}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** An error text as this exchange serves it: in hostile mode it carries terminal-attack payloads. */
export function said(ex: Exchange, text: string): string {
  return ex.hostile ? hostileMessage(text) : text;
}

export function send(ex: Exchange, status: number, headers: Record<string, string>, body: string | Buffer): void {
  // Hostile strings may hold raw invalid UTF-8 (corpus rows H1, K1): wireBytes writes those bytes as themselves.
  const bytes = typeof body === 'string' ? wireBytes(body) : body;
  ex.record.status = status;
  ex.res.writeHead(status, { ...headers, 'content-length': String(bytes.length) });
  ex.res.end(ex.method === 'HEAD' ? undefined : bytes);
}

export function sendJson(ex: Exchange, status: number, value: unknown, opts: { pretty?: boolean; headers?: Record<string, string> } = {}): void {
  const body = opts.pretty ? prettyJson(value) : JSON.stringify(value);
  send(ex, status, { 'content-type': 'application/json', ...opts.headers }, body);
}

/** CircleCI-style error body, pretty-printed like the real API does. */
export function sendMessage(ex: Exchange, status: number, message: string): void {
  sendJson(ex, status, { message: said(ex, message) }, { pretty: true });
}
