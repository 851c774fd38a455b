// The standalone binary (npm run build:binary) against `node bin/sleuth.js` on the same machine, in one run, runs
// interleaved, medians (issue 16's goal: the binary no slower than 1.2x):
// - `--version` (process start to exit);
// - start-up to the TUI's first frame: `sleuth --host <simulator> --project …` in a pseudo-terminal (script(1)), the
//   clock stopped when the pipelines list is on screen (the simulator runs in a process of its own);
// - `sleuth search VALUE DIR` on a folder shaped like a real download (bench/lib/real-folder.mjs, `--copies` windows).
// The binary runs from its cache folder as it does after its first start (the first start writes the bundle: timed
// once, separately). Both get the same environment (NODE_EXTRA_CA_CERTS as it is).
//
//   npm run build:binary && node bench/binary-vs-node.mjs [--runs 9] [--copies 5]
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeRealFolder } from './lib/real-folder.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i === -1 ? dflt : process.argv[i + 1];
};
const RUNS = Number(arg('--runs', '9'));
const COPIES = Number(arg('--copies', '5'));
const GOAL = 1.2;
const built = join(repo, `dist/bin/sleuth-${process.platform}-${process.arch}`);
if (!existsSync(built)) {
  // npm run bench builds dist/, not the binary (a minute and 50 MB from the registry): say so in the figures.
  console.error(`bench: ${built} is missing: run npm run build:binary first`);
  console.log(JSON.stringify({ bench: 'binary-vs-node', skipped: 'no binary: run npm run build:binary first' }));
  process.exit(0);
}
const TOKEN = ['ghp_', 'Rz4Xq8Lm2Vn7Kp1Wt9Yb', '3Cs6Df0Gh5Jk8Mn2'].join('');

const root = mkdtempSync(join(tmpdir(), 'sleuth-bench-binary-'));
const home = join(root, 'home');
const binary = join(root, 'sleuth');
copyFileSync(built, binary);
chmodSync(binary, 0o755);
const env = { ...process.env, HOME: home, XDG_CACHE_HOME: join(home, '.cache'), XDG_STATE_HOME: join(home, 'state'), SLEUTH_CONFIG_DIR: join(home, 'config') };
delete env.CI;
delete env.CONTINUOUS_INTEGRATION;
const ways = { binary: [binary], node: [process.execPath, join(repo, 'bin/sleuth.js')] };

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round2 = (x) => Math.round(x * 100) / 100;
function wall(cmd, extraEnv = {}) {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd[0], cmd.slice(1), { env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${cmd.join(' ')} exited ${r.status}: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}
/** Time until `text` is on the pseudo-terminal script(1) gives the command; then the command is stopped. */
function toFrame(cmd, text) {
  return new Promise((resolve, reject) => {
    const t = process.hrtime.bigint();
    const line = cmd.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    const child = spawn('script', ['-qfc', line, '/dev/null'], { env: { ...env, CIRCLE_TOKEN: 'unused', TERM: 'xterm-256color', COLUMNS: '80', LINES: '24' }, stdio: ['pipe', 'pipe', 'ignore'], detached: true });
    let seen = '';
    const timer = setTimeout(() => finish(new Error(`no "${text}" within 30 s`)), 30_000);
    const finish = (err, ms) => {
      clearTimeout(timer);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
      child.once('close', () => (err ? reject(err) : resolve(ms)));
    };
    child.stdout.on('data', (d) => {
      seen += d.toString('utf8');
      if (seen.includes(text)) finish(null, Number(process.hrtime.bigint() - t) / 1e6);
    });
  });
}

async function main() {
  // The simulator the TUI reads, in its own process.
  const sim = spawn(process.execPath, [join(repo, 'bin/sleuth.js'), 'sim', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'ignore'] });
  const apiUrl = await new Promise((resolve, reject) => {
    let out = '';
    sim.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve(m[1]);
    });
    sim.once('exit', () => reject(new Error('the simulator exited')));
  });
  const folder = join(root, 'evidence');
  const plant = (job, step) => (job === 3 && step === 2 ? `export GH_TOKEN="${TOKEN}"\r\n` : null);
  const { files } = await writeRealFolder(folder, { copies: COPIES, plant });
  try {
    const firstStart = wall([binary, '--version']);
    const tuiArgs = ['--host', apiUrl, '--project', 'gh/acme/payments'];
    const t = { version: { binary: [], node: [] }, frame: { binary: [], node: [] }, search: { binary: [], node: [] } };
    for (let i = 0; i < RUNS; i++) {
      for (const way of i % 2 ? ['binary', 'node'] : ['node', 'binary']) {
        t.version[way].push(wall([...ways[way], '--version']));
        t.frame[way].push(await toFrame([...ways[way], ...tuiArgs], 'Pipelines'));
        t.search[way].push(wall([...ways[way], 'search', TOKEN, folder], { CIRCLE_TOKEN: 'unused' }));
      }
    }
    const figures = {};
    for (const [name, byWay] of Object.entries(t)) {
      const b = median(byWay.binary);
      const n = median(byWay.node);
      figures[name] = { binary_ms: Math.round(b), node_ms: Math.round(n), ratio: round2(b / n), goal: `≤ ${GOAL}x`, met: b / n <= GOAL };
      process.stderr.write(`${name.padEnd(8)} binary ${Math.round(b)} ms  node bin/sleuth.js ${Math.round(n)} ms: ${round2(b / n)}x (goal ≤ ${GOAL}x)\n`);
    }
    process.stderr.write(`first start (writes the bundle into the cache): ${Math.round(firstStart)} ms\n`);
    console.log(JSON.stringify({ bench: 'binary-vs-node', runs: RUNS, search_folder_files: files, first_start_ms: Math.round(firstStart), ...figures, node_extra_ca_certs: process.env.NODE_EXTRA_CA_CERTS ? 'set' : 'unset' }));
  } finally {
    sim.kill();
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
