// `sleuth search LITERAL DIR` against `grep -rF LITERAL DIR` on the same ≥300 MB evidence folder (realistic step
// output, a few planted secrets), page cache warm, runs interleaved, medians. sleuth's exact search includes every
// encoding (base64 ×3 alignments, URL-safe, hex, percent, JSON, reversed, spaced, zero-width interleaved) and the
// through-junk pieces. Two values: a 40-character GitHub token (the headline figure) and a 20-character AWS key id
// (shorter needles let the scan skip less). Prints one JSON line. The folder lives in a temp dir, deleted at the end.
//
// Node reads and parses the whole NODE_EXTRA_CA_CERTS bundle before it runs any script (~35 ms on the 2-core bench
// machine), though a search never opens a TLS connection. When the variable is set, each ratio is also given
// without it, which is how a jump host without a corporate CA bundle runs sleuth.
//
//   npm run build && node bench/search-vs-grep.mjs [--mb 300] [--runs 11] [--with-json] [--keep]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeEvidence } from './lib/search-loggen.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i === -1 ? dflt : process.argv[i + 1];
};
const MB = Number(arg('--mb', '300'));
const RUNS = Number(arg('--runs', '11'));
const WITH_JSON = process.argv.includes('--with-json');

// Fake secrets, assembled so this file is not itself a leak.
const TOKEN = ['ghp_', 'Rz4Xq8Lm2Vn7Kp1Wt9Yb', '3Cs6Df0Gh5Jk8Mn2'].join('');
const AWS_KEY_ID = ['AKIA', 'Q3EGRTLYX7K5', 'WZPN'].join('');
const plant = (job, step) => {
  if (job === 3 && step === 2) return `git clone https://x-access-token:${TOKEN}@github.com/acme/rules.git\r\n`;
  if (job === 40 && step === 4) return `${(Buffer.from(`HOME=/root\nGITHUB_TOKEN=${TOKEN}\nAWS=${AWS_KEY_ID}\n`).toString('base64').match(/.{1,76}/g) ?? []).join('\r\n')}\r\n`;
  if (job === 77 && step === 1) return `token: ${TOKEN.slice(0, 12)}\x1b[0m${TOKEN.slice(12)}\r\n`;
  if (job === 80 && step === 2) return `key: ${AWS_KEY_ID.slice(0, 8)}\u200b${AWS_KEY_ID.slice(8)}\r\n`;
  if (job === 20 && step === 3) return `AWS_ACCESS_KEY_ID=${AWS_KEY_ID}\r\n`;
  return null;
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const round2 = (x) => Math.round(x * 100) / 100;
function time(cmd, args, opts = {}) {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { maxBuffer: 1 << 26, ...opts });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  return { ms, status: r.status, out: r.stdout?.toString() ?? '' };
}

const bin = join(repo, 'bin/sleuth.js');
const extraCa = Boolean(process.env.NODE_EXTRA_CA_CERTS);
const noCaEnv = { ...process.env };
delete noCaEnv.NODE_EXTRA_CA_CERTS;

/** grep, sleuth (--json and --literal), and sleuth without the CA bundle, interleaved run by run. */
async function measure(dir, value) {
  const sleuth = (flags, env = process.env) => ['node', [bin, 'search', value, dir, ...flags], { env }];
  // Warm the page cache.
  time('grep', ['-rF', value, dir]);
  time(...sleuth([]));
  const runs = { grep: [], sleuth: [], literal: [], noCa: [] };
  let grepOut = '';
  let sleuthOut = '';
  for (let i = 0; i < RUNS; i++) {
    const g = time('grep', ['-rF', value, dir]);
    runs.grep.push(g.ms);
    grepOut = g.out;
    const s = time(...sleuth(['--json']));
    runs.sleuth.push(s.ms);
    sleuthOut = s.out;
    runs.literal.push(time(...sleuth(['--literal'])).ms);
    if (extraCa) runs.noCa.push(time(...sleuth(['--json'], noCaEnv)).ms);
  }
  const hits = JSON.parse(sleuthOut || '[]');
  const byEncoding = {};
  for (const h of hits) {
    const key = `${h.encoding}${h.via.length ? `+${h.via.join('+')}` : ''}`;
    byEncoding[key] = (byEncoding[key] ?? 0) + 1;
  }
  // The search core alone, in-process (no process start-up), from dist/.
  const { runSearch } = await import(join(repo, 'dist/search/run.js'));
  const { evidenceCorpus } = await import(join(repo, 'dist/search/corpus.js'));
  const core = [];
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint();
    await runSearch({ pattern: value, mode: 'exact', corpus: evidenceCorpus(dir) });
    core.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  const grepMs = median(runs.grep);
  return {
    grep_ms: Math.round(grepMs),
    sleuth_ms: Math.round(median(runs.sleuth)),
    ratio: round2(median(runs.sleuth) / grepMs),
    sleuth_literal_ms: Math.round(median(runs.literal)),
    ratio_literal: round2(median(runs.literal) / grepMs),
    ...(extraCa ? { sleuth_ms_without_extra_ca_certs: Math.round(median(runs.noCa)), ratio_without_extra_ca_certs: round2(median(runs.noCa) / grepMs) } : {}),
    core_in_process_ms: Math.round(median(core)),
    core_ratio: round2(median(core) / grepMs),
    grep_hits: grepOut.split('\n').filter(Boolean).length,
    sleuth_hits: hits.length,
    sleuth_hits_by_encoding: byEncoding,
  };
}

const dir = mkdtempSync(join(tmpdir(), 'sleuth-bench-'));
try {
  const t0 = Date.now();
  const made = writeEvidence(dir, MB * 1024 * 1024, { plant, withJson: WITH_JSON });
  const buildMs = Date.now() - t0;
  const token = await measure(dir, TOKEN);
  const aws = await measure(dir, AWS_KEY_ID);
  const nodeFloor = median(Array.from({ length: 7 }, () => time('node', ['-e', '0']).ms));
  const nodeFloorNoCa = median(Array.from({ length: 7 }, () => time('node', ['-e', '0'], { env: noCaEnv }).ms));
  console.log(
    JSON.stringify({
      bench: 'search-vs-grep',
      goal: 'sleuth search LITERAL DIR within 2x of grep -rF LITERAL DIR, encodings included',
      mb: Math.round(made.bytes / 1048576),
      mb_on_disk: Math.round(made.allBytes / 1048576),
      files: made.files,
      layout: WITH_JSON ? 'txt+json (as sleuth download writes)' : 'txt only',
      runs: RUNS,
      value: '40-char GitHub token',
      ...token,
      aws_key_id: { value: '20-char AWS key id', ...aws },
      node_startup_ms: Math.round(nodeFloor),
      ...(extraCa ? { node_extra_ca_certs: 'set', node_startup_ms_without_extra_ca_certs: Math.round(nodeFloorNoCa) } : {}),
      build_folder_ms: buildMs,
      cpus: cpus().length,
    }),
  );
} finally {
  if (!process.argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
}
