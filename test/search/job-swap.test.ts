// A job folder swapped for a symlink after the folder was listed: its files are never read through the link. The
// check runs when a document of that job is first read (CorpusReader), not per job while listing, so exact search on
// ripgrep, the Node core and `sleuth scan` on ripgrep each must refuse it. Each folder also holds the value in a job
// left in place: the same run proves the search would have seen it.
import { mkdirSync, renameSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { scanCorpus } from '../../src/scan/scan-corpus.js';
import { CorpusReader, evidenceCorpus, type Corpus } from '../../src/search/corpus.js';
import { runSearch, type SearchResult } from '../../src/search/run.js';
import { searchEngine } from '../../src/search/rg/locate.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { fake, outputJson, WF, writeTree } from './helpers.js';

const tmp = useTmpDirs();
afterEach(() => vi.unstubAllEnvs());
const rg = searchEngine({});

const VALUE = fake('AKIA', 'Q3EGRTLYX7K5', 'WZPN');
/** job-1 keeps the value in place; job-3 holds none, and is swapped for a link to a folder that holds it. */
function folders(): { dir: string; jobDir: string; outside: string; outsideRoot: string } {
  const dir = writeTree(tmp(), {
    [`${WF}/job-1/step-101.txt`]: `aws_access_key_id = ${VALUE}\n`,
    [`${WF}/job-3/step-101.txt`]: 'nothing here\n',
    // A .json output with no .txt beside it: the Node core reads it even when rg searches the .txt files.
    [`${WF}/job-3/step-102.json`]: outputJson('nothing here either'),
  });
  // An evidence folder of its own, so the control below can search it as one.
  const outsideRoot = writeTree(tmp(), {
    [`${WF}/job-3/step-101.txt`]: `aws_access_key_id = ${VALUE}\n`,
    [`${WF}/job-3/step-102.json`]: outputJson(`aws_access_key_id = ${VALUE}`),
  });
  return { dir, jobDir: join(dir, WF, 'job-3'), outside: join(outsideRoot, WF, 'job-3'), outsideRoot };
}

/** The corpus, with job-3 replaced by a symlink to `outside` once the listing is done. */
function swappedAfterListing(dir: string, jobDir: string, outside: string): Corpus {
  const corpus = evidenceCorpus(dir);
  return {
    ...corpus,
    async list() {
      const listed = await corpus.list();
      mkdirSync(join(dir, 'moved'));
      renameSync(jobDir, join(dir, 'moved', 'job-3'));
      symlinkSync(outside, jobDir);
      return listed;
    },
  };
}

async function search(corpus: Corpus, engine: 'rg' | 'node'): Promise<SearchResult> {
  vi.stubEnv('SLEUTH_RG', engine === 'rg' ? '' : 'off');
  return runSearch({ pattern: VALUE, mode: 'exact', corpus });
}

const MOVED = `${WF}/job-3: is no longer a folder inside`;

describe('a job folder swapped for a symlink after the listing', () => {
  it.each(['rg', 'node'] as const)('exact search (%s): no hit through the link, one warning; the job in place is found', async (engine) => {
    if (engine === 'rg') expect(rg.kind).toBe('ripgrep');
    const { dir, jobDir, outside } = folders();
    // Without the swap, job-3's files are listed and searched like the others.
    const plain = await evidenceCorpus(dir).list();
    expect(plain.docs.map((d) => d.ref.file)).toContain(`${WF}/job-3/step-102.json`);
    const r = await search(swappedAfterListing(dir, jobDir, outside), engine);
    if (engine === 'rg') expect(r.engine).toBe('ripgrep');
    expect(r.hits.map((h) => h.file)).toEqual([`${WF}/job-1/step-101.txt`]);
    expect(r.warnings.filter((w) => w.startsWith(MOVED))).toHaveLength(1);
  });

  it.each(['rg', 'node'] as const)('the control (%s): what the link points at is found when it is searched as a folder', async (engine) => {
    const { outsideRoot } = folders();
    const r = await search(evidenceCorpus(outsideRoot), engine);
    expect(r.hits.map((h) => h.file).sort()).toEqual([`${WF}/job-3/step-101.txt`, `${WF}/job-3/step-102.json`]);
  });

  it('sleuth scan on rg (the batch rg reads by path) and on the Node core: no finding through the link', async () => {
    expect(rg.kind).toBe('ripgrep');
    for (const engine of [rg, { kind: 'node' as const, reason: 'test' }]) {
      const { dir, jobDir, outside } = folders();
      const r = await scanCorpus({ corpus: swappedAfterListing(dir, jobDir, outside), engine });
      expect(r.findings.map((f) => f.file)).toEqual([`${WF}/job-1/step-101.txt`]);
      expect(r.warnings.filter((w) => w.startsWith(MOVED))).toHaveLength(1);
    }
  });

  it('the reader checks each job once, and documents of other jobs are read as before', async () => {
    const { dir, jobDir, outside } = folders();
    const corpus = swappedAfterListing(dir, jobDir, outside);
    const { docs } = await corpus.list();
    const reader = new CorpusReader(corpus);
    const loaded = docs.map((d) => reader.load(d));
    expect(docs.map((d) => d.ref.file)).toEqual([`${WF}/job-1/step-101.txt`, `${WF}/job-3/step-101.txt`, `${WF}/job-3/step-102.json`]);
    expect(loaded.map((l) => l !== null)).toEqual([true, false, false]);
    expect(reader.warnings).toEqual([`${MOVED} ${dir}; skipped`]);
  });
});
