// `sleuth search VALUE DIR` against `grep -rF VALUE DIR` and `rg -aF VALUE DIR` (the rg @vscode/ripgrep ships), wall
// time with process start included, page cache warm, runs interleaved, medians. Two folders:
// - real: shaped like a real time-range download (bench/lib/real-folder.mjs: 20 copies of a 95-job window, ≈13,600
//   files, ≈370 MB, most step outputs a few KB, long-tailed test logs): per-file cost dominates;
// - large: the earlier bench's ≥300 MB in 570 large step outputs (bench/lib/search-loggen.mjs): scanning dominates.
// Two values: a 20-character AWS key id and a 40-character GitHub token. sleuth's exact search includes every encoding
// (the default). Prints one JSON line (bench/run.js's format) and a short table on stderr. Folders live in a temp
// dir, deleted at the end.
//
// sleuth runs as a user runs it: bin/sleuth.js executed directly, so its sh launcher drops NODE_EXTRA_CA_CERTS for
// search before Node starts (Node parses the whole bundle at start-up otherwise). `node bin/sleuth.js` (the bundle
// parsed) is measured too when the variable is set, and every sleuth figure again with the variable unset, which is
// how a jump host without a corporate CA bundle runs it. Start-up: `node -e 0` with and without the variable, and
// sleuth's time to first byte of `sleuth --version` (bin/sleuth.js's fast path: no CLI loaded).
//
// Goals (issue 15): ≤ 1.2x rg -aF; ≤ 1.5x grep -rF with the environment as it is; ≤ 1x grep -rF without the CA bundle.
//
//   npm run build && node bench/search-vs-grep.mjs [--shape real|large|both] [--runs 11] [--copies 20] [--mb 300]
//                                                  [--layout guide|download] [--with-json] [--keep]
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rgPath } from '@vscode/ripgrep';
import { writeRealFolder } from './lib/real-folder.mjs';
import { writeEvidence } from './lib/search-loggen.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i === -1 ? dflt : process.argv[i + 1];
};
const SHAPE = arg('--shape', 'both');
const RUNS = Number(arg('--runs', '11'));
const COPIES = Number(arg('--copies', '20'));
const MB = Number(arg('--mb', '300'));
const LAYOUT = arg('--layout', 'guide');
const WITH_JSON = process.argv.includes('--with-json');

const GOALS = { vs_rg: 1.2, vs_grep: 1.5, vs_grep_without_extra_ca_certs: 1 };

// Fake secrets, assembled so this file is not itself a leak.
const TOKEN = ['ghp_', 'Rz4Xq8Lm2Vn7Kp1Wt9Yb', '3Cs6Df0Gh5Jk8Mn2'].join('');
const AWS_KEY_ID = ['AKIA', 'Q3EGRTLYX7K5', 'WZPN'].join('');
/** (job index, step index) → text planted in the middle of that step output: raw, base64, through junk. */
const plant = (job, step) => {
  if (job === 3 && step === 2) return `git clone https://x-access-token:${TOKEN}@github.com/acme/rules.git\r\n`;
  if (job === 40 && step === 4) return `${(Buffer.from(`HOME=/root\nGITHUB_TOKEN=${TOKEN}\nAWS=${AWS_KEY_ID}\n`).toString('base64').match(/.{1,76}/g) ?? []).join('\r\n')}\r\n`;
  if (job === 77 && step === 1) return `token: ${TOKEN.slice(0, 12)}\x1b[0m${TOKEN.slice(12)}\r\n`;
  if (job === 80 && step === 2) return `key: ${AWS_KEY_ID.slice(0, 8)}\u200b${AWS_KEY_ID.slice(8)}\r\n`;
  if (job === 20 && step === 3) return `AWS_ACCESS_KEY_ID=${AWS_KEY_ID}\r\n`;
  if (job === 1207 && step === 0) return `export GH_TOKEN="${TOKEN}"\r\n`;
  return null;
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const round2 = (x) => Math.round(x * 100) / 100;
function time(cmd, args, opts = {}) {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { maxBuffer: 1 << 28, ...opts });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  return { ms, status: r.status, out: r.stdout?.toString() ?? '', err: r.stderr?.toString() ?? '' };
}
/** Time to the first byte on stdout, and to the exit. */
function firstByte(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const t = process.hrtime.bigint();
    const since = () => Number(process.hrtime.bigint() - t) / 1e6;
    let first = null;
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'ignore'], ...opts });
    child.stdout.on('data', () => {
      first ??= since();
    });
    child.on('error', reject);
    child.on('close', () => resolve({ first: first ?? since(), exit: since() }));
  });
}

const bin = join(repo, 'bin/sleuth.js');
const extraCa = Boolean(process.env.NODE_EXTRA_CA_CERTS);
const noCaEnv = { ...process.env };
delete noCaEnv.NODE_EXTRA_CA_CERTS;
const lines = (out) => out.split('\n').filter(Boolean).length;

/** grep, rg and sleuth (as run directly; via `node`; without the CA bundle), interleaved run by run. */
async function measure(dir, value) {
  const grep = ['grep', ['-rF', '--', value, dir]];
  const rg = [rgPath, ['--no-config', '-aF', '--', value, dir]];
  const sleuth = (env = process.env) => [bin, ['search', '--json', '--', value, dir], { env }];
  const sleuthViaNode = [process.execPath, [bin, 'search', '--json', '--', value, dir]];
  // Warm the page cache (and rg's and sleuth's own files).
  time(...grep);
  time(...rg);
  time(...sleuth());
  const runs = { grep: [], rg: [], sleuth: [], viaNode: [], noCa: [] };
  let out = { grep: '', rg: '', sleuth: '' };
  for (let i = 0; i < RUNS; i++) {
    const g = time(...grep);
    const r = time(...rg);
    const s = time(...sleuth());
    // Exit 1 is "no hits" (a small --mb folder may hold no planted value); 2 is a failed search.
    if (s.status !== 0 && s.status !== 1) throw new Error(`sleuth search exited ${s.status}: ${s.err.slice(0, 500)}`);
    runs.grep.push(g.ms);
    runs.rg.push(r.ms);
    runs.sleuth.push(s.ms);
    out = { grep: g.out, rg: r.out, sleuth: s.out };
    if (extraCa) {
      runs.viaNode.push(time(...sleuthViaNode).ms);
      runs.noCa.push(time(...sleuth(noCaEnv)).ms);
    }
  }
  const hits = JSON.parse(out.sleuth || '[]');
  const byEncoding = {};
  for (const h of hits) {
    const key = `${h.encoding}${h.via?.length ? `+${h.via.join('+')}` : ''}`;
    byEncoding[key] = (byEncoding[key] ?? 0) + 1;
  }
  const [grepMs, rgMs, sleuthMs] = [median(runs.grep), median(runs.rg), median(runs.sleuth)];
  const goal = (ratio, max) => ({ goal: `≤ ${max}x`, met: ratio <= max });
  const vsGrep = round2(sleuthMs / grepMs);
  const vsRg = round2(sleuthMs / rgMs);
  const result = {
    grep_ms: Math.round(grepMs),
    rg_ms: Math.round(rgMs),
    sleuth_ms: Math.round(sleuthMs),
    ratio_vs_rg: vsRg,
    goal_vs_rg: goal(vsRg, GOALS.vs_rg),
    ratio_vs_grep: vsGrep,
    goal_vs_grep: goal(vsGrep, GOALS.vs_grep),
  };
  if (extraCa) {
    const noCaMs = median(runs.noCa);
    const viaNodeMs = median(runs.viaNode);
    const noCaVsGrep = round2(noCaMs / grepMs);
    Object.assign(result, {
      sleuth_ms_without_extra_ca_certs: Math.round(noCaMs),
      ratio_vs_grep_without_extra_ca_certs: noCaVsGrep,
      goal_vs_grep_without_extra_ca_certs: goal(noCaVsGrep, GOALS.vs_grep_without_extra_ca_certs),
      ratio_vs_rg_without_extra_ca_certs: round2(noCaMs / rgMs),
      sleuth_via_node_ms: Math.round(viaNodeMs),
      ratio_via_node_vs_grep: round2(viaNodeMs / grepMs),
    });
  } else {
    Object.assign(result, { goal_vs_grep_without_extra_ca_certs: goal(vsGrep, GOALS.vs_grep_without_extra_ca_certs) });
  }
  Object.assign(result, { grep_hits: lines(out.grep), rg_hits: lines(out.rg), sleuth_hits: hits.length, sleuth_hits_by_encoding: byEncoding });
  return result;
}

/** The search alone, in-process from dist/ (no process start-up): what start-up adds is sleuth_ms minus this. */
async function core(dir, value) {
  try {
    const { runSearch } = await import(join(repo, 'dist/search/run.js'));
    const { evidenceCorpus } = await import(join(repo, 'dist/search/corpus.js'));
    const xs = [];
    for (let i = 0; i < RUNS; i++) {
      const t = process.hrtime.bigint();
      await runSearch({ pattern: value, mode: 'exact', corpus: evidenceCorpus(dir) });
      xs.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    return Math.round(median(xs));
  } catch (e) {
    return `not measured (${e instanceof Error ? e.message.split('\n')[0] : 'error'})`;
  }
}

async function shape(name, dir, made, buildMs) {
  process.stderr.write(`bench: ${name} folder: ${made.files} files, ${Math.round(made.bytes / 1048576)} MiB, built in ${buildMs} ms\n`);
  const aws = { value: '20-char AWS key id', ...(await measure(dir, AWS_KEY_ID)), core_in_process_ms: await core(dir, AWS_KEY_ID) };
  const token = { value: '40-char GitHub token', ...(await measure(dir, TOKEN)), core_in_process_ms: await core(dir, TOKEN) };
  return { files: made.files, mb: Math.round(made.bytes / 1048576), ...(made.txtFiles ? { txt_files: made.txtFiles, json_files: made.jsonFiles } : {}), build_folder_ms: buildMs, aws_key_id: aws, github_token: token };
}

async function startup() {
  const node = median(Array.from({ length: 15 }, () => time(process.execPath, ['-e', '0']).ms));
  const nodeNoCa = median(Array.from({ length: 15 }, () => time(process.execPath, ['-e', '0'], { env: noCaEnv }).ms));
  const version = [];
  const versionViaNode = [];
  for (let i = 0; i < 15; i++) {
    version.push(await firstByte(bin, ['--version']));
    versionViaNode.push(await firstByte(process.execPath, [bin, '--version']));
  }
  return {
    node_e0_ms: Math.round(node),
    ...(extraCa ? { node_e0_ms_without_extra_ca_certs: Math.round(nodeNoCa) } : {}),
    sleuth_version_first_byte_ms: Math.round(median(version.map((v) => v.first))),
    sleuth_version_exit_ms: Math.round(median(version.map((v) => v.exit))),
    ...(extraCa ? { sleuth_version_via_node_first_byte_ms: Math.round(median(versionViaNode.map((v) => v.first))) } : {}),
  };
}

function summary(name, s) {
  if (!s) return;
  for (const v of [s.aws_key_id, s.github_token]) {
    const ca = extraCa ? `  without CA ${v.sleuth_ms_without_extra_ca_certs} ms (${v.ratio_vs_grep_without_extra_ca_certs}x grep, goal ≤ 1x)  via node ${v.sleuth_via_node_ms} ms` : '';
    process.stderr.write(`${name.padEnd(5)} ${v.value.padEnd(20)} grep ${v.grep_ms} ms  rg ${v.rg_ms} ms  sleuth ${v.sleuth_ms} ms: ${v.ratio_vs_rg}x rg (goal ≤ 1.2x), ${v.ratio_vs_grep}x grep (goal ≤ 1.5x)${ca}  hits g/rg/s ${v.grep_hits}/${v.rg_hits}/${v.sleuth_hits}\n`);
  }
}

const root = mkdtempSync(join(tmpdir(), 'sleuth-bench-'));
try {
  const result = { bench: 'search-vs-grep', goals: { vs_rg: '≤ 1.2x rg -aF', vs_grep: '≤ 1.5x grep -rF', vs_grep_without_extra_ca_certs: '≤ 1x grep -rF' } };
  if (SHAPE === 'real' || SHAPE === 'both') {
    const dir = join(root, 'real');
    mkdirSync(dir);
    const t0 = Date.now();
    const made = await writeRealFolder(dir, { copies: COPIES, plant, layout: LAYOUT });
    result.real = { layout: LAYOUT, copies: COPIES, ...(await shape('real', dir, made, Date.now() - t0)) };
    if (!process.argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
  }
  if (SHAPE === 'large' || SHAPE === 'both') {
    const dir = join(root, 'large');
    mkdirSync(dir);
    const t0 = Date.now();
    const made = writeEvidence(dir, MB * 1024 * 1024, { plant, withJson: WITH_JSON });
    result.large = { layout: WITH_JSON ? 'txt+json' : 'txt only', ...(await shape('large', dir, { files: made.files, bytes: made.allBytes }, Date.now() - t0)) };
  }
  result.startup = await startup();
  Object.assign(result, { runs: RUNS, node_extra_ca_certs: extraCa ? 'set' : 'unset', cpus: cpus().length, rg: spawnSync(rgPath, ['--version']).stdout.toString().split('\n')[0] });
  summary('real', result.real);
  summary('large', result.large);
  process.stderr.write(`start-up: node -e 0 ${result.startup.node_e0_ms} ms${extraCa ? ` (${result.startup.node_e0_ms_without_extra_ca_certs} ms without NODE_EXTRA_CA_CERTS)` : ''}; sleuth --version first byte ${result.startup.sleuth_version_first_byte_ms} ms${extraCa ? ` (via node, CA parsed: ${result.startup.sleuth_version_via_node_first_byte_ms} ms)` : ''}\n`);
  console.log(JSON.stringify(result));
} finally {
  if (!process.argv.includes('--keep')) rmSync(root, { recursive: true, force: true });
}
