// A tiny raw node:http server on 127.0.0.1 for misbehaviour the simulator cannot produce:
// bodies that drip forever, headers that never come, endless streams, endless pagination.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

export interface RawServer { url: string; hits: string[] }

const open: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of open.splice(0)) await close();
});

/** Starts a server for this test; it and every connection it holds are closed after the test. */
export async function rawServer(handler: (req: IncomingMessage, res: ServerResponse, hit: number) => void): Promise<RawServer> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '/');
    handler(req, res, hits.length);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  open.push(() => new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  }));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };
}

/** Writes `chunk` every `everyMs` until the client goes away. */
export function drip(res: ServerResponse, chunk: string, everyMs: number): void {
  const t = setInterval(() => res.write(chunk), everyMs);
  res.on('close', () => clearInterval(t));
}

/** Streams `head`, then `unit` repeated up to `totalBytes`, honouring backpressure; stops when the client goes away. */
export function stream(res: ServerResponse, head: string, unit: string, totalBytes: number): void {
  const block = Buffer.from(unit.repeat(Math.max(1, Math.floor(65536 / unit.length))));
  let sent = 0;
  let closed = false;
  res.on('close', () => { closed = true; });
  res.write(head);
  const pump = () => {
    while (!closed && sent < totalBytes) {
      sent += block.length;
      if (!res.write(block)) return void res.once('drain', pump);
    }
    if (!closed) res.end(']}');
  };
  pump();
}
