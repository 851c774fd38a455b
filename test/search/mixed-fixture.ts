// A folder and a cache holding the same jobs, as the live TUI leaves them: jobs browsed through a client with a disk
// cache (the log pane fetches the build and every step output), then downloaded by that client (`d`).
import { downloadEvidence } from '../../src/evidence/index.js';
import { SIM_PROJECT, type SimHandle } from '../../src/sim/index.js';
import { artifactHosts, makeClient } from '../helpers/sim.js';

export async function browseThenDownload(sim: SimHandle, o: { out: string; cacheDir: string; jobs: readonly number[] }): Promise<void> {
  const { client, transport } = makeClient(sim, { cacheDir: o.cacheDir, transport: { trustedOrigins: artifactHosts(sim) } });
  try {
    for (const job of o.jobs) {
      const build = await client.build(SIM_PROJECT, job);
      for (const s of build.steps) for (const a of s.actions) if (a.has_output) await client.stepOutput(SIM_PROJECT, job, s.step, a.index);
      await downloadEvidence({ client, out: o.out, target: { kind: 'job', project: SIM_PROJECT, number: job }, artifactOrigins: artifactHosts(sim), retryDelayMs: 10 });
    }
  } finally {
    await transport.close();
  }
}
