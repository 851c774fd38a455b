import { seededRandom } from './ids.js';
import { Presigner } from './http/presign.js';
import { listen, type Listening } from './http/server-kit.js';
import { DEFAULT_OPTIONS, type SimState } from './http/sim-state.js';
import { apiHandler } from './servers/api-server.js';
import { artifactsHandler } from './servers/artifacts-server.js';
import { storageHandler } from './servers/storage-server.js';
import type { Injection, SimHandle, SimOptions } from './types.js';
import { getHostileWorld } from './hostile/hostile-world.js';
import { getWorld } from './world/build-world.js';

// A deterministic CircleCI on 127.0.0.1: the API (CIRCLE_HOST), an S3-like storage
// origin for presigned step output and artifact bodies, and an artifacts host (Cloud mode;
// in Server mode the API origin serves the artifacts itself).

export type { Injection, RecordedRequest, SimHandle, SimOptions } from './types.js';
export * from './story.js';
export { SIM_LEAKS, maskValue } from './leaked-secrets.js';
export { SIM_EXFIL_ENV_DUMP } from './output/hostile-output.js';
export {
  TERMINAL_ATTACK_CORPUS,
  CORPUS_SPLIT_SEQUENCE,
  CORPUS_UNTERMINATED_OSC,
  CORPUS_LONG_LINE_BYTES,
  type CorpusRow,
} from './output/terminal-attack-corpus.js';

function withDefaults(opts: SimOptions): SimOptions {
  const options: SimOptions = { ...DEFAULT_OPTIONS };
  for (const [k, v] of Object.entries(opts)) if (v !== undefined) (options as Record<string, unknown>)[k] = v;
  return options;
}

export async function startSimulator(opts: SimOptions = {}): Promise<SimHandle> {
  const options = withDefaults(opts);
  // Built before the first request, not during it.
  getWorld(options.anchorMs);
  if (options.hostile) getHostileWorld(options.anchorMs);
  const state: SimState = {
    options,
    requests: [],
    injections: [],
    startedAt: (options.now ?? DEFAULT_OPTIONS.now)(),
    get world() {
      return options.hostile ? getHostileWorld(options.anchorMs) : getWorld(options.anchorMs);
    },
    urls: { api: '', storage: '', artifacts: '' },
    presigner: new Presigner(''),
    faults: { rateLimitEvery: 0, rateLimitCount: 0, seed: options.seed ?? 1, random: seededRandom(options.seed ?? 1) },
  };
  const started: Listening[] = [];
  try {
    const storage = await listen('storage', 0, state, storageHandler(state));
    started.push(storage);
    // CircleCI Server has no artifact host of its own: nothing listens where Cloud's would be.
    const artifacts = options.server ? null : await listen('artifacts', 0, state, artifactsHandler(state));
    if (artifacts) started.push(artifacts);
    const api = await listen('api', options.port ?? 0, state, apiHandler(state));
    started.push(api);
    state.urls = { api: api.url, storage: storage.url, artifacts: artifacts?.url ?? api.url };
    state.presigner = new Presigner(storage.url);
  } catch (error) {
    await Promise.all(started.map((s) => s.close()));
    throw error;
  }

  let closing: Promise<void> | null = null;
  return {
    apiUrl: state.urls.api,
    storageUrl: state.urls.storage,
    artifactsUrl: state.urls.artifacts,
    mode: options.server ? 'server' : 'cloud',
    requests: state.requests,
    options,
    inject(injection: Injection) {
      state.injections.push({ injection, remaining: injection.times ?? 1 });
    },
    expireOutputLinks() {
      state.presigner.expireAll();
    },
    close() {
      closing ??= Promise.all(started.map((s) => s.close())).then(() => undefined);
      return closing;
    },
  };
}
