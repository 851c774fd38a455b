// After tsc: bundles the `sleuth search` / `sleuth scan` entry into dist/fast/, which starts ~15 ms sooner than
// dist/cli (commander loaded as CommonJS from ESM, a module load per file, built-ins nobody uses). Everything else
// (the API stack, Ink) keeps running from dist/ as tsc wrote it. The workers are entries too: the search code finds them
// beside itself (`new URL('./exact-worker.js', import.meta.url)`).
//
// test/bin/bundle-graph.test.ts builds the same graph from src/ (fastBundleOptions({ from: 'src' })) to check what
// a search loads before it starts: the API client, the evidence downloader and Ink stay behind a lazy import().
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The bundle's entries: the command and the two workers it starts (found beside it by name). */
const ENTRIES = ['cli/search-main', 'search/exact-worker', 'search/regex-worker'];

/** Packages stay imports from node_modules, except commander (the one whose loading is slow). */
const externalPackages = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path === 'commander' || args.path.startsWith('node:') ? undefined : { path: args.path, external: true }));
  },
};

/**
 * commander requires child_process at load for executable subcommands (`git-style` separate binaries), which sleuth
 * never uses: loading it (and the net and dgram modules it pulls in) costs ~3 ms of every search. A stub that fails
 * loudly if it is ever called takes its place in this bundle only.
 */
const noChildProcess = {
  name: 'no-child-process-for-commander',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'stub' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
      contents: "const no = () => { throw new Error('sleuth does not run subcommand executables'); };\nmodule.exports = { spawn: no, execFileSync: no };\n",
      loader: 'js',
    }));
  },
};

/**
 * `import { readSync } from 'node:fs'` in ESM evaluates every export of fs, `fs.promises` included, which loads
 * fs/promises, readline and the streams (~3 ms). Taking fs through require() in this bundle reads only what is used.
 */
const fsThroughRequire = {
  name: 'fs-through-require',
  setup(b) {
    b.onResolve({ filter: /^(node:)?fs$/ }, (args) =>
      args.namespace === 'fs-cjs' ? { path: 'node:fs', external: true } : { path: 'fs', namespace: 'fs-cjs' },
    );
    b.onLoad({ filter: /.*/, namespace: 'fs-cjs' }, () => ({ contents: "module.exports = require('node:fs');\n", loader: 'js' }));
  },
};

/**
 * What every sleuth bundle shares (dist/fast/ here, the standalone binary's in build-binary.mjs): ESM split into
 * chunks beside the entries (the workers are found by name beside the code), and a `require` for the CommonJS
 * packages (commander) that require() Node's built-ins.
 */
export const ESM_BUNDLE_BASE = {
  entryNames: '[name]',
  chunkNames: 'chunk-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  banner: { js: "import { createRequire as __sleuthRequire } from 'node:module'; const require = __sleuthRequire(import.meta.url);" },
  logLevel: 'warning',
};

/**
 * esbuild's options for dist/fast/. `from: 'dist'` bundles what tsc wrote (the build); `from: 'src'` bundles the
 * TypeScript itself into the same graph (esbuild maps the `.js` import names to the `.ts` files), for tests.
 */
export function fastBundleOptions({ root = repoRoot, from = 'dist' } = {}) {
  return {
    entryPoints: ENTRIES.map((p) => (from === 'src' ? join(root, 'src', `${p}.ts`) : join(root, 'dist', `${p}.js`))),
    outdir: join(root, 'dist/fast'),
    ...ESM_BUNDLE_BASE,
    target: 'node20',
    plugins: [noChildProcess, fsThroughRequire, externalPackages],
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const options = fastBundleOptions();
  rmSync(options.outdir, { recursive: true, force: true });
  await build(options);
}
