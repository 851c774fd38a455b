// security.md §7 case 33: a symlink planted in the evidence folder (root/<workflow>/job-N → ~/.ssh, a file name → a
// key file) is refused, never followed; and a folder swapped for a symlink after sleuth checked it (the node-tar
// CVE-2021-37701 pattern: a cache of checked folders) is not written through either.
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EvidenceDir } from '../../src/evidence/fs.js';
import { useSim } from '../helpers/sim.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { ART_JOB, ART_WF, downloadArtifactJob, listArtifacts } from './artifact-host.js';
import { useRawServer } from './raw-server.js';

const sim = useSim();
const host = useRawServer();
const tmp = useTmpDirs();

/** A stand-in for ~/.ssh with a key file, to show nothing in it changes. */
function fakeSsh(top: string): { dir: string; snapshot: () => Record<string, string> } {
  const dir = join(top, 'home', '.ssh');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'authorized_keys'), 'ssh-ed25519 AAAA… the-real-key\n');
  const snapshot = () => Object.fromEntries(readdirSync(dir).filter((n) => lstatSync(join(dir, n)).isFile()).map((n) => [n, readFileSync(join(dir, n), 'latin1')]));
  return { dir, snapshot };
}

describe('path_symlink_preplanted_and_toctou', () => {
  it('root/<workflow>/job-N → ~/.ssh: refused, nothing written into ~/.ssh', async () => {
    const top = tmp();
    const ssh = fakeSsh(top);
    const before = ssh.snapshot();
    const out = join(top, 'evidence');
    mkdirSync(join(out, ART_WF), { recursive: true });
    symlinkSync(ssh.dir, join(out, ART_WF, `job-${ART_JOB}`));
    listArtifacts(sim(), host(), [{ path: 'authorized_keys' }]);
    const r = await downloadArtifactJob(sim(), host(), out);
    expect(r.outcome).not.toBe('complete');
    expect(r.failures.map((f) => f.error).join('\n')).toMatch(/symlink/);
    expect(ssh.snapshot()).toEqual(before);
  });

  it('root/<workflow> → elsewhere, and a file name → ~/.ssh/authorized_keys: neither is followed', async () => {
    const top = tmp();
    const ssh = fakeSsh(top);
    const before = ssh.snapshot();
    // The workflow folder itself is a link.
    const out1 = join(top, 'evidence-1');
    mkdirSync(out1);
    symlinkSync(ssh.dir, join(out1, ART_WF));
    listArtifacts(sim(), host(), [{ path: 'x' }]);
    const r1 = await downloadArtifactJob(sim(), host(), out1);
    expect(r1.outcome).not.toBe('complete');
    // A file the download will write is a link to the key file.
    const out2 = join(top, 'evidence-2');
    mkdirSync(join(out2, ART_WF, `job-${ART_JOB}`), { recursive: true });
    symlinkSync(join(ssh.dir, 'authorized_keys'), join(out2, ART_WF, `job-${ART_JOB}`, 'step-info.json'));
    listArtifacts(sim(), host(), [{ path: 'y' }]);
    await downloadArtifactJob(sim(), host(), out2);
    expect(ssh.snapshot()).toEqual(before);
  });

  it('(harness check) writing into a folder that is a symlink does land outside', () => {
    const top = tmp();
    const outside = join(top, 'outside');
    mkdirSync(outside);
    symlinkSync(outside, join(top, 'link'));
    writeFileSync(join(top, 'link', 'f'), 'x');
    expect(readdirSync(outside)).toEqual(['f']);
  });

  // DEFECT (src/evidence/fs.ts): EvidenceDir remembers each folder it has checked (`verified`) and never looks again,
  // so a folder swapped for a symlink after its first write is written through: the file lands outside the folder.
  it.fails('a folder swapped for a symlink after sleuth wrote into it is refused on the next write', async () => {
    const top = tmp();
    const ssh = fakeSsh(top);
    const before = ssh.snapshot();
    const root = join(top, 'evidence');
    const d = await EvidenceDir.open(root);
    await d.write('wf/job-1/step-0.txt', Buffer.from('first'));
    // Another local user (or a process racing us) swaps the checked folder for a link to ~/.ssh.
    renameSync(join(root, 'wf', 'job-1'), join(root, 'wf', 'job-1.moved'));
    symlinkSync(ssh.dir, join(root, 'wf', 'job-1'));
    const err = await d.write('wf/job-1/authorized_keys', Buffer.from('ssh-ed25519 ATTACKER\n')).catch((e: unknown) => e as Error);
    expect(ssh.snapshot()).toEqual(before);
    expect(err).toBeInstanceOf(Error);
    expect(existsSync(join(ssh.dir, 'authorized_keys'))).toBe(true);
  });

  it.fails('the same for the workflow folder one level up', async () => {
    const top = tmp();
    const ssh = fakeSsh(top);
    const before = ssh.snapshot();
    const root = join(top, 'evidence');
    const d = await EvidenceDir.open(root);
    await d.write('wf/job-1/step-0.txt', Buffer.from('first'));
    mkdirSync(join(ssh.dir, 'job-1'));
    renameSync(join(root, 'wf'), join(root, 'wf.moved'));
    symlinkSync(ssh.dir, join(root, 'wf'));
    await d.write('wf/job-1/step-1.txt', Buffer.from('second')).catch(() => undefined);
    expect(readdirSync(join(ssh.dir, 'job-1'))).toEqual([]);
    expect(ssh.snapshot()).toEqual(before);
  });
});
