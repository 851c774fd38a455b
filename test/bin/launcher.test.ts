// bin/sleuth.js run directly (npm's bin link, ./bin/sleuth.js) is a sh launcher first: it drops NODE_EXTRA_CA_CERTS
// for the commands that never open a TLS connection (Node parses the whole bundle before any script runs), then execs
// node on itself with the arguments untouched. `node bin/sleuth.js` skips the sh part. A fake `node` on PATH shows
// what the launcher passed on: the variable, and every argument byte for byte.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { VERSION } from '../../src/util/version.js';
import { captureIo } from '../helpers/io.js';
import { useTmpDirs } from '../helpers/tmp.js';

const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/sleuth.js');
const CA = '/etc/corp/ca bundle.pem';
const tmp = useTmpDirs();

/** A `node` that prints the CA variable and its arguments, NUL-separated (an argument may hold a newline). */
function fakeNodeDir(): string {
  const dir = tmp();
  const node = join(dir, 'node');
  writeFileSync(node, '#!/bin/sh\nprintf \'CA=%s\\0\' "${NODE_EXTRA_CA_CERTS-(unset)}"\nfor a in "$@"; do printf \'%s\\0\' "$a"; done\n');
  chmodSync(node, 0o755);
  return dir;
}

function launch(args: string[], opts: { ca?: string | null; cwd?: string } = {}): { ca: string; argv: string[] } {
  const env: NodeJS.ProcessEnv = { PATH: [fakeNodeDir(), '/usr/bin', '/bin'].join(delimiter) };
  if (opts.ca !== null) env.NODE_EXTRA_CA_CERTS = opts.ca ?? CA;
  const r = spawnSync(BIN, args, { env, cwd: opts.cwd ?? tmp(), encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const [ca, ...argv] = r.stdout.split('\0').slice(0, -1);
  return { ca: ca!.replace(/^CA=/, ''), argv };
}

describe.skipIf(process.platform === 'win32')('bin/sleuth.js as a sh launcher', () => {
  it('is executable, and passes every argument to node unchanged, never evaluated', () => {
    expect(statSync(BIN).mode & 0o111).toBe(0o111);
    const hostile = [
      'a b', '$(touch pwned-1)', '`touch pwned-2`', 'x; touch pwned-3', 'x && touch pwned-4', 'line 1\nline 2', '-rf', '--', '',
      '*', '"quoted"', "it's", '\\', '$HOME', '${IFS}touch${IFS}pwned-5', '|touch pwned-6', '> pwned-7', '-p', '--project=$(touch pwned-8)',
    ];
    // The negative check first: a shell that did evaluate these would leave files behind, and the check would see them.
    const probe = tmp();
    spawnSync('sh', ['-c', 'eval "$1"', 'sh', 'touch pwned-1'], { cwd: probe });
    expect(readdirSync(probe)).toEqual(['pwned-1']);

    for (const command of ['search', 'scan', 'download', 'verify']) {
      const cwd = tmp();
      const { argv } = launch([command, ...hostile], { cwd });
      expect(argv).toEqual(['--', BIN, command, ...hostile]);
      expect(readdirSync(cwd)).toEqual([]);
    }
    // A first argument that is itself hostile.
    const cwd = tmp();
    expect(launch(['$(touch pwned-9)', '-V'], { cwd }).argv).toEqual(['--', BIN, '$(touch pwned-9)', '-V']);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('keeps NODE_EXTRA_CA_CERTS for every command that can go online', () => {
    // The negative check first: the fake node sees the variable when the launcher leaves it.
    expect(launch([]).ca).toBe(CA);
    for (const args of [
      [], ['tui'], ['download', 'job', '1'], ['download', 'project', 'gh/acme/payments'], ['doctor'], ['pipelines'], ['rca', '12'],
      ['scan', '-p', 'gh/acme/payments'], ['scan', 'evidence', '--project', 'gh/acme/payments'], ['scan', '--project=gh/acme/payments'],
      ['scan', '-pgh/acme/payments'], ['open', 'search'], ['--help'],
    ]) {
      expect(launch(args).ca, args.join(' ')).toBe(CA);
    }
  });

  it('drops it for search, scan without --project, verify and --version', () => {
    for (const args of [['search', 'AKIA', 'dir'], ['search'], ['search', '--cache', 'x'], ['scan'], ['scan', 'dir', '--json'], ['verify', 'dir'], ['--version'], ['-V']]) {
      expect(launch(args).ca, args.join(' ')).toBe('(unset)');
    }
    // Unset already: still unset, and no complaint.
    expect(launch(['search', 'x'], { ca: null }).ca).toBe('(unset)');
  });
});

// The launcher with the real node, as npm's bin link runs it (needs the build: npm test builds first). NODE_EXTRA_CA_CERTS
// names a file that does not exist: Node then says so on stderr as it starts, which shows whether the variable reached it.
const built = existsSync(join(ROOT, 'dist/fast/search-main.js')) && existsSync(join(ROOT, 'dist/util/version.js'));
const NODE_WARNS = /Ignoring extra certs from/;

describe.skipIf(process.platform === 'win32' || !built)('bin/sleuth.js run directly', () => {
  const env = { ...process.env, PATH: [dirname(process.execPath), process.env.PATH].join(delimiter), NODE_EXTRA_CA_CERTS: join(ROOT, 'no-such-ca.pem'), NO_COLOR: '1' };

  it('answers --version through its fast path with what commander prints, Node started without the CA bundle', async () => {
    const c = captureIo();
    expect(await main(['node', 'sleuth', '--version'], c.io)).toBe(0);
    expect(c.out()).toBe(`${VERSION}\n`);
    for (const flag of ['--version', '-V']) {
      // The negative check first: through `node bin/sleuth.js` the variable reaches Node, which warns.
      const viaNode = spawnSync(process.execPath, [BIN, flag], { env, encoding: 'utf8' });
      expect([viaNode.stdout, viaNode.status]).toEqual([c.out(), 0]);
      expect(viaNode.stderr).toMatch(NODE_WARNS);
      const direct = spawnSync(BIN, [flag], { env, encoding: 'utf8' });
      expect([direct.stdout, direct.stderr, direct.status]).toEqual([c.out(), '', 0]);
    }
    // A command that keeps the variable: Node sees it (and warns about the missing file).
    const help = spawnSync(BIN, ['--help'], { env, encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stderr).toMatch(NODE_WARNS);
  });

  it('searches as `node bin/sleuth.js` does, with a value that looks like an option and a folder name with spaces', () => {
    const root = join(tmp(), 'evidence folder');
    const job = join(root, 'wf-1', 'job-7');
    const value = '-p$(touch pwned)-AKIAQ3EGRTLYX7K5';
    spawnSync('mkdir', ['-p', job]);
    writeFileSync(join(job, 'step-101.txt'), `before\nkey ${value} after\n`);
    const args = ['search', '--json', '--', value, root];
    const direct = spawnSync(BIN, args, { env, encoding: 'utf8', cwd: dirname(root) });
    const viaNode = spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', cwd: dirname(root) });
    expect(direct.status).toBe(0);
    expect(direct.stderr).toBe('');
    expect(viaNode.stderr).toMatch(NODE_WARNS);
    expect(direct.stdout).toBe(viaNode.stdout);
    expect((JSON.parse(direct.stdout) as { match: string }[]).map((h) => h.match)).toContain(value);
    expect(readdirSync(dirname(root))).toEqual(['evidence folder']);
  });
});
