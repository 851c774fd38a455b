// Artifacts with hostile names, served by a bare artifact host and listed by the simulator (an injected artifact
// list for one job), then downloaded by the real evidence downloader. Each artifact's bytes name it, so a test can
// tell exactly which one ended up where.
import { downloadEvidence, type DownloadOptions, type DownloadResult } from '../../src/evidence/index.js';
import type { Manifest } from '../../src/evidence/index.js';
import { SIM_MALICIOUS, SIM_PROJECT, simWorkflowId, type SimHandle } from '../../src/sim/index.js';
import { makeClient } from '../helpers/sim.js';
import { readJson } from '../evidence/helpers.js';
import { join } from 'node:path';
import type { RawServer } from './raw-server.js';

/** Job 5013 (pipeline 896's build job): real steps, and whatever artifact list a test injects. */
export const ART_JOB = SIM_MALICIOUS.jobs.build;
export const ART_WF = simWorkflowId(SIM_MALICIOUS.pipeline, SIM_MALICIOUS.workflow);
export const ARTIFACTS_DIR = `${ART_WF}/job-${ART_JOB}/artifacts`;

export interface HostileArtifact {
  path: string;
  node_index?: number;
  body?: string;
  /** Listed with the URL of artifact number `sameUrlAs` (one upload listed twice). */
  sameUrlAs?: number;
}

/** The bytes served for artifact number `i` unless a test gives its own. */
export const bodyOf = (i: number): string => `artifact #${i}\n`;

/**
 * Makes `host` serve each artifact at `/art/<i>` (the body from `bodies()` at request time, so a test can change
 * it between runs) and the simulator list them for ART_JOB, once.
 */
export function listArtifacts(sim: SimHandle, host: RawServer, items: HostileArtifact[], bodies: () => string[] = () => items.map((a, i) => a.body ?? bodyOf(i))): void {
  host.handle((req, res) => {
    const i = Number(/^\/art\/(\d+)$/.exec(req.url ?? '')?.[1] ?? -1);
    const body = bodies()[i];
    if (body === undefined) res.writeHead(404).end();
    else res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(body);
  });
  sim.inject({
    match: `/api/v2/project/gh/acme/payments/${ART_JOB}/artifacts`,
    status: 200,
    body: JSON.stringify({ items: items.map((a, i) => ({ path: a.path, node_index: a.node_index ?? 0, url: `${host.url}/art/${a.sameUrlAs ?? i}` })), next_page_token: null }),
  });
}

/** Downloads ART_JOB into `out`, the bare host trusted as an artifact host. */
export async function downloadArtifactJob(sim: SimHandle, host: RawServer, out: string, opts: Partial<DownloadOptions> = {}): Promise<DownloadResult> {
  const { client, transport } = makeClient(sim, { transport: { trustedOrigins: [host.url], maxAttempts: 1 } });
  try {
    return await downloadEvidence({ client, out, target: { kind: 'job', project: SIM_PROJECT, number: ART_JOB }, artifactOrigins: [host.url], taskRetries: 0, retryDelayMs: 1, ...opts });
  } finally {
    await transport.close();
  }
}

/** The artifact records of the folder's manifest. */
export function artifactRecords(out: string) {
  return readJson<Manifest>(join(out, 'manifest.json')).files.filter((f) => f.kind === 'artifact');
}
