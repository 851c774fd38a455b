// A bare node:http server on 127.0.0.1 for the network cases: a hostile target, another origin, an artifact host.
// It records every request's path and headers, so a test can say exactly which credentials reached it.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { Transport, type TransportOptions } from '../../src/api/transport.js';
import { TEST_TOKEN } from '../helpers/sim.js';

export interface SeenRequest {
  url: string;
  headers: IncomingMessage['headers'];
}

export interface RawServer {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  seen: SeenRequest[];
  /** Replaces the handler (each test sets its own). */
  handle: (h: (req: IncomingMessage, res: ServerResponse, server: RawServer) => void) => void;
}

/** Starts a raw server for the file's tests; answers 404 until a test sets a handler. */
export function useRawServer(): () => RawServer {
  let server: Server | null = null;
  let handle: (req: IncomingMessage, res: ServerResponse, s: RawServer) => void = (_req, res) => {
    res.writeHead(404).end();
  };
  let api: RawServer | null = null;
  beforeAll(async () => {
    server = createServer((req, res) => {
      api!.seen.push({ url: req.url ?? '', headers: req.headers });
      handle(req, res, api!);
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    api = { url: `http://127.0.0.1:${port}`, seen: [], handle: (h) => (handle = h) };
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });
  return () => {
    if (!api) throw new Error('raw server not started');
    return api;
  };
}

/** Credential headers a request carried (names of those present). */
export function credentialHeaders(r: SeenRequest): string[] {
  return ['circle-token', 'authorization', 'cookie', 'proxy-authorization'].filter((h) => r.headers[h] !== undefined);
}

/** Transports with the test token and one attempt, closed after each test. */
export function useTransports(): (host: string, extra?: Partial<TransportOptions>) => Transport {
  const open: Transport[] = [];
  afterEach(async () => {
    for (const t of open.splice(0)) await t.close();
  });
  return (host, extra = {}) => {
    const t = new Transport({ host, token: TEST_TOKEN, maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, ...extra });
    open.push(t);
    return t;
  };
}
