// An evidence folder shaped like a real time-range download (issue 15): `copies` copies of a 95-job window, laid out
// as the downloader and the incident guide's script write it:
//
//   DIR/manifest.json
//   DIR/<workflow-id>/job-<n>/job-info.json, step-info.json
//   DIR/<workflow-id>/job-<n>/step-<s>[-node-<i>].txt
//
// With the defaults (20 copies, 360 MB): 1,900 jobs, ≈9,800 step .txt files, 3,800 job JSON files and the manifest,
// ≈13,600 files: the folder the issue measured. Step outputs have the sizes real ones have: most steps (spin-up,
// checkout, restore_cache, save_cache, store_test_results) a few KB, installs and lints tens of KB, builds hundreds,
// and test logs long-tailed up to several MB (lognormal, capped at 8 MB), scaled so the copy holds its share of
// `mb` (the folder's step-output megabytes, 10^6 bytes, 18 per copy by default). The text is search-loggen's (npm /
// jest / docker / go / pytest lines, ANSI colour, CRLF). Each copy has its own content (seeded by `seed` and the
// copy), so no two files are the same. Deterministic: same options, same bytes.
//
// `layout: 'download'` adds what `sleuth download` writes beside those: workflow.json, job-details.json, each
// output's body of record (step-<s>.json, a JSON array of {message, time, type}) and SHA256SUMS. The default is the
// issue's folder.
//
// `plant(jobIndex, step) → string | null`: text put in the middle of a step output. `jobIndex` counts jobs across
// the whole folder from 0 (copy × 95 + job in the window), `step` counts that job's outputs from 0 (node outputs
// included, in file order), as search-loggen's writeEvidence does.
//
//   const { files, bytes } = await writeRealFolder(dir, { copies: 20, plant });
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { rng, stepText } from './search-loggen.mjs';

export const JOBS_PER_WINDOW = 95;
const KB = 1024;
const MAX_STEP_BYTES = 8 * 1024 * KB;
/** Written to disk in pieces of this size: a 8 MB test log never sits whole in memory. */
const CHUNK_BYTES = 256 * KB;

/** Steps that print a little, whatever the job: [name, min bytes, max bytes, bash_command]. */
const SPIN_UP = ['Spin up environment', 1.5 * KB, 4 * KB, null];
const ENV = ['Preparing environment variables', 0.5 * KB, 2 * KB, null];
const CHECKOUT = ['Checkout code', 0.3 * KB, 3 * KB, null];
const RESTORE = ['Restoring cache', 0.2 * KB, 5 * KB, null];
const SAVE = ['Saving cache', 0.5 * KB, 3 * KB, null];
const RESULTS = ['Uploading test results', 0.2 * KB, 1 * KB, null];
/** Steps that print more; `big` ones share what is left of the copy's bytes (long tail). */
const INSTALL = ['npm ci', 10 * KB, 150 * KB, 'npm ci --no-audit --prefer-offline'];
const LINT = ['Lint', 2 * KB, 60 * KB, 'npm run lint -- --format stylish'];
const DEPLOY = ['Deploy', 3 * KB, 40 * KB, './scripts/deploy.sh "$CIRCLE_BRANCH"'];
const BUILD = ['Build', 'big', 0.3, 'npm run build && docker build -t acme/payments:$CIRCLE_SHA1 .'];
const UNIT = ['Run unit tests', 'big', 1, 'npx jest --ci --reporters=default --reporters=jest-junit'];
const INTEGRATION = ['Run integration tests', 'big', 1.5, 'pytest -q tests/integration --junitxml=test-results/junit.xml'];

/** One workflow of the window: five jobs, their steps with output. 19 of them make the 95-job window. */
const JOBS = [
  { name: 'lint', steps: [SPIN_UP, CHECKOUT, RESTORE, INSTALL, LINT] },
  { name: 'build', steps: [SPIN_UP, ENV, CHECKOUT, RESTORE, BUILD, SAVE] },
  { name: 'unit-tests', steps: [SPIN_UP, CHECKOUT, RESTORE, UNIT, RESULTS] },
  { name: 'integration-tests', steps: [SPIN_UP, CHECKOUT, RESTORE, INTEGRATION, RESULTS] },
  { name: 'deploy', steps: [SPIN_UP, ENV, CHECKOUT, DEPLOY] },
];
/** Workflows (of 19) whose unit tests run on two nodes: every step then has a `-node-1` output too. */
const PARALLEL_WORKFLOWS = new Set([2, 9, 15]);

const hex = (r, n) => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(r() * 16)]).join('');
const uuid = (r) => `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-a${hex(r, 3)}-${hex(r, 12)}`;
const between = (r, lo, hi) => Math.floor(lo + r() * (hi - lo));
/** A lognormal weight (median 1): most test logs modest, a few very large. */
const longTail = (r) => Math.exp(1.4 * Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r()));
const iso = (ms) => new Date(ms).toISOString();
/** jq's layout, as the downloader writes evidence JSON. */
const jsonText = (value) => `${JSON.stringify(value, null, 2)}\n`;

/** The plan of one copy: workflows, jobs, each output with its size. */
function planCopy(r, copy, bytesPerCopy) {
  const workflows = [];
  const big = [];
  let fixed = 0;
  const t0 = Date.UTC(2026, 10, 20, 8, 0, 0) + copy * 3_600_000;
  for (let w = 0; w < JOBS_PER_WINDOW / JOBS.length; w++) {
    const wf = { id: uuid(r), pipelineId: uuid(r), pipelineNumber: 4000 + copy * 19 + w, jobs: [] };
    for (let j = 0; j < JOBS.length; j++) {
      const template = JOBS[j];
      const nodes = template.name === 'unit-tests' && PARALLEL_WORKFLOWS.has(w) ? 2 : 1;
      const job = { number: 50_000 + (copy * JOBS_PER_WINDOW + w * JOBS.length + j), name: template.name, startedAt: t0 + w * 120_000 + j * 20_000, outputs: [] };
      template.steps.forEach(([name, lo, hi, command], s) => {
        const step = s === 0 ? 0 : s === 1 && name === ENV[0] ? 99 : 100 + s;
        for (let node = 0; node < nodes; node++) {
          const out = { step, node, name, command, bytes: 0 };
          if (lo === 'big') big.push({ out, weight: hi * longTail(r) });
          else {
            out.bytes = between(r, lo, hi);
            fixed += out.bytes;
          }
          job.outputs.push(out);
        }
      });
      job.outputs.sort((a, b) => a.step - b.step || a.node - b.node);
      wf.jobs.push(job);
    }
    workflows.push(wf);
  }
  // The long tail shares what the small steps left, each log capped; what a cap cuts goes to the others once.
  let left = Math.max(0, bytesPerCopy - fixed);
  let weights = big.reduce((a, b) => a + b.weight, 0);
  for (const b of [...big].sort((x, y) => y.weight - x.weight)) {
    b.out.bytes = Math.max(4 * KB, Math.min(MAX_STEP_BYTES, Math.round((left * b.weight) / weights)));
    left -= b.out.bytes;
    weights -= b.weight;
  }
  return workflows;
}

/**
 * Writes the folder into `dir` (which should be empty). Returns `{ files, bytes, txtFiles, jsonFiles, jobs }`:
 * every file written (the manifest included) and their bytes.
 */
export async function writeRealFolder(dir, { copies = 20, seed = 1, plant = () => null, mb = 18 * copies, layout = 'guide' } = {}) {
  const download = layout === 'download';
  const bytesPerCopy = Math.round((mb * 1_000_000) / Math.max(1, copies));
  const records = [];
  const counts = { files: 0, bytes: 0, txtFiles: 0, jsonFiles: 0, jobs: 0 };
  const manifestJobs = {};
  const manifestWorkflows = {};
  /** Writes `pieces` (strings) to `rel`, hashing as it goes; records the file for the manifest. */
  const put = (rel, pieces, record) => {
    const hash = createHash('sha256');
    const fd = openSync(join(dir, rel), 'w');
    let size = 0;
    try {
      for (const piece of pieces) {
        const buf = Buffer.from(piece, 'utf8');
        writeSync(fd, buf);
        hash.update(buf);
        size += buf.length;
      }
    } finally {
      closeSync(fd);
    }
    records.push({ path: rel, size, sha256: hash.digest('hex'), ...record });
    counts.files++;
    counts.bytes += size;
    if (rel.endsWith('.txt')) counts.txtFiles++;
    else counts.jsonFiles++;
  };

  for (let copy = 0; copy < copies; copy++) {
    const r = rng((seed * 7919 + copy * 104_729) >>> 0 || 1);
    for (const wf of planCopy(r, copy, bytesPerCopy)) {
      mkdirSync(join(dir, wf.id), { recursive: true });
      manifestWorkflows[wf.id] = { id: wf.id, name: 'build-test-deploy', status: 'success', pipeline_id: wf.pipelineId, pipeline_number: wf.pipelineNumber, unnumbered_jobs: [] };
      if (download) {
        put(`${wf.id}/workflow.json`, [jsonText({ id: wf.id, name: 'build-test-deploy', status: 'success', pipeline_id: wf.pipelineId, pipeline_number: wf.pipelineNumber, created_at: iso(wf.jobs[0].startedAt) })], { kind: 'workflow', source: `/api/v2/workflow/${wf.id}`, status: 200, fetched_at: iso(wf.jobs[0].startedAt + 3_600_000), final: true });
      }
      for (const job of wf.jobs) {
        const jobIndex = counts.jobs++;
        const folder = `${wf.id}/job-${job.number}`;
        mkdirSync(join(dir, folder));
        const stoppedAt = job.startedAt + 90_000 + job.outputs.length * 10_000;
        const fetched = iso(stoppedAt + 3_600_000);
        put(`${folder}/job-info.json`, [jsonText({ name: job.name, status: 'success', started_at: iso(job.startedAt), stopped_at: iso(stoppedAt) })], { kind: 'job-info', job: job.number, source: `/api/v2/workflow/${wf.id}/job`, status: 200, fetched_at: fetched, final: true });
        if (download) {
          put(`${folder}/job-details.json`, [jsonText({ number: job.number, name: job.name, status: 'success', started_at: iso(job.startedAt), stopped_at: iso(stoppedAt), parallelism: Math.max(...job.outputs.map((o) => o.node)) + 1, executor: { type: 'docker', resource_class: 'medium' } })], { kind: 'job-details', job: job.number, source: `/api/v2/project/gh/acme/payments/job/${job.number}`, status: 200, fetched_at: fetched, final: true });
        }
        const actions = job.outputs.map((o, i) => ({
          step: o.step, index: o.node, name: o.name, bash_command: o.command ? `#!/bin/bash -eo pipefail\n${o.command}` : null,
          start_time: iso(job.startedAt + i * 10_000), end_time: iso(job.startedAt + i * 10_000 + 9_000), exit_code: o.command ? 0 : null,
          status: 'success', run_time_millis: 9_000, background: false, parallel: job.outputs.some((x) => x.node > 0),
        }));
        put(`${folder}/step-info.json`, [jsonText(actions)], { kind: 'step-info', job: job.number, source: `/api/v1.1/project/github/acme/payments/${job.number}`, status: 200, fetched_at: fetched, final: true });
        job.outputs.forEach((o, ordinal) => {
          const base = `${folder}/step-${o.step}${o.node === 0 ? '' : `-node-${o.node}`}`;
          const extra = plant(jobIndex, ordinal);
          const pieces = [];
          for (let written = 0; written < o.bytes; written += CHUNK_BYTES) pieces.push(stepText(r, Math.min(CHUNK_BYTES, o.bytes - written)));
          if (extra) {
            // In the middle of the log, at a line start.
            const mid = Math.floor(pieces.length / 2);
            const text = pieces[mid];
            const at = text.indexOf('\r\n', Math.floor(text.length / 2)) + 2 || text.length;
            pieces.splice(mid, 1, text.slice(0, at), extra, text.slice(at));
          }
          const meta = { job: job.number, step: o.step, node: o.node, status: 200, fetched_at: fetched, final: true, source: `https://circle-production-action-output.s3.amazonaws.com/${hex(r, 24)}` };
          if (download) {
            const body = JSON.stringify(pieces.join('').split(/(?<=\n)/).map((message, i) => ({ message, time: iso(job.startedAt + i * 50), type: 'out' })));
            put(`${base}.json`, [body], { kind: 'step-output', content_type: 'application/json', ...meta });
            put(`${base}.txt`, pieces, { kind: 'step-output-text', derived_from: `${base}.json`, ...meta });
          } else {
            put(`${base}.txt`, pieces, { kind: 'step-output-text', ...meta });
          }
        });
        manifestJobs[String(job.number)] = { number: job.number, workflow_id: wf.id, name: job.name, type: 'build', status: 'success', final: true, complete: true, completed_at: fetched, notes: [] };
      }
    }
    // Let a caller's timers and progress run between copies.
    await new Promise((resolve) => setImmediate(resolve));
  }

  const started = iso(Date.UTC(2026, 10, 20, 12, 0, 0));
  const query = { project: 'gh/acme/payments', window: { since: iso(Date.UTC(2026, 10, 20, 8, 0, 0)), until: iso(Date.UTC(2026, 10, 21, 8, 0, 0)) }, target: { kind: 'project' } };
  records.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const manifest = {
    format: 'circle-sleuth-evidence', format_version: 1, tool: { name: 'circle-sleuth', version: '0.0.0-bench' }, node: 'v20.0.0',
    machine: { hostname: 'bench', user: 'bench', platform: 'linux' }, circleci: { host: 'https://circleci.com', me: null }, query,
    started_at: started, finished_at: started, complete: true,
    runs: [{ started_at: started, finished_at: started, query, me: null, outcome: 'complete', files_written: records.length, files_unchanged: 0, files_replaced: 0, bytes_written: counts.bytes, failures: [] }],
    workflows: manifestWorkflows, jobs: manifestJobs, files: records, unparsed: [], notes: [],
  };
  const manifestText = jsonText(manifest);
  writeFileSync(join(dir, 'manifest.json'), manifestText);
  counts.files++;
  counts.jsonFiles++;
  counts.bytes += Buffer.byteLength(manifestText);
  if (download) {
    const sums = `${records.map((f) => `${f.sha256}  ${f.path}`).join('\n')}\n${createHash('sha256').update(manifestText).digest('hex')}  manifest.json\n`;
    writeFileSync(join(dir, 'SHA256SUMS'), sums);
    counts.files++;
    counts.bytes += Buffer.byteLength(sums);
  }
  return counts;
}
