// How sleuth says it runs: `--version`, doctor's "Runs as" and the search engine, from the npm install and as the
// standalone binary (whose boot script records itself under a global symbol; no environment variable can say so).
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { runtimeItem } from '../../src/cli/commands/doctor.js';
import { searchEngine } from '../../src/search/rg/locate.js';
import { BINARY_RUNTIME_KEY, currentRuntime, versionLine, type BinaryRuntime } from '../../src/util/runtime.js';
import { VERSION } from '../../src/util/version.js';
import { captureIo } from '../helpers/io.js';
import { useTmpDirs } from '../helpers/tmp.js';

const tmp = useTmpDirs();
const slot = globalThis as Record<symbol, unknown>;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function asBinary(rgPath: string | null, fallback: string | null = null, rgSha256: string | null = rgPath && existsSync(rgPath) ? sha256(readFileSync(rgPath)) : null): BinaryRuntime {
  const runtime: BinaryRuntime = { kind: 'binary', executable: '/opt/sleuth', bundleDir: '/home/r/.cache/circle-sleuth/binary/0.1.0-abc', rgPath, rgSha256, fallback };
  slot[BINARY_RUNTIME_KEY] = runtime;
  return runtime;
}

afterEach(() => {
  delete slot[BINARY_RUNTIME_KEY];
});

describe('the npm install', () => {
  it('is what runs unless the boot script said otherwise; environment variables do not change it', () => {
    process.env.SLEUTH_BINARY = '1';
    try {
      expect(currentRuntime()).toEqual({ kind: 'npm' });
    } finally {
      delete process.env.SLEUTH_BINARY;
    }
    expect(versionLine(VERSION)).toBe(VERSION);
    expect(runtimeItem()).toEqual({ value: `npm install (Node ${process.version})`, source: expect.any(String) });
  });
});

describe('the standalone binary', () => {
  it('--version names the Node inside it (the commander path too)', async () => {
    // Before the boot script's record, the plain version: the line changes with it.
    expect(versionLine(VERSION)).not.toContain('standalone');
    asBinary(null);
    expect(versionLine(VERSION)).toBe(`${VERSION} (standalone binary, Node ${process.version}, ${process.platform}-${process.arch})`);
    const c = captureIo({});
    await main(['node', 'sleuth', '--version', '--no-color'], c.io);
    expect(c.out()).toContain(`(standalone binary, Node ${process.version}`);
  });

  it('doctor says where the binary and its bundle are, and why the bundle is not in the cache when it is not', async () => {
    asBinary(null);
    expect(runtimeItem()).toEqual({ value: `standalone binary (Node ${process.version})`, source: '/opt/sleuth; bundle in /home/r/.cache/circle-sleuth/binary/0.1.0-abc' });
    asBinary(null, 'cache not used: /shared can be written by other users');
    const c = captureIo({ SLEUTH_CACHE_DIR: tmp(), SLEUTH_CONFIG_DIR: tmp() }, { home: tmp(), cwd: tmp() });
    expect(await main(['node', 'sleuth', 'doctor', '--offline'], c.io)).toBe(0);
    expect(c.out()).toMatch(/^Runs as\s+standalone binary \(Node v[\d.]+\)\s+\(\/opt\/sleuth; bundle in \S+ \(cache not used: \/shared can be written by other users\)\)$/m);
  });

  it('searches with the rg it carries, or says why not', () => {
    const dir = tmp();
    const rg = join(dir, 'rg');
    writeFileSync(rg, '#!/bin/sh\n');
    chmodSync(rg, 0o700);
    asBinary(rg);
    expect(searchEngine({})).toEqual({ kind: 'ripgrep', rg: { path: rg, from: 'binary' } });
    chmodSync(rg, 0o600);
    asBinary(rg);
    expect(searchEngine({})).toEqual({ kind: 'node', reason: "the binary's rg is not executable" });
    asBinary(null);
    expect(searchEngine({})).toEqual({ kind: 'node', reason: 'this binary was built without ripgrep' });
    // SLEUTH_RG=off still turns it off.
    chmodSync(rg, 0o700);
    asBinary(rg);
    expect(searchEngine({ SLEUTH_RG: 'off' })).toEqual({ kind: 'node', reason: 'SLEUTH_RG=off' });
  });

  it('does not run an rg whose bytes changed since the build, and removes it so the next start writes it again', () => {
    const rg = join(tmp(), 'rg');
    writeFileSync(rg, '#!/bin/sh\necho built\n');
    chmodSync(rg, 0o700);
    const built = sha256(readFileSync(rg));
    writeFileSync(rg, '#!/bin/sh\necho other\n');
    asBinary(rg, null, built);
    expect(searchEngine({})).toEqual({ kind: 'node', reason: "the binary's rg was not the one it was built with (written again at the next start)" });
    expect(existsSync(rg)).toBe(false);
  });
});
