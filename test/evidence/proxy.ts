// A raw node:http proxy in front of the simulator's API: every request goes through to it, and a
// test may replace the answer to some paths (a hostile body built from the real one). The
// simulator itself is left alone; storage and artifact URLs still point at its other origins.
import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Upstream { status: number; headers: IncomingHttpHeaders; body: Buffer }
export interface Replacement { status?: number; contentType?: string; body: string | Buffer }
/** Returns what to answer instead, or null to pass the simulator's answer through. */
export type Rewrite = (path: string, upstream: Upstream) => Replacement | null;

export interface ApiProxy {
  url: string;
  /** Paths (with query) whose answer was replaced, in order. */
  replaced: string[];
  /** The exact bytes answered for each replaced path (the last time). */
  served: Map<string, Buffer>;
  close(): Promise<void>;
}

export async function startApiProxy(target: string, rewrite: Rewrite): Promise<ApiProxy> {
  const up = new URL(target);
  const replaced: string[] = [];
  const served = new Map<string, Buffer>();
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    const headers = { ...req.headers, host: up.host, 'accept-encoding': 'identity' };
    const fwd = request({ host: up.hostname, port: up.port, method: req.method, path, headers }, (ures) => {
      const chunks: Buffer[] = [];
      ures.on('data', (c: Buffer) => chunks.push(c));
      ures.on('end', () => {
        const upstream = { status: ures.statusCode ?? 502, headers: ures.headers, body: Buffer.concat(chunks) };
        const r = rewrite(path, upstream);
        const out = r ? { status: r.status ?? 200, type: r.contentType ?? 'application/json', body: Buffer.from(r.body) } : null;
        if (out) {
          replaced.push(path);
          served.set(path, out.body);
        }
        const status = out?.status ?? upstream.status;
        const body = out?.body ?? upstream.body;
        const h: Record<string, string> = {};
        for (const [k, v] of Object.entries(upstream.headers)) {
          if (v === undefined || k === 'content-length' || k === 'transfer-encoding' || k === 'connection' || k === 'keep-alive') continue;
          h[k] = Array.isArray(v) ? v.join(', ') : v;
        }
        if (out) h['content-type'] = out.type;
        h['content-length'] = String(body.length);
        res.writeHead(status, h);
        res.end(body);
      });
    });
    fwd.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(fwd);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    replaced,
    served,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** `{"a":{"a":…1…}}`, `depth` levels (JSON.parse copes; a recursive walk does not). */
export function deepJson(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** `value` as JSON with the string `"<marker>"` replaced by raw JSON text (which JSON.stringify could not make). */
export function jsonWith(value: unknown, marker: string, raw: string): string {
  return JSON.stringify(value).replace(JSON.stringify(marker), () => raw);
}
