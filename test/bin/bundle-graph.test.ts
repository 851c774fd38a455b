// What `sleuth search` loads before it starts searching: the static import graph of dist/fast/search-main.js, built
// here from src/ with the options scripts/bundle.mjs uses. The API client, the downloader, the disk cache and Ink have
// no business on the search path: `scan --project` reaches the API through a lazy import(), and nothing else does.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

/** Inputs (repo-relative) of the outputs a chunk-set reaches through `import` statements only, or through any import. */
function reach(meta: Metafile, from: string, kinds: readonly string[]): Set<string> {
  const inputs = new Set<string>();
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const out = stack.pop()!;
    if (seen.has(out)) continue;
    seen.add(out);
    const output = meta.outputs[out]!;
    for (const input of Object.keys(output.inputs)) inputs.add(input);
    for (const imp of output.imports) {
      if (imp.external) inputs.add(`external:${imp.path}`);
      else if (kinds.includes(imp.kind)) stack.push(imp.path);
    }
  }
  return inputs;
}

/** Loaded by any search, on any folder, before the first file is read. */
const NOT_ON_THE_SEARCH_PATH = [/^src\/api\/(client|transport|storage|normalize)\.ts$/, /^src\/evidence\//, /^src\/cache\//, /^src\/tui\//, /^src\/scan\//, /^external:(ink|react|undici)$/];

describe('the bundled search entry (scripts/bundle.mjs)', () => {
  let meta: Metafile;
  let entry: string;
  beforeAll(async () => {
    const { fastBundleOptions } = (await import(pathToFileURL(join(ROOT, 'scripts/bundle.mjs')).href)) as { fastBundleOptions: (o: { from: 'src' }) => BuildOptions };
    const result = await build({ ...fastBundleOptions({ from: 'src' }), absWorkingDir: ROOT, write: false, metafile: true, logLevel: 'silent' });
    meta = result.metafile;
    entry = Object.keys(meta.outputs).find((o) => o.endsWith('/search-main.js'))!;
    expect(entry).toBeDefined();
  }, 60_000);

  it('keeps the API client behind a lazy import: in the bundle, never loaded by a search', () => {
    // The negative check first: following dynamic imports too, the graph does reach the API client (scan --project),
    // so the check below would see it if it moved onto the static path.
    const everything = [...reach(meta, entry, ['import-statement', 'dynamic-import'])];
    expect(everything).toContain('src/api/client.ts');
    expect(everything.some((i) => i.startsWith('src/scan/'))).toBe(true);

    const loaded = [...reach(meta, entry, ['import-statement'])];
    expect(loaded).toContain('src/search/corpus.ts');
    const unwanted = loaded.filter((i) => NOT_ON_THE_SEARCH_PATH.some((re) => re.test(i)));
    expect(unwanted).toEqual([]);
  });

  it('has the two workers as entries of their own, beside the command', () => {
    const names = Object.keys(meta.outputs).filter((o) => o.endsWith('.js')).map((o) => o.slice(o.lastIndexOf('/') + 1));
    expect(names).toEqual(expect.arrayContaining(['search-main.js', 'exact-worker.js', 'regex-worker.js']));
  });
});
