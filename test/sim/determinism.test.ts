import { describe, expect, it, vi } from 'vitest';
import type { SimHandle, SimOptions } from '../../src/sim/index.js';
import { storySnapshot } from './sim-test-kit.js';

/** A simulator from a freshly loaded copy of the module, so nothing cached is shared. */
async function freshSimulator(opts: SimOptions = {}): Promise<SimHandle> {
  vi.resetModules();
  const mod = await import('../../src/sim/index.js');
  return mod.startSimulator(opts);
}

async function expectSameBytes(opts: SimOptions): Promise<void> {
  const a = await freshSimulator(opts);
  const b = await freshSimulator(opts);
  try {
    expect(a.apiUrl).not.toBe(b.apiUrl);
    const [sa, sb] = await Promise.all([storySnapshot(a), storySnapshot(b)]);
    expect(sa.length).toBeGreaterThan(40);
    sa.forEach((chunk, i) => expect(chunk, `chunk ${i}`).toBe(sb[i]));
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
}

describe('determinism', () => {
  it('serves identical data from two independently loaded simulators', () => expectSameBytes({}));

  // The demo's world is anchored relative to now; given the same anchor (the injected clock), it is as deterministic.
  it('serves identical data for the same injected anchor, wherever it is', () => expectSameBytes({ anchorMs: Date.UTC(2031, 2, 9, 7, 0, 0) }));
});
