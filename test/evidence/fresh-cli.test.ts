// The "done when", run as a responder would: a fresh `sleuth download project --since … --until …` in its
// own process (the real CLI, bundled from src) against each simulator mode ends complete (exit 0) with every
// artifact the API lists, and `sha256sum -c SHA256SUMS` passes in the folder. On Server nothing names an artifact
// host: the artifacts are on CIRCLE_HOST, and the CircleCI host alone gets the token.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/evidence/index.js';
import { SIM_PROJECT } from '../../src/sim/index.js';
import { artifactHosts, makeClient, SIM_MODES, since, TEST_TOKEN, useSim } from '../helpers/sim.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { bundleChild } from './bundle.js';
import { pipelineAt, readJson } from './helpers.js';

const run = promisify(execFile);
const tmp = useTmpDirs();
let scriptDir = '';
let script = '';
beforeAll(async () => {
  scriptDir = mkdtempSync(join(tmpdir(), 'sleuth-test-'));
  script = await bundleChild('child-cli.ts', join(scriptDir, 'sleuth.mjs'));
}, 60_000);
afterAll(() => rmSync(scriptDir, { recursive: true, force: true }));

describe.each(SIM_MODES)('a fresh `sleuth download project` against $mode', ({ mode, server }) => {
  const sim = useSim({ server, requiredToken: TEST_TOKEN });

  it('ends complete (exit 0) with every artifact, and sha256sum -c passes', async () => {
    const home = tmp();
    const out = join(tmp(), 'evidence');
    const env = { PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: join(home, 'config'), CIRCLE_TOKEN: TEST_TOKEN, CIRCLE_HOST: sim().apiUrl };
    const hosts = artifactHosts(sim()).flatMap((h) => ['--artifacts-host', h]);
    expect(hosts.length).toBe(mode === 'server' ? 0 : 2);
    const mark = sim().requests.length;
    const args = ['download', 'project', SIM_PROJECT, '--since', pipelineAt(896), '--until', pipelineAt(898), '--out', out, '--no-cache', ...hosts];
    const r = await run(process.execPath, [script, ...args], { env, cwd: home }).catch((e: { code: number; stdout: string; stderr: string }) => e);
    expect(r.stderr.replace(/\r\x1b\[2K[^\r\n]*/g, '').trim()).toBe('');
    expect('code' in r ? r.code : 0).toBe(0);
    expect(r.stdout).toMatch(/^downloaded: \d+ job\(s\).*, \d+ step output\(s\) and \d+ artifact\(s\) fetched, .* → /);
    expect(r.stdout).not.toMatch(/not fetched/);

    const m = readJson<Manifest>(join(out, 'manifest.json'));
    expect(m.complete).toBe(true);
    expect(m.runs.at(-1)).toMatchObject({ outcome: 'complete', failures: [], missing: [] });
    // Every artifact the API lists for these jobs is in the folder.
    const { client, transport } = makeClient(sim());
    const listed: string[] = [];
    try {
      for (const j of Object.values(m.jobs)) if (j.type !== 'approval') for (const a of await client.artifacts(SIM_PROJECT, j.number)) listed.push(`${j.number}:${a.node_index}:${a.path}`);
    } finally {
      await transport.close();
    }
    const kept = m.files.filter((f) => f.kind === 'artifact').map((f) => `${f.job}:${f.artifact_node}:${f.original_path}`);
    expect(listed.length).toBeGreaterThan(10);
    expect(kept.sort()).toEqual(listed.sort());
    // The child's artifact requests carried the token; storage saw none.
    const seen = since(sim(), mark);
    expect(seen.filter((q) => q.server === 'storage' && (q.headers['circle-token'] ?? q.headers.authorization) !== undefined)).toEqual([]);
    const artifactHops = seen.filter((q) => (server ? q.url.startsWith('/output/job/') : q.server === 'artifacts'));
    expect(artifactHops.length).toBe(listed.length);
    for (const h of artifactHops) expect([h.server, h.headers['circle-token'], h.status]).toEqual([server ? 'api' : 'artifacts', TEST_TOKEN, 302]);

    execFileSync('sha256sum', ['--quiet', '--strict', '-c', 'SHA256SUMS'], { cwd: out });
  }, 120_000);
});
