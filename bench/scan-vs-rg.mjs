// `sleuth scan DIR --json` against `rg -aiF -f keywords.txt DIR` (the rules' keywords as fixed strings: the floor the
// ripgrep prefilter works against) on a folder shaped like the real download (bench/lib/real-folder.mjs:
// 13,600 files, ≈360 MB), page cache warm, runs interleaved, medians. Also the full Node scan (SLEUTH_RG=off) for
// scale. Prints one JSON line: medians, the ratio (goal ≤ 3), sleuth's peak RSS (GNU time's %M when present).
//
//   npm run build && node bench/scan-vs-rg.mjs [--copies 20] [--runs 5] [--no-full] [--keep] [--folder DIR]
// --folder: use a folder written before (by writeRealFolder) instead of writing one; it is left in place.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeRealFolder } from './lib/real-folder.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i === -1 ? dflt : process.argv[i + 1];
};
const COPIES = Number(arg('--copies', '20'));
const RUNS = Number(arg('--runs', '5'));
const FULL = !process.argv.includes('--no-full');
const GIVEN = arg('--folder', null);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round2 = (x) => Math.round(x * 100) / 100;
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/**
 * Wall time of one run, its output drained through a pipe as a consumer would read it (kept only when `keep`: rg's
 * output with the generic keywords is ~280 MB on the full folder, past any sane buffer; spawnSync's maxBuffer would
 * kill rg early and time less than its whole run). Peak RSS from GNU time when present.
 */
function time(cmd, args, { env = process.env, keep = false } = {}) {
  const wrapped = gnuTime ? [gnuTime, ['-f', '%M', cmd, ...args]] : [cmd, args];
  const t = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(wrapped[0], wrapped[1], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    let bytes = 0;
    let err = '';
    child.stdout.on('data', (d) => {
      bytes += d.length;
      if (keep) out.push(d);
    });
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (status) => {
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      const rssKb = gnuTime ? Number(err.trim().split('\n').pop()) : null;
      resolve({ ms, status, out: Buffer.concat(out), bytes, rssKb });
    });
  });
}

const { RULES } = await import(join(repo, 'dist/scan/rules.js'));
const GENERIC = ['access', 'auth', 'api', 'credential', 'creds', 'key', 'passwd', 'password', 'pwd', 'secret', 'token'];
const keywords = [...new Set([...RULES.flatMap((r) => r.keywords), ...GENERIC])];
const { searchEngine } = await import(join(repo, 'dist/search/rg/locate.js'));
const engine = searchEngine();
if (engine.kind !== 'ripgrep') throw new Error(`no ripgrep: ${engine.reason}`);

/** Files and bytes under `dir` (for a folder given with --folder). */
function folderSize(dir) {
  let files = 0;
  let bytes = 0;
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    files++;
    bytes += statSync(join(e.parentPath ?? e.path, e.name)).size;
  }
  return { files, bytes };
}

const dir = mkdtempSync(join(tmpdir(), 'sleuth-scan-bench-'));
try {
  const folder = GIVEN ?? join(dir, 'evidence');
  mkdirSync(folder, { recursive: true });
  const made = GIVEN ? folderSize(folder) : await writeRealFolder(folder, { copies: COPIES });
  const kwFile = join(dir, 'keywords.txt');
  writeFileSync(kwFile, `${keywords.join('\n')}\n`);
  const bin = join(repo, 'bin/sleuth.js');
  const rgArgs = ['--no-config', '-aiF', '-f', kwFile, folder];
  const off = { ...process.env, SLEUTH_RG: 'off' };
  const m = { rg: [], sleuth: [], full: [], rss: [], fullRss: [] };
  let findings = null;
  let rgOutBytes = 0;
  for (let i = 0; i < RUNS + 1; i++) {
    const rg = await time(engine.rg.path, rgArgs);
    if (rg.status !== 0) throw new Error(`rg exited ${rg.status}`);
    const s = await time('node', [bin, 'scan', folder, '--json'], { keep: true });
    if (s.status !== 0 && s.status !== 1) throw new Error(`sleuth scan exited ${s.status}`);
    findings = JSON.parse(s.out.toString()).length;
    if (process.argv.includes('--verbose')) console.error(`run ${i}: rg ${Math.round(rg.ms)} ms, sleuth ${Math.round(s.ms)} ms`);
    if (i === 0) continue; // warm-up
    m.rg.push(rg.ms);
    rgOutBytes = rg.bytes;
    m.sleuth.push(s.ms);
    if (s.rssKb) m.rss.push(s.rssKb);
    if (FULL && i === 1) {
      const f = await time('node', [bin, 'scan', folder, '--json'], { env: off });
      m.full.push(f.ms);
      if (f.rssKb) m.fullRss.push(f.rssKb);
    }
  }
  const rgMs = median(m.rg);
  const load = loadavg().map((x) => round2(x));
  const sleuthMs = median(m.sleuth);
  console.log(JSON.stringify({
    bench: 'scan-vs-rg', files: made.files, mb: round2(made.bytes / 1e6), keywords: keywords.length, rules: RULES.length, runs: RUNS, findings,
    rg_keywords_ms: Math.round(rgMs), rg_output_mb: round2(rgOutBytes / 1e6), sleuth_scan_ms: Math.round(sleuthMs), ratio: round2(sleuthMs / rgMs), goal: 3,
    load_average: load,
    sleuth_peak_rss_mb: m.rss.length ? round2(Math.max(...m.rss) / 1024) : null,
    ...(FULL ? { full_node_scan_ms: Math.round(m.full[0]), full_peak_rss_mb: m.fullRss.length ? round2(m.fullRss[0] / 1024) : null } : {}),
  }));
} finally {
  if (!process.argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
}
