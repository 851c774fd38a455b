// `sleuth search LITERAL DIR` against `grep -rF LITERAL DIR` on the same ≥300 MB evidence folder (realistic step
// output, a few planted secrets), page cache warm, several runs each, medians. sleuth's exact search includes every
// encoding (base64 ×3 alignments, URL-safe, hex, percent, JSON, reversed, spaced, zero-width interleaved) and the
// through-junk pieces. Prints one JSON line. The folder lives in a temp dir and is deleted at the end.
//
//   npm run build && node bench/search-vs-grep.mjs [--mb 300] [--runs 7] [--with-json] [--keep]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeEvidence } from './search-loggen.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i === -1 ? dflt : process.argv[i + 1];
};
const MB = Number(arg('--mb', '300'));
const RUNS = Number(arg('--runs', '7'));
const WITH_JSON = process.argv.includes('--with-json');

// Fake secrets, assembled so this file is not itself a leak.
const TOKEN = ['ghp_', 'Rz4Xq8Lm2Vn7Kp1Wt9Yb', '3Cs6Df0Gh5Jk8Mn2'].join('');
const OTHER = ['AKIA', 'Q3EGRTLYX7K5', 'WZPN'].join('');
// --value aws searches the 20-character key id instead of the 40-character token (shorter needles skip less).
const SECRET = arg('--value', 'token') === 'aws' ? OTHER : TOKEN;
const plant = (job, step) => {
  if (job === 3 && step === 2) return `git clone https://x-access-token:${TOKEN}@github.com/acme/rules.git\r\n`;
  if (job === 40 && step === 4) return `${(Buffer.from(`HOME=/root\nGITHUB_TOKEN=${TOKEN}\nAWS=${OTHER}\n`).toString('base64').match(/.{1,76}/g) ?? []).join('\r\n')}\r\n`;
  if (job === 77 && step === 1) return `token: ${TOKEN.slice(0, 12)}\x1b[0m${TOKEN.slice(12)}\r\n`;
  if (job === 80 && step === 2) return `key: ${OTHER.slice(0, 8)}\u200b${OTHER.slice(8)}\r\n`;
  if (job === 20 && step === 3) return `AWS_ACCESS_KEY_ID=${OTHER}\r\n`;
  return null;
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
function time(cmd, args, opts = {}) {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { maxBuffer: 1 << 26, ...opts });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  return { ms, status: r.status, out: r.stdout?.toString() ?? '', err: r.stderr?.toString() ?? '' };
}

const dir = mkdtempSync(join(tmpdir(), 'sleuth-bench-'));
try {
  const t0 = Date.now();
  const made = writeEvidence(dir, MB * 1024 * 1024, { plant, withJson: WITH_JSON });
  const buildMs = Date.now() - t0;

  // `search` through bin/sleuth.js once register.ts has it; before that, the same command through a minimal
  // commander program (what register.ts would run, minus the other commands' imports).
  const viaBin = spawnSync('node', [join(repo, 'bin/sleuth.js'), 'search', '--help']).stdout.toString().includes('--fuzzy');
  const direct = join(dir, '..', `sleuth-bench-entry-${process.pid}.mjs`);
  if (!viaBin) {
    writeFileSync(
      direct,
      `import { Command } from ${JSON.stringify(join(repo, 'node_modules/commander/esm.mjs'))};\n` +
        `import { registerSearch } from ${JSON.stringify(join(repo, 'dist/cli/commands/search.js'))};\n` +
        `const io = { out: process.stdout, err: process.stderr, env: process.env, cwd: process.cwd() };\n` +
        `let code = 0; const p = new Command('sleuth');\n` +
        `registerSearch(p, io, { run: (fn) => async (...a) => { code = await fn(...a.slice(0, -1)); } });\n` +
        `await p.parseAsync(process.argv); process.exitCode = code;\n`,
    );
  }
  const sleuth = (flags) => (viaBin ? ['node', [join(repo, 'bin/sleuth.js'), 'search', SECRET, dir, ...flags]] : ['node', [direct, 'search', SECRET, dir, ...flags]]);

  // Warm the page cache (and check both tools agree on the raw hits).
  time('grep', ['-rF', SECRET, dir]);
  time(...sleuth([]));

  const grepRuns = [];
  const sleuthRuns = [];
  const literalRuns = [];
  let grepOut = '';
  let sleuthOut = '';
  for (let i = 0; i < RUNS; i++) {
    const g = time('grep', ['-rF', SECRET, dir]);
    grepRuns.push(g.ms);
    grepOut = g.out;
    const s = time(...sleuth(['--json']));
    sleuthRuns.push(s.ms);
    sleuthOut = s.out;
    literalRuns.push(time(...sleuth(['--literal'])).ms);
  }
  const nodeFloor = median(Array.from({ length: 5 }, () => time('node', ['-e', '0']).ms));
  const hits = JSON.parse(sleuthOut || '[]');
  const byEncoding = {};
  for (const h of hits) byEncoding[`${h.encoding}${h.via.length ? `+${h.via.join('+')}` : ''}`] = (byEncoding[`${h.encoding}${h.via.length ? `+${h.via.join('+')}` : ''}`] ?? 0) + 1;

  // The search core alone, in-process (no process start-up), from dist/.
  const { runSearch } = await import(join(repo, 'dist/search/run.js'));
  const { evidenceCorpus } = await import(join(repo, 'dist/search/corpus.js'));
  const coreRuns = [];
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint();
    await runSearch({ pattern: SECRET, mode: 'exact', corpus: evidenceCorpus(dir) });
    coreRuns.push(Number(process.hrtime.bigint() - t) / 1e6);
  }

  const grepMs = median(grepRuns);
  const sleuthMs = median(sleuthRuns);
  console.log(
    JSON.stringify({
      bench: 'search-vs-grep',
      value: SECRET === TOKEN ? '40-char GitHub token' : '20-char AWS key id',
      mb: Math.round(made.bytes / 1048576),
      mb_on_disk: Math.round(made.allBytes / 1048576),
      files: made.files,
      layout: WITH_JSON ? 'txt+json (as sleuth download writes)' : 'txt only',
      runs: RUNS,
      entry: viaBin ? 'bin/sleuth.js' : 'dist/cli/commands/search.js via commander (search not yet in register.ts)',
      grep_ms: Math.round(grepMs),
      sleuth_ms: Math.round(sleuthMs),
      ratio: Math.round((sleuthMs / grepMs) * 100) / 100,
      sleuth_literal_ms: Math.round(median(literalRuns)),
      ratio_literal: Math.round((median(literalRuns) / grepMs) * 100) / 100,
      core_in_process_ms: Math.round(median(coreRuns)),
      node_startup_ms: Math.round(nodeFloor),
      grep_hits: grepOut.split('\n').filter(Boolean).length,
      sleuth_hits: hits.length,
      sleuth_hits_by_encoding: byEncoding,
      build_folder_ms: buildMs,
      cpus: (await import('node:os')).cpus().length,
    }),
  );
  if (!viaBin) rmSync(direct, { force: true });
} finally {
  if (!process.argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
}
