// Shared helpers for the evidence tests: a client that trusts the simulator's artifact host (Cloud mode),
// a walk of the folder, and fingerprints to compare folders by content.
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { TransportOptions } from '../../src/api/transport.js';
import { downloadEvidence, type DownloadOptions, type DownloadTarget } from '../../src/evidence/index.js';
import { SIM_ANCHOR_MS, SIM_PIPELINES, SIM_PROJECT, type SimHandle } from '../../src/sim/index.js';
import { artifactHosts, makeClient } from '../helpers/sim.js';

export const pipelineAt = (n: number): string => new Date(SIM_ANCHOR_MS - (SIM_PIPELINES.last - n) * 2 * 3600e3).toISOString();

/** Pipelines 896 (exfiltration, approval, hostile artifacts), 897 (4 shards), 898 (45 jobs). */
export const WINDOW: DownloadTarget = { kind: 'project', project: SIM_PROJECT, since: pipelineAt(896), until: pipelineAt(898) };

export async function download(sim: SimHandle, out: string, opts: Partial<DownloadOptions> & { transport?: Partial<TransportOptions> } = {}) {
  const { transport: topts, ...rest } = opts;
  // Cloud: its artifact host, named; Server: nothing to name (artifacts are on the CircleCI host).
  const { client, transport } = makeClient(sim, { transport: { trustedOrigins: artifactHosts(sim), ...topts } });
  try {
    return await downloadEvidence({ client, out, target: WINDOW, artifactOrigins: artifactHosts(sim), retryDelayMs: 10, ...rest });
  } finally {
    await transport.close();
  }
}

export interface Entry { rel: string; kind: 'file' | 'dir' | 'other'; mode: number; mtimeMs: number }

/** Every entry under `root` (never following symlinks), relative paths with `/`. */
export function walk(root: string): Entry[] {
  const out: Entry[] = [];
  const go = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      const st = lstatSync(p);
      const rel = relative(root, p).split(sep).join('/');
      if (st.isDirectory()) {
        out.push({ rel, kind: 'dir', mode: st.mode & 0o7777, mtimeMs: st.mtimeMs });
        go(p);
      } else {
        out.push({ rel, kind: st.isFile() ? 'file' : 'other', mode: st.mode & 0o7777, mtimeMs: st.mtimeMs });
      }
    }
  };
  go(root);
  return out.sort((a, b) => (a.rel < b.rel ? -1 : 1));
}

export const BOOKKEEPING = new Set(['manifest.json', 'SHA256SUMS']);

/** path → sha256 of every evidence file (not the manifest or the sums). */
export function fingerprint(root: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const e of walk(root)) {
    if (e.kind !== 'file' || BOOKKEEPING.has(e.rel)) continue;
    m.set(e.rel, createHash('sha256').update(readFileSync(join(root, e.rel))).digest('hex'));
  }
  return m;
}

export function insideOnly(root: string, top: string): string[] {
  const real = realpathSync(root) + sep;
  return walk(top).filter((e) => e.kind !== 'dir' && !realpathSync(join(top, e.rel)).startsWith(real)).map((e) => e.rel);
}

export function readJson<T = unknown>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}
