// The standalone binary (npm run build:binary) as a jump host runs it: one file copied alone into a temp dir, started
// with `env -i` and a PATH that holds only that dir (no node, no npm), against the simulator this test starts: the
// CLI, the evidence download, search with the ripgrep inside it, and the TUI in tmux at 80x24. Locally, without a
// built binary, these are skipped; in CI (.ci/run builds it) a missing binary fails.
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SIM_LEAKS, SIM_MALICIOUS, SIM_PROJECT } from '../../src/sim/index.js';
import { artifactHosts, TEST_TOKEN, useSim } from '../helpers/sim.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { hasTmux, TmuxSession, useTmuxSessions } from './tmux.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BUILT = join(ROOT, `dist/bin/sleuth-${process.platform}-${process.arch}`);
const built = existsSync(BUILT);
const run = promisify(execFile);

describe.runIf(!built && process.env.CI)('the standalone binary in CI', () => {
  it('was built by .ci/run (npm run build:binary)', () => {
    expect.fail(`${BUILT} is missing: .ci/run builds it before the tests`);
  });
});

describe.skipIf(!built)('the standalone binary, with no Node on PATH and a clean environment', () => {
  const sim = useSim({ requiredToken: TEST_TOKEN });
  const tmp = useTmpDirs();
  const keep = useTmuxSessions();

  /** A jump host: the binary alone in its own dir, a home of its own. */
  function jumpHost() {
    const bin = tmp();
    copyFileSync(BUILT, join(bin, 'sleuth'));
    chmodSync(join(bin, 'sleuth'), 0o755);
    const home = tmp();
    return { bin, home, env: { HOME: home, PATH: bin } as Record<string, string> };
  }

  async function sleuth(host: ReturnType<typeof jumpHost>, args: string[], extra: Record<string, string> = {}) {
    return run('env', ['-i', ...Object.entries({ ...host.env, ...extra }).map(([k, v]) => `${k}=${v}`), 'sleuth', ...args], { cwd: host.home, maxBuffer: 64 << 20 }).then(
      (ok) => ({ code: 0, stdout: ok.stdout, stderr: ok.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
  }

  it('has no node on that PATH (the check would see one)', async () => {
    const host = jumpHost();
    const look = (path: string) => run('env', ['-i', `PATH=${path}`, '/bin/sh', '-c', 'command -v node']).then(() => true, () => false);
    expect(await look(process.env.PATH ?? '/usr/bin:/bin')).toBe(true);
    expect(await look(host.bin)).toBe(false);
  });

  it('--version names the tool and the Node inside it', async () => {
    const r = await sleuth(jumpHost(), ['--version']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+ \(standalone binary, Node v22\.\d+\.\d+, linux-x64\)\n$/);
  });

  it('doctor says it runs as the standalone binary, with its own ripgrep, and the token works', async () => {
    const host = jumpHost();
    const r = await sleuth(host, ['doctor', '--host', sim().apiUrl], { CIRCLE_TOKEN: TEST_TOKEN });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Runs as +standalone binary \(Node v22\./);
    expect(r.stdout).toMatch(/Search engine +ripgrep \d+\.\d+\.\d+ +\(inside the standalone binary: /);
    expect(r.stdout).toContain('token check: works');
    expect(r.stdout + r.stderr).not.toContain(TEST_TOKEN);
  });

  it('lists pipelines as JSON, downloads a pipeline that sha256sum verifies, and searches it with its ripgrep', async () => {
    const host = jumpHost();
    const env = { CIRCLE_TOKEN: TEST_TOKEN, CIRCLE_HOST: sim().apiUrl };
    const list = await sleuth(host, ['pipelines', '--project', SIM_PROJECT, '--json'], env);
    expect(list.code).toBe(0);
    const pipelines = JSON.parse(list.stdout) as { number: number }[];
    expect(pipelines.map((p) => p.number)).toContain(SIM_MALICIOUS.pipeline);

    const out = join(host.home, 'evidence');
    const hosts = artifactHosts(sim()).flatMap((h) => ['--artifacts-host', h]);
    const dl = await sleuth(host, ['download', 'pipeline', String(SIM_MALICIOUS.pipeline), '--project', SIM_PROJECT, '--out', out, '--no-cache', ...hosts], env);
    expect(dl.code).toBe(0);
    expect(dl.stdout).toMatch(/^downloaded: /);
    execFileSync('sha256sum', ['--quiet', '--strict', '-c', 'SHA256SUMS'], { cwd: out });

    const found = await sleuth(host, ['search', SIM_LEAKS.githubToken, out, '--json']);
    expect(found.code).toBe(0);
    const hits = JSON.parse(found.stdout) as { job: number | null }[];
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.map((h) => h.job)).toContain(SIM_MALICIOUS.jobs.lint);
    expect(found.stdout + found.stderr).not.toContain(TEST_TOKEN);
  }, 120_000);

  it('ignores NODE_OPTIONS: a --require that the system node runs never runs in the binary', async () => {
    const host = jumpHost();
    const marker = join(host.home, 'preloaded');
    const evil = join(host.home, 'evil.cjs');
    writeFileSync(evil, `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran');\n`);
    const options = { NODE_OPTIONS: `--require ${evil}` };
    // The preload works: the system node runs it.
    execFileSync(process.execPath, ['-e', '0'], { env: { ...options, PATH: process.env.PATH } });
    expect(readFileSync(marker, 'utf8')).toBe('ran');
    writeFileSync(marker, 'reset');
    const r = await sleuth(host, ['--version'], options);
    expect(r.code).toBe(0);
    expect(readFileSync(marker, 'utf8')).toBe('reset');
  });

  it('keeps its bundle in a folder only the user can enter, and rewrites a file changed there', async () => {
    const host = jumpHost();
    expect((await sleuth(host, ['--version'])).code).toBe(0);
    const root = join(host.home, '.cache/circle-sleuth/binary');
    const [build] = readdirSync(root);
    const dir = join(root, build!);
    for (const d of [join(host.home, '.cache/circle-sleuth'), root, dir]) expect(statSync(d).mode & 0o777).toBe(0o700);
    const files = readdirSync(dir);
    expect(files).toContain('rg');
    for (const f of files) expect(statSync(join(dir, f)).mode & 0o077).toBe(0);
    // Someone with the user's rights edits the entry: the next start notices (sha256) and writes it again.
    const entry = join(dir, 'binary-entry.js');
    const original = readFileSync(entry);
    writeFileSync(entry, "process.stdout.write('tampered\\n');\n");
    const r = await sleuth(host, ['--version']);
    expect(r.stdout).not.toContain('tampered');
    expect(r.stdout).toMatch(/standalone binary/);
    expect(readFileSync(entry).equals(original)).toBe(true);
  });

  it('does not use a cache folder other users can write to: it says so and runs from a private temporary one', async () => {
    const host = jumpHost();
    const open = join(host.home, 'shared-cache');
    mkdirSync(open);
    chmodSync(open, 0o777);
    const r = await sleuth(host, ['doctor', '--offline'], { XDG_CACHE_HOME: open });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/cache not used: .*shared-cache can be written by other users/);
    expect(readdirSync(open)).toEqual([]);
  });

  it.skipIf(!hasTmux)('runs the TUI in tmux at 80x24: drills down and quits', async () => {
    const host = jumpHost();
    const s = keep(TmuxSession.start(['--host', sim().apiUrl, '--project', SIM_PROJECT], {
      command: [join(host.bin, 'sleuth')],
      cleanEnv: true,
      env: { ...host.env, CIRCLE_TOKEN: TEST_TOKEN, TERM: 'xterm-256color', XDG_STATE_HOME: join(host.home, 'state') },
    }));
    await s.waitForText(/Pipelines .*1\//);
    expect(s.screen().trimEnd().split('\n').length).toBeLessThanOrEqual(24);
    await s.send('Enter');
    await s.waitForText(/Workflows of pipeline \d+/);
    await s.send('Enter');
    await s.waitForText(/Jobs of /);
    await s.send('q');
    await s.waitFor(() => s.paneDead(), 'exit');
  });
});
