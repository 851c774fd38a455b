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

  // Once a defect: EvidenceDir remembered each folder it had checked and never looked again, so a folder swapped for a
  // symlink after its first write was written through. The chain is now checked (and its identities compared) at every write.
  it('a folder swapped for a symlink after sleuth wrote into it is refused on the next write', async () => {
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
    expect(err?.message).toMatch(/wf\/job-1: it is a symlink/);
    expect(existsSync(join(ssh.dir, 'authorized_keys'))).toBe(true);
  });

  it('the same for the workflow folder one level up', async () => {
    const top = tmp();
    const ssh = fakeSsh(top);
    const before = ssh.snapshot();
    const root = join(top, 'evidence');
    const d = await EvidenceDir.open(root);
    await d.write('wf/job-1/step-0.txt', Buffer.from('first'));
    mkdirSync(join(ssh.dir, 'job-1'));
    renameSync(join(root, 'wf'), join(root, 'wf.moved'));
    symlinkSync(ssh.dir, join(root, 'wf'));
    const err = await d.write('wf/job-1/step-1.txt', Buffer.from('second')).catch((e: unknown) => e as Error);
    expect(readdirSync(join(ssh.dir, 'job-1'))).toEqual([]);
    expect(ssh.snapshot()).toEqual(before);
    expect(err?.message).toMatch(/into wf: it is a symlink/);
  });

  it('a folder swapped for a real folder (not a link) is refused too: its identity changed', async () => {
    const top = tmp();
    const root = join(top, 'evidence');
    const d = await EvidenceDir.open(root);
    await d.write('wf/job-1/step-0.txt', Buffer.from('first'));
    renameSync(join(root, 'wf', 'job-1'), join(root, 'wf', 'job-1.moved'));
    mkdirSync(join(root, 'wf', 'job-1'));
    const err = await d.write('wf/job-1/step-1.txt', Buffer.from('second')).catch((e: unknown) => e as Error);
    expect(err?.message).toMatch(/wf\/job-1: it was replaced by another folder/);
    expect(readdirSync(join(root, 'wf', 'job-1'))).toEqual([]);
    // A folder that is simply gone is made again, so a deleted folder does not stop the download.
    renameSync(join(root, 'wf'), join(root, 'wf.gone'));
    await d.write('wf/job-1/step-2.txt', Buffer.from('third'));
    expect(readFileSync(join(root, 'wf', 'job-1', 'step-2.txt'), 'utf8')).toBe('third');
  });

  it('a swap between the check and the write (a racing process) is not written through', async () => {
    const top = tmp();
    const ssh = fakeSsh(top);
    const before = ssh.snapshot();
    const root = join(top, 'evidence');
    const d = await EvidenceDir.open(root);
    await d.write('wf/job-1/step-0.txt', Buffer.from('first'));
    // The racer acts right after the chain was checked, before the temp file is opened.
    const check = d.ensureDir.bind(d);
    let raced = false;
    d.ensureDir = async (parts) => {
      const dir = await check(parts);
      if (!raced) {
        raced = true;
        renameSync(join(root, 'wf', 'job-1'), join(root, 'wf', 'job-1.moved'));
        symlinkSync(ssh.dir, join(root, 'wf', 'job-1'));
      }
      return dir;
    };
    const err = await d.write('wf/job-1/authorized_keys', Buffer.from('ssh-ed25519 ATTACKER\n')).catch((e: unknown) => e as Error);
    expect(raced).toBe(true);
    expect(err?.message).toMatch(/wf\/job-1/);
    expect(ssh.snapshot()).toEqual(before);
    expect(readdirSync(ssh.dir)).toEqual(['authorized_keys']);
  });

  it.runIf(process.platform === 'linux')('on Linux a swap after the folder is held open cannot redirect the write', async () => {
    const top = tmp();
    const ssh = fakeSsh(top);
    const before = ssh.snapshot();
    const root = join(top, 'evidence');
    const d = await EvidenceDir.open(root);
    await d.write('wf/job-1/step-0.txt', Buffer.from('first'));
    // The racer acts after the folder was opened, before the temp file and the rename (the private step is wrapped).
    const held = d as unknown as { pin: (dir: string, rel: string) => Promise<unknown> };
    const pin = held.pin.bind(d);
    held.pin = async (dir, rel) => {
      const r = await pin(dir, rel);
      renameSync(join(root, 'wf', 'job-1'), join(root, 'wf', 'job-1.moved'));
      symlinkSync(ssh.dir, join(root, 'wf', 'job-1'));
      return r;
    };
    await d.write('wf/job-1/authorized_keys', Buffer.from('ssh-ed25519 ATTACKER\n'));
    expect(ssh.snapshot()).toEqual(before);
    // The bytes went into sleuth's own folder, wherever it was moved.
    expect(readFileSync(join(root, 'wf', 'job-1.moved', 'authorized_keys'), 'utf8')).toBe('ssh-ed25519 ATTACKER\n');
  });
});

// Its own simulator and host: an artifact list injected by a test above that never asked for it would be served here.
describe('path_symlink_preplanted_and_toctou during a download', () => {
  const ownSim = useSim();
  const ownHost = useRawServer();

  it('a job folder swapped after its first files: one failure per item, naming the folder; the rest goes on', async () => {
    const top = tmp();
    const ssh = fakeSsh(top);
    const before = ssh.snapshot();
    const out = join(top, 'evidence');
    const jobDir = join(out, ART_WF, `job-${ART_JOB}`);
    let swapped = false;
    // The artifact host swaps the job folder (job-info.json is already in it) as it answers the first artifact.
    listArtifacts(ownSim(), ownHost(), [{ path: 'one.txt' }, { path: 'two.txt' }], () => {
      if (!swapped && existsSync(join(jobDir, 'job-info.json'))) {
        swapped = true;
        renameSync(jobDir, `${jobDir}.moved`);
        symlinkSync(ssh.dir, jobDir);
      }
      return ['artifact #0\n', 'artifact #1\n'];
    });
    const r = await downloadArtifactJob(ownSim(), ownHost(), out);
    expect(swapped).toBe(true);
    expect(r.outcome).toBe('incomplete');
    const refused = r.failures.filter((f) => /^artifact "(one|two)\.txt"/.test(f.what));
    expect(refused).toHaveLength(2);
    for (const f of refused) expect(f.error).toMatch(new RegExp(`job-${ART_JOB}: it is a symlink`));
    expect(readdirSync(ssh.dir)).toEqual(['authorized_keys']);
    expect(ssh.snapshot()).toEqual(before);
    // The rest went on: the folder's record was written at its root.
    expect(existsSync(join(out, 'manifest.json'))).toBe(true);
  });
});
