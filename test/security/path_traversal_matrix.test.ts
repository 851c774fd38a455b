// security.md §7 case 31: every path of the traversal matrix, as an artifact name CircleCI lists, is either refused
// (renamed to _unsafe/NNNN.bin) or kept as a harmless literal name; nothing is written outside the folder, not
// even into a sibling whose name starts like it (../root-evil).
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkArtifactPath, isSafeRelPath, nameArtifacts } from '../../src/evidence/safe-name.js';
import { useSim } from '../helpers/sim.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { insideOnly, walk } from '../evidence/helpers.js';
import { ARTIFACTS_DIR, artifactRecords, bodyOf, downloadArtifactJob, listArtifacts } from './artifact-host.js';
import { useRawServer } from './raw-server.js';

const sim = useSim();
const host = useRawServer();
const tmp = useTmpDirs();

/** [path, 'refused' | the literal name it may keep]. */
const MATRIX: [string, string][] = [
  ['../x', 'refused'],
  ['a/../../x', 'refused'],
  ['/etc/passwd', 'refused'],
  ['..\\x', 'refused'],
  ['C:\\x', 'refused'],
  ['C:x', 'refused'],
  ['\\\\srv\\s\\x', 'refused'],
  ['%2e%2e%2f', 'refused'],
  ['%2e%2e%2fx', 'refused'],
  // Decoded once only: %2e%2e%2f stays literal text, never a second decode into ../
  ['%252e%252e%252f', '%2e%2e%2f'],
  // Fullwidth dots and solidus are never NFKC-folded into ../
  ['\uff0e\uff0e\uff0f', '\uff0e\uff0e\uff0f'],
  ['.', 'refused'],
  ['..', 'refused'],
  ['', 'refused'],
  ['a\u0000b', 'refused'],
  [`${'n'.repeat(300)}`, 'refused'],
  [Array.from({ length: 1000 }, () => 'd').join('/'), 'refused'],
  ['CON.txt', 'refused'],
  ['a:b', 'refused'],
  ['x. ', 'refused'],
  ['../root-evil', 'refused'],
  ['../root-evil/planted.txt', 'refused'],
];

describe('path_traversal_matrix', () => {
  it.each(MATRIX.map(([p, want]) => [JSON.stringify(p).slice(0, 40), want === 'refused' ? 'refused' : `kept as ${JSON.stringify(want)}`, p, want]))('%s: %s', (_label, _says, path, want) => {
    const verdict = checkArtifactPath(path!);
    if (want === 'refused') expect(verdict.ok, JSON.stringify(path)).toBe(false);
    else expect(verdict).toEqual({ ok: true, parts: [want] });
    const [named] = [...nameArtifacts([{ path: path!, node_index: 0 }]).values()];
    expect(isSafeRelPath(named!.rel)).toBe(true);
    if (want === 'refused') expect(named!.rel).toMatch(/^_unsafe\/\d{4}\.bin$/);
  });

  it('downloaded from an artifact host: every file inside the folder, the sibling root-evil untouched, each original path in the manifest', async () => {
    const top = tmp();
    const out = join(top, 'root');
    const sibling = join(top, 'root-evil');
    mkdirSync(sibling);
    listArtifacts(sim(), host(), MATRIX.map(([path]) => ({ path })));
    const r = await downloadArtifactJob(sim(), host(), out);
    expect(r.failures).toEqual([]);
    expect(readdirSync(sibling)).toEqual([]);
    expect(insideOnly(out, top)).toEqual([]);
    expect(walk(top).filter((e) => !e.rel.startsWith('root/')).map((e) => e.rel).sort()).toEqual(['root', 'root-evil']);

    const arts = artifactRecords(out);
    expect(arts.map((a) => a.original_path).sort()).toEqual(MATRIX.map(([p]) => p).sort());
    MATRIX.forEach(([path, want], i) => {
      const rec = arts.find((a) => a.original_path === path)!;
      expect(rec.path.startsWith(`${ARTIFACTS_DIR}/`), rec.path).toBe(true);
      expect(readFileSync(join(out, rec.path), 'latin1'), JSON.stringify(path)).toBe(bodyOf(i));
      if (want === 'refused') {
        expect(rec.path).toMatch(/\/_unsafe\/\d{4}\.bin$/);
        expect(rec.renamed).toBeTruthy();
      } else {
        expect(rec.path).toBe(`${ARTIFACTS_DIR}/${want}`);
      }
    });
  });
});
