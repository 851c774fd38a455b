// Bundles a child entry (child-cli.ts, child-tui-download.ts, …) with esbuild into one .mjs, so a
// test can run the real code in a process of its own and signal or kill it.
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';

/** Ink imports react-devtools-core only for its dev mode; the bundle gets an empty stand-in. */
const noDevtools: Plugin = {
  name: 'no-devtools',
  setup(b) {
    b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'devtools', namespace: 'stub' }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'export default {};' }));
  },
};

/** `entry` (a file of test/evidence) bundled to `outfile`. */
export async function bundleChild(entry: string, outfile: string): Promise<void> {
  await build({
    entryPoints: [join(__dirname, entry)], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile, logLevel: 'silent',
    jsx: 'automatic', plugins: [noDevtools], banner: { js: "import { createRequire as __sleuthCreateRequire } from 'node:module'; const require = __sleuthCreateRequire(import.meta.url);" },
  });
}
