// Bundles a child-process entry of these tests (child-cli.ts: the real `sleuth` CLI through main()) with esbuild,
// so a test can run it as its own process against the simulator, as a responder would run sleuth.
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

/** Writes `entry` (a file beside this one) bundled to `outfile`, an ES module for node20. */
export async function bundleChild(entry: string, outfile: string): Promise<string> {
  await build({
    entryPoints: [join(__dirname, entry)], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile, logLevel: 'silent',
    jsx: 'automatic', plugins: [noDevtools], banner: { js: "import { createRequire as __sleuthCreateRequire } from 'node:module'; const require = __sleuthCreateRequire(import.meta.url);" },
  });
  return outfile;
}
