// Starts the real simulator on 127.0.0.1 and builds a real client against it.
import { afterAll, afterEach, beforeAll } from 'vitest';
import { CircleCiClient } from '../../src/api/client.js';
import { Transport, type TransportOptions } from '../../src/api/transport.js';
import { DiskCache } from '../../src/cache/disk-cache.js';
import { SIM_PROJECT } from '../../src/sim/story.js';
import { LiveSource } from '../../src/source/live-source.js';
import { startSimulator, type SimHandle, type SimOptions } from '../../src/sim/index.js';

export const TEST_TOKEN = 'CCIPAT_testTokenValue1234567890_0123456789abcdef0123456789abcdef01234567';

/**
 * Both simulator modes: Cloud (artifacts on a third origin, the *.circle-artifacts.com stand-in) and CircleCI Server
 * (artifacts on the API origin itself). Run a block in each: `describe.each(SIM_MODES)('… ($mode)', ({ server }) => {
 * const sim = useSim({ server, … }); … })`.
 */
export const SIM_MODES = [
  { mode: 'cloud', server: false },
  { mode: 'server', server: true },
] as const;

/**
 * The artifact hosts a client must be told about (`artifactOrigins`, `--artifacts-host`, `trustedOrigins`): Cloud's
 * stand-in on its own origin; none on Server, whose artifacts are on the CircleCI host (trusted as it is).
 */
export function artifactHosts(sim: SimHandle): string[] {
  return sim.mode === 'server' ? [] : [sim.artifactsUrl];
}

/** `useSim({ server: true })` starts the simulator in CircleCI Server mode (see SIM_MODES). */
export function useSim(opts: SimOptions = {}): () => SimHandle {
  let sim: SimHandle | null = null;
  beforeAll(async () => {
    sim = await startSimulator(opts);
  });
  afterAll(async () => {
    await sim?.close();
  });
  return () => {
    if (!sim) throw new Error('simulator not started');
    return sim;
  };
}

/** Fast retries so fault tests finish in milliseconds. */
export function makeClient(sim: SimHandle, opts: { cacheDir?: string; token?: string | null; transport?: Partial<TransportOptions> } = {}): { client: CircleCiClient; transport: Transport } {
  const transport = new Transport({
    host: sim.apiUrl,
    token: opts.token === undefined ? TEST_TOKEN : opts.token,
    baseDelayMs: 5,
    maxDelayMs: 20,
    ...opts.transport,
  });
  const cache = opts.cacheDir ? new DiskCache(opts.cacheDir) : null;
  return { client: new CircleCiClient(transport, cache), transport };
}

/** Requests the simulator saw since `mark` (an index into sim.requests). */
export function since(sim: SimHandle, mark: number) {
  return sim.requests.slice(mark);
}

/**
 * LiveSources on the simulator for tests that mount the App: `cleanups` runs after each test (push unmounts there
 * too), closing every transport a source opened.
 */
export function useLiveSources(sim: () => SimHandle) {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });
  const live = () => {
    const { client, transport } = makeClient(sim());
    cleanups.push(() => transport.close());
    return { source: new LiveSource(client, SIM_PROJECT), client };
  };
  return { cleanups, live, source: () => live().source };
}
