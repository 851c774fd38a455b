// A rerun over a folder whose file no longer matches its recorded sha256: it says so (result,
// stderr, the manifest's run), keeps the changed file aside under a new name (never overwritten,
// never deleted), and fetches a fresh copy, so `sha256sum -c SHA256SUMS` passes again.
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Manifest } from '../../src/evidence/index.js';
import { asideName, componentProblem } from '../../src/evidence/safe-name.js';
import { SIM_PROJECT, SIM_SHARDS, simWorkflowId } from '../../src/sim/index.js';
import { captureIo } from '../helpers/io.js';
import { TEST_TOKEN, useSim } from '../helpers/sim.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { download, fingerprint, readJson } from './helpers.js';

const sim = useSim({ requiredToken: TEST_TOKEN });
const tmp = useTmpDirs();
const JOB = { kind: 'job', project: SIM_PROJECT, number: SIM_SHARDS.job } as const;
const DIR = `${simWorkflowId(SIM_SHARDS.pipeline, SIM_SHARDS.workflow)}/job-${SIM_SHARDS.job}`;
const TXT = `${DIR}/step-${SIM_SHARDS.step}-node-2.txt`;
const ASIDE = /\.tampered-\d{8}T\d{6}Z$/;

/** A complete folder of job 5021, and its fingerprint. */
async function complete(): Promise<{ out: string; hashes: Map<string, string> }> {
  const out = join(tmp(), 'evidence');
  const r = await download(sim(), out, { target: JOB });
  expect(r.outcome).toBe('complete');
  return { out, hashes: fingerprint(out) };
}

/** The files beside `rel` kept aside as changed. */
const asideOf = (out: string, rel: string): string[] => {
  const dir = rel.slice(0, rel.lastIndexOf('/'));
  const name = rel.slice(rel.lastIndexOf('/') + 1);
  return readdirSync(join(out, dir)).filter((n) => n.startsWith(`${name}.tampered-`)).map((n) => `${dir}/${n}`);
};

/** One byte changed in place: the size stays, only the digest tells. */
function flipByte(path: string): Buffer {
  const b = readFileSync(path);
  const at = Math.floor(b.length / 2);
  b.writeUInt8(b.readUInt8(at) ^ 0x01, at);
  writeFileSync(path, b);
  return b;
}

describe('a rerun over a changed file', () => {
  it('notices a changed byte (same size), keeps the changed file aside, records it, and fetches a fresh copy', async () => {
    const { out, hashes } = await complete();
    // Negative check first: a rerun over the untouched folder finds nothing to say.
    const clean = await download(sim(), out, { target: JOB });
    expect(clean.tampered).toEqual([]);
    expect(readJson<Manifest>(join(out, 'manifest.json')).runs.at(-1)!.tampered).toBeUndefined();

    const changed = flipByte(join(out, TXT));
    const recorded = readJson<Manifest>(join(out, 'manifest.json')).files.find((f) => f.path === TXT)!;
    const r = await download(sim(), out, { target: JOB });
    expect(r.outcome).toBe('complete');
    expect(r.tampered).toHaveLength(1);
    const t = r.tampered[0]!;
    expect(t).toMatchObject({ path: TXT, recorded: { sha256: recorded.sha256, size: recorded.size }, found: { size: changed.length } });
    expect(t.kept_as).toMatch(ASIDE);
    expect(asideOf(out, TXT)).toEqual([t.kept_as]);
    // The changed bytes are kept exactly; the original name holds the recorded bytes again.
    expect(readFileSync(join(out, t.kept_as!)).equals(changed)).toBe(true);
    expect(new Map([...fingerprint(out)].filter(([p]) => p !== t.kept_as))).toEqual(hashes);
    expect(r.notes.join('\n')).toContain(`${TXT} no longer matches its recorded sha256`);
    const m = readJson<Manifest>(join(out, 'manifest.json'));
    expect(m.runs.at(-1)!.tampered).toEqual([t]);
    expect(m.files.find((f) => f.path === TXT)!.note).toMatch(/restored/);
    execFileSync('sha256sum', ['--quiet', '--strict', '-c', 'SHA256SUMS'], { cwd: out });
    // The kept file is left alone by the next run.
    const again = await download(sim(), out, { target: JOB });
    expect(again.tampered).toEqual([]);
    expect(readFileSync(join(out, t.kept_as!)).equals(changed)).toBe(true);
  });

  it('keeps a changed file of another size aside too, instead of overwriting it', async () => {
    const { out } = await complete();
    const json = `${DIR}/step-info.json`;
    writeFileSync(join(out, json), '{"edited": true}\n');
    const r = await download(sim(), out, { target: JOB });
    expect(r.tampered.map((t) => t.path)).toEqual([json]);
    expect(readFileSync(join(out, r.tampered[0]!.kept_as!), 'utf8')).toBe('{"edited": true}\n');
    execFileSync('sha256sum', ['--quiet', '--strict', '-c', 'SHA256SUMS'], { cwd: out });
  });

  it('moves a symlink planted in place of a recorded file aside without following it; its target is untouched', async () => {
    const { out } = await complete();
    const outside = join(tmp(), 'outside.txt');
    writeFileSync(outside, 'not evidence');
    rmSync(join(out, TXT));
    symlinkSync(outside, join(out, TXT));
    const r = await download(sim(), out, { target: JOB });
    expect(r.tampered).toHaveLength(1);
    expect(r.tampered[0]!.found).toEqual({ other: 'a symlink' });
    const kept = join(out, r.tampered[0]!.kept_as!);
    expect(lstatSync(kept).isSymbolicLink()).toBe(true);
    expect(readlinkSync(kept)).toBe(outside);
    expect(readFileSync(outside, 'utf8')).toBe('not evidence');
    expect(lstatSync(join(out, TXT)).isFile()).toBe(true);
    execFileSync('sha256sum', ['--quiet', '--strict', '-c', 'SHA256SUMS'], { cwd: out });
  });

  it('a file no record names, in the way of a write, is kept aside unless it holds the very bytes', async () => {
    const out = join(tmp(), 'evidence');
    mkdirSync(join(out, DIR), { recursive: true });
    writeFileSync(join(out, TXT), 'planted before the first run');
    const r = await download(sim(), out, { target: JOB });
    expect(r.outcome).toBe('complete');
    expect(r.tampered).toEqual([expect.objectContaining({ path: TXT, recorded: null, kept_as: expect.stringMatching(/\.unrecorded-\d{8}T\d{6}Z$/) })]);
    expect(readFileSync(join(out, r.tampered[0]!.kept_as!), 'utf8')).toBe('planted before the first run');
  });

  it('sleuth download says so on stderr, one line per file', async () => {
    const { out } = await complete();
    flipByte(join(out, TXT));
    const home = tmp();
    const c = captureIo({ CIRCLE_TOKEN: TEST_TOKEN, CIRCLE_HOST: sim().apiUrl, XDG_STATE_HOME: join(home, 'state'), XDG_CONFIG_HOME: join(home, 'config') }, { home });
    const code = await main(['node', 'sleuth', 'download', 'job', String(SIM_SHARDS.job), '--project', SIM_PROJECT, '--out', out, '--no-cache', '--artifacts-host', sim().artifactsUrl], c.io);
    expect(code).toBe(0);
    const lines = c.err().split('\n').filter((l) => l.startsWith('sleuth: tampered: '));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^sleuth: tampered: ${TXT.replace(/[.]/g, '\\.')} no longer matches its recorded sha256 [0-9a-f]{12}… \\(\\d+ bytes\\); found \\d+ bytes, sha256 [0-9a-f]{12}…; kept aside as .*\\.tampered-\\d{8}T\\d{6}Z$`));
    expect(existsSync(join(out, lines[0]!.slice(lines[0]!.indexOf('kept aside as ') + 14)))).toBe(true);
  });
});

describe('asideName', () => {
  it('keeps the suffix whole and the name under 255 bytes, cutting only whole characters', () => {
    expect(asideName('step-1.txt', 'tampered-20261204T161607Z')).toBe('step-1.txt.tampered-20261204T161607Z');
    const long = `${'a'.repeat(200)}${'😀'.repeat(20)}`;
    const n = asideName(long, 'tampered-20261204T161607Z');
    expect(Buffer.byteLength(n, 'utf8')).toBeLessThanOrEqual(255);
    expect(n.endsWith('.tampered-20261204T161607Z')).toBe(true);
    expect(componentProblem(n)).toBeNull();
  });
});
