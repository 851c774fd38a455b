// Which ripgrep runs exact/regex search and the scanner's prefilter: the `rg` that @vscode/ripgrep's per-platform
// optional package ships (no download at install time), or none (the Node core then does all the work).
// `SLEUTH_RG=off` forces the Node core; `SLEUTH_RG=/path/to/rg` picks a binary (tests, a platform without the package).
import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';

export interface Ripgrep {
  path: string;
  /** Where it came from, for `sleuth doctor`. */
  from: 'package' | 'SLEUTH_RG';
}

export type Engine = { kind: 'ripgrep'; rg: Ripgrep } | { kind: 'node'; reason: string };

let cached: { env: string | undefined; engine: Engine } | null = null;

/** The engine for this process (looked up once per SLEUTH_RG value). */
export function searchEngine(env: NodeJS.ProcessEnv = process.env): Engine {
  const override = env.SLEUTH_RG;
  if (cached && cached.env === override) return cached.engine;
  const engine = lookUp(override);
  cached = { env: override, engine };
  return engine;
}

function lookUp(override: string | undefined): Engine {
  if (override !== undefined && override !== '') {
    if (/^(?:off|none|0|false)$/i.test(override)) return { kind: 'node', reason: 'SLEUTH_RG=off' };
    return executable(override) ? { kind: 'ripgrep', rg: { path: override, from: 'SLEUTH_RG' } } : { kind: 'node', reason: 'SLEUTH_RG is not an executable file' };
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
  return engine.kind === 'ripgrep' ? `ripgrep (${engine.rg.from === 'package' ? '@vscode/ripgrep' : 'SLEUTH_RG'}: ${engine.rg.path})` : `Node core (${engine.reason})`;
}
