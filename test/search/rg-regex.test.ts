// Regex search on ripgrep (src/search/rg/regex.ts): the same hits as the Node engine for patterns both read alike,
// Rust regex syntax the Node engine lacks, one clear refusal for a pattern rg rejects, and the cases where names and
// bytes are hostile: names starting with `-` or holding a newline, a line over 1 MB, bytes that are not UTF-8,
// commands decoded from step-info.json.
import { chmodSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CorpusReader, evidenceCorpus, type Corpus } from '../../src/search/corpus.js';
import { regexHits } from '../../src/search/hits.js';
import { decode } from '../../src/search/positions.js';
import { searchEngine, type Ripgrep } from '../../src/search/rg/locate.js';
import { regexSearchWithRg } from '../../src/search/rg/regex.js';
import { compileSafeRegex } from '../../src/search/safe-regex.js';
import type { SearchHit } from '../../src/search/types.js';
import { main } from '../../src/cli/main.js';
import { UsageError } from '../../src/util/errors.js';
import { captureIo } from '../helpers/io.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { fake, outputJson, WF, writeTree } from './helpers.js';

const tmp = useTmpDirs();
const TOKEN = fake('ghp_', 'Rz4Xq8Lm2Vn7Kp1Wt9Yb', '3Cs6Df0Gh5Jk8Mn2');
const engine = searchEngine({});
const RG: Ripgrep = engine.kind === 'ripgrep' ? engine.rg : { path: 'rg-missing', from: 'package' };

interface Found {
  hits: SearchHit[];
  capped: boolean;
  files: number;
  bytes: number;
  warnings: string[];
}

async function viaRg(corpus: Corpus, pattern: string, o: { maxHits?: number; ctx?: number; rg?: Ripgrep; streaming?: boolean } = {}): Promise<Found> {
  const { docs } = await corpus.list();
  const reader = new CorpusReader(corpus);
  const out: Found = { hits: [], capped: false, files: 0, bytes: 0, warnings: [] };
  const r = await regexSearchWithRg({
    rg: o.rg ?? RG,
    pattern,
    corpus,
    docs,
    reader,
    ctx: o.ctx ?? 80,
    maxHits: o.maxHits ?? 10_000,
    streaming: o.streaming,
    onFile: (hits, bytes, files) => {
      out.hits.push(...hits);
      out.bytes += bytes;
      out.files += files;
    },
    warn: (w) => out.warnings.push(w),
  });
  out.capped = r.capped;
  out.warnings.push(...reader.warnings);
  return out;
}

/** The Node engine's answer (what run.ts did for every regex before ripgrep): each document decoded, then regexHits. */
async function viaNode(corpus: Corpus, pattern: string, ctx = 80): Promise<SearchHit[]> {
  const { re } = compileSafeRegex(pattern);
  const reader = new CorpusReader(corpus);
  const hits: SearchHit[] = [];
  for (const doc of (await corpus.list()).docs) {
    const loaded = reader.load(doc);
    if (!loaded) continue;
    if (loaded.kind === 'output') hits.push(...regexHits(re, decode(loaded.bytes.subarray(0, loaded.length)), loaded.ref, ctx, 10_000));
    else for (const item of loaded.items) hits.push(...regexHits(re, item.text, item.ref, ctx, 10_000));
  }
  return hits;
}

function folder(): string {
  return writeTree(tmp(), {
    [`${WF}/job-7/step-101.txt`]: 'Spin up environment\nall good\n',
    [`${WF}/job-7/step-102.txt`]: `line one\n\x1b[31mError:\x1b[0m clone https://x:${TOKEN}@github.com/a/b failed\r\nexport API_TOKEN=abc123 # héllo wörld\r\n`,
    [`${WF}/job-7/step-102-node-1.txt`]: `node 1 says token=${'z'.repeat(120)}${TOKEN}${'y'.repeat(120)} end\n😀 token=emoji1 😀\n`,
    [`${WF}/job-8/step-103.json`]: outputJson('first\r\n', `second token=json1 ${TOKEN}\n`, 'third\r\n'),
    [`${WF}/job-8/step-info.json`]: JSON.stringify([
      { step: 103, index: 0, name: 'Deploy', bash_command: `#!/bin/bash -eo pipefail\ncurl -H "Authorization: token ${TOKEN}" https://api.github.com\n` },
      { step: 104, index: 0, name: 'Other', bash_command: 'echo token=cmd2\necho token=cmd3 and token=cmd4' },
    ]),
    [`${WF}/job-8/artifacts/report.txt`]: `artifact token=art1\n`,
    'unrelated.txt': `token=${TOKEN}`,
  });
}

describe.skipIf(engine.kind !== 'ripgrep')('regex search on ripgrep', () => {
  it.each([['gh[pousr]_[A-Za-z0-9]{36}'], ['token=\\w+'], ['t.ken'], ['[0-9]+'], ['Error'], ['good$'], ['^second'], ['wörld']])('gives the Node engine\'s hits for %s', async (pattern) => {
    const corpus = evidenceCorpus(folder());
    const node = await viaNode(corpus, pattern);
    // The check sees something: every pattern finds hits.
    expect(node.length).toBeGreaterThan(0);
    const rg = await viaRg(corpus, pattern);
    expect(rg.hits).toEqual(node);
    expect(rg.capped).toBe(false);
    expect(rg.warnings).toEqual([]);
  });

  it('context is cut on the line as the Node engine cuts it (short context, matches near both ends)', async () => {
    const corpus = evidenceCorpus(folder());
    for (const pattern of ['token=z+', 'y+ end', '^node']) {
      const node = await viaNode(corpus, pattern, 10);
      expect(node.length, pattern).toBe(1);
      expect((await viaRg(corpus, pattern, { ctx: 10 })).hits, pattern).toEqual(node);
    }
  });

  it('counts the files and bytes it searched', async () => {
    const corpus = evidenceCorpus(folder());
    const r = await viaRg(corpus, 'token=\\w+');
    expect(r.files).toBe((await corpus.list()).docs.length);
    expect(r.bytes).toBeGreaterThan(300);
  });

  it('takes Rust syntax the Node engine does not: inline case groups, Unicode classes', async () => {
    const dir = writeTree(tmp(), { [`${WF}/job-1/step-101.txt`]: 'ABc\nABC\nabc\nhéllo wörld 42\n' });
    const corpus = evidenceCorpus(dir);
    expect(() => new RegExp('(?i:ab)c')).toThrow();
    const groups = await viaRg(corpus, '(?i:ab)c');
    expect(groups.hits.map((h) => [h.line, h.match])).toEqual([
      [1, 'ABc'],
      [3, 'abc'],
    ]);
    const letters = await viaRg(corpus, '\\pL+ \\pL+');
    expect(letters.hits.map((h) => [h.line, h.column, h.match])).toEqual([[4, 1, 'héllo wörld']]);
  });

  it('refuses a pattern rg rejects with one line naming the reason, never the pattern', async () => {
    const corpus = evidenceCorpus(folder());
    const secretish = `(${TOKEN}`;
    const err = await viaRg(corpus, secretish).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toBe('invalid regex: unclosed group');
    for (const [pattern, reason] of [
      ['(a)\\1', /^invalid regex: backreferences are not supported$/],
      ['a(?=b)', /^invalid regex: look-around, including look-ahead and look-behind, is not supported$/],
      ['x{99999999}', /^invalid regex: compiled regex exceeds size limit/],
      ['a*', /matches the empty string/],
      ['', /matches the empty string/],
      ['a\nb', /line break/],
    ] as const) {
      const e = await viaRg(corpus, pattern).catch((x: unknown) => x);
      expect(e, pattern).toBeInstanceOf(UsageError);
      expect((e as Error).message, pattern).toMatch(reason);
      expect((e as Error).message.split('\n')).toHaveLength(1);
    }
  });

  it('sends the pattern on stdin, never on the command line, and leaves no temporary file behind', async () => {
    const log = tmp();
    const fakeRg = join(log, 'rg');
    // Logs each run's argv and stdin, then runs the real rg on them.
    writeFileSync(fakeRg, `#!/bin/sh\nn=$(ls "${log}" | wc -l)\nprintf '%s\\n' "$@" > "${log}/argv-$n"\ntee "${log}/stdin-$n" | exec "${RG.path}" "$@"\n`);
    chmodSync(fakeRg, 0o755);
    const corpus = evidenceCorpus(folder());
    const before = new Set(readdirSync(tmpDirOf()));
    const r = await viaRg(corpus, `${TOKEN.slice(0, 12)}\\w+`, { rg: { path: fakeRg, from: 'SLEUTH_RG' } });
    expect(r.hits.map((h) => h.field)).toEqual(['output', 'output', 'output', 'bash_command']);
    const files = readdirSync(log);
    expect(files.filter((f) => f.startsWith('stdin-')).length).toBeGreaterThanOrEqual(2);
    for (const f of files) {
      const text = readLog(join(log, f));
      if (f.startsWith('stdin-')) expect(text).toBe(`${TOKEN.slice(0, 12)}\\w+`);
      else expect(text).not.toContain(TOKEN.slice(0, 12));
    }
    expect(readdirSync(tmpDirOf()).filter((n) => n.startsWith('sleuth-rg-') && !before.has(n))).toEqual([]);
  });

  it('hostile names: `-e`, `--pre=sh`, a newline, in the artifacts; each hit keeps its own file', async () => {
    const names = ['-e', '--pre=sh', 'two\nlines.txt', '-- x'];
    const files: Record<string, string> = { [`${WF}/job-1/step-101.txt`]: 'plain token=step\n' };
    names.forEach((n, i) => (files[`${WF}/job-1/artifacts/${n}`] = `artifact ${i} token=name${i}\n`));
    const corpus = evidenceCorpus(writeTree(tmp(), files));
    const r = await viaRg(corpus, 'token=\\w+');
    expect(r.hits).toEqual(await viaNode(corpus, 'token=\\w+'));
    expect(r.hits.map((h) => [h.file.slice(h.file.lastIndexOf('/') + 1), h.match]).sort()).toEqual(
      [['step-101.txt', 'token=step'], ...names.map((n, i) => [n, `token=name${i}`])].sort(),
    );
  });

  it('a line over 1 MB: the hit has its column and a bounded context', async () => {
    const long = `${'x'.repeat(1_500_000)} token=deep ${'é'.repeat(400_000)}\nnext token=after\n`;
    const corpus = evidenceCorpus(writeTree(tmp(), { [`${WF}/job-1/step-101.txt`]: long }));
    const r = await viaRg(corpus, 'token=\\w+');
    expect(r.hits.map((h) => [h.line, h.column, h.match, h.context.cutBefore, h.context.cutAfter])).toEqual([
      [1, 1_500_002, 'token=deep', true, true],
      [2, 6, 'token=after', false, false],
    ]);
    expect(r.hits[0]!.context.text.length).toBeLessThanOrEqual(80 * 2 + 'token=deep'.length);
    expect(r.hits).toEqual(await viaNode(corpus, 'token=\\w+'));
    // A match that is itself the long line: whole, as the Node engine gives it.
    const whole = await viaRg(corpus, 'x{1000}x*');
    expect(whole.hits.map((h) => [h.line, h.match.length])).toEqual([[1, 1_500_000]]);
  });

  it('bytes that are not UTF-8: columns count what the decoded line shows, as in the Node engine', async () => {
    const body = Buffer.concat([Buffer.from('bin \xff\xfe\x00 '), Buffer.from([0xc3, 0x28, 0xe2, 0x82]), Buffer.from(' token=after_bad\n\x00\x01 token=nul\n')]);
    const corpus = evidenceCorpus(writeTree(tmp(), { [`${WF}/job-1/step-101.txt`]: body, [`${WF}/job-1/artifacts/blob.bin`]: Buffer.concat([Buffer.from([0, 0xff, 0x0a]), Buffer.from('token=in_blob')]) }));
    const r = await viaRg(corpus, 'token=\\w+');
    expect(r.hits.map((h) => [h.file.slice(h.file.lastIndexOf('/') + 1), h.line, h.match])).toEqual([
      ['step-101.txt', 1, 'token=after_bad'],
      ['step-101.txt', 2, 'token=nul'],
      ['blob.bin', 2, 'token=in_blob'],
    ]);
    expect(r.hits).toEqual(await viaNode(corpus, 'token=\\w+'));
  });

  it('decoded documents: a step command is found in step-info.json with its step, node and line', async () => {
    const corpus = evidenceCorpus(folder());
    const r = await viaRg(corpus, 'token=cmd\\d');
    expect(r.hits.map((h) => [h.file.slice(h.file.indexOf('/') + 1), h.job, h.step, h.node, h.field, h.line, h.column, h.match])).toEqual([
      ['job-8/step-info.json', 8, 104, 0, 'bash_command', 1, 6, 'token=cmd2'],
      ['job-8/step-info.json', 8, 104, 0, 'bash_command', 2, 6, 'token=cmd3'],
      ['job-8/step-info.json', 8, 104, 0, 'bash_command', 2, 21, 'token=cmd4'],
    ]);
    // A JSON step output is searched as its text (the escapes undone), with the log pane's line numbers.
    const json = await viaRg(corpus, 'token=json\\d');
    expect(json.hits.map((h) => [h.file.slice(-13), h.line, h.column])).toEqual([['step-103.json', 2, 8]]);
  });

  it('stops at the hit limit and says so', async () => {
    const corpus = evidenceCorpus(folder());
    const r = await viaRg(corpus, 'token=\\w+', { maxHits: 2 });
    expect(r.capped).toBe(true);
    expect(r.hits.length).toBeGreaterThan(2);
    expect(r.hits.length).toBeLessThanOrEqual(3);
  });

  it('a symlink swapped in for a step output is not read through (the reader refuses it, with its warning)', async () => {
    const dir = folder();
    const outside = writeTree(tmp(), { 'secret.txt': 'leak token=outside\n' });
    const corpus = evidenceCorpus(dir);
    const { docs } = await corpus.list();
    // Listed as a file, replaced by a link before the search reads it.
    const victim = docs.find((d) => d.path.endsWith('step-101.txt'))!;
    rmSync(victim.path);
    symlinkSync(join(outside, 'secret.txt'), victim.path);
    const found: SearchHit[] = [];
    const warnings: string[] = [];
    const reader = new CorpusReader(corpus);
    await regexSearchWithRg({ rg: RG, pattern: 'token=outside', corpus, docs, reader, ctx: 80, maxHits: 100, onFile: (h) => found.push(...h), warn: (w) => warnings.push(w) });
    expect(found).toEqual([]);
    expect(warnings.join('\n')).toMatch(/step-101\.txt: is a symlink, not read/);
  });

  it('streaming: hits come through onFile before the search returns, each file together', async () => {
    const corpus = evidenceCorpus(folder());
    const seen: number[] = [];
    let returned = false;
    const { docs } = await corpus.list();
    const p = regexSearchWithRg({ rg: RG, pattern: 'token=\\w+', corpus, docs, reader: new CorpusReader(corpus), ctx: 80, maxHits: 100, streaming: true, onFile: (h) => h.length && seen.push(returned ? -1 : h.length), warn: () => undefined });
    await p;
    returned = true;
    expect(seen.length).toBeGreaterThan(1);
    expect(seen).not.toContain(-1);
  });
});

describe.skipIf(engine.kind !== 'ripgrep')('sleuth search --regex on ripgrep', () => {
  it('an invalid pattern: one line naming rg\'s reason, exit 2, no stack, the pattern never echoed', async () => {
    const dir = folder();
    const c = captureIo({}, { cwd: dir });
    expect(await main(['node', 'sleuth', 'search', '--regex', `(${TOKEN}`, dir], c.io)).toBe(2);
    expect(c.err()).toBe('sleuth: invalid regex: unclosed group\n');
    expect(c.out()).toBe('');
    // The same command with a valid Rust-only pattern finds the token.
    const ok = captureIo({}, { cwd: dir });
    expect(await main(['node', 'sleuth', 'search', '--regex', '(?i:GHP)_[A-Za-z0-9]{36}', dir, '--json'], ok.io)).toBe(0);
    expect((JSON.parse(ok.out()) as { match: string }[]).map((h) => h.match)).toContain(TOKEN);
  });

  it('--help says which regex syntax runs', async () => {
    const c = captureIo({}, {});
    await main(['node', 'sleuth', 'search', '--help'], c.io).catch(() => undefined);
    expect(c.out().replace(/\s+/g, ' ')).toContain('Rust regex syntax, as rg/grep -E; JavaScript syntax when ripgrep is not available (see sleuth doctor)');
  });
});

function tmpDirOf(): string {
  return join(tmp(), '..');
}

const readLog = (path: string): string => readFileSync(path, 'utf8').replace(/\n$/, '');
