// security.md §7 case 32: artifact names that collide (case, Unicode normalisation, a file and a folder of the same
// name, duplicates, a name equal to what a rename would choose) each keep their own bytes: nothing is overwritten or
// dropped, on the first run or the next.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useSim } from '../helpers/sim.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { fingerprint } from '../evidence/helpers.js';
import { ARTIFACTS_DIR, artifactRecords, downloadArtifactJob, listArtifacts, type HostileArtifact } from './artifact-host.js';
import { useRawServer } from './raw-server.js';

const sim = useSim();
const host = useRawServer();
const tmp = useTmpDirs();

const COLLIDING: HostileArtifact[] = [
  { path: 'README' },
  { path: 'readme' },
  { path: 'readme~2' }, // the name the rename of `readme` would pick
  { path: 'caf\u00e9.txt' }, // NFC
  { path: 'cafe\u0301.txt' }, // NFD
  { path: 'a' },
  { path: 'a/b' },
  { path: 'dup.txt' },
  { path: 'dup.txt', body: 'a second upload, other bytes\n' }, // listed twice, different URL and bytes
  { path: 'x', node_index: 0 },
  { path: 'x', node_index: 1 },
  { path: 'node-1/x', node_index: 0 }, // what node 1's x is filed under
  { path: '../evil' }, // renamed to _unsafe/0001.bin …
  { path: '_unsafe/0001.bin' }, // … which this one names literally
];

describe('path_collisions', () => {
  it('every listed artifact keeps its own bytes in its own file, and the manifest maps each back', async () => {
    const out = tmp();
    listArtifacts(sim(), host(), COLLIDING);
    const r = await downloadArtifactJob(sim(), host(), out);
    expect(r.failures).toEqual([]);
    const arts = artifactRecords(out);
    expect(new Set(arts.map((a) => a.path)).size).toBe(COLLIDING.length);
    const bodies = arts.map((a) => readFileSync(join(out, a.path), 'latin1'));
    expect(new Set(bodies).size).toBe(COLLIDING.length); // no file holds another's bytes
    const folded = arts.map((a) => a.path.normalize('NFC').toLowerCase());
    expect(new Set(folded).size).toBe(arts.length); // distinct on a case-insensitive, normalising file system too
    for (const a of arts) expect(a.path.startsWith(`${ARTIFACTS_DIR}/`)).toBe(true);
    // Each record's original path and node say which listing it was.
    const listed = COLLIDING.map((c) => `${c.node_index ?? 0} ${c.path}`).sort();
    expect(arts.map((a) => `${a.artifact_node} ${a.original_path}`).sort()).toEqual(listed);
  });

  it('a rerun finds every name where it left it and rewrites nothing, even when the host now serves other bytes', async () => {
    const out = tmp();
    let run = 1;
    listArtifacts(sim(), host(), COLLIDING, () => COLLIDING.map((a, i) => `run ${run}: ${a.body ?? `artifact #${i}`}`));
    expect((await downloadArtifactJob(sim(), host(), out)).failures).toEqual([]);
    const before = fingerprint(out);
    run = 2;
    const again = await downloadArtifactJob(sim(), host(), out);
    expect(again.failures).toEqual([]);
    expect(again.artifacts.fetched).toBe(0);
    expect(fingerprint(out)).toEqual(before);
    for (const a of artifactRecords(out)) expect(readFileSync(join(out, a.path), 'latin1')).toMatch(/^run 1: /);
  });

  it('one upload listed twice (the same URL) is one file whose record names both listings', async () => {
    const out = tmp();
    listArtifacts(sim(), host(), [{ path: 'same.txt' }, { path: 'same.txt', sameUrlAs: 0 }]);
    expect((await downloadArtifactJob(sim(), host(), out)).failures).toEqual([]);
    const arts = artifactRecords(out);
    expect(arts).toHaveLength(1);
    expect(arts[0]!.originals?.map((o) => o.path)).toEqual(['same.txt', 'same.txt']);
  });
});
