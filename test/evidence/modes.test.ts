// Evidence downloads against both simulator modes. Cloud: artifacts on a third origin (the *.circle-artifacts.com
// stand-in, named as an artifact host). CircleCI Server: artifacts on the CircleCI host itself
// ($CIRCLE_HOST/output/job/…), which gets the token like any API call, with nothing else named; the 302 from it to
// storage never carries the token. One artifact or output that cannot be fetched never loses the rest.
import { readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileRecord, Manifest } from '../../src/evidence/index.js';
import { v1SlugPath } from '../../src/api/paths.js';
import { downloadEvidence } from '../../src/evidence/index.js';
import { downloadVerdict } from '../../src/evidence/missing.js';
import { evidenceCorpus } from '../../src/search/corpus.js';
import { runSearch } from '../../src/search/run.js';
import { SIM_LEAKS, SIM_MALICIOUS, SIM_PROJECT, simWorkflowId, type SimHandle } from '../../src/sim/index.js';
import { maliciousArtifacts } from '../../src/sim/world/artifact-bodies.js';
import { makeClient, SIM_MODES, since, TEST_TOKEN, useSim } from '../helpers/sim.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { download, readJson } from './helpers.js';
import { startApiProxy } from './proxy.js';

const tmp = useTmpDirs();
const WF896 = simWorkflowId(SIM_MALICIOUS.pipeline, SIM_MALICIOUS.workflow);
const JOB = SIM_MALICIOUS.jobs.test;

/** Every artifact the API lists for the jobs recorded in the folder's manifest. */
async function listedArtifacts(sim: SimHandle, m: Manifest): Promise<string[]> {
  const { client, transport } = makeClient(sim);
  try {
    const out: string[] = [];
    for (const j of Object.values(m.jobs)) {
      if (j.type === 'approval') continue;
      for (const a of await client.artifacts(SIM_PROJECT, j.number)) out.push(`${j.number}:${a.node_index}:${a.path}`);
    }
    return out.sort();
  } finally {
    await transport.close();
  }
}

/** The requests that fetched an artifact: the API origin's /output/job/… on Server, the artifact host on Cloud. */
const artifactHops = (sim: SimHandle, mark: number) =>
  since(sim, mark).filter((r) => (sim.mode === 'server' ? r.server === 'api' && r.url.startsWith('/output/job/') : r.server === 'artifacts'));

describe.each(SIM_MODES)('evidence download against $mode', ({ mode, server }) => {
  const sim = useSim({ server, requiredToken: TEST_TOKEN });

  describe('a project window (896–898) into a fresh folder', () => {
    let top = '';
    let out = '';
    let mark = 0;
    let result: Awaited<ReturnType<typeof download>>;
    afterAll(() => rmSync(top, { recursive: true, force: true }));
    beforeAll(async () => {
      top = mkdtempSync(join(tmpdir(), 'sleuth-test-'));
      out = join(top, 'evidence');
      mark = sim().requests.length;
      // Server: no artifact host is named (artifactHosts() is empty); the CircleCI host alone must do.
      result = await download(sim(), out);
    });

    it('ends complete with every listed artifact, each fetched with the token', async () => {
      expect(result.failures).toEqual([]);
      expect(result.missing).toEqual([]);
      expect(downloadVerdict(result)).toBe('complete');
      const m = readJson<Manifest>(join(out, 'manifest.json'));
      const arts = m.files.filter((f: FileRecord) => f.kind === 'artifact');
      expect(arts.map((a) => `${a.job}:${a.artifact_node}:${a.original_path}`).sort()).toEqual(await listedArtifacts(sim(), m));
      expect(arts.length).toBeGreaterThan(maliciousArtifacts().length);
      for (const a of arts) {
        expect(a.credentials).toBe('token');
        expect(new URL(a.source!).origin).toBe(mode === 'server' ? sim().apiUrl : sim().artifactsUrl);
        expect(new URL(a.final_url!).origin).toBe(sim().storageUrl);
      }
      expect(m.runs.at(-1)!.missing).toEqual([]);
    });

    it('sends the token to the artifact URL and drops it on the redirect: storage never sees it', () => {
      const hops = artifactHops(sim(), mark);
      expect(hops.length).toBe(result.artifacts.fetched);
      for (const h of hops) {
        expect(h.headers['circle-token']).toBe(TEST_TOKEN);
        expect(h.status).toBe(302);
      }
      const storage = since(sim(), mark).filter((r) => r.server === 'storage');
      // (the check sees headers: every storage request is recorded with its headers, and there are some)
      expect(storage.length).toBeGreaterThan(hops.length);
      for (const s of storage) {
        expect(s.headers['circle-token']).toBeUndefined();
        expect(s.headers.authorization).toBeUndefined();
        expect(s.status).toBe(200);
      }
      if (mode === 'server') expect(since(sim(), mark).filter((r) => r.server === 'artifacts')).toEqual([]);
    });

    it('is searchable: the leak in step output and the text of an artifact are found in the folder', async () => {
      const corpus = evidenceCorpus(out);
      const gh = (await runSearch({ pattern: SIM_LEAKS.githubToken, mode: 'exact', corpus })).hits;
      expect(gh.some((h) => h.job === SIM_MALICIOUS.jobs.lint && h.step === SIM_MALICIOUS.lintStep)).toBe(true);
      const passwd = (await runSearch({ pattern: 'mallory:x:1000', mode: 'exact', corpus })).hits;
      expect(passwd.map((h) => [h.job, h.field])).toEqual([[JOB, 'artifact']]);
      expect(passwd[0]!.file.startsWith(`${WF896}/job-${JOB}/artifacts/`)).toBe(true);
    });
  });

  describe('an artifact that cannot be fetched', () => {
    it('is listed with its reason; everything else is fetched; the folder is complete except it', async () => {
      const out = tmp();
      const artifactPath = (p: string) => `/${encodeURIComponent(p)}`;
      // One 401 and one 404, on the artifact URL itself (the artifact host on Cloud, the CircleCI host on Server).
      sim().inject({ match: artifactPath('coverage/lcov.info'), status: 401, body: '{"message":"You must log in first."}' });
      sim().inject({ match: artifactPath('test-results/junit.xml'), status: 404, body: 'Not Found', headers: { 'content-type': 'text/plain' } });
      const r = await download(sim(), out, { target: { kind: 'job', project: SIM_PROJECT, number: JOB }, taskRetries: 0 });
      expect(downloadVerdict(r)).toBe('complete-except-listed');
      expect(r.outcome).toBe('incomplete');
      expect(r.missing.map((x) => [x.kind, x.path, x.node, x.status, x.reason]).sort()).toEqual([
        ['artifact', 'coverage/lcov.info', 0, 401, '401 needs credentials'],
        ['artifact', 'test-results/junit.xml', 0, 404, '404 gone'],
      ]);
      expect(r.artifacts.fetched).toBe(maliciousArtifacts().length - 2);
      expect(r.stepOutputs.fetched).toBeGreaterThan(0);
      const m = readJson<Manifest>(join(out, 'manifest.json'));
      expect(m.complete).toBe(false);
      expect(m.runs.at(-1)!.missing!.map((x) => [x.path, x.reason, x.file]).sort()).toEqual([
        ['coverage/lcov.info', '401 needs credentials', `${WF896}/job-${JOB}/artifacts/coverage/lcov.info`],
        ['test-results/junit.xml', '404 gone', `${WF896}/job-${JOB}/artifacts/test-results/junit.xml`],
      ]);
      expect(readFileSync(join(out, 'manifest.json'), 'utf8')).not.toContain(TEST_TOKEN);

      // A rerun fetches them once they answer: the folder is then complete.
      const again = await download(sim(), out, { target: { kind: 'job', project: SIM_PROJECT, number: JOB }, taskRetries: 0 });
      expect(downloadVerdict(again)).toBe('complete');
      expect(again.artifacts.fetched).toBe(2);
    });
  });

  describe('artifacts over the size limit', () => {
    it('are listed as too large, the smaller ones kept', async () => {
      const max = 200;
      const r = await download(sim(), tmp(), { target: { kind: 'job', project: SIM_PROJECT, number: JOB }, maxArtifactBytes: max, taskRetries: 0 });
      const big = maliciousArtifacts().filter((a) => Buffer.byteLength(a.body) > max).map((a) => a.path).sort();
      expect(big.length).toBeGreaterThan(0);
      expect(big.length).toBeLessThan(maliciousArtifacts().length);
      expect(downloadVerdict(r)).toBe('complete-except-listed');
      expect(r.missing.map((x) => x.path).sort()).toEqual(big);
      expect(new Set(r.missing.map((x) => x.reason))).toEqual(new Set(['too large']));
      expect(r.artifacts.fetched).toBe(maliciousArtifacts().length - big.length);
    });
  });

  describe('a step output that cannot be fetched', () => {
    it('is listed as an expired link when even the fresh build gives the expired link; the other outputs are fetched', async () => {
      const LINT = SIM_MALICIOUS.jobs.lint;
      const build = `/api/v1.1/project/${v1SlugPath(SIM_PROJECT)}/${LINT}`;
      const auth = { 'circle-token': TEST_TOKEN };
      const first = (await (await fetch(`${sim().apiUrl}${build}`, { headers: auth })).json()) as { steps: { actions: { step: number; index: number; output_url: string | null }[] }[] };
      const stale = first.steps.flatMap((st) => st.actions).find((a) => a.step === SIM_MALICIOUS.lintStep && a.index === 0)!.output_url!;
      sim().expireOutputLinks();
      // Every build answer (the first and the fresh one the downloader asks for on a 403) carries the stale link.
      const proxy = await startApiProxy(sim().apiUrl, (path, up) => {
        if (path.split('?')[0] !== build) return null;
        const b = JSON.parse(up.body.toString('utf8')) as typeof first;
        for (const a of b.steps.flatMap((st) => st.actions)) if (a.step === SIM_MALICIOUS.lintStep && a.index === 0) a.output_url = stale;
        return { body: JSON.stringify(b) };
      });
      try {
        const out = tmp();
        const { client, transport } = makeClient(sim(), { transport: { host: proxy.url } });
        try {
          const r = await downloadEvidence({ client, out, target: { kind: 'job', project: SIM_PROJECT, number: LINT }, artifacts: false, taskRetries: 0 });
          expect(proxy.replaced.length).toBe(2);
          expect(downloadVerdict(r)).toBe('complete-except-listed');
          expect(r.missing.map((x) => [x.kind, x.job, x.step, x.node, x.status, x.reason, x.file])).toEqual([
            ['step-output', LINT, SIM_MALICIOUS.lintStep, 0, 403, '403 link expired', `${WF896}/job-${LINT}/step-${SIM_MALICIOUS.lintStep}.json`],
          ]);
          expect(r.missing[0]!.source).not.toContain('?');
          expect(r.stepOutputs.fetched).toBeGreaterThan(0);
          const m = readJson<Manifest>(join(out, 'manifest.json'));
          expect(m.runs.at(-1)!.missing).toEqual(r.missing);
          expect(m.files.some((f) => f.kind === 'step-output' && f.step === SIM_MALICIOUS.lintStep)).toBe(false);
        } finally {
          await transport.close();
        }
      } finally {
        await proxy.close();
      }
    });
  });
});
