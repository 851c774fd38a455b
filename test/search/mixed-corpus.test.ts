// The evidence folder and the disk cache searched together (the live TUI, `sleuth search DIR --cache`): a step output
// both hold is read once, from the folder (the copy with a custody record); what only the cache holds is kept, and
// every hit says where it was read.
import { describe, expect, it } from 'vitest';
import { DiskCache } from '../../src/cache/disk-cache.js';
import { scanCommand } from '../../src/cli/commands/scan.js';
import { searchCommand } from '../../src/cli/commands/search.js';
import { scanCorpus, type Finding } from '../../src/scan/scan-corpus.js';
import { cacheCorpus, evidenceCorpus } from '../../src/search/corpus.js';
import { cacheIdentity, multiCorpus } from '../../src/search/corpus-merge.js';
import { runSearch } from '../../src/search/run.js';
import type { SearchHit } from '../../src/search/types.js';
import { SIM_LEAKS, SIM_MALICIOUS, SIM_PROJECT } from '../../src/sim/index.js';
import { captureIo } from '../helpers/io.js';
import { SIM_MODES, useSim } from '../helpers/sim.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { browseThenDownload } from './mixed-fixture.js';

const { test: TEST_JOB, lint: LINT_JOB, build: BUILD_JOB } = SIM_MALICIOUS.jobs;
const JOBS: readonly number[] = [TEST_JOB, LINT_JOB];

/** One place in one step output: what must be listed once. */
const place = (h: Pick<SearchHit, 'job' | 'step' | 'node' | 'field' | 'line' | 'column'>) => `${h.job}/${h.step}/${h.node}/${h.field} ${h.line}:${h.column}`;
const findingKey = (f: Finding) => `${place(f)} ${f.ruleId} ${f.encoding}`;
const secrets = (fs: Finding[]) => fs.filter((f) => f.severity !== 'info');
const dupes = (keys: string[]) => keys.filter((k, i) => keys.indexOf(k) !== i);

describe.each(SIM_MODES)('the folder and the cache together ($mode)', ({ server }) => {
  const sim = useSim({ server });
  const tmp = useTmpDirs();

  async function world() {
    const out = tmp();
    const cacheDir = tmp();
    await browseThenDownload(sim(), { out, cacheDir, jobs: JOBS });
    return { out, cacheDir, folder: evidenceCorpus(out), cache: cacheCorpus(cacheDir), both: multiCorpus([evidenceCorpus(out), cacheCorpus(cacheDir)]) };
  }

  it('scans each step output once, from the folder: as many findings as the folder alone', async () => {
    const w = await world();
    const folder = secrets((await scanCorpus({ corpus: w.folder })).findings);
    // The overlap is real: the cache alone holds every one of the folder's findings.
    const cached = secrets((await scanCorpus({ corpus: w.cache })).findings);
    expect(folder.length).toBeGreaterThan(0);
    expect(cached.map(findingKey).sort()).toEqual(folder.map(findingKey).sort());

    const both = await scanCorpus({ corpus: w.both });
    const found = secrets(both.findings);
    expect(dupes(found.map(findingKey))).toEqual([]);
    expect(found.map(findingKey).sort()).toEqual(folder.map(findingKey).sort());
    expect(new Set(both.findings.map((f) => f.origin))).toEqual(new Set(['evidence']));
    expect(both.files).toBe((await scanCorpus({ corpus: w.folder })).files);
  });

  it('searches each step output once (exact, regex, fuzzy), from the folder', async () => {
    const w = await world();
    for (const [pattern, mode] of [
      [SIM_LEAKS.githubToken, 'exact'],
      ['gh[pousr]_[A-Za-z0-9]{36}', 'regex'],
      ['coverage upload', 'fuzzy'],
    ] as const) {
      const folder = (await runSearch({ pattern, mode, corpus: w.folder })).hits;
      const cached = (await runSearch({ pattern, mode, corpus: w.cache })).hits;
      expect(cached.length, `${mode}: the cache holds the same output`).toBeGreaterThan(0);
      const both = (await runSearch({ pattern, mode, corpus: w.both })).hits;
      const keys = both.map((h) => `${place(h)} ${h.encoding}`);
      expect(dupes(keys), mode).toEqual([]);
      expect(keys.sort(), mode).toEqual(folder.map((h) => `${place(h)} ${h.encoding}`).sort());
      expect(both.every((h) => h.origin === 'evidence'), mode).toBe(true);
    }
  });

  it('keeps what only the cache holds: another job, the same job number of another project or another host', async () => {
    const w = await world();
    // Job 5013 browsed only (never downloaded).
    await browseThenDownload(sim(), { out: tmp(), cacheDir: w.cacheDir, jobs: [BUILD_JOB] });
    const cache = new DiskCache(w.cacheDir);
    const leak = Buffer.from(JSON.stringify([{ message: `export T=${SIM_LEAKS.githubToken}\n`, time: '2026-11-20T12:00:00Z', type: 'out' }]));
    await cache.put(`${sim().apiUrl}output:gh/other-org/other-repo/${TEST_JOB}/${SIM_MALICIOUS.maliciousStep}/0`, leak, null);
    await cache.put(`https://circleci.example.comoutput:gh/acme/payments/${TEST_JOB}/${SIM_MALICIOUS.maliciousStep}/0`, leak, null);

    const listed = (await w.both.list()).docs;
    const ids = listed.filter((d) => d.kind === 'cache-entry').map((d) => cacheIdentity(d.path));
    expect(ids.some((id) => id?.job === BUILD_JOB && id.step !== null)).toBe(true);
    expect(ids.some((id) => id?.job === BUILD_JOB && id.step === null)).toBe(true);
    // Nothing of the downloaded jobs' own project and host is read from the cache.
    expect(ids.filter((id) => id && JOBS.includes(id.job) && id.project === SIM_PROJECT && id.host === sim().apiUrl)).toEqual([]);

    const hits = (await runSearch({ pattern: SIM_LEAKS.githubToken, mode: 'exact', corpus: w.both })).hits;
    const fromCache = hits.filter((h) => h.origin === 'cache');
    expect(fromCache.map((h) => `${h.project} ${h.job}/${h.step}`).sort()).toEqual([
      `gh/acme/payments ${TEST_JOB}/${SIM_MALICIOUS.maliciousStep}`,
      `gh/other-org/other-repo ${TEST_JOB}/${SIM_MALICIOUS.maliciousStep}`,
    ]);
  });

  it('sleuth scan DIR --cache counts what sleuth scan DIR counts; --json says where each finding was read', async () => {
    const w = await world();
    const run = async (flags: { cache?: boolean }) => {
      const c = captureIo({ SLEUTH_CACHE_DIR: w.cacheDir }, { cwd: w.out });
      expect(await scanCommand(w.out, { json: true, ...flags }, c.io)).toBe(0);
      return JSON.parse(c.out()) as (Record<string, unknown> & { severity: string })[];
    };
    const folder = await run({});
    const both = await run({ cache: true });
    expect(both.length).toBe(folder.length);
    expect(both.map((f) => f.origin)).toEqual(folder.map(() => 'evidence'));
    const human = captureIo({ SLEUTH_CACHE_DIR: w.cacheDir }, { cwd: w.out });
    expect(await scanCommand(w.out, { cache: true }, human.io)).toBe(0);
    const count = secrets((await scanCorpus({ corpus: w.folder })).findings).length;
    expect(human.err()).toContain(`${count} findings`);
    expect(human.out()).toContain(`job ${TEST_JOB} · step ${SIM_MALICIOUS.maliciousStep} · evidence folder`);
  });

  it('sleuth search DIR --cache lists each hit once; --json has origin; the cache alone says cache', async () => {
    const w = await world();
    const run = async (dir: string | undefined, flags: { cache?: boolean }) => {
      const c = captureIo({ SLEUTH_CACHE_DIR: w.cacheDir }, { cwd: w.out });
      expect(await searchCommand(SIM_LEAKS.githubToken, dir, { json: true, ...flags }, c.io)).toBe(0);
      return JSON.parse(c.out()) as Record<string, unknown>[];
    };
    const key = (h: Record<string, unknown>) => `${h.job}/${h.step}/${h.node}/${h.field} ${h.line}:${h.column} ${h.encoding}`;
    const folder = await run(w.out, {});
    const both = await run(w.out, { cache: true });
    expect(dupes(both.map(key))).toEqual([]);
    expect(both.map(key).sort()).toEqual(folder.map(key).sort());
    expect(new Set(both.map((h) => h.origin))).toEqual(new Set(['evidence']));
    const cacheOnly = await run(undefined, { cache: true });
    expect(cacheOnly.length).toBe(folder.length);
    expect(new Set(cacheOnly.map((h) => h.origin))).toEqual(new Set(['cache']));
  });
});
