// `sleuth scan DIR --json` against `rg -aiF -f keywords.txt DIR` (the rules' keywords as fixed strings: the floor the
// ripgrep prefilter works against) on a folder shaped like the real download (bench/lib/real-folder.mjs:
// 13,600 files, ≈360 MB), page cache warm, runs interleaved, medians. Also the full Node scan (SLEUTH_RG=off) for
// scale. Prints one JSON line: medians, the ratio (goal ≤ 3), sleuth's peak RSS (GNU time's %M when present).
//
//   npm run build && node bench/scan-vs-rg.mjs [--copies 20] [--runs 5] [--no-full] [--keep]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round2 = (x) => Math.round(x * 100) / 100;
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

function time(cmd, args, env = process.env) {
  const wrapped = gnuTime ? [gnuTime, ['-f', '%M', cmd, ...args]] : [cmd, args];
  const t = process.hrtime.bigint();
  const r = spawnSync(wrapped[0], wrapped[1], { env, maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const rssKb = gnuTime ? Number(r.stderr.toString().trim().split('\n').pop()) : null;
  return { ms, status: r.status, out: r.stdout, rssKb };
}

const { RULES } = await import(join(repo, 'dist/scan/rules.js'));
const GENERIC = ['access', 'auth', 'api', 'credential', 'creds', 'key', 'passwd', 'password', 'pwd', 'secret', 'token'];
const keywords = [...new Set([...RULES.flatMap((r) => r.keywords), ...GENERIC])];
const { searchEngine } = await import(join(repo, 'dist/search/rg/locate.js'));
const engine = searchEngine();
if (engine.kind !== 'ripgrep') throw new Error(`no ripgrep: ${engine.reason}`);

const dir = mkdtempSync(join(tmpdir(), 'sleuth-scan-bench-'));
try {
  const folder = join(dir, 'evidence');
  mkdirSync(folder, { recursive: true });
  const made = await writeRealFolder(folder, { copies: COPIES });
  const kwFile = join(dir, 'keywords.txt');
  writeFileSync(kwFile, `${keywords.join('\n')}\n`);
  const bin = join(repo, 'bin/sleuth.js');
  const rgArgs = ['--no-config', '-aiF', '-f', kwFile, folder];
  const off = { ...process.env, SLEUTH_RG: 'off' };
  const m = { rg: [], sleuth: [], full: [], rss: [], fullRss: [] };
  let findings = null;
  for (let i = 0; i < RUNS + 1; i++) {
    const rg = time(engine.rg.path, rgArgs);
    const s = time('node', [bin, 'scan', folder, '--json']);
    if (s.status !== 0 && s.status !== 1) throw new Error(`sleuth scan exited ${s.status}`);
    findings = JSON.parse(s.out.toString()).length;
    if (i === 0) continue; // warm-up
    m.rg.push(rg.ms);
    m.sleuth.push(s.ms);
    if (s.rssKb) m.rss.push(s.rssKb);
    if (FULL && i === 1) {
      const f = time('node', [bin, 'scan', folder, '--json'], off);
      m.full.push(f.ms);
      if (f.rssKb) m.fullRss.push(f.rssKb);
    }
  }
  const rgMs = median(m.rg);
  const sleuthMs = median(m.sleuth);
  console.log(JSON.stringify({
    bench: 'scan-vs-rg', files: made.files, mb: round2(made.bytes / 1e6), keywords: keywords.length, rules: RULES.length, runs: RUNS, findings,
    rg_keywords_ms: Math.round(rgMs), sleuth_scan_ms: Math.round(sleuthMs), ratio: round2(sleuthMs / rgMs), goal: 3,
    sleuth_peak_rss_mb: m.rss.length ? round2(Math.max(...m.rss) / 1024) : null,
    ...(FULL ? { full_node_scan_ms: Math.round(m.full[0]), full_peak_rss_mb: m.fullRss.length ? round2(m.fullRss[0] / 1024) : null } : {}),
  }));
} finally {
  if (!process.argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
}
