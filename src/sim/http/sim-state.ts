import type { Injection, RecordedRequest, SimOptions } from '../types.js';
import type { SimWorld } from '../world/model.js';
import type { Presigner } from './presign.js';
import { SIM_ANCHOR_MS } from '../story.js';

/** Everything one simulator instance shares between its three servers. */
export interface SimState {
  options: SimOptions;
  requests: RecordedRequest[];
  injections: Array<{ injection: Injection; remaining: number }>;
  /** When the simulator started on its clock (SimOptions.now): the origin of the running job's growing output. */
  startedAt: number;
  /** The story, or its hostile twin while options.hostile is set (read per request: the knob is live). */
  readonly world: SimWorld;
  /** `artifacts` is the API origin in Server mode. */
  urls: { api: string; storage: string; artifacts: string };
  presigner: Presigner;
  faults: {
    rateLimitEvery: number;
    rateLimitCount: number;
    seed: number;
    random: () => number;
  };
}

export const DEFAULT_OPTIONS: Required<SimOptions> = {
  port: 0,
  latencyMs: 0,
  rateLimitEvery: 0,
  rateLimitRetryAfterSec: 1,
  rateLimitTextBody: false,
  fail502Ratio: 0,
  seed: 1,
  requiredToken: null,
  pageSize: 20,
  outputLinkTtlSec: 600,
  hostile: false,
  anchorMs: SIM_ANCHOR_MS,
  server: false,
  now: () => Date.now(),
};

/** The simulator's clock now (SimOptions.now, read per call: a test may swap it on a running simulator). */
export function simNow(state: SimState): number {
  return (state.options.now ?? DEFAULT_OPTIONS.now)();
}
