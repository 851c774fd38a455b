// Exact search on ripgrep (src/search/rg/exact.ts): rg names the files, the Node core confirms the hits, so every
// hit (encoding, line, column, context) equals what the Node core alone finds. Real files in temp dirs; a fake rg
// (SLEUTH_RG: a script that logs what it was given, then runs the real rg) proves rg really ran.
import { chmodSync, mkdirSync, readdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CORPUS_LIMITS, evidenceCorpus } from '../../src/search/corpus.js';
import { planNeedles } from '../../src/search/encodings.js';
import { runSearch, type SearchResult } from '../../src/search/run.js';
import { searchEngine } from '../../src/search/rg/locate.js';
import { exactEngine } from '../../src/search/threads.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { fake, WF, writeTree } from './helpers.js';

const tmp = useTmpDirs();
afterEach(() => vi.unstubAllEnvs());

const realRg = (): string => {
  const e = searchEngine({});
  if (e.kind !== 'ripgrep') throw new Error(`the package's rg is missing: ${e.reason}`);
  return e.rg.path;
};

/** A fake rg: writes its argv and stdin under `logDir`, then runs the real rg with them. */
function loggingRg(logDir: string): string {
  mkdirSync(logDir, { recursive: true });
  const script = join(logDir, 'rg.sh');
  writeFileSync(script, `#!/bin/sh\nlog="${logDir}/run-$$"\nprintf '%s\\n' "$@" > "$log.argv"\ncat > "$log.stdin"\nexec "${realRg()}" "$@" < "$log.stdin"\n`);
  chmodSync(script, 0o755);
  return script;
}

const logs = (logDir: string, ext: 'argv' | 'stdin'): string[] =>
  readdirSync(logDir).filter((f) => f.endsWith(`.${ext}`)).map((f) => readFileSync(join(logDir, f), 'latin1'));

async function search(dir: string, pattern: string, engine: 'rg' | 'node' | string, extra: Partial<Parameters<typeof runSearch>[0]> = {}): Promise<SearchResult> {
  vi.stubEnv('SLEUTH_RG', engine === 'rg' ? '' : engine === 'node' ? 'off' : engine);
  try {
    return await runSearch({ pattern, mode: 'exact', corpus: evidenceCorpus(dir), ...extra });
  } finally {
    vi.unstubAllEnvs();
  }
}

const shape = (r: SearchResult) => r.hits.map((h) => ({ ...h }));

describe('which engine runs an exact search', () => {
  it('the package ships rg for this platform, and it is the default', () => {
    expect(searchEngine({}).kind).toBe('ripgrep');
    expect(exactEngine({ corpus: 'evidence', env: {} }).kind).toBe('ripgrep');
  });

  it('SLEUTH_RG=off, a missing SLEUTH_RG binary, --thorough, the cache alone, asked-for Node threads: the Node core, with the reason', () => {
    expect(exactEngine({ corpus: 'evidence', env: { SLEUTH_RG: 'off' } })).toEqual({ kind: 'node', reason: 'SLEUTH_RG=off' });
    expect(exactEngine({ corpus: 'evidence', env: { SLEUTH_RG: '/nonexistent/rg' } })).toEqual({ kind: 'node', reason: 'SLEUTH_RG is not an executable file' });
    expect(exactEngine({ corpus: 'evidence', thorough: true, env: {} })).toEqual({ kind: 'node', reason: '--thorough' });
    expect(exactEngine({ corpus: 'cache', env: {} }).kind).toBe('node');
    expect(exactEngine({ corpus: 'evidence', nodeThreads: true, env: {} }).kind).toBe('node');
  });

  it('rg runs when chosen, and not when SLEUTH_RG=off (the log proves each)', async () => {
    const value = fake('AKIA', 'Q3EGRTLYX7K5', 'WZPN');
    const dir = writeTree(tmp(), { [`${WF}/job-1/step-101.txt`]: `key ${value}\n` });
    const logDir = join(tmp(), 'log');
    const viaRg = await search(dir, value, loggingRg(logDir));
    const runs = logs(logDir, 'argv').length;
    expect(runs).toBeGreaterThan(0);
    const node = await search(dir, value, 'node');
    expect(logs(logDir, 'argv').length).toBe(runs);
    expect(shape(viaRg)).toEqual(shape(node));
    expect(viaRg.hits).toHaveLength(1);
  });

  it('the value goes to rg on stdin, never on its command line', async () => {
    const value = fake('ghp_', 'Rz4Xq8Lm2Vn7Kp1Wt9Yb', '3Cs6Df0Gh5Jk8Mn2');
    const dir = writeTree(tmp(), { [`${WF}/job-1/step-101.txt`]: `token ${value}\n` });
    const logDir = join(tmp(), 'log');
    expect((await search(dir, value, loggingRg(logDir))).hits).toHaveLength(1);
    const argv = logs(logDir, 'argv').join('\n');
    const stdin = logs(logDir, 'stdin').join('\n');
    // The check can see the value: it is in what rg read.
    expect(stdin).toContain(value);
    expect(argv).not.toContain(value);
    expect(argv).not.toContain(value.slice(0, 20));
    expect(argv).toContain('--no-config');
    expect(argv.split('\n')).not.toContain('-L');
  });
});

// Every encoding of a value with characters that JSON, percent and base64 all treat differently, and a non-ASCII one
// (the core's 24-byte pieces then cut a character, which rg cannot take: they are trimmed).
const VALUE = fake('Zq9/Xw"Lp<Vt+', 'Rb=Nm&Ks~é0Hy7');
const NEEDLES = planNeedles(VALUE).needles;
const EXTRA: { name: string; body: string; encoding: string }[] = [
  { name: 'zero-width interleaved', body: `x ${[...VALUE].join('\u200b')} y\n`, encoding: 'raw' },
  { name: 'broken by one ANSI escape', body: `x ${VALUE.slice(0, 9)}\x1b[0m${VALUE.slice(9)} y\n`, encoding: 'raw' },
  {
    name: 'base64 wrapped over lines',
    body: `${(Buffer.from(`HOME=/root\nSECRET=${VALUE}\nPATH=/usr/bin:/bin\n`).toString('base64').match(/.{1,76}/g) ?? []).join('\r\n')}\r\n`,
    encoding: 'base64',
  },
];
const CASES = [
  ...NEEDLES.map((n, i) => ({ name: `${n.encoding}${n.alignment ? ` ${n.alignment}` : ''}`, file: `step-${101 + i}.txt`, body: `line one\r\nsome text ${n.text} tail\r\n`, encoding: n.encoding })),
  ...EXTRA.map((e, i) => ({ ...e, file: `step-${201 + i}.txt` })),
];

describe('every encoding is found through rg as the Node core finds it', () => {
  let viaRg: SearchResult;
  let node: SearchResult;
  let argvCount = 0;
  beforeAll(async () => {
    const files: Record<string, string> = { [`${WF}/job-1/step-100.txt`]: 'nothing to see\n' };
    for (const c of CASES) files[`${WF}/job-1/${c.file}`] = c.body;
    // Commands: JSON.stringify's escaping, and Go's and Python's (`<` as \u003c, `é` as \u00e9).
    files[`${WF}/job-1/step-info.json`] = JSON.stringify([{ step: 101, index: 0, name: 'a', bash_command: `export K='${VALUE}'\n` }]);
    // No piece of the value is left whole in this one: rg cannot name it; its `\u` escapes send it to the core.
    files[`${WF}/job-2/step-info.json`] = `[{"step":5,"index":0,"name":"b","bash_command":"echo ${JSON.stringify(VALUE).slice(1, -1).replace(/</g, '\\u003c').replace(/é/g, '\\u00e9')}"}]`;
    files[`${WF}/job-2/step-5.txt`] = 'nothing\n';
    const dir = writeTree(tmp(), files);
    const logDir = join(tmp(), 'log');
    viaRg = await search(dir, VALUE, loggingRg(logDir));
    argvCount = logs(logDir, 'argv').length;
    node = await search(dir, VALUE, 'node');
  });

  it('rg ran, and the two engines agree hit for hit', () => {
    // One walk: the step-info.json written with `\u` escapes is handed to the core without a second rg run.
    expect(argvCount).toBe(1);
    expect(viaRg.hits.filter((h) => h.job === 2 && h.field === 'bash_command')).toHaveLength(1);
    expect(node.hits.length).toBeGreaterThan(CASES.length);
    expect(shape(viaRg)).toEqual(shape(node));
    expect(viaRg.warnings).toEqual(node.warnings);
  });

  it.each(CASES)('$name', (c) => {
    const mine = viaRg.hits.filter((h) => h.file.endsWith(`/job-1/${c.file}`));
    const theirs = node.hits.filter((h) => h.file.endsWith(`/job-1/${c.file}`));
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.map((h) => h.encoding.split(' ')[0])).toContain(c.encoding);
    expect(mine.map((h) => [h.line, h.column, h.encoding, h.via, h.match, h.context])).toEqual(theirs.map((h) => [h.line, h.column, h.encoding, h.via, h.match, h.context]));
  });

  it('step commands, JSON-escaped either way', () => {
    const commands = viaRg.hits.filter((h) => h.field === 'bash_command');
    expect(commands.map((h) => h.job)).toEqual([1, 2]);
  });
});

describe('what rg is given and what it prints are data', () => {
  const value = fake('sk_live_', '4eC39HqLyjWDarjtT1zdp7dc');

  it('hostile artifact names: a leading dash, --pre=sh, a newline, a backslash-zero; a symlink to a file outside', async () => {
    const dir = tmp();
    const art = join(dir, WF, 'job-3', 'artifacts');
    mkdirSync(art, { recursive: true });
    for (const name of ['-e', '--pre=sh', 'new\nline.txt', 'nul\\0.txt', 'plain.txt']) writeFileSync(join(art, name), `v=${value}\n`);
    writeTree(dir, { [`${WF}/job-3/step-101.txt`]: 'ok\n' });
    const outside = writeTree(tmp(), { 'leak.txt': `leak ${value}\n` });
    symlinkSync(join(outside, 'leak.txt'), join(dir, WF, 'job-3', 'step-102.txt'));
    symlinkSync(join(outside, 'leak.txt'), join(art, 'link.txt'));
    const viaRg = await search(dir, value, 'rg');
    const node = await search(dir, value, 'node');
    expect(shape(viaRg)).toEqual(shape(node));
    expect(viaRg.hits.map((h) => h.file.slice(h.file.indexOf('artifacts/') + 10)).sort()).toEqual(['--pre=sh', '-e', 'new\nline.txt', 'nul\\0.txt', 'plain.txt']);
    expect(viaRg.warnings).toEqual(node.warnings);
    expect(viaRg.warnings.join('\n')).toMatch(/step-102\.txt: is a symlink, ignored/);
  });

  it('a file over the size limit that holds the value: the same warning and no hit', async () => {
    const dir = writeTree(tmp(), { [`${WF}/job-1/step-101.txt`]: `${value}\n`, [`${WF}/job-1/step-102.txt`]: `${value}\n` });
    // Sparse: over the 512 MiB limit for one step output without writing it.
    truncateSync(join(dir, WF, 'job-1', 'step-101.txt'), CORPUS_LIMITS.maxFileBytes + 1);
    const viaRg = await search(dir, value, 'rg');
    const node = await search(dir, value, 'node');
    expect(node.warnings.join('\n')).toMatch(/step-101\.txt is .* over the .* limit for one file; not searched/);
    expect(viaRg.warnings).toEqual(node.warnings);
    expect(shape(viaRg)).toEqual(shape(node));
    expect(viaRg.hits.map((h) => h.step)).toEqual([102]);
  });

  it('a value with a line break: rg looks for its longest line, the core confirms the whole', async () => {
    const multi = `${value}\nline2-${value.slice(3)}`;
    const dir = writeTree(tmp(), { [`${WF}/job-1/step-101.txt`]: `a\n${multi}\nb\n`, [`${WF}/job-1/step-102.txt`]: `${value}\n` });
    const logDir = join(tmp(), 'log');
    const viaRg = await search(dir, multi, loggingRg(logDir));
    expect(logs(logDir, 'argv').length).toBe(1);
    expect(shape(viaRg)).toEqual(shape(await search(dir, multi, 'node')));
    expect(viaRg.hits.map((h) => h.step)).toEqual([101]);
  });

  it('an rg that fails: the Node core searches instead, with the same hits', async () => {
    const dir = writeTree(tmp(), { [`${WF}/job-1/step-101.txt`]: `x ${value}\n` });
    const broken = join(tmp(), 'rg.sh');
    writeFileSync(broken, '#!/bin/sh\ncat >/dev/null\nexit 7\n');
    chmodSync(broken, 0o755);
    const r = await search(dir, value, broken);
    expect(shape(r)).toEqual(shape(await search(dir, value, 'node')));
    expect(r.hits).toHaveLength(1);
  });
});

describe('a folder of many small files (the real download shape, made small)', () => {
  it('2,400 step outputs and 400 step-info.json: the same hits as the Node core', async () => {
    const value = fake('xoxb-', '1234567890-', 'AbCdEfGhIjKlMnOpQrStUv');
    const files: Record<string, string> = {};
    for (let j = 0; j < 400; j++) {
      for (let s = 0; s < 6; s++) {
        const plant = (j * 6 + s) % 397 === 0 ? `TOKEN=${value}\n` : (j * 6 + s) % 499 === 0 ? `${Buffer.from(`t=${value}`).toString('base64')}\n` : '';
        files[`${WF}/job-${1000 + j}/step-${101 + s}.txt`] = `step ${s} of job ${j}\nnpm ci\n${plant}done\n`;
      }
      files[`${WF}/job-${1000 + j}/step-info.json`] = JSON.stringify([{ step: 101, index: 0, name: 'x', bash_command: j === 77 ? `curl -H 'token: ${value}'` : 'npm test' }]);
    }
    const dir = writeTree(tmp(), files);
    const viaRg = await search(dir, value, 'rg');
    const node = await search(dir, value, 'node');
    expect(node.hits.length).toBeGreaterThanOrEqual(8);
    expect(shape(viaRg)).toEqual(shape(node));
    expect(viaRg.files).toBe(node.files);
  });
});

describe('a UI gets each file\'s hits as soon as the core confirmed them', () => {
  it('the first hit arrives while rg is still running (a fake rg that waits for a release file)', async () => {
    const value = fake('AKIA', 'Q3EGRTLYX7K5', 'WZPN');
    const dir = writeTree(tmp(), { [`${WF}/job-1/step-101.txt`]: `k=${value}\n`, [`${WF}/job-1/step-102.txt`]: `k=${value}\n` });
    const release = join(tmp(), 'release');
    const script = join(tmp(), 'rg.sh');
    writeFileSync(script, `#!/bin/sh\ncat >/dev/null\nprintf './${WF}/job-1/step-102.txt\\n'\nwhile [ ! -e '${release}' ]; do sleep 0.05; done\nprintf './${WF}/job-1/step-101.txt\\n'\n`);
    chmodSync(script, 0o755);
    vi.stubEnv('SLEUTH_RG', script);
    const seen: number[] = [];
    let settled = false;
    const running = runSearch({ pattern: value, mode: 'exact', corpus: evidenceCorpus(dir), yieldEveryMs: 8, onHits: (hits) => seen.push(...hits.map((h) => h.step!)) }).finally(() => (settled = true));
    await vi.waitFor(() => expect(seen).toEqual([102]), { timeout: 30_000, interval: 20 });
    expect(settled).toBe(false);
    writeFileSync(release, '');
    const r = await running;
    expect(seen).toEqual([102, 101]);
    expect(r.engine).toBe('ripgrep');
  });
});
