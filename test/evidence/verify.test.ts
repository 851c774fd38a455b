// `sleuth verify DIR`: a folder against its manifest.json and SHA256SUMS. Exit 0 when all match,
// 1 on any difference (one line each, names quoted), 2 when DIR is not an evidence folder.
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { SIM_PROJECT, SIM_SHARDS, simWorkflowId } from '../../src/sim/index.js';
import { captureIo } from '../helpers/io.js';
import { TEST_TOKEN, useSim } from '../helpers/sim.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { download } from './helpers.js';

const sim = useSim({ requiredToken: TEST_TOKEN });
const tmp = useTmpDirs();
const JOB = { kind: 'job', project: SIM_PROJECT, number: SIM_SHARDS.job } as const;
const WF = simWorkflowId(SIM_SHARDS.pipeline, SIM_SHARDS.workflow);
const DIR = `${WF}/job-${SIM_SHARDS.job}`;
const TXT = `${DIR}/step-${SIM_SHARDS.step}-node-2.txt`;

/** One complete download, copied for each test (tests change their copy). */
// Not in a per-test temp dir: it outlives each test that copies it.
const top = mkdtempSync(join(tmpdir(), 'sleuth-verify-'));
const pristine = join(top, 'evidence');
afterAll(() => rmSync(top, { recursive: true, force: true }));
beforeAll(async () => {
  const r = await download(sim(), pristine, { target: JOB });
  expect(r.outcome).toBe('complete');
});

function folder(): string {
  const out = join(tmp(), 'evidence');
  cpSync(pristine, out, { recursive: true, verbatimSymlinks: true });
  return out;
}

async function verify(dir: string, ...flags: string[]) {
  const c = captureIo({}, { cwd: tmp() });
  const code = await main(['node', 'sleuth', 'verify', dir, ...flags], c.io);
  return { code, out: c.out(), err: c.err(), lines: c.out().trimEnd().split('\n') };
}

describe('sleuth verify', () => {
  it('a complete folder: exit 0, one line, and sha256sum -c agrees', async () => {
    const out = folder();
    execFileSync('sha256sum', ['--quiet', '--strict', '-c', 'SHA256SUMS'], { cwd: out });
    const r = await verify(out);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatch(/^verified: \d+ recorded files match manifest\.json and SHA256SUMS, nothing unrecorded → /);
  });

  it('a changed byte (same size), a changed size, a missing file: one line each, exit 1', async () => {
    const out = folder();
    const b = readFileSync(join(out, TXT));
    b.writeUInt8(b.readUInt8(0) ^ 1, 0);
    writeFileSync(join(out, TXT), b);
    appendFileSync(join(out, DIR, 'job-info.json'), ' ');
    rmSync(join(out, DIR, 'step-info.json'));
    const r = await verify(out);
    expect(r.code).toBe(1);
    expect(r.lines).toEqual([
      expect.stringMatching(new RegExp(`^size: "${DIR}/job-info\\.json" has \\d+ bytes, recorded \\d+$`)),
      expect.stringMatching(new RegExp(`^sha256: "${TXT.replace(/\./g, '\\.')}" has sha256 [0-9a-f]{64}, recorded [0-9a-f]{64}$`)),
      `missing: "${DIR}/step-info.json" is missing`,
      expect.stringMatching(/^3 differences: \d+ of \d+ recorded files match → /),
    ]);
  });

  it('lists files no record names, hostile names quoted (no live escape reaches the output)', async () => {
    const out = folder();
    const hostile = 'evil\u001b]52;c;SGVsbG8=\u0007\u202e.txt';
    writeFileSync(join(out, DIR, hostile), 'x');
    writeFileSync(join(out, 'notes.txt'), 'x');
    const r = await verify(out);
    expect(r.code).toBe(1);
    expect(r.out).not.toMatch(/[\u001b\u0007\u202e]/);
    expect(r.lines).toContain(`extra: "${DIR}/evil\\u001b]52;c;SGVsbG8=\\u0007\\u202e.txt" a file no record names`);
    expect(r.lines).toContain('extra: "notes.txt" a file no record names');
  });

  it('never follows a symlink: one in place of a recorded file, or of a folder, is reported even when its target has the very bytes', async () => {
    const out = folder();
    const elsewhere = tmp();
    // A symlink to an exact copy would pass if it were followed.
    cpSync(join(out, TXT), join(elsewhere, 'copy.txt'));
    rmSync(join(out, TXT));
    symlinkSync(join(elsewhere, 'copy.txt'), join(out, TXT));
    cpSync(join(out, WF, 'workflow.json'), join(elsewhere, 'workflow.json'));
    const job = join(out, DIR);
    renameSync(job, join(elsewhere, 'job'));
    symlinkSync(join(elsewhere, 'job'), job);
    const r = await verify(out);
    expect(r.code).toBe(1);
    expect(r.lines).toContain(`symlink: "${DIR}" a symlink no record names (not followed)`);
    expect(r.lines.filter((l) => l.startsWith('symlink: ') && l.includes(`is behind a symlink (${DIR}), not followed`)).length).toBeGreaterThan(3);
    expect(r.lines.some((l) => l.startsWith('sha256: ') || l.startsWith('verified'))).toBe(false);
  });

  it('SHA256SUMS must agree with the manifest and vouch for manifest.json', async () => {
    const out = folder();
    const sums = readFileSync(join(out, 'SHA256SUMS'), 'utf8').split('\n');
    const i = sums.findIndex((l) => l.endsWith(`  ${TXT}`));
    sums[i] = `${'0'.repeat(64)}  ${TXT}`;
    sums.push(`${'1'.repeat(64)}  ghost.txt`);
    writeFileSync(join(out, 'SHA256SUMS'), sums.filter((l) => !l.endsWith(`  ${DIR}/job-info.json`)).join('\n'));
    appendFileSync(join(out, 'manifest.json'), '\n');
    const r = await verify(out);
    expect(r.code).toBe(1);
    expect(r.lines).toEqual([
      `sums: "${DIR}/job-info.json" is recorded in the manifest but not listed in SHA256SUMS`,
      expect.stringMatching(new RegExp(`^sums: "${TXT.replace(/\./g, '\\.')}" SHA256SUMS gives sha256 0{64}, the manifest [0-9a-f]{64}$`)),
      'sums: "ghost.txt" SHA256SUMS lists a file the manifest does not record',
      'sums: "manifest.json" changed since SHA256SUMS was written (its sha256 is not the one listed)',
      expect.stringMatching(/^4 differences: /),
    ]);
    rmSync(join(out, 'SHA256SUMS'));
    expect((await verify(out)).lines[0]).toBe('sums: "SHA256SUMS" is missing');
  });

  it('--json: ok, each difference with its kind and path', async () => {
    const out = folder();
    rmSync(join(out, TXT));
    const r = await verify(out, '--json');
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out) as { ok: boolean; recorded: number; matched: number; differences: unknown[] };
    expect(j.ok).toBe(false);
    expect(j.matched).toBe(j.recorded - 1);
    expect(j.differences).toEqual([{ kind: 'missing', path: TXT, detail: 'is missing' }]);
    expect(JSON.parse((await verify(folder(), '--json')).out)).toMatchObject({ ok: true, differences: [] });
  });

  it('files a rerun kept aside are named as such, not as unknown extras', async () => {
    const out = folder();
    const b = readFileSync(join(out, TXT));
    b.writeUInt8(b.readUInt8(0) ^ 1, 0);
    writeFileSync(join(out, TXT), b);
    expect((await verify(out)).code).toBe(1);
    const r = await download(sim(), out, { target: JOB });
    const kept = r.tampered[0]!.kept_as!;
    const v = await verify(out);
    expect(v.code).toBe(0);
    expect(v.lines[0]).toMatch(new RegExp(`^kept aside: "${kept.replace(/\./g, '\\.')}" \\(the changed copy of "${TXT.replace(/\./g, '\\.')}", noticed \\d{4}-.*Z\\)$`));
  });

  it('exit 2 with one line when DIR is not an evidence folder', async () => {
    const empty = tmp();
    const cases: [string, RegExp][] = [
      [empty, /has no manifest\.json: not an evidence folder/],
      [join(empty, 'nope'), /no such folder/],
    ];
    const junk = tmp();
    writeFileSync(join(junk, 'manifest.json'), '{"format":"something else"}');
    cases.push([junk, /is not a circle-sleuth manifest/]);
    const link = join(tmp(), 'link');
    symlinkSync(folder(), link);
    cases.push([link, /is a symlink/]);
    const file = join(tmp(), 'file');
    writeFileSync(file, '');
    cases.push([file, /is not a folder/]);
    for (const [dir, why] of cases) {
      const r = await verify(dir);
      expect(r.code, dir).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toMatch(new RegExp(`^sleuth: .*${why.source}.*\\n$`));
      expect(r.err.split('\n')).toHaveLength(2);
    }
  });
});
