// Turns command-line options into a ready API client: host, token, cache, concurrency.
import os from 'node:os';
import { CircleCiClient } from '../api/client.js';
import { ApiError } from '../api/errors.js';
import { Transport, type TransportEvent } from '../api/transport.js';
import { DiskCache } from '../cache/disk-cache.js';
import { resolveCacheDir } from '../config/cache-dir.js';
import { resolveHost } from '../config/host.js';
import { readLastProject } from '../config/last-project.js';
import { resolveProject } from '../config/project.js';
import { resolveToken } from '../config/token.js';
import { parseTimeArg } from '../util/time.js';
import { type Io } from './io.js';
import { UsageError } from '../util/errors.js';
import { VERSION } from '../util/version.js';

export interface ApiFlags {
  host?: string;
  cacheDir?: string;
  cache?: boolean; // commander turns --no-cache into cache: false
  refresh?: boolean;
  concurrency?: string;
}

export interface ApiSession {
  client: CircleCiClient;
  concurrency: number;
  close(): Promise<void>;
}

export { VERSION };

export function openSession(flags: ApiFlags, io: Io, opts: { token?: string | null; onEvent?: (e: TransportEvent) => void; trustedOrigins?: string[] } = {}): ApiSession {
  const home = io.home ?? os.homedir();
  const { host } = resolveHost({ flag: flags.host, env: io.env, home });
  let token = opts.token;
  if (token === undefined) {
    const t = resolveToken({ env: io.env, home });
    for (const w of t.warnings) io.err.write(`sleuth: warning: ${w}\n`);
    token = t.token;
  }
  if (!token) throw new ApiError('auth', 'no CircleCI token: export CIRCLE_TOKEN=<personal API token> (never pass it as an argument), or try `sleuth demo`');
  const concurrency = flags.concurrency === undefined ? 8 : Number(flags.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new UsageError('--concurrency takes a whole number from 1 to 64');
  const transport = new Transport({
    host, token, concurrency, env: io.env, userAgent: `circle-sleuth/${VERSION}`,
    ...(opts.onEvent ? { onEvent: opts.onEvent } : {}),
    ...(opts.trustedOrigins ? { trustedOrigins: opts.trustedOrigins } : {}),
  });
  const cache = flags.cache === false ? null : new DiskCache(resolveCacheDir({ flag: flags.cacheDir, env: io.env, home }), { refresh: Boolean(flags.refresh) });
  return { client: new CircleCiClient(transport, cache), concurrency, close: () => transport.close() };
}

export function requireProject(flag: string | undefined, io: Io): string {
  // Third choice, after --project and the git remote: the project of the last command that named one.
  const settings = () => ({ lastProject: readLastProject({ env: io.env, ...(io.home ? { home: io.home } : {}) }) });
  const p = resolveProject({ flag, cwd: io.cwd, settings });
  if (!p) throw new UsageError('which project? pass --project gh/<org>/<repo> (or run inside a clone with a GitHub/Bitbucket origin); sleuth remembers the last one named');
  return p.slug;
}

export function timeFlag(value: string | undefined): string | undefined {
  return value === undefined ? undefined : parseTimeArg(value);
}

export function intArg(value: string, what: string): number {
  if (!/^\d{1,12}$/.test(value.trim())) throw new UsageError(`${what} must be a number, got ${JSON.stringify(value).slice(0, 40)}`);
  return Number(value);
}

/** Retries and rate-limit waits are worth a line on stderr when a human is watching. */
export function stderrEvents(io: Io): ((e: TransportEvent) => void) | undefined {
  if (!io.err.isTTY) return undefined;
  return (e) => {
    if (e.type === 'retry') io.err.write(`sleuth: ${e.reason}; retrying in ${(e.waitMs / 1000).toFixed(1)}s (attempt ${e.attempt})\n`);
  };
}
