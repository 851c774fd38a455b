// A list the client stopped paging (the page bound) may be missing items: the download says so and is not complete.
import { describe, expect, it } from 'vitest';
import { CircleCiClient } from '../../src/api/client.js';
import { SIM_PROJECT } from '../../src/sim/index.js';
import { makeClient, useSim } from '../helpers/sim.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { download } from './helpers.js';

const sim = useSim();
const tmp = useTmpDirs();

describe('a listing cut short at the page bound', () => {
  it('makes the download incomplete, with the reason among its failures', async () => {
    const target = { kind: 'project' as const, project: SIM_PROJECT, since: new Date(0).toISOString() };
    // The same window with the default bound is complete: the check below would see a change.
    const full = await download(sim(), tmp(), { target });
    expect(full.complete).toBe(true);

    const { transport } = makeClient(sim(), { transport: { trustedOrigins: [sim().artifactsUrl] } });
    try {
      const client = new CircleCiClient(transport, null, { maxPages: 1 });
      const r = await download(sim(), tmp(), { target, client });
      expect(r.complete).toBe(false);
      expect(r.outcome).toBe('incomplete');
      expect(r.failures.map((f) => f.error).join('\n')).toMatch(/stopped listing .* after 1 pages/);
    } finally {
      await transport.close();
    }
  });
});
