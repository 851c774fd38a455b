// The layer check in `npm test`: .dependency-cruiser.cjs holds the layer order and the rules; this runs them over
// src/ and fails with one line per violation. It first proves, on a small tree that breaks every rule once
// (fixture/src), that it would see a violation at all.
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseResult, type IViolation } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');
const FIXTURE = join(ROOT, 'test/architecture/fixture');
const LAYERS = (createRequire(import.meta.url)(CONFIG) as { layers: { name: string; folders: string[] }[] }).layers;
/** A cruise of the whole of src/ reads ~350 files with the TypeScript parser: seconds, more on a loaded machine. */
const CRUISE_TIMEOUT_MS = 180_000;

async function violationsIn(baseDir: string): Promise<IViolation[]> {
  const options = await extractDepcruiseOptions(CONFIG);
  const tsConfigFile = join(ROOT, 'tsconfig.json');
  const { output } = await cruise(['src'], { ...options, tsConfig: { fileName: tsConfigFile }, baseDir }, undefined, { tsConfig: extractTSConfig(tsConfigFile) });
  return (output as ICruiseResult).summary.violations;
}

/** `rule: from → to`, or the whole circle for no-circular: what a failing run prints, one line each. */
function describeViolation(v: IViolation): string {
  const path = v.cycle?.length ? [v.from, ...v.cycle.map((c) => c.name)].join(' → ') : `${v.from} → ${v.to}`;
  return `${v.rule.name}: ${path}`;
}

/** Folders of a src/ tree that the layer list does not name (each must have a layer). */
function foldersWithoutLayer(srcDir: string, layers: { folders: string[] }[]): string[] {
  const named = new Set(layers.flatMap((l) => l.folders));
  return readdirSync(srcDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !named.has(e.name))
    .map((e) => e.name);
}

describe('the layer check sees a violation (fixture/src breaks every rule once)', () => {
  it('reports each broken rule on the import that breaks it, and nothing for the allowed imports', async () => {
    const found = (await violationsIn(FIXTURE)).map((v) => `${v.rule.name}: ${v.from} → ${v.to.replace(/^.*node_modules\/([^/]+)\/.*$/, 'node_modules/$1')}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'foundation-imports-no-layer-above: src/util/words.ts → src/cli/io.ts',
        'tui-imports-no-layer-above: src/tui/status.ts → src/cli/io.ts',
        'cli-imports-tui-only-where-it-starts-one: src/cli/commands/search.ts → src/tui/status.ts',
        'ink-and-react-only-in-tui: src/search/keys.ts → node_modules/ink',
        'tui-never-touches-the-api-client: src/tui/panes/jobs.ts → src/api/client.ts',
        'tui-components-import-no-feature: src/tui/components/Header.ts → src/tui/exposure/scope.ts',
        'tui-keymap-imports-no-feature: src/tui/keymap.ts → src/tui/audit/keys.ts',
      ]),
    );
    // A circle made of type-only imports counts.
    expect(found.some((f) => /^no-circular: src\/search\/(run|worker)\.ts → src\/search\/(run|worker)\.ts$/.test(f))).toBe(true);
    // The allowed imports (cli → util, the TUI command → tui) are not reported.
    expect(found.filter((f) => f.startsWith('cli-imports-tui-only-where-it-starts-one:'))).toHaveLength(1);
    expect(found.filter((f) => /: src\/cli\/io\.ts → /.test(f))).toEqual([]);
    expect(found).toHaveLength(8);
  }, CRUISE_TIMEOUT_MS);

  it('names a folder of src/ that has no layer', () => {
    expect(foldersWithoutLayer(join(FIXTURE, 'src'), LAYERS)).toEqual([]);
    expect(foldersWithoutLayer(join(FIXTURE, 'src'), LAYERS.filter((l) => !l.folders.includes('api')))).toEqual(['api']);
  });
});

describe('src/ keeps its layers (.dependency-cruiser.cjs)', () => {
  it('every folder of src/ has a layer', () => {
    expect(foldersWithoutLayer(join(ROOT, 'src'), LAYERS)).toEqual([]);
  });

  it('no module imports a layer above its own, and no import circle', async () => {
    const lines = (await violationsIn(ROOT)).map(describeViolation);
    // One line per violation, so a failing run says what to move.
    expect(lines.join('\n')).toBe('');
  }, CRUISE_TIMEOUT_MS);
});
