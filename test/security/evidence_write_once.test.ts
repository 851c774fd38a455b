// security.md §7 case 35: a rerun never overwrites what a finished download wrote (same inode, same bytes, even when
// the server now answers differently), and a partial download leaves no file under its final name: a body cut off
// mid-way, or a download stopped (Ctrl-C, i.e. the AbortSignal) while a body is arriving.
import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useSim } from '../helpers/sim.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { walk } from '../evidence/helpers.js';
import { ARTIFACTS_DIR, artifactRecords, downloadArtifactJob, listArtifacts } from './artifact-host.js';
import { useRawServer } from './raw-server.js';

const sim = useSim();
const host = useRawServer();
const tmp = useTmpDirs();

const WHOLE = 'the whole artifact, every byte of it\n'.repeat(2000);

/** Every evidence file with its inode, size and mtime: a rewrite changes the inode (temp file + rename). */
function identities(out: string): Record<string, string> {
  return Object.fromEntries(walk(out).filter((e) => e.kind === 'file' && e.rel !== 'manifest.json' && e.rel !== 'SHA256SUMS').map((e) => {
    const st = lstatSync(join(out, e.rel));
    return [e.rel, `${st.ino}:${st.size}:${st.mtimeMs}`];
  }));
}

const leftovers = (out: string) => walk(out).filter((e) => e.rel.includes('.sleuth-tmp-')).map((e) => e.rel);

describe('evidence_write_once', () => {
  it('a rerun of a finished download rewrites no file, though the artifact host now serves other bytes', async () => {
    const out = tmp();
    let run = 1;
    listArtifacts(sim(), host(), [{ path: 'report.txt' }], () => [`run ${run}\n`]);
    expect((await downloadArtifactJob(sim(), host(), out)).failures).toEqual([]);
    const before = identities(out);
    expect(Object.keys(before).length).toBeGreaterThan(3);
    run = 2;
    const again = await downloadArtifactJob(sim(), host(), out);
    expect(again.outcome).toBe('complete');
    expect(identities(out)).toEqual(before);
    expect(readFileSync(join(out, ARTIFACTS_DIR, 'report.txt'), 'utf8')).toBe('run 1\n');
  });

  it('a body cut off mid-way leaves no file under its name and no temporary file; the rerun writes it whole', async () => {
    const out = tmp();
    let cut = true;
    listArtifacts(sim(), host(), [{ path: 'big.txt' }]);
    host().handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(WHOLE.length) });
      if (!cut) {
        res.end(WHOLE);
        return;
      }
      res.write(WHOLE.slice(0, WHOLE.length / 2), () => res.destroy());
    });
    const first = await downloadArtifactJob(sim(), host(), out);
    expect(first.outcome).toBe('incomplete');
    expect(first.failures.map((f) => f.what).join('\n')).toMatch(/big\.txt/);
    expect(walk(out).filter((e) => e.rel.includes('big.txt'))).toEqual([]);
    expect(artifactRecords(out)).toEqual([]);
    expect(leftovers(out)).toEqual([]);

    cut = false;
    listArtifacts(sim(), host(), [{ path: 'big.txt' }]);
    host().handle((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end(WHOLE));
    const second = await downloadArtifactJob(sim(), host(), out);
    expect(second.outcome).toBe('complete');
    expect(readFileSync(join(out, ARTIFACTS_DIR, 'big.txt'), 'utf8')).toBe(WHOLE);
  });

  it('stopped (Ctrl-C) while a body is arriving: no file under its name, no temporary file, the record says interrupted', async () => {
    const out = tmp();
    const stop = new AbortController();
    listArtifacts(sim(), host(), [{ path: 'slow.txt' }]);
    host().handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(WHOLE.length) });
      // Half the body is on its way when the responder presses Ctrl-C; the rest never comes.
      res.write(WHOLE.slice(0, WHOLE.length / 2), () => stop.abort());
    });
    const r = await downloadArtifactJob(sim(), host(), out, { signal: stop.signal });
    expect(r.outcome).toBe('interrupted');
    expect(walk(out).filter((e) => e.rel.includes('slow.txt'))).toEqual([]);
    expect(leftovers(out)).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { complete: boolean; runs: { outcome: string }[] };
    expect(manifest.complete).toBe(false);
    expect(manifest.runs.at(-1)!.outcome).toBe('interrupted');
  });
});
