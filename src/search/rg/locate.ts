// Which ripgrep runs exact/regex search and the scanner's prefilter: the `rg` that @vscode/ripgrep's per-platform
// optional package ships (no download at install time), or none (the Node core then does all the work).
// `SLEUTH_RG=off` forces the Node core; `SLEUTH_RG=/path/to/rg` picks a binary (tests, a platform without the package).
// The standalone binary carries its own rg (util/runtime.ts says where its boot script wrote it).
import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import { currentRuntime, type BinaryRuntime } from '../../util/runtime.js';
import { rgIntact } from './binary-rg.js';

export interface Ripgrep {
  path: string;
  /** Where it came from, for `sleuth doctor`. */
  from: 'package' | 'SLEUTH_RG' | 'binary';
}

export type Engine = { kind: 'ripgrep'; rg: Ripgrep } | { kind: 'node'; reason: string };

let cached: { env: string | undefined; binary: BinaryRuntime | null; engine: Engine } | null = null;

/** The engine for this process (looked up once per SLEUTH_RG value and way of running). */
export function searchEngine(env: NodeJS.ProcessEnv = process.env): Engine {
  const override = env.SLEUTH_RG;
  const runtime = currentRuntime();
  const binary = runtime.kind === 'binary' ? runtime : null;
  if (cached && cached.env === override && cached.binary === binary) return cached.engine;
  const engine = lookUp(override, binary);
  cached = { env: override, binary, engine };
  return engine;
}

function lookUp(override: string | undefined, binary: BinaryRuntime | null): Engine {
  if (override !== undefined && override !== '') {
    if (/^(?:off|none|0|false)$/i.test(override)) return { kind: 'node', reason: 'SLEUTH_RG=off' };
    return executable(override) ? { kind: 'ripgrep', rg: { path: override, from: 'SLEUTH_RG' } } : { kind: 'node', reason: 'SLEUTH_RG is not an executable file' };
  }
  if (binary) {
    if (binary.rgPath === null) return { kind: 'node', reason: 'this binary was built without ripgrep' };
    if (!executable(binary.rgPath)) return { kind: 'node', reason: "the binary's rg is not executable" };
    // A changed rg is not run (and is removed: the next start writes it again).
    if (!rgIntact(binary)) return { kind: 'node', reason: "the binary's rg was not the one it was built with (written again at the next start)" };
    return { kind: 'ripgrep', rg: { path: binary.rgPath, from: 'binary' } };
  }
  const arch = process.arch;
  const name = process.platform === 'win32' ? 'rg.exe' : 'rg';
  const pkg = `@vscode/ripgrep-${process.platform}-${arch}`;
  let path: string;
  try {
    path = createRequire(import.meta.url).resolve(`${pkg}/bin/${name}`);
  } catch {
    return { kind: 'node', reason: `no ripgrep package for ${process.platform}-${arch}` };
  }
  return executable(path) ? { kind: 'ripgrep', rg: { path, from: 'package' } } : { kind: 'node', reason: `${pkg} is installed but its rg is not executable` };
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** One line for `sleuth doctor` and `--help`: which engine runs. */
export function describeEngine(engine: Engine): string {
  return engine.kind === 'ripgrep' ? `ripgrep (${rgSourceName(engine.rg)}: ${engine.rg.path})` : `Node core (${engine.reason})`;
}

/** Where an rg came from, in words. */
export function rgSourceName(rg: Ripgrep): string {
  return rg.from === 'package' ? '@vscode/ripgrep' : rg.from === 'binary' ? 'inside the standalone binary' : 'SLEUTH_RG';
}
