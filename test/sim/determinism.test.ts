import { describe, expect, it, vi } from 'vitest';
import type { SimHandle } from '../../src/sim/index.js';
import { SIM_HUGE_LOG, SIM_MALICIOUS, SIM_MATRIX, SIM_PROJECT, SIM_SHARDS, simWorkflowId } from '../../src/sim/story.js';
import { allPages, get } from './sim-test-kit.js';

/** A simulator from a freshly loaded copy of the module, so nothing cached is shared. */
async function freshSimulator(): Promise<SimHandle> {
  vi.resetModules();
  const mod = await import('../../src/sim/index.js');
  return mod.startSimulator();
}

async function snapshot(sim: SimHandle): Promise<string[]> {
  const origins = (s: string) =>
    s.split(sim.apiUrl).join('<api>').split(sim.storageUrl).join('<storage>').split(sim.artifactsUrl).join('<artifacts>');
  const out: string[] = [];
  const text = async (path: string) => (await get(`${sim.apiUrl}${path}`)).text;
  out.push(JSON.stringify((await allPages(sim, `/api/v2/project/${SIM_PROJECT}/pipeline`)).items));
  out.push(JSON.stringify((await allPages(sim, `/api/v2/workflow/${simWorkflowId(SIM_MATRIX.pipeline, SIM_MATRIX.workflow)}/job`)).items));
  for (const job of [4001, SIM_MALICIOUS.jobs.test, SIM_MALICIOUS.jobs.lint, SIM_SHARDS.job, SIM_HUGE_LOG.job]) {
    out.push(await text(`/api/v2/project/${SIM_PROJECT}/job/${job}`));
    out.push(origins(await text(`/api/v2/project/${SIM_PROJECT}/${job}/artifacts`)));
    const build = await text(`/api/v1.1/project/gh/acme/payments/${job}`);
    // Presigned queries carry the wall-clock date and a per-process signature.
    out.push(origins(build).replace(/\?X-Amz-[^"]*/g, '?<signed>'));
    if (job === SIM_HUGE_LOG.job) continue;
    for (const url of [...build.matchAll(/"output_url" : "([^"]+)"/g)].map((m) => m[1] ?? '')) {
      const res = await fetch(url);
      out.push(Buffer.from(await res.arrayBuffer()).toString('base64'));
    }
  }
  out.push(await text(`/api/v2/project/${SIM_PROJECT}/envvar`));
  out.push(await text('/api/v2/context?owner-slug=gh/acme'));
  return out;
}

describe('determinism', () => {
  it('serves identical data from two independently loaded simulators', async () => {
    const a = await freshSimulator();
    const b = await freshSimulator();
    try {
      expect(a.apiUrl).not.toBe(b.apiUrl);
      const [sa, sb] = await Promise.all([snapshot(a), snapshot(b)]);
      expect(sa.length).toBeGreaterThan(40);
      sa.forEach((chunk, i) => expect(chunk, `chunk ${i}`).toBe(sb[i]));
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
