// A pass-through proxy in front of one of the simulator's origins that can leave a response
// half sent: for a held path it sends the status, the headers (with the whole body's length) and
// the first bytes of the body, then nothing more until the proxy closes. A download is then
// provably in the middle of a body when a test stops it: no timing involved.
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StallProxy {
  url: string;
  /** Paths (with query) left half sent, each once its first bytes are out, in order. */
  held: string[];
  /** Which answers are held from now on. */
  hold: (path: string, size: number) => boolean;
  close(): Promise<void>;
}

export interface StallOptions {
  /** Whether this answer (path with query, body size) is sent only in part (default none; settable later). */
  hold?: (path: string, size: number) => boolean;
  /** How many bytes of a held body are sent (default: half of it). */
  sendBytes?: (total: number) => number;
  /** Rewrites every body passed through (e.g. to point storage links at another proxy). */
  rewrite?: (body: string) => string;
}

export async function startStallProxy(target: string, o: StallOptions = {}): Promise<StallProxy> {
  const up = new URL(target);
  const held: string[] = [];
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    const headers = { ...req.headers, host: up.host, 'accept-encoding': 'identity' };
    const fwd = request({ host: up.hostname, port: up.port, method: req.method, path, headers }, (ures) => {
      const chunks: Buffer[] = [];
      ures.on('data', (c: Buffer) => chunks.push(c));
      ures.on('end', () => {
        let body = Buffer.concat(chunks);
        if (o.rewrite) body = Buffer.from(o.rewrite(body.toString('latin1')), 'latin1');
        const h: Record<string, string> = {};
        for (const [k, v] of Object.entries(ures.headers)) {
          if (v === undefined || ['content-length', 'transfer-encoding', 'connection', 'keep-alive'].includes(k)) continue;
          h[k] = Array.isArray(v) ? v.join(', ') : v;
        }
        h['content-length'] = String(body.length);
        res.writeHead(ures.statusCode ?? 502, h);
        if (!proxy.hold(path, body.length)) {
          res.end(body);
          return;
        }
        const n = Math.max(1, Math.min(body.length - 1, o.sendBytes?.(body.length) ?? Math.floor(body.length / 2)));
        res.write(body.subarray(0, n), () => held.push(path));
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
  const proxy: StallProxy = {
    url: `http://127.0.0.1:${port}`,
    held,
    hold: o.hold ?? (() => false),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
  return proxy;
}
