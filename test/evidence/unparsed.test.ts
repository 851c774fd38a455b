// One bad pipeline, workflow, job or step never loses the others: what cannot be parsed is kept
// raw (exact bytes, in SHA256SUMS and the manifest), listed in manifest.json's `unparsed` with
// the reason, and the run goes on. The simulator's answers are made hostile by a proxy in front.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { slugPath, v1SlugPath } from '../../src/api/paths.js';
import type { Manifest, UnparsedRecord } from '../../src/evidence/index.js';
import { depthMarker, MAX_JSON_DEPTH } from '../../src/text/safe-json.js';
import { SIM_MALICIOUS, SIM_MATRIX, SIM_PROJECT, SIM_SHARDS, simPipelineId, simWorkflowId } from '../../src/sim/index.js';
import { TEST_TOKEN, useSim } from '../helpers/sim.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { download, readJson } from './helpers.js';
import { deepJson, jsonWith, startApiProxy, type Rewrite } from './proxy.js';

const sim = useSim({ requiredToken: TEST_TOKEN });
const tmp = useTmpDirs();

const WF896 = simWorkflowId(SIM_MALICIOUS.pipeline, SIM_MALICIOUS.workflow);
const WF897 = simWorkflowId(SIM_SHARDS.pipeline, SIM_SHARDS.workflow);
const WF898 = simWorkflowId(SIM_MATRIX.pipeline, SIM_MATRIX.workflow);
const ALL_JOBS = 4 + 2 + SIM_MATRIX.jobCount;
const PIPELINES = `/api/v2/project/${slugPath(SIM_PROJECT)}/pipeline`;

/** Downloads the 896–898 window through a proxy that rewrites some answers. */
async function throughProxy(out: string, rewrite: Rewrite, opts: Parameters<typeof download>[2] = {}) {
  const proxy = await startApiProxy(sim().apiUrl, rewrite);
  try {
    const r = await download(sim(), out, { ...opts, transport: { host: proxy.url } });
    return { r, proxy };
  } finally {
    await proxy.close();
  }
}

function manifestOf(out: string): Manifest {
  return readJson<Manifest>(join(out, 'manifest.json'));
}

/** Every unparsed body is in the folder with the exact bytes served, in SHA256SUMS and the manifest. */
function expectKept(out: string, u: UnparsedRecord, served: Buffer): void {
  expect(u.file).not.toBeNull();
  expect(readFileSync(join(out, u.file!)).equals(served)).toBe(true);
  const rec = manifestOf(out).files.find((f) => f.path === u.file)!;
  expect(rec).toMatchObject({ kind: 'raw-body', source: u.endpoint, status: 200, size: served.length });
  expect(readFileSync(join(out, 'SHA256SUMS'), 'utf8')).toContain(`${rec.sha256}  ${u.file}\n`);
}

const jobDirs = (out: string, wf: string): string[] => (existsSync(join(out, wf)) ? readdirSync(join(out, wf)).filter((n) => n.startsWith('job-')) : []);

describe('a pipeline whose trigger_parameters nest 100,000 levels deep', () => {
  const deepPipeline: Rewrite = (path, up) => {
    if (path.startsWith(`${PIPELINES}?`) || path === PIPELINES) {
      const page = JSON.parse(up.body.toString('utf8')) as { items: { number: number; trigger_parameters: unknown }[] };
      for (const p of page.items) if (p.number === SIM_SHARDS.pipeline) p.trigger_parameters = '<deep>';
      return { body: jsonWith(page, '<deep>', deepJson(100_000)) };
    }
    if (path === `/api/v2/pipeline/${simPipelineId(SIM_SHARDS.pipeline)}`) {
      const p = JSON.parse(up.body.toString('utf8')) as Record<string, unknown>;
      return { body: jsonWith({ ...p, trigger_parameters: '<deep>' }, '<deep>', deepJson(100_000)) };
    }
    return null;
  };

  it('does not drop out: its workflow and jobs are downloaded, its body kept raw and listed, and a rerun settles the same way', async () => {
    const out = tmp();
    const proxy = await startApiProxy(sim().apiUrl, deepPipeline);
    const run = () => download(sim(), out, { transport: { host: proxy.url } });
    try {
      await check(out, await run(), proxy.served, run);
    } finally {
      await proxy.close();
    }
  });

  async function check(out: string, r: Awaited<ReturnType<typeof download>>, served: Map<string, Buffer>, run: () => ReturnType<typeof download>): Promise<void> {
    expect(r.failures).toEqual([]);
    expect(r.jobs.seen).toBe(ALL_JOBS);
    expect(r.jobs.complete).toBe(ALL_JOBS);
    expect(jobDirs(out, WF897)).toHaveLength(2);
    expect(existsSync(join(out, WF897, `job-${SIM_SHARDS.job}`, `step-${SIM_SHARDS.step}-node-3.txt`))).toBe(true);

    // pipeline.json is still written, cut at the depth cap with a visible marker.
    const pj = readFileSync(join(out, WF897, 'pipeline.json'), 'utf8');
    expect(pj).toContain(JSON.stringify(depthMarker(MAX_JSON_DEPTH)));
    expect(readJson<{ number: number }>(join(out, WF897, 'pipeline.json')).number).toBe(SIM_SHARDS.pipeline);

    const endpoint = `/api/v2/pipeline/${simPipelineId(SIM_SHARDS.pipeline)}`;
    expect(r.unparsed).toEqual([{ endpoint, file: `pipeline-${SIM_SHARDS.pipeline}/pipeline.raw`, reason: expect.stringMatching(/^trigger_parameters nest deeper than 64 levels/), fetched_at: expect.any(String) }]);
    expect(manifestOf(out).unparsed).toEqual(r.unparsed);
    expectKept(out, r.unparsed[0]!, served.get(endpoint)!);
    // The folder is complete except the listed item: not "complete", so the exit code is not 0.
    expect(r.outcome).toBe('incomplete');
    expect(manifestOf(out).complete).toBe(false);
    execFileSync('sha256sum', ['--quiet', '--strict', '-c', 'SHA256SUMS'], { cwd: out });

    const again = await run();
    expect(again.outcome).toBe('incomplete');
    expect(again.failures).toEqual([]);
    expect(again.jobs.alreadyComplete).toBe(ALL_JOBS - 1); // the approval job is on hold
    expect(again.files.written).toBe(0);
    expect(manifestOf(out).unparsed.map((u) => u.endpoint)).toEqual([endpoint]);
  }
});

describe('malformed JSON bodies', () => {
  const buildPath = `/api/v1.1/project/${v1SlugPath(SIM_PROJECT)}/${SIM_SHARDS.job}`;
  const detailsPath = `/api/v2/project/${slugPath(SIM_PROJECT)}/job/${SIM_MALICIOUS.jobs.build}`;
  const workflowsPath = `/api/v2/pipeline/${simPipelineId(SIM_MATRIX.pipeline)}/workflow`;

  it('lose only what they describe: the rest of the job and of the window is downloaded; a fixed server completes the folder', async () => {
    const out = tmp();
    let hostile = true;
    const rewrite: Rewrite = (path) => {
      if (!hostile) return null;
      if (path === buildPath) return { body: '{"steps": [ {"name": "Spin up environment", "actions": [ {"st' };
      if (path === detailsPath) return { body: '<html><body>upstream timed out</body></html>', contentType: 'text/html' };
      if (path === workflowsPath) return { body: '{"items": [ {"id": "0f", ' };
      return null;
    };
    const proxy = await startApiProxy(sim().apiUrl, rewrite);
    try {
      const run = () => download(sim(), out, { transport: { host: proxy.url } });
      const r = await run();
      expect(r.failures).toEqual([]);
      expect(r.outcome).toBe('incomplete');
      const byEndpoint = new Map(r.unparsed.map((u) => [u.endpoint, u]));
      expect([...byEndpoint.keys()].sort()).toEqual([buildPath, detailsPath, workflowsPath].sort());
      expect(byEndpoint.get(buildPath)!.file).toBe(`${WF897}/job-${SIM_SHARDS.job}/build.raw`);
      expect(byEndpoint.get(detailsPath)!.file).toBe(`${WF896}/job-${SIM_MALICIOUS.jobs.build}/job-details.raw`);
      expect(byEndpoint.get(workflowsPath)!.file).toBe(`pipeline-${SIM_MATRIX.pipeline}/workflows.page-1.raw`);
      for (const u of r.unparsed) {
        expect(u.reason).toMatch(/not JSON|instead of JSON/);
        expectKept(out, u, proxy.served.get(u.endpoint)!);
      }
      execFileSync('sha256sum', ['--quiet', '--strict', '-c', 'SHA256SUMS'], { cwd: out });

      // Job 5021 lost only its steps: its info, details and the 4 shards' artifacts are there.
      const j5021 = join(out, WF897, `job-${SIM_SHARDS.job}`);
      expect(readdirSync(j5021).sort()).toEqual(['artifacts', 'build.raw', 'job-details.json', 'job-info.json']);
      expect(readdirSync(join(j5021, 'artifacts')).sort()).toEqual(['node-1', 'node-2', 'node-3', 'test-results']);
      // Job 5013 lost only its details: its steps and output are there.
      const j5013 = join(out, WF896, `job-${SIM_MALICIOUS.jobs.build}`);
      expect(readdirSync(j5013)).toContain('step-info.json');
      expect(readdirSync(j5013).filter((n) => /^step-\d+\.txt$/.test(n)).length).toBeGreaterThan(0);
      expect(readdirSync(j5013)).not.toContain('job-details.json');
      // Everything else of the window: 896 and 897 whole.
      expect(jobDirs(out, WF896)).toHaveLength(4);
      expect(jobDirs(out, WF897)).toHaveLength(2);
      const m = manifestOf(out);
      expect(m.jobs[String(SIM_SHARDS.job)]!.complete).toBe(false);
      expect(m.jobs[String(SIM_SHARDS.buildJob)]!.complete).toBe(true);
      expect(m.jobs[String(SIM_MALICIOUS.jobs.test)]!.complete).toBe(true);

      // The server still answers badly: the same three, listed once each.
      const again = await run();
      expect(again.outcome).toBe('incomplete');
      expect(manifestOf(out).unparsed).toHaveLength(3);

      // The server is fixed: the rerun completes the folder and the list empties.
      hostile = false;
      const fixed = await run();
      expect(fixed.failures).toEqual([]);
      expect(fixed.unparsed).toEqual([]);
      expect(fixed.outcome).toBe('complete');
      expect(fixed.jobs.seen).toBe(ALL_JOBS);
      expect(manifestOf(out).unparsed).toEqual([]);
      expect(manifestOf(out).complete).toBe(true);
      expect(jobDirs(out, WF898)).toHaveLength(SIM_MATRIX.jobCount);
      execFileSync('sha256sum', ['--quiet', '--strict', '-c', 'SHA256SUMS'], { cwd: out });
    } finally {
      await proxy.close();
    }
  });
});

describe('a job part that is simply missing', () => {
  it('an artifact list answering 404 is noted on the job, which is still complete', async () => {
    const out = tmp();
    const list = `/api/v2/project/${slugPath(SIM_PROJECT)}/${SIM_SHARDS.job}/artifacts`;
    const { r } = await throughProxy(out, (path) => (path === list ? { status: 404, body: '{"message":"Not Found"}' } : null), { target: { kind: 'job', project: SIM_PROJECT, number: SIM_SHARDS.job } });
    expect(r.failures).toEqual([]);
    expect(r.outcome).toBe('complete');
    const job = manifestOf(out).jobs[String(SIM_SHARDS.job)]!;
    expect(job.complete).toBe(true);
    expect(job.notes).toContain('no artifact list (404)');
  });
});

describe('a huge list', () => {
  it('a page of 200,000 jobs (more than a spread can take) still downloads every job of the workflow', async () => {
    const out = tmp();
    const first = `/api/v2/workflow/${WF898}/job`;
    const { r, proxy } = await throughProxy(out, (path, up) => {
      if (path !== first) return null;
      const page = JSON.parse(up.body.toString('utf8')) as { items: unknown[]; next_page_token: string | null };
      const copies = `,${JSON.stringify({ job_number: SIM_MATRIX.firstJob })}`.repeat(200_000);
      return { body: `{"items":[${page.items.map((i) => JSON.stringify(i)).join(',')}${copies}],"next_page_token":${JSON.stringify(page.next_page_token)}}` };
    });
    expect(proxy.replaced).toContain(first);
    expect(r.failures).toEqual([]);
    expect(r.outcome).toBe('complete');
    expect(r.jobs.seen).toBe(ALL_JOBS);
    expect(jobDirs(out, WF898)).toHaveLength(SIM_MATRIX.jobCount);
    expect(manifestOf(out).unparsed).toEqual([]);
  });

  it('5,000 jobs without a number (approval-like) do not swell the manifest: the first 1,000 are listed, with the count', async () => {
    const out = tmp();
    const first = `/api/v2/workflow/${WF896}/job`;
    const { r } = await throughProxy(out, (path, up) => {
      if (path !== first) return null;
      const page = JSON.parse(up.body.toString('utf8')) as { items: unknown[]; next_page_token: string | null };
      const hold = Array.from({ length: 5000 }, (_, i) => ({ id: `hold-${i}`, name: `hold-${i}`, type: 'approval', status: 'on_hold' }));
      return { body: JSON.stringify({ ...page, items: [...page.items, ...hold] }) };
    }, { target: { kind: 'pipeline', project: SIM_PROJECT, number: SIM_MALICIOUS.pipeline } });
    expect(r.failures).toEqual([]);
    expect(r.jobs.seen).toBe(4);
    const wf = manifestOf(out).workflows[WF896]!;
    expect(wf.unnumbered_jobs).toHaveLength(1000);
    expect(wf.unnumbered_total).toBe(5000);
    expect(r.notes.join(' ')).toMatch(/5000 job\(s\) without a number .* \(the first 1000\)/);
  });

  it('past the items a download uses: the first are downloaded, the page beyond is kept raw and the rest listed', async () => {
    const out = tmp();
    const r = await download(sim(), out, { target: { kind: 'pipeline', project: SIM_PROJECT, number: SIM_MATRIX.pipeline }, maxListItems: 30 });
    expect(r.failures).toEqual([]);
    expect(r.outcome).toBe('incomplete');
    expect(jobDirs(out, WF898)).toHaveLength(30);
    const base = `/api/v2/workflow/${WF898}/job?page-token=`;
    expect(r.unparsed.map((u) => [u.endpoint.startsWith(base), u.file])).toEqual([[true, `${WF898}/jobs.page-2.raw`], [true, null]]);
    expect(r.unparsed[0]!.reason).toMatch(/10 item\(s\) past the 30/);
    expect(r.unparsed[1]!.reason).toMatch(/later pages were not fetched/);
    expect((readJson<{ items: unknown[] }>(join(out, WF898, 'jobs.page-2.raw'))).items).toHaveLength(20);
    execFileSync('sha256sum', ['--quiet', '--strict', '-c', 'SHA256SUMS'], { cwd: out });
  });
});
