// bench/lib/real-folder.mjs: the real-shaped evidence folder the search and scan benches measure. It must be what the
// offline source reads (every job and step output found by the folder walk), shaped like the folder (two job
// JSON files per job, ~5 outputs per job, most of them small), deterministic, and put planted text where asked.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scanEvidence } from '../../src/source/offline/scan.js';
import { useTmpDirs } from '../helpers/tmp.js';

const ROOT = join(import.meta.dirname, '../..');
const tmp = useTmpDirs();

interface Made { files: number; bytes: number; txtFiles: number; jsonFiles: number; jobs: number }
type Write = (dir: string, o: { copies?: number; seed?: number; mb?: number; layout?: string; plant?: (job: number, step: number) => string | null }) => Promise<Made>;
const load = async (): Promise<Write> => ((await import(pathToFileURL(join(ROOT, 'bench/lib/real-folder.mjs')).href)) as { writeRealFolder: Write }).writeRealFolder;

describe('bench/lib/real-folder.mjs', () => {
  it('writes the issue-shaped layout the offline walk reads, with planted text where asked', async () => {
    const writeRealFolder = await load();
    const dir = tmp();
    const marker = 'PLANTED-VALUE-7Q2';
    const made = await writeRealFolder(dir, { copies: 2, mb: 4, plant: (job, step) => (job === 101 && step === 3 ? `x ${marker}\r\n` : null) });
    expect(made.jobs).toBe(190);
    expect(made.jsonFiles).toBe(2 * 190 + 1);
    expect(made.txtFiles / made.jobs).toBeGreaterThan(5);
    expect(made.txtFiles / made.jobs).toBeLessThan(5.4);
    expect(made.files).toBe(made.txtFiles + made.jsonFiles);

    const scan = await scanEvidence(dir, 1_000_000);
    expect(scan.manifest).toBe(true);
    expect(scan.warnings).toEqual([]);
    const jobs = scan.workflows.flatMap((w) => w.jobs);
    expect(jobs).toHaveLength(190);
    expect(jobs.reduce((n, j) => n + j.steps.size, 0)).toBe(made.txtFiles);
    expect(jobs.every((j) => j.files.has('job-info.json') && j.files.has('step-info.json'))).toBe(true);
    expect(jobs.some((j) => [...j.steps.keys()].some((k) => k.endsWith(':1')))).toBe(true);

    // The planted text: in the 102nd job's fourth output only, mid-file, on a line of its own.
    const holding = jobs.flatMap((j) => [...j.steps.values()].map((s) => s.txt!)).filter((p) => readFileSync(p, 'latin1').includes(marker));
    expect(holding).toHaveLength(1);
    const job = jobs.find((j) => holding[0]!.startsWith(`${j.dir}/`))!;
    expect(readdirSync(job.dir).filter((f) => f.endsWith('.txt')).sort((a, b) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0]))[3]).toBe(holding[0]!.slice(job.dir.length + 1));
    expect(readFileSync(holding[0]!, 'latin1')).toMatch(new RegExp(`\\r\\nx ${marker}\\r\\n`));
  });

  it('is deterministic, and most step outputs are small', async () => {
    const writeRealFolder = await load();
    const [a, b] = [tmp(), tmp()];
    await writeRealFolder(a, { copies: 1, mb: 2, seed: 3 });
    await writeRealFolder(b, { copies: 1, mb: 2, seed: 3 });
    expect(readFileSync(join(a, 'manifest.json'), 'utf8')).toBe(readFileSync(join(b, 'manifest.json'), 'utf8'));
    const manifest = JSON.parse(readFileSync(join(a, 'manifest.json'), 'utf8')) as { files: { kind: string; size: number }[] };
    const sizes = manifest.files.filter((f) => f.kind === 'step-output-text').map((f) => f.size).sort((x, y) => x - y);
    expect(sizes[Math.floor(sizes.length / 2)]).toBeLessThan(8 * 1024);
    expect(sizes.at(-1)).toBeGreaterThan(20 * sizes[Math.floor(sizes.length / 2)]!);
  });
});
