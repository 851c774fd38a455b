// A list the client stopped paging (the page bound) may be missing items: the download says so and is not complete.
import { describe, expect, it } from 'vitest';
import { CircleCiClient } from '../../src/api/client.js';
import { SIM_PROJECT } from '../../src/sim/index.js';
import { SIM_ANCHOR_MS, SIM_PIPELINES } from '../../src/sim/story.js';
import { makeClient, useSim } from '../helpers/sim.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { download } from './helpers.js';

// Pages of 5, so a window of the six newest pipelines (routine ones, and the running 909) needs a second page
// without downloading the story's large pipelines (896–899): the test costs little on a busy machine.
const PAGE = 5;
const sim = useSim({ pageSize: PAGE });
const tmp = useTmpDirs();

describe('a listing cut short at the page bound', () => {
  it('makes the download incomplete, with the reason among its failures', async () => {
    // One pipeline more than a page (pipelines are created every intervalHours, the newest at SIM_ANCHOR_MS).
    const since = new Date(SIM_ANCHOR_MS - PAGE * SIM_PIPELINES.intervalHours * 3600e3).toISOString();
    const target = { kind: 'project' as const, project: SIM_PROJECT, since };
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
      // The second page's pipelines are the ones left out.
      expect(r.jobs.seen).toBeLessThan(full.jobs.seen);
    } finally {
      await transport.close();
    }
  });
});
