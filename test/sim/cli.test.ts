import { describe, expect, it } from 'vitest';
import { runSimCommand } from '../../src/sim/cli.js';

describe('runSimCommand', () => {
  it('prints the URL and a ready-to-paste hint, then stops on SIGTERM', async () => {
    const lines: string[] = [];
    const exits: number[] = [];
    const listenersBefore = process.listenerCount('SIGTERM');
    const sim = await runSimCommand({ port: 0, latencyMs: 0, out: { write: (s: string) => lines.push(s) }, exit: (c) => exits.push(c) });
    const text = lines.join('');
    expect(text.split('\n').filter(Boolean)).toHaveLength(2);
    expect(text).toContain(sim.apiUrl);
    expect(text).toContain(`CIRCLE_HOST=${sim.apiUrl} CIRCLE_TOKEN=anything sleuth pipelines --project gh/acme/payments`);
    expect((await fetch(`${sim.apiUrl}/api/v2/me`)).status).toBe(200);

    process.emit('SIGTERM');
    await sim.closed;
    await new Promise((r) => setImmediate(r));
    expect(exits).toEqual([0]);
    await expect(fetch(`${sim.apiUrl}/api/v2/me`)).rejects.toThrow();
    expect(process.listenerCount('SIGTERM')).toBe(listenersBefore);
  });

  it('can be closed directly, removing its signal handlers', async () => {
    const before = process.listenerCount('SIGINT');
    const sim = await runSimCommand({ out: { write: () => true }, exit: () => undefined, rateLimitEvery: 2 });
    expect(sim.options.rateLimitEvery).toBe(2);
    expect(process.listenerCount('SIGINT')).toBe(before + 1);
    await sim.close();
    await sim.closed;
    expect(process.listenerCount('SIGINT')).toBe(before);
  });
});
