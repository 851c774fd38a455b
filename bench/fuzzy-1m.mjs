// Fuzzy search per keystroke over 1,000,000 log lines (the TUI's global search: prefilter, then fuse.js ranks at
// most 1,500 candidates), against fuse.js alone over 160,000 lines as the anchor (ink-notes §4: ~400 ms a search).
// Prints one JSON line.
//
//   npm run build && node bench/fuzzy-1m.mjs [--lines 1000000] [--anchor 160000]
import Fuse from 'fuse.js';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { logLine, rng } from './lib/search-loggen.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const { FuzzyIndex } = await import(join(repo, 'dist/search/fuzzy.js'));
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i === -1 ? dflt : Number(process.argv[i + 1]);
};
const LINES = arg('--lines', 1_000_000);
const ANCHOR = arg('--anchor', 160_000);
const PER_DOC = 5_000;

const r = rng(3);
const docs = [];
for (let made = 0; made < LINES; made += PER_DOC) {
  const n = Math.min(PER_DOC, LINES - made);
  const lines = Array.from({ length: n }, () => logLine(r));
  // A few needles worth finding, some with typos in the query below.
  if (made === 500_000) lines[17] = 'Error: connect ECONNREFUSED 10.0.3.7:5432 (postgres connection refused during migrate)';
  if (made === 900_000) lines[4000] = 'FATAL: terraform apply failed: AccessDenied on s3:PutObject for arn:aws:s3:::acme-artifacts';
  docs.push(lines.join('\r\n') + '\r\n');
}

const t0 = performance.now();
const index = new FuzzyIndex();
docs.forEach((d, i) => index.add(i, d));
index.prepare();
const buildMs = performance.now() - t0;

// Queries typed one character at a time; each prefix is a keystroke.
const QUERIES = ['connection refused', 'conection refsued', 'terraform apply failed', 'AccessDenied s3', 'npm ERR!', 'timeout'];
const lat = [];
const found = {};
for (const q of QUERIES) {
  for (let k = 1; k <= q.length; k++) {
    const t = performance.now();
    const res = index.search(q.slice(0, k), { limit: 200 });
    lat.push(performance.now() - t);
    if (process.env.FUZZY_TRACE) console.error(JSON.stringify(q.slice(0, k)), (performance.now() - t).toFixed(1), res.length);
    if (k === q.length) found[q] = res.length ? res[0].text.slice(0, 60) : null;
  }
}
lat.sort((a, b) => a - b);
const pct = (p) => lat[Math.min(lat.length - 1, Math.floor((p / 100) * lat.length))];

// The anchor: fuse.js on its own, the way the log pane's list filter uses it.
const anchorLines = [];
const r2 = rng(5);
for (let i = 0; i < ANCHOR; i++) anchorLines.push(logLine(r2));
const fuse = new Fuse(anchorLines, { ignoreLocation: true, threshold: 0.45, includeScore: true });
const anchorTimes = [];
for (const q of ['connection refused', 'terraform apply', 'timeout']) {
  const t = performance.now();
  fuse.search(q, { limit: 200 });
  anchorTimes.push(performance.now() - t);
}
anchorTimes.sort((a, b) => a - b);
const anchorMs = anchorTimes[1];

console.log(
  JSON.stringify({
    bench: 'fuzzy-1m',
    lines: index.lineCount,
    docs: index.documentCount,
    index_build_ms: Math.round(buildMs),
    keystrokes: lat.length,
    p50_ms: Math.round(pct(50) * 10) / 10,
    p95_ms: Math.round(pct(95) * 10) / 10,
    max_ms: Math.round(lat[lat.length - 1] * 10) / 10,
    under_100ms: lat.filter((x) => x < 100).length,
    fuse_alone_lines: ANCHOR,
    fuse_alone_ms_per_search: Math.round(anchorMs),
    ratio_p95_vs_fuse_alone: Math.round((pct(95) / anchorMs) * 1000) / 1000,
    top_results: found,
  }),
);
