// After tsc: bundles the `sleuth search` / `sleuth scan` entry into dist/fast/, which starts ~15 ms sooner than
// dist/cli (commander loaded as CommonJS from ESM, a module load per file, built-ins nobody uses). Everything else
// (the API stack, Ink) keeps running from dist/ as tsc wrote it. The workers are entries too: the search code finds them
// beside itself (`new URL('./exact-worker.js', import.meta.url)`).
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist/fast');
rmSync(out, { recursive: true, force: true });

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

await build({
  entryPoints: ['cli/search-main.js', 'search/exact-worker.js', 'search/regex-worker.js'].map((p) => join(root, 'dist', p)),
  outdir: out,
  entryNames: '[name]',
  chunkNames: 'chunk-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  plugins: [noChildProcess, fsThroughRequire, externalPackages],
  // commander is CommonJS and require()s node built-ins.
  banner: { js: "import { createRequire as __sleuthRequire } from 'node:module'; const require = __sleuthRequire(import.meta.url);" },
  logLevel: 'warning',
});
