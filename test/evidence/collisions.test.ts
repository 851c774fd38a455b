// Artifacts whose safe names collide: every listed artifact's bytes end up in the folder, and the
// manifest maps each written file to every original path it holds. The job's artifact list is
// replaced (through a proxy in front of the simulator) by one whose URLs the proxy also serves.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slugPath } from '../../src/api/paths.js';
import type { FileRecord, Manifest } from '../../src/evidence/index.js';
import { SIM_MALICIOUS, SIM_PROJECT } from '../../src/sim/index.js';
import { TEST_TOKEN, useSim } from '../helpers/sim.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { download, readJson } from './helpers.js';
import { startApiProxy, type ApiProxy } from './proxy.js';

const sim = useSim({ requiredToken: TEST_TOKEN });
const tmp = useTmpDirs();
const JOB = SIM_MALICIOUS.jobs.build;

/** name → bytes served at /blob/<name>; each listed artifact points at one. */
const BLOBS: Record<string, string> = {
  upper: 'README in capitals\n',
  lower: 'readme in small letters\n',
  nfc: 'café, composed\n',
  nfd: 'café, decomposed\n',
  a: 'a file named a\n',
  ab: 'a file named b under a folder named a\n',
  dup: 'listed twice, one URL\n',
  first: 'report, first upload\n',
  second: 'report, second upload (same path, other bytes)\n',
  same: 'the same bytes under two names\n',
};

interface Listed { path: string; node_index: number; blob: string }
const LIST: Listed[] = [
  { path: 'README', node_index: 0, blob: 'upper' },
  { path: 'readme', node_index: 0, blob: 'lower' },
  { path: 'caf\u00e9.txt', node_index: 0, blob: 'nfc' },
  { path: 'cafe\u0301.txt', node_index: 0, blob: 'nfd' },
  { path: 'a', node_index: 0, blob: 'a' },
  { path: 'a/b', node_index: 0, blob: 'ab' },
  { path: 'dup.txt', node_index: 0, blob: 'dup' },
  { path: 'dup.txt', node_index: 0, blob: 'dup' },
  { path: 'report.txt', node_index: 0, blob: 'first' },
  { path: 'report.txt', node_index: 0, blob: 'second' },
  { path: 'same.txt', node_index: 0, blob: 'same' },
  { path: 'SAME.txt', node_index: 0, blob: 'same' },
];

let proxy: ApiProxy;
beforeAll(async () => {
  const list = `/api/v2/project/${slugPath(SIM_PROJECT)}/${JOB}/artifacts`;
  proxy = await startApiProxy(sim().apiUrl, (path) => {
    if (path === list) return { body: JSON.stringify({ items: LIST.map((a) => ({ path: a.path, node_index: a.node_index, url: `${proxy.url}/blob/${a.blob}` })), next_page_token: null }) };
    const blob = /^\/blob\/(\w+)$/.exec(path)?.[1];
    if (blob && BLOBS[blob] !== undefined) return { body: BLOBS[blob]!, contentType: 'text/plain' };
    return null;
  });
});
afterAll(() => proxy.close());

/** Every (node, original path) a file record holds. */
const originalsOf = (f: FileRecord): string[] => (f.originals ?? [{ path: f.original_path!, node: f.artifact_node! }]).map((o) => `${o.node}:${o.path}`);

describe('artifacts whose safe names collide', () => {
  it('are all kept (README/readme, NFC/NFD café, a and a/b, one path listed with two URLs), each mapped to its original path; exact duplicates are one file listing both', async () => {
    const out = tmp();
    const r = await download(sim(), out, { target: { kind: 'job', project: SIM_PROJECT, number: JOB }, transport: { host: proxy.url } });
    expect(r.failures).toEqual([]);
    expect(r.outcome).toBe('complete');
    const arts = readJson<Manifest>(join(out, 'manifest.json')).files.filter((f) => f.kind === 'artifact');

    // Each listed artifact is in some file that names it, and that file holds its bytes.
    for (const a of LIST) {
      const holders = arts.filter((f) => originalsOf(f).includes(`${a.node_index}:${a.path}`) && readFileSync(join(out, f.path), 'utf8') === BLOBS[a.blob]);
      expect(holders.length, `${JSON.stringify(a.path)} (${a.blob})`).toBeGreaterThanOrEqual(1);
    }
    // Distinct bytes are never lost: each blob is in the folder.
    const contents = new Set(arts.map((f) => readFileSync(join(out, f.path), 'utf8')));
    for (const blob of new Set(LIST.map((a) => a.blob))) expect(contents.has(BLOBS[blob]!), blob).toBe(true);

    // The exact duplicate (same path, same URL) is one file that lists the original twice.
    const dup = arts.filter((f) => originalsOf(f).includes('0:dup.txt'));
    expect(dup).toHaveLength(1);
    expect(dup[0]!.originals).toEqual([{ path: 'dup.txt', node: 0, url: `${proxy.url}/blob/dup` }, { path: 'dup.txt', node: 0, url: `${proxy.url}/blob/dup` }]);
    // One path listed with two URLs (two uploads): two files, the second renamed and saying why.
    const reports = arts.filter((f) => f.original_path === 'report.txt').sort((x, y) => (x.path < y.path ? -1 : 1));
    expect(reports.map((f) => f.path.slice(f.path.indexOf('/artifacts/') + 11))).toEqual(['report.txt', 'report~2.txt']);
    expect(reports[1]!.renamed).toMatch(/collides/);
    expect(new Set(reports.map((f) => f.sha256)).size).toBe(2);
    execFileSync('sha256sum', ['--quiet', '--strict', '-c', 'SHA256SUMS'], { cwd: out });

    // A rerun finds them all in place: nothing fetched, nothing renamed differently.
    const again = await download(sim(), out, { target: { kind: 'job', project: SIM_PROJECT, number: JOB }, transport: { host: proxy.url } });
    expect(again.outcome).toBe('complete');
    expect(again.files.written).toBe(0);
  });
});
