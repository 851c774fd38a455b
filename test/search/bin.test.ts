// `sleuth search` / `sleuth scan` as a script runs them: the real bin/sleuth.js, which loads the bundled entry
// (dist/fast/, written by npm run build) rather than dist/cli. Same answers as the in-process command, same exit
// codes, and a reader that stops early (`| head`) ends it quietly.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../helpers/io.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { fake, WF, writeTree } from './helpers.js';

const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/sleuth.js');
const TOKEN = fake('ghp_', 'Rz4Xq8Lm2Vn7Kp1Wt9Yb', '3Cs6Df0Gh5Jk8Mn2');
const tmp = useTmpDirs();

// The bundle is what npm run build wrote; npm test builds before vitest runs.
const built = existsSync(join(ROOT, 'dist/fast/search-main.js'));

function evidence(lines = 1): string {
  const root = tmp();
  const body = Array.from({ length: lines }, (_, i) => `line ${i} token ${TOKEN}\n`).join('');
  writeTree(root, {
    [`${WF}/job-5016/step-103.txt`]: `> lint\n\x1b]0;pwned\x07git clone https://x:${TOKEN}@github.com/a.git\n`,
    [`${WF}/job-5016/step-104-node-2.txt`]: `blob ${Buffer.from(`T=${TOKEN}`).toString('base64')}\n`,
    [`${WF}/job-5020/step-101.txt`]: body,
  });
  return root;
}

const run = (args: string[], env: NodeJS.ProcessEnv = {}) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });

describe.skipIf(!built)('bin/sleuth.js search and scan (the bundled entry)', () => {
  it('gives the same hits as the command in-process, and grep-like exit codes', async () => {
    const dir = evidence();
    const viaBin = run(['search', TOKEN, dir, '--json']);
    expect(viaBin.status).toBe(0);
    expect(viaBin.stderr).toBe('');
    const c = captureIo({}, { cwd: dir });
    expect(await main(['node', 'sleuth', 'search', TOKEN, dir, '--json'], c.io)).toBe(0);
    expect(JSON.parse(viaBin.stdout)).toEqual(JSON.parse(c.out()));
    expect(JSON.parse(viaBin.stdout).map((h: { encoding: string }) => h.encoding)).toEqual(['raw', 'base64 (offset 2)', 'raw']);

    const none = run(['search', fake('AKIA', 'QQQQQQQQQQQQQQQQ'), dir]);
    expect(none.status).toBe(1);
    expect(none.stdout).toBe('');
  });

  it('reports a wrong call in one line with exit 2, never a stack trace', () => {
    const dir = evidence();
    for (const args of [['search', TOKEN, join(dir, 'missing')], ['search', 'abc', dir], ['search', TOKEN, dir, '--regex', '--fuzzy'], ['search', TOKEN, dir, '--max-hits', 'x']]) {
      const r = run(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^sleuth: /);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(run(['search', '--help']).status).toBe(0);
  });

  it('runs a regex the linear engine cannot take in the bundled regex worker', () => {
    // A lookahead: V8's linear-time engine refuses it, so it runs in a worker under a time budget (the JavaScript
    // fallback: ripgrep's syntax has no lookaround and refuses it).
    const r = run(['search', '--regex', 'ghp_[A-Za-z0-9]{36}(?=@github)', evidence(), '--json'], { SLEUTH_RG: 'off' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as { match: string }[]).map((h) => h.match)).toEqual([TOKEN]);
  });

  it('runs scan from the same bundle', () => {
    const r = run(['scan', evidence(), '--json']);
    expect(r.status).toBe(0);
    const findings = JSON.parse(r.stdout) as { rule_id: string; match: string }[];
    expect(findings.filter((f) => f.rule_id === 'github-pat').length).toBeGreaterThan(0);
    // Masked unless --reveal.
    expect(r.stdout).not.toContain(TOKEN);
  });

  it('stops quietly when the reader goes away (sleuth search … | head -1)', async () => {
    const dir = evidence(50_000);
    const child = spawn(process.execPath, [BIN, 'search', TOKEN, dir], { env: { ...process.env, NO_COLOR: '1' } });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    // Read the first chunk, then close the pipe as `head` does.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(err).toBe('');
    expect(code).toBe(0);
  });

  it.skipIf(!existsSync('/dev/full'))('says in one line when the output cannot be written (a full disk)', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [BIN, 'search', TOKEN, evidence()], { stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
      expect(r.status).toBe(1);
      expect(r.stderr).toBe('sleuth: cannot write the output (ENOSPC)\n');
    } finally {
      closeSync(full);
    }
  });
});
