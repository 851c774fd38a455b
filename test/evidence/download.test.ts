import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseStepOutput } from '../../src/api/step-output.js';
import type { FileRecord, Manifest } from '../../src/evidence/index.js';
import { maliciousArtifacts } from '../../src/sim/world/artifact-bodies.js';
import {
  SIM_MALICIOUS, SIM_MATRIX, SIM_PROJECT, SIM_RUNNING, SIM_SHARDS, simWorkflowId,
} from '../../src/sim/index.js';
import { OfflineSource } from '../../src/source/offline-source.js';
import { makeClient, since, TEST_TOKEN, useSim } from '../helpers/sim.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { download, fingerprint, insideOnly, readJson, walk } from './helpers.js';

const sim = useSim({ requiredToken: TEST_TOKEN });
const tmp = useTmpDirs();

const WF896 = simWorkflowId(SIM_MALICIOUS.pipeline, SIM_MALICIOUS.workflow);
const WF897 = simWorkflowId(SIM_SHARDS.pipeline, SIM_SHARDS.workflow);
const WF898 = simWorkflowId(SIM_MATRIX.pipeline, SIM_MATRIX.workflow);

describe('a project window (896–898) downloaded into a new folder', () => {
  let out = '';
  let mark = 0;
  let result: Awaited<ReturnType<typeof download>>;
  const progress: { done: number; total: number; bytes: number; at: number }[] = [];
  // One download shared by the assertions below (the folder outlives each test's temp dirs).
  let top = '';
  afterAll(() => rmSync(top, { recursive: true, force: true }));
  beforeAll(async () => {
    top = mkdtempSync(join(tmpdir(), 'sleuth-test-'));
    out = join(top, 'circleci-output');
    mark = sim().requests.length;
    result = await download(sim(), out, { onProgress: (p) => progress.push({ ...p, at: Date.now() }) });
  });

  it('completes without failures', () => {
    expect(result.failures).toEqual([]);
    expect(result.outcome).toBe('complete');
    expect(result.jobs.seen).toBe(4 + 2 + SIM_MATRIX.jobCount);
    expect(result.jobs.complete).toBe(result.jobs.seen);
  });

  it('writes the seed layout: job-info, step-info, step-<n>.txt, plus pipeline/workflow/details and raw bodies', () => {
    expect(readdirSync(out).sort()).toEqual(['SHA256SUMS', WF896, WF897, WF898, 'manifest.json'].sort());
    const job = join(out, WF896, `job-${SIM_MALICIOUS.jobs.test}`);
    for (const f of ['job-info.json', 'job-details.json', 'step-info.json', 'step-0.txt', 'step-0.json', `step-${SIM_MALICIOUS.maliciousStep}.txt`]) {
      expect(existsSync(join(job, f)), f).toBe(true);
    }
    for (const wf of [WF896, WF897, WF898]) {
      expect(readJson<{ id: string }>(join(out, wf, 'workflow.json')).id).toBe(wf);
      expect(existsSync(join(out, wf, 'pipeline.json'))).toBe(true);
    }
    expect(Object.keys(readJson(join(job, 'job-info.json')) as object)).toEqual(['name', 'status', 'started_at', 'stopped_at']);
    const steps = readJson<Record<string, unknown>[]>(join(job, 'step-info.json'));
    for (const s of steps) {
      expect(Object.keys(s)).toEqual(['step', 'index', 'name', 'bash_command', 'start_time', 'end_time', 'exit_code', 'status', 'run_time_millis', 'background', 'parallel']);
    }
    expect(steps.map((s) => s.step)).toContain(SIM_MALICIOUS.maliciousStep);
    // "Save cache" printed nothing: no file, like the seed.
    expect(existsSync(join(job, `step-${SIM_MALICIOUS.noOutputStep}.txt`))).toBe(false);
    // jq -r '.[].message' minus its added newlines: the messages joined, exactly.
    const raw = readFileSync(join(job, `step-${SIM_MALICIOUS.maliciousStep}.json`));
    // (written as UTF-8: lone surrogates in the messages become U+FFFD in the .txt; the .json keeps them)
    expect(readFileSync(join(job, `step-${SIM_MALICIOUS.maliciousStep}.txt`)).equals(Buffer.from(parseStepOutput(raw).text, 'utf8'))).toBe(true);
    expect(readFileSync(join(job, `step-${SIM_MALICIOUS.maliciousStep}.txt`), 'utf8')).toContain(SIM_MALICIOUS.exfilUrl.replace('/collect', ''));
  });

  it('keeps the raw output body exactly as storage returned it', async () => {
    const { client, transport } = makeClient(sim());
    try {
      const fetched = await client.stepOutput(SIM_PROJECT, SIM_MALICIOUS.jobs.test, SIM_MALICIOUS.maliciousStep);
      expect(readFileSync(join(out, WF896, `job-${SIM_MALICIOUS.jobs.test}`, `step-${SIM_MALICIOUS.maliciousStep}.json`)).equals(fetched.raw!)).toBe(true);
    } finally {
      await transport.close();
    }
  });

  it('keeps every parallel node apart (the seed overwrites them)', () => {
    const job = join(out, WF897, `job-${SIM_SHARDS.job}`);
    const texts = [0, 1, 2, 3].map((n) => readFileSync(join(job, n === 0 ? `step-${SIM_SHARDS.step}.txt` : `step-${SIM_SHARDS.step}-node-${n}.txt`), 'utf8'));
    expect(new Set(texts).size).toBe(4);
    expect(texts[2]).toContain('CIRCLE_NODE_INDEX=2');
    expect(existsSync(join(job, `step-${SIM_SHARDS.step}-node-0.txt`))).toBe(false);
    // the 4 shards' junit.xml: one per node
    expect(readdirSync(join(job, 'artifacts')).sort()).toEqual(['node-1', 'node-2', 'node-3', 'test-results']);
  });

  it('pages through every job of the 45-job workflow (the seed stops at the first page)', () => {
    const jobs = readdirSync(join(out, WF898)).filter((n) => n.startsWith('job-'));
    expect(jobs).toHaveLength(SIM_MATRIX.jobCount);
  });

  it('keeps an approval job as job-info.json only, with a note', () => {
    const dir = join(out, WF896, `job-${SIM_MALICIOUS.jobs.approval}`);
    expect(readdirSync(dir)).toEqual(['job-info.json']);
    const m = readJson<Manifest>(join(out, 'manifest.json'));
    expect(m.jobs[String(SIM_MALICIOUS.jobs.approval)]!.notes.join(' ')).toMatch(/approval/);
  });

  it('opens in the offline source with no warnings, nodes and all', async () => {
    const src = await OfflineSource.open(out);
    expect(src.warnings).toEqual([]);
    expect(src.project).toBe(SIM_PROJECT);
    const build = await src.build(SIM_SHARDS.job);
    const step = build.steps.find((s) => s.step === SIM_SHARDS.step)!;
    expect(step.actions.map((a) => [a.index, a.has_output])).toEqual([[0, true], [1, true], [2, true], [3, true]]);
    const node2 = await src.stepOutput(SIM_SHARDS.job, SIM_SHARDS.step, 2);
    expect(node2.text).toBe(readFileSync(join(out, WF897, `job-${SIM_SHARDS.job}`, `step-${SIM_SHARDS.step}-node-2.txt`), 'utf8'));
    const pipelines = (await src.pipelines({}).next()).items.map((p) => p.number);
    expect(pipelines).toEqual([898, 897, 896]);
  });

  it('passes sha256sum -c, and SHA256SUMS lists every file (the manifest too)', () => {
    execFileSync('sha256sum', ['--quiet', '--strict', '-c', 'SHA256SUMS'], { cwd: out });
    const listed = readFileSync(join(out, 'SHA256SUMS'), 'utf8').trimEnd().split('\n').map((l) => l.slice(66));
    const files = walk(out).filter((e) => e.kind === 'file' && e.rel !== 'SHA256SUMS').map((e) => e.rel);
    expect(listed.sort()).toEqual(files.sort());
  });

  it('records the run and every file in manifest.json, with no presigned query and no token', () => {
    const text = readFileSync(join(out, 'manifest.json'), 'utf8');
    expect(text).not.toMatch(/x-amz/i);
    expect(text).not.toContain(TEST_TOKEN);
    const m = JSON.parse(text) as Manifest;
    expect(m.tool.name).toBe('circle-sleuth');
    expect(m.node).toBe(process.version);
    expect(m.machine.hostname).toBeTruthy();
    expect(m.circleci).toEqual({ host: sim().apiUrl, me: { login: 'sim-responder', id: expect.any(String) } });
    expect(m.query).toEqual({ project: SIM_PROJECT, window: { since: expect.any(String), until: expect.any(String) }, target: { kind: 'project' } });
    expect(m.started_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(m.finished_at).toMatch(/Z$/);
    expect(m.complete).toBe(true);
    expect(m.runs).toHaveLength(1);
    const onDisk = walk(out).filter((e) => e.kind === 'file' && e.rel !== 'SHA256SUMS' && e.rel !== 'manifest.json');
    expect(m.files.map((f) => f.path).sort()).toEqual(onDisk.map((e) => e.rel).sort());
    const fp = fingerprint(out);
    for (const f of m.files) {
      expect(f.sha256).toBe(fp.get(f.path));
      expect(f.size).toBe(statSync(join(out, f.path)).size);
      expect(f.fetched_at).toMatch(/^\d{4}-.*Z$/);
      expect(f.source).toBeTruthy();
      expect(f.status).toBe(200);
    }
    const output = m.files.find((f) => f.path.endsWith(`job-${SIM_MALICIOUS.jobs.test}/step-${SIM_MALICIOUS.maliciousStep}.json`))!;
    expect(output.source).toMatch(new RegExp(`^${sim().storageUrl}/output/[^?]+$`));
    expect(output.content_type).toBe('application/json');
  });

  it('writes files 0600 and folders 0700, nothing executable', () => {
    expect(statSync(out).mode & 0o777).toBe(0o700);
    for (const e of walk(out)) {
      expect(e.kind).not.toBe('other');
      expect(e.mode, e.rel).toBe(e.kind === 'dir' ? 0o700 : 0o600);
    }
  });

  it('never sends the token to storage, and sends it to the artifact host', () => {
    const reqs = since(sim(), mark);
    const storage = reqs.filter((r) => r.server === 'storage');
    const artifacts = reqs.filter((r) => r.server === 'artifacts');
    expect(storage.length).toBeGreaterThan(100);
    expect(artifacts.length).toBe(maliciousArtifacts().length + SIM_SHARDS.parallelism);
    for (const r of storage) {
      expect(r.headers['circle-token']).toBeUndefined();
      expect(r.headers.authorization).toBeUndefined();
      expect(r.status).toBe(200);
    }
    for (const r of artifacts) {
      expect(r.headers['circle-token']).toBe(TEST_TOKEN);
      expect(r.status).toBe(302);
    }
    for (const e of walk(out)) if (e.kind === 'file') expect(readFileSync(join(out, e.rel)).includes(TEST_TOKEN), e.rel).toBe(false);
  });

  it('emits progress at most ~10 times a second, ending at done = total', () => {
    expect(progress.length).toBeGreaterThan(0);
    const last = progress.at(-1)!;
    expect(last.done).toBe(last.total);
    expect(last.bytes).toBe(result.bytesWritten);
    for (let i = 1; i < progress.length - 1; i++) expect(progress[i]!.at - progress[i - 1]!.at).toBeGreaterThanOrEqual(90);
  });

  it('on a second run changes no evidence file and fetches no step output or artifact', async () => {
    const before = walk(out).filter((e) => e.kind === 'file' && e.rel !== 'manifest.json' && e.rel !== 'SHA256SUMS');
    const hashes = fingerprint(out);
    const m2 = sim().requests.length;
    const again = await download(sim(), out);
    expect(again.outcome).toBe('complete');
    // Every finished job is skipped; only the approval (still on hold) is looked at again, and is unchanged.
    expect(again.jobs.alreadyComplete).toBe(result.jobs.seen - 1);
    expect(again.files).toEqual({ written: 0, unchanged: 3 * 2 + 1, replaced: 0 });
    const reqs = since(sim(), m2);
    expect(reqs.filter((r) => r.server !== 'api')).toEqual([]);
    expect(reqs.filter((r) => r.url.includes('/api/v1.1/'))).toEqual([]);
    const after = walk(out).filter((e) => e.kind === 'file' && e.rel !== 'manifest.json' && e.rel !== 'SHA256SUMS');
    expect(after).toEqual(before);
    expect(fingerprint(out)).toEqual(hashes);
    execFileSync('sha256sum', ['--quiet', '-c', 'SHA256SUMS'], { cwd: out });
    expect(readJson<Manifest>(join(out, 'manifest.json')).runs).toHaveLength(2);
  });

  it('repairs a damaged or missing file: the text from the body on disk, the body from storage', async () => {
    const hashes = fingerprint(out);
    const job = `${WF896}/job-${SIM_MALICIOUS.jobs.test}`;
    unlinkSync(join(out, job, `step-${SIM_MALICIOUS.maliciousStep}.txt`));
    appendFileSync(join(out, job, 'step-0.json'), 'tampered');
    const m3 = sim().requests.length;
    const r = await download(sim(), out);
    expect(r.outcome).toBe('complete');
    expect(r.stepOutputs.fetched).toBe(1);
    expect(since(sim(), m3).filter((x) => x.server === 'storage')).toHaveLength(1);
    // The damaged body is kept aside (tamper.ts), not overwritten; everything else is as it was.
    expect(r.tampered.map((t) => t.path)).toEqual([`${job}/step-0.json`]);
    const kept = r.tampered[0]!.kept_as!;
    expect(readFileSync(join(out, kept), 'utf8').endsWith('tampered')).toBe(true);
    expect(new Map([...fingerprint(out)].filter(([p]) => p !== kept))).toEqual(hashes);
    const m = readJson<Manifest>(join(out, 'manifest.json'));
    expect(m.files.find((f) => f.path === `${job}/step-0.json`)!.note).toMatch(/restored/);
    execFileSync('sha256sum', ['--quiet', '-c', 'SHA256SUMS'], { cwd: out });
  });
});

describe('a pre-planted symlink in the folder', () => {
  it('is refused, never followed: nothing is written through it', async () => {
    const top = tmp();
    const out = join(top, 'evidence');
    const elsewhere = join(top, 'elsewhere');
    mkdirSync(join(out, WF896), { recursive: true });
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, join(out, WF896, `job-${SIM_MALICIOUS.jobs.build}`));
    const r = await download(sim(), out, { target: { kind: 'job', project: SIM_PROJECT, number: SIM_MALICIOUS.jobs.build } });
    expect(r.outcome).toBe('incomplete');
    expect(r.failures.map((f) => f.error).join('\n')).toMatch(/symlink/);
    expect(readdirSync(elsewhere)).toEqual([]);
    // the planted link is still the only thing that points outside
    expect(insideOnly(out, out)).toEqual([`${WF896}/job-${SIM_MALICIOUS.jobs.build}`]);
  });
});

describe('a non-file planted where a workflow\'s own files go', () => {
  it('fails those files only: the workflow\'s jobs are still downloaded', async () => {
    const out = tmp();
    mkdirSync(join(out, WF897, 'pipeline.json'), { recursive: true });
    mkdirSync(join(out, WF897, 'workflow.json'), { recursive: true });
    const r = await download(sim(), out, { target: { kind: 'pipeline', project: SIM_PROJECT, number: SIM_SHARDS.pipeline } });
    expect(r.outcome).toBe('incomplete');
    expect(r.failures.map((f) => f.what).sort()).toEqual([`pipeline.json of workflow ${WF897}`, `workflow.json of workflow ${WF897}`]);
    expect(r.failures[0]!.error).toMatch(/directory/);
    expect(r.jobs.seen).toBe(2);
    expect(r.jobs.complete).toBe(2);
    expect(existsSync(join(out, WF897, `job-${SIM_SHARDS.job}`, `step-${SIM_SHARDS.step}-node-2.txt`))).toBe(true);
  });
});

describe('hostile artifact paths (job 5015)', () => {
  it('writes nothing outside DIR, renames unsafe and colliding names, and keeps every original path in the manifest', async () => {
    const top = tmp();
    const out = join(top, 'a', 'b', 'evidence');
    const r = await download(sim(), out, { target: { kind: 'job', project: SIM_PROJECT, number: SIM_MALICIOUS.jobs.test } });
    expect(r.failures).toEqual([]);
    // Every file under the temp dir, symlinks resolved, is inside DIR.
    expect(insideOnly(out, top)).toEqual([]);
    expect(walk(top).map((e) => e.rel).filter((p) => !p.startsWith('a/b/evidence'))).toEqual(['a', 'a/b']);
    const m = readJson<Manifest>(join(out, 'manifest.json'));
    const arts = m.files.filter((f) => f.kind === 'artifact');
    const specs = maliciousArtifacts();
    expect(arts.map((a) => a.original_path).sort()).toEqual(specs.map((s) => s.path).sort());
    for (const spec of specs) {
      const rec = arts.find((a) => a.original_path === spec.path)!;
      expect(readFileSync(join(out, rec.path)).equals(Buffer.from(spec.body))).toBe(true);
      expect(rec.path.startsWith(`${WF896}/job-${SIM_MALICIOUS.jobs.test}/artifacts/`)).toBe(true);
      expect(rec.credentials).toBe('token');
      expect(rec.source).not.toContain('?');
    }
    const byOriginal = (p: string) => arts.find((a) => a.original_path === p)!;
    expect(byOriginal('coverage/lcov.info').renamed).toBeNull();
    expect(byOriginal('README').path.endsWith('/artifacts/README')).toBe(true);
    expect(byOriginal('readme').path.endsWith('/artifacts/readme~2')).toBe(true);
    for (const p of ['../../../../etc/passwd', '/etc/shadow', 'C:\\Windows\\evil.dll', '%2e%2e%2fsecret.txt', 'a\u0000b', 'CON.txt']) {
      expect(byOriginal(p).path).toMatch(/\/artifacts\/_unsafe\/\d{4}\.bin$/);
      expect(byOriginal(p).renamed).toBeTruthy();
    }
    // JSON-escaped in the manifest text: no raw ESC/BEL/NUL.
    const text = readFileSync(join(out, 'manifest.json'), 'utf8');
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(text).toContain('"original_path": "\\u001b]52;c;ZXZpbA==\\u0007.txt"');
    // Only the job, its workflow and pipeline: the approval and siblings are not downloaded.
    expect(readdirSync(join(out, WF896)).sort()).toEqual(['job-5015', 'pipeline.json', 'workflow.json']);
  });

  it('does not offer the token to an artifact host it was not told about; the failure says what to do', async () => {
    const out = tmp();
    const mark = sim().requests.length;
    const { client, transport } = makeClient(sim());
    const { downloadEvidence } = await import('../../src/evidence/index.js');
    try {
      const r = await downloadEvidence({ client, out, target: { kind: 'job', project: SIM_PROJECT, number: SIM_MALICIOUS.jobs.test }, taskRetries: 0 });
      expect(r.outcome).toBe('incomplete');
      expect(r.failures.length).toBe(maliciousArtifacts().length);
      expect(r.failures[0]!.error).toMatch(/401/);
    } finally {
      await transport.close();
    }
    const arts = since(sim(), mark).filter((x) => x.server === 'artifacts');
    expect(arts.length).toBeGreaterThan(0);
    for (const a of arts) expect(a.headers['circle-token']).toBeUndefined();
  });
});

describe('a running job', () => {
  it('is refetched on the next run; the replaced output is recorded with its earlier digest', async () => {
    const out = tmp();
    const target = { kind: 'pipeline' as const, project: SIM_PROJECT, number: SIM_RUNNING.pipeline };
    const first = await download(sim(), out, { target });
    expect(first.outcome).toBe('complete');
    expect(first.jobs.unfinished).toBe(1);
    const m1 = readJson<Manifest>(join(out, 'manifest.json'));
    expect(m1.jobs[String(SIM_RUNNING.job)]!.final).toBe(false);
    // The deploy prints a line per lineIntervalMs of the simulator's clock: move that clock on instead of waiting.
    const clock = sim().options.now;
    sim().options.now = () => Date.now() + SIM_RUNNING.lineIntervalMs;
    const second = await download(sim(), out, { target }).finally(() => (sim().options.now = clock));
    expect(second.outcome).toBe('complete');
    expect(second.files.replaced).toBeGreaterThanOrEqual(2);
    const m2 = readJson<Manifest>(join(out, 'manifest.json'));
    const rec = m2.files.find((f: FileRecord) => f.path.endsWith(`job-${SIM_RUNNING.job}/step-${SIM_RUNNING.step}.json`))!;
    expect(rec.replaced).toHaveLength(1);
    expect(rec.replaced![0]!.sha256).not.toBe(rec.sha256);
    execFileSync('sha256sum', ['--quiet', '-c', 'SHA256SUMS'], { cwd: out });
  });
});
