// How this process runs: from the npm install (bin/sleuth.js under the user's Node) or as the standalone binary
// (scripts/binary/boot.cjs, a Node SEA: it writes the bundle and ripgrep into a private folder and records here where).
// Only the boot script sets this, before any sleuth code loads; environment variables cannot fake it.

/** What the standalone binary's boot script records (a global under this symbol, frozen). */
export interface BinaryRuntime {
  kind: 'binary';
  /** The executable itself. */
  executable: string;
  /** The private folder the bundle was written to (mode 0700, checked before the import). */
  bundleDir: string;
  /** ripgrep as the binary carries it, written beside the bundle; null when the build carried none. */
  rgPath: string | null;
  /** Its sha256 as built: the boot script checks rg's size only, search/rg/binary-rg.ts its bytes before the first run. */
  rgSha256: string | null;
  /** Why the bundle is in a temporary folder rather than the cache, when it is. */
  fallback: string | null;
}

export type Runtime = BinaryRuntime | { kind: 'npm' };

export const BINARY_RUNTIME_KEY = Symbol.for('circle-sleuth.binary-runtime');

export function currentRuntime(): Runtime {
  const value = (globalThis as Record<symbol, unknown>)[BINARY_RUNTIME_KEY] as BinaryRuntime | undefined;
  return value?.kind === 'binary' ? value : { kind: 'npm' };
}

/** `sleuth --version`: the tool's version, and for the binary the Node inside it. */
export function versionLine(version: string, runtime: Runtime = currentRuntime()): string {
  return runtime.kind === 'binary' ? `${version} (standalone binary, Node ${process.version}, ${process.platform}-${process.arch})` : version;
}
