// Artifacts are never masked by CircleCI (security.md §3): a downloaded job's artifacts/ folder is searched and
// scanned with its step output. Symlinks inside it are never followed; binary artifacts are searched for the exact
// value but left out of fuzzy ranking and the secret scanner.
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { scanCorpus } from '../../src/scan/scan-corpus.js';
import { evidenceCorpus } from '../../src/search/corpus.js';
import { runSearch } from '../../src/search/run.js';
import { logLevelFor } from '../../src/tui/search/open-hit.js';
import { captureIo } from '../helpers/io.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { fake, WF, writeTree } from './helpers.js';

const TOKEN = fake('ghp_', 'Rz4Xq8Lm2Vn7Kp1Wt9Yb', '3Cs6Df0Gh5Jk8Mn2');
const tmp = useTmpDirs();

function folder(): string {
  const dir = tmp();
  writeTree(dir, {
    [`${WF}/job-7/step-101.txt`]: 'all good\n',
    [`${WF}/job-7/artifacts/reports/junit.xml`]: `<testcase name="login">\n<system-out>using token ${TOKEN}</system-out>\n</testcase>\n`,
    [`${WF}/job-7/artifacts/node-1/core.bin`]: Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0]), Buffer.from(`env GITHUB_TOKEN=${TOKEN}`)]),
    'outside/secret.txt': `not evidence ${TOKEN}\n`,
  });
  // A symlink planted in the artifacts folder, pointing out of the evidence folder: never read.
  mkdirSync(join(dir, WF, 'job-7/artifacts/links'), { recursive: true });
  symlinkSync(join(dir, 'outside/secret.txt'), join(dir, WF, 'job-7/artifacts/links/secret.txt'));
  symlinkSync(join(dir, 'outside'), join(dir, WF, 'job-7/artifacts/linked-dir'));
  return dir;
}

describe('artifacts in search and scan', () => {
  it('finds the value in text and binary artifacts, never through a symlink', async () => {
    const r = await runSearch({ pattern: TOKEN, mode: 'exact', corpus: evidenceCorpus(folder()) });
    expect(r.hits.map((h) => [h.file, h.job, h.step, h.field, h.line])).toEqual([
      [`${WF}/job-7/artifacts/node-1/core.bin`, 7, null, 'artifact', 1],
      [`${WF}/job-7/artifacts/reports/junit.xml`, 7, null, 'artifact', 2],
    ]);
  });

  it('ranks no artifact lines in fuzzy mode', async () => {
    const r = await runSearch({ pattern: 'using token', mode: 'fuzzy', corpus: evidenceCorpus(folder()) });
    expect(r.hits.filter((h) => h.field === 'artifact')).toEqual([]);
  });

  it('scans text artifacts for secrets and skips binary ones', async () => {
    const r = await scanCorpus({ corpus: evidenceCorpus(folder()) });
    expect(r.findings.map((f) => [f.file, f.ruleId, f.field])).toEqual([[`${WF}/job-7/artifacts/reports/junit.xml`, 'github-pat', 'artifact']]);
  });

  it('names the artifact in human output, and the TUI says to open it elsewhere', async () => {
    const dir = folder();
    const c = captureIo({}, { cwd: dir });
    expect(await main(['node', 'sleuth', 'search', TOKEN, dir], c.io)).toBe(0);
    expect(c.out()).toContain(`${WF}/job-7/artifacts/reports/junit.xml  job 7 · artifact`);
    // No source is consulted for an artifact: it has no log to open.
    const why = await logLevelFor(null as never, { job: 7, step: null, node: null, field: 'artifact', file: `${WF}/job-7/artifacts/reports/junit.xml`, line: 2 });
    expect(why).toEqual({ why: `the match is in an artifact, ${WF}/job-7/artifacts/reports/junit.xml: open it with another tool` });
  });

  it('stops at the entry budget with one warning', async () => {
    const dir = folder();
    writeTree(dir, Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`${WF}/job-7/artifacts/many/f-${String(i).padStart(2, '0')}.txt`, 'x\n'])));
    const corpus = evidenceCorpus(dir, { maxEntries: 1000, maxFileBytes: 1 << 20, maxJsonBytes: 1 << 20 });
    expect((await corpus.list()).docs.filter((d) => d.kind === 'artifact')).toHaveLength(32);
    const small = await evidenceCorpus(dir, { maxEntries: 12, maxFileBytes: 1 << 20, maxJsonBytes: 1 << 20 }).list();
    expect(small.warnings.filter((w) => w.includes('artifact entries'))).toHaveLength(1);
    expect(small.docs.filter((d) => d.kind === 'artifact').length).toBeLessThan(12);
  });

  it('shows a hostile artifact name visibly, never as a control sequence', async () => {
    const dir = folder();
    writeTree(dir, { [`${WF}/job-7/artifacts/a\x1b]0;pwned\x07b.txt`]: `x ${TOKEN}\n` });
    const c = captureIo({}, { cwd: dir });
    expect(await main(['node', 'sleuth', 'search', TOKEN, dir], c.io)).toBe(0);
    expect(c.out()).toContain('artifacts/a^[]0;pwned^Gb.txt  job 7 · artifact');
    expect(c.out()).not.toContain('\x1b');
    expect(c.out()).not.toContain('\x07');
  });
});
