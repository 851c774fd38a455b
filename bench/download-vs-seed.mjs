#!/usr/bin/env node
// Benchmark: the incident guide's own "project in a time range" script (curl + jq, one request
// at a time) against `sleuth download project`, over the same window of the simulator with 20 ms
// of added latency per request. Prints one JSON line: both times, the ratio, and completeness.
//
//   npm run build && node bench/download-vs-seed.mjs [--latency 20] [--concurrency 8] [--keep]
//
// --concurrency is sleuth's API concurrency (default 8, as in the CLI); presigned storage fetches
// carry no token and get a wider lane of their own (4x, at most 32).
// Sleuth makes ~734 requests for this window (every job page, every node, details, artifacts)
// against the seed's ~355.
//
// Window: AFTER = pipeline 896's created_at, so pipelines 896–909 (14): the exfiltration (896),
// 4 shards (897), the 45-job matrix (898), the 20 MB / 314k-line nightly log (899), routine
// ones and the running deploy (909). The seed has no --until, so 899 cannot be left out of a
// window that includes 896–898; it is included (jq takes about a second on it, not minutes).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { startSimulator, SIM_ANCHOR_MS, SIM_PIPELINES, SIM_PROJECT, SIM_PROJECT_V1_SLUG } = await import('../dist/sim/index.js');

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const latencyMs = Number(arg('latency', '20'));
const concurrency = arg('concurrency', '8');
const keep = process.argv.includes('--keep');
const FROM = Number(arg('from', '896'));

for (const tool of ['curl', 'jq', 'bash']) {
  if (spawnSync(tool, ['--version'], { stdio: 'ignore' }).status !== 0) {
    process.stderr.write(`bench: ${tool} is needed to run the seed's script\n`);
    process.exit(2);
  }
}

const TOKEN = 'bench-token-0123456789abcdef';
const AFTER = new Date(SIM_ANCHOR_MS - (SIM_PIPELINES.last - FROM) * 2 * 3600e3).toISOString();
const work = mkdtempSync(join(tmpdir(), 'sleuth-bench-'));
const sim = await startSimulator({ latencyMs, requiredToken: TOKEN });

function run(cmd, args, env) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, out, err, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
  });
}

/** Files under dir (relative paths), never following symlinks. */
function files(dir) {
  const out = [];
  const go = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) go(p);
      else if (e.isFile()) out.push(relative(dir, p));
    }
  };
  go(dir);
  return out;
}

function summarize(dir) {
  const all = files(dir);
  const steps = all.filter((f) => /\/job-\d+\/step-\d+(-node-\d+)?\.txt$/.test(f));
  return {
    workflows: new Set(all.filter((f) => /\/job-\d+\//.test(f)).map((f) => f.split('/')[0])).size,
    jobs: new Set(all.filter((f) => /\/job-\d+\//.test(f)).map((f) => f.split('/').slice(0, 2).join('/'))).size,
    stepOutputs: steps.length,
    emptyStepOutputs: steps.filter((f) => statSync(join(dir, f)).size === 0).length,
    parallelNodeOutputs: steps.filter((f) => f.includes('-node-')).length,
    stepSet: new Set(steps),
  };
}

try {
  const env = { CIRCLE_HOST: sim.apiUrl, CIRCLE_TOKEN: TOKEN, SLEUTH_CACHE_DIR: join(work, 'cache'), NO_COLOR: '1' };
  const seedOut = join(work, 'seed');
  const seed = await run('bash', [join(root, 'bench/seed-project-range.sh'), SIM_PROJECT, SIM_PROJECT_V1_SLUG, AFTER, seedOut], env);
  if (seed.code !== 0) throw new Error(`the seed's script failed (${seed.code}): ${seed.err.slice(0, 400)}`);

  const cli = join(root, 'bin/sleuth.js');
  const sleuthOut = join(work, 'sleuth');
  const args = [cli, 'download', 'project', SIM_PROJECT, '--since', AFTER, '--out', sleuthOut, '--json', '--quiet', '--no-cache', '--concurrency', concurrency, '--artifacts-host', sim.artifactsUrl];
  const sleuth = await run(process.execPath, args, env);
  if (sleuth.code !== 0) throw new Error(`sleuth download failed (${sleuth.code}): ${sleuth.err.slice(0, 400)}`);
  const summary = JSON.parse(sleuth.out);
  execFileSync('sha256sum', ['--quiet', '--strict', '-c', 'SHA256SUMS'], { cwd: sleuthOut });

  const s = summarize(seedOut);
  const t = summarize(sleuthOut);
  const missing = [...s.stepSet].filter((f) => !t.stepSet.has(f));
  const line = {
    bench: 'download-vs-seed',
    latencyMs,
    window: { after: AFTER, pipelines: `${FROM}-${SIM_PIPELINES.last}` },
    seedMs: Math.round(seed.ms),
    sleuthMs: Math.round(sleuth.ms),
    ratio: Math.round((seed.ms / sleuth.ms) * 10) / 10,
    concurrency: Number(concurrency),
    cli: 'bin/sleuth.js',
    seed: { workflows: s.workflows, jobs: s.jobs, stepOutputs: s.stepOutputs, emptyStepOutputs: s.emptyStepOutputs, parallelNodeOutputs: s.parallelNodeOutputs },
    sleuth: { workflows: t.workflows, jobs: t.jobs, stepOutputs: t.stepOutputs, emptyStepOutputs: t.emptyStepOutputs, parallelNodeOutputs: t.parallelNodeOutputs, artifacts: summary.artifacts.fetched, bytes: summary.bytesWritten, outcome: summary.outcome },
    sleuthHasEverySeedFile: missing.length === 0,
    requests: sim.requests.length,
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
  if (missing.length > 0) process.stderr.write(`bench: sleuth lacks ${missing.length} file(s) the seed has: ${missing.slice(0, 5).join(', ')}\n`);
  if (keep) process.stderr.write(`bench: folders kept in ${work}\n`);
} finally {
  await sim.close();
  if (!keep) rmSync(work, { recursive: true, force: true });
}
