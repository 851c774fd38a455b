import { lstatSync, mkdirSync, readdirSync, statSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { EvidenceDir } from '../../src/evidence/fs.js';
import { parseManifest, sha256sums } from '../../src/evidence/manifest.js';
import { ProgressMeter } from '../../src/evidence/progress.js';
import { checkArtifactPath, isSafeRelPath, nameArtifacts, safeWorkflowDir } from '../../src/evidence/safe-name.js';
import { useTmpDirs } from '../helpers/tmp.js';

const tmp = useTmpDirs();

describe('artifact paths (decode once, then validate)', () => {
  it.each([
    ['../../../../etc/passwd', 'dot-dot'],
    ['/etc/shadow', 'absolute'],
    ['coverage/../../escape.txt', 'dot-dot'],
    ['C:\\Windows\\evil.dll', 'drive letter'],
    ['C:foo', 'drive letter'],
    ['%2e%2e%2fsecret.txt', 'dot-dot'],
    ['..\\..\\win.txt', 'dot-dot'],
    ['\\\\server\\share\\x', 'UNC'],
    ['a\u0000b', 'control'],
    ['\u001b]52;c;ZXZpbA==\u0007.txt', 'control'],
    ['x\u0085y', 'control'],
    ['CON.txt', 'reserved'],
    ['dir/lpt1', 'reserved'],
    ['report.', 'trailing'],
    ['report ', 'trailing'],
    ['a//b', 'empty'],
    ['dir/', 'empty'],
    ['./x', 'dot'],
    ['file:stream', 'colon'],
    ['evil\u202etxt.exe', 'bidi'],
    ['.sleuth-tmp-0123456789abcdef', 'reserved by sleuth'],
    [`${'a'.repeat(256)}.txt`, '255 bytes'],
    [Array.from({ length: 40 }, () => 'd').join('/'), 'too deep'],
    ['', 'empty'],
  ])('rejects %j (%s)', (raw, why) => {
    const v = checkArtifactPath(raw);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.reason).toContain(why);
  });

  it('keeps ordinary paths, decoding percent-escapes exactly once', () => {
    expect(checkArtifactPath('test-results/junit.xml')).toEqual({ ok: true, parts: ['test-results', 'junit.xml'] });
    expect(checkArtifactPath('a%20b.txt')).toEqual({ ok: true, parts: ['a b.txt'] });
    // %252e decodes once to %2e, which stays literal: no second decode into "."
    expect(checkArtifactPath('%252e%252e%252fx')).toEqual({ ok: true, parts: ['%2e%2e%2fx'] });
    // fullwidth dots are not NFKC-folded into "..".
    expect(checkArtifactPath('\uff0e\uff0e\uff0fx')).toEqual({ ok: true, parts: ['\uff0e\uff0e\uff0fx'] });
  });

  it('names every artifact distinctly and deterministically: nodes apart, unsafe and colliding ones renamed', () => {
    const list = [
      { path: 'README', node_index: 0 },
      { path: 'readme', node_index: 0 },
      { path: 'test-results/junit.xml', node_index: 0 },
      { path: 'test-results/junit.xml', node_index: 2 },
      { path: '../../etc/passwd', node_index: 0 },
      { path: 'x', node_index: 0 },
      { path: 'x/y', node_index: 0 },
      { path: '_unsafe/0001.bin', node_index: 0 },
      { path: 'caf\u00e9', node_index: 0 },
      { path: 'cafe\u0301', node_index: 0 },
    ];
    const a = nameArtifacts(list);
    const b = nameArtifacts([...list].reverse());
    expect([...a.entries()].sort()).toEqual([...b.entries()].sort());
    const rels = [...a.values()].map((v) => v.rel);
    expect(new Set(rels.map((r) => r.normalize('NFC').toLowerCase())).size).toBe(list.length);
    const get = (node: number, path: string) => a.get(`${node}\u0000${path}`)!;
    expect(get(0, 'README')).toEqual({ rel: 'README', renamed: null });
    expect(get(0, 'readme').rel).toBe('readme~2');
    expect(get(2, 'test-results/junit.xml')).toEqual({ rel: 'node-2/test-results/junit.xml', renamed: null });
    expect(get(0, '../../etc/passwd').rel).toMatch(/^_unsafe\/\d{4}\.bin$/);
    // x is a file, so x/y cannot be under it
    expect(get(0, 'x/y').rel).toMatch(/^_unsafe\//);
    for (const r of rels) expect(isSafeRelPath(r)).toBe(true);
  });

  it('names thousands of uploads of one path in linear work (a hostile list cannot make naming quadratic)', () => {
    const n = 1500;
    const list = Array.from({ length: n }, (_, i) => ({ path: 'reports/report.txt', node_index: 0, url: `https://x.circle-artifacts.com/0/${i}` }));
    // Work is counted, not timed: each name folded is one String#normalize call or two.
    const normalize = vi.spyOn(String.prototype, 'normalize');
    let named: ReturnType<typeof nameArtifacts>;
    let calls = 0;
    try {
      named = nameArtifacts(list);
      calls = normalize.mock.calls.length;
    } finally {
      normalize.mockRestore();
    }
    expect(calls).toBeGreaterThan(0);
    expect(calls).toBeLessThan(100 * n);
    const rels = [...named.values()].map((v) => v.rel);
    expect(new Set(rels).size).toBe(n);
    expect(rels).toContain('reports/report.txt');
    expect(rels).toContain('reports/report~999.txt');
    expect(rels.filter((r) => r.startsWith('_unsafe/'))).toHaveLength(n - 999);
  });

  it('accepts only uuid-ish workflow ids as folder names', () => {
    expect(safeWorkflowDir('bd0f7dfb-134c-4aab-93f4-ab23a1f31c15')).toBe('bd0f7dfb-134c-4aab-93f4-ab23a1f31c15');
    for (const bad of ['..', '../x', 'a/b', '', '-rf', 'x'.repeat(65), 'a b', 'a\u0000', 'é', 42, null]) expect(safeWorkflowDir(bad)).toBeNull();
  });
});

describe('the evidence folder on disk', () => {
  it('writes atomically with 0600 files in 0700 folders and refuses pre-planted symlinks', async () => {
    const root = join(tmp(), 'out');
    const d = await EvidenceDir.open(root);
    await d.write('wf/job-1/step-0.txt', Buffer.from('hello'));
    expect(statSync(join(root, 'wf/job-1/step-0.txt')).mode & 0o777).toBe(0o600);
    expect(statSync(join(root, 'wf/job-1')).mode & 0o777).toBe(0o700);
    expect(statSync(root).mode & 0o777).toBe(0o700);
    expect(readdirSync(join(root, 'wf/job-1'))).toEqual(['step-0.txt']);

    const outside = tmp();
    symlinkSync(outside, join(root, 'wf', 'job-2'));
    await expect(d.write('wf/job-2/step-0.txt', Buffer.from('x'))).rejects.toThrow(/symlink/);
    symlinkSync(join(outside, 'target'), join(root, 'wf/job-1/step-1.txt'));
    await expect(d.write('wf/job-1/step-1.txt', Buffer.from('x'))).rejects.toThrow(/symlink/);
    expect(readdirSync(outside)).toEqual([]);
    await expect(d.write('wf/../x', Buffer.from('x'))).rejects.toThrow(/unsafe/);

    const link = join(tmp(), 'link');
    symlinkSync(root, link);
    await expect(EvidenceDir.open(link)).rejects.toThrow(/symlink/);
  });

  it('cleans temporary files a killed run left, and takes over a stale lock only', async () => {
    const root = tmp();
    mkdirSync(join(root, 'wf', 'job-1'), { recursive: true });
    writeFileSync(join(root, 'wf', 'job-1', '.sleuth-tmp-0123456789abcdef'), 'partial');
    const d = await EvidenceDir.open(root);
    expect(await d.cleanTmp()).toBe(1);
    expect(existsSync(join(root, 'wf', 'job-1', '.sleuth-tmp-0123456789abcdef'))).toBe(false);

    writeFileSync(join(root, '.sleuth-lock'), '999999999\n');
    const release = await d.lock();
    await expect(d.lock()).rejects.toThrow(/another sleuth download/);
    await release();
    expect(lstatSync(root).isDirectory()).toBe(true);
    expect(existsSync(join(root, '.sleuth-lock'))).toBe(false);
  });
});

describe('manifest and sums', () => {
  it('drops manifest entries that would point outside the folder or vouch with a bad digest', () => {
    const notes: string[] = [];
    const good = { path: 'wf/job-1/step-0.txt', kind: 'step-output-text', size: 1, sha256: 'a'.repeat(64) };
    const m = parseManifest(Buffer.from(JSON.stringify({
      format: 'circle-sleuth-evidence', format_version: 1,
      files: [good, { ...good, path: '../../etc/passwd' }, { ...good, path: '/abs' }, { ...good, sha256: 'zz' }],
      jobs: { 1: { workflow_id: 'wf' }, 2: { workflow_id: '../x' } },
    })), notes)!;
    expect(m.files).toEqual([good]);
    expect(Object.keys(m.jobs)).toEqual(['1']);
    expect(notes[0]).toMatch(/4 entries/);
    expect(parseManifest(Buffer.from('{"format":"other"}'), [])).toBeNull();
    expect(parseManifest(Buffer.from('not json'), [])).toBeNull();
  });

  it('writes sha256sum -c lines, sorted, escaping backslashes the GNU way', () => {
    expect(sha256sums([{ path: 'b', sha256: '1'.repeat(64) }, { path: 'a b', sha256: '2'.repeat(64) }, { path: 'c\\d', sha256: '3'.repeat(64) }]))
      .toBe(`${'2'.repeat(64)}  a b\n${'1'.repeat(64)}  b\n\\${'3'.repeat(64)}  c\\\\d\n`);
  });

  it('throttles progress to one event per interval, and always reports the last state', async () => {
    const events: number[] = [];
    const m = new ProgressMeter(Date.now(), (p) => events.push(p.done), 50);
    const until = Date.now() + 260;
    while (Date.now() < until) {
      m.add(1);
      m.finish(1);
      await new Promise((r) => setImmediate(r));
    }
    m.flush();
    expect(events.length).toBeLessThanOrEqual(8);
    expect(events.length).toBeGreaterThanOrEqual(3);
    expect(events.at(-1)).toBe(m.snapshot().done);
  });
});
