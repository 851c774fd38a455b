// The ripgrep prefilter's two runs (a regex run and a case-exact fixed-string run for base64 fragments) and what they
// flag: junk inside a match of a shaped rule (generic, CircleCI legacy, database and basic-auth URLs) still sends the
// line to the scanner, ordinary coloured log lines with those keywords do not, the two runs' lines are merged per
// file, and a batch whose flagged lines would go over the budget is read whole. Findings always equal the full scan's.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rgArgs, scanBatch, type FileOutcome } from '../../src/scan/rg-prefilter-run.js';
import { buildPrefilter, type Prefilter } from '../../src/scan/rg-prefilter.js';
import { RULES } from '../../src/scan/rules.js';
import { scanCorpus, type ScanResult } from '../../src/scan/scan-corpus.js';
import { evidenceCorpus } from '../../src/search/corpus.js';
import { searchEngine, type Engine } from '../../src/search/rg/locate.js';
import { runRg } from '../../src/search/rg/run-rg.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { fake, WF, writeTree } from '../search/helpers.js';

const tmp = useTmpDirs();
const rg = searchEngine({});
const node: Engine = { kind: 'node', reason: 'test' };

const GH = fake('ghp_', 'Rz4Xq8Lm2Vn7Kp1Wt9Yb', '3Cs6Df0Gh5Jk8Mn2');
const VALUE = fake('Zx8vK2pQ', '9wL4mN7r', 'T1yB5cF3');
const PASSWORD = fake('Zx8vK2pQ', '9wL4');
const HEX40 = fake('3f9a1c0e7b2d4f6a8c1e', '5b7d9f0a2c4e6b8d0f1a');
const b64 = (s: string): string => Buffer.from(s).toString('base64');

/** Line numbers (1-based) of `lines` that each run of `p` flags. */
async function flagged(p: Prefilter, lines: string[]): Promise<{ regex: number[]; fixed: number[] }> {
  if (rg.kind !== 'ripgrep') throw new Error('no ripgrep');
  const dir = tmp();
  writeFileSync(join(dir, 'log.txt'), `${lines.join('\n')}\n`);
  const run = async (fixed: boolean, patterns: string[]): Promise<number[]> => {
    const out: number[] = [];
    if (patterns.length === 0) return out;
    await runRg({
      rg: rg.rg.path,
      args: [...rgArgs(fixed), './log.txt'],
      cwd: dir,
      stdin: `${patterns.join('\n')}\n`,
      separator: 10,
      onRecord: (r) => out.push(Number(r.toString('latin1', r.indexOf(0) + 1, r.indexOf(0x3a, r.indexOf(0) + 1)))),
    });
    return out.sort((a, b) => a - b);
  };
  return { regex: await run(false, p.patterns), fixed: await run(true, p.fixed) };
}

const shape = (r: ScanResult) => ({
  findings: r.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId} ${f.encoding} ${f.secret} via=${f.via.join(',')}`),
  files: r.files,
  bytes: r.bytes,
  warnings: r.warnings,
});

async function both(dir: string, rules?: string[]): Promise<{ fast: ScanResult; full: ScanResult }> {
  const corpus = evidenceCorpus(dir);
  return { fast: await scanCorpus({ corpus, engine: rg, rules }), full: await scanCorpus({ corpus, engine: node, rules }) };
}

/**
 * Per shaped rule: lines where junk sits inside the match, so only the shape's lead and the junk flag them; except
 * `plainFlagged`, lines whose junk comes before the keyword (the shape matches from the keyword on anyway).
 */
const JUNK_CASES: { rule: string; lines: string[]; plainFlagged?: number[] }[] = [
  {
    rule: 'generic-api-key',
    lines: [`password:\x1b[1m ${VALUE}\x1b[0m`, `api_key\u200b=${VALUE}`, `export SECRET\x1b[0m="${VALUE}"`, `auth_token = "${VALUE.slice(0, 8)}\x1b[8m${VALUE.slice(8)}"`],
  },
  { rule: 'circleci-legacy-token', lines: [`CIRCLE_TOKEN=\x1b[33m${HEX40}\x1b[0m`] },
  { rule: 'database-uri-password', lines: [`DATABASE_URL=postgres\x1b[0m://app:${PASSWORD}@db.internal:5432/app`, `postgresql://app:${PASSWORD.slice(0, 5)}\u200b${PASSWORD.slice(5)}@db.internal/app`] },
  { rule: 'basic-auth-url', lines: [`git clone https://deploy:\x1b[8m${PASSWORD}\x1b[28m@git.example.com/x.git`, `curl ht\u200btps://deploy:${PASSWORD}@api.example.com/v1`], plainFlagged: [2] },
];

describe.runIf(rg.kind === 'ripgrep')('the prefilter runs', () => {
  it('junk inside a shaped rule\'s match: the line is flagged, and found as the full scan finds it', async () => {
    for (const { rule, lines, plainFlagged = [] } of JUNK_CASES) {
      const p = buildPrefilter(RULES.filter((r) => r.id === rule), rule === 'generic-api-key')!;
      // Negative check first: the same lines with the junk made ordinary punctuation are not flagged by the shape.
      const plain = lines.map((l) => l.replace(/\x1b\[\d*m|\u200b/g, '#'));
      expect({ rule, flagged: (await flagged(p, plain)).regex }).toEqual({ rule, flagged: plainFlagged });
      expect({ rule, flagged: (await flagged(p, lines)).regex }).toEqual({ rule, flagged: lines.map((_, i) => i + 1) });
      const dir = writeTree(tmp(), { [`${WF}/job-1/step-101.txt`]: `${lines.join('\n')}\n` });
      const { fast, full } = await both(dir, [rule]);
      expect({ rule, found: full.findings.length }).toEqual({ rule, found: lines.length });
      expect(shape(fast)).toEqual(shape(full));
    }
  });

  it('coloured log lines with those keywords but no match shape are not flagged', async () => {
    const p = buildPrefilter(RULES, true)!;
    const ordinary = [
      '    at request (/home/circleci/project/src/api/client.ts:12:5)\x1b[39m',
      '  \x1b[32m✓\x1b[39m \x1b[2mrejects an expired token (182 ms)\x1b[22m',
      '\x1b[36m/home/circleci/project/node_modules/.bin/jest\x1b[0m',
      'GET https://docs.example.com/auth/ 200 \x1b[32mOK\x1b[0m',
    ];
    // Negative check first: with a separator and a value after the keyword, each such line is flagged.
    const suspicious = ['    at request api_key: \x1b[39mvalue', '  token=\x1b[2mabc', 'circle_token:\x1b[0m', 'https://u:\x1b[0mp@h'];
    expect((await flagged(p, suspicious)).regex).toEqual([1, 2, 3, 4]);
    expect(await flagged(p, ordinary)).toEqual({ regex: [], fixed: [] });
  });

  it('lines flagged by one run or by both are merged per file, in line order', async () => {
    const encoded = `echo "${b64(`token ${GH}`)}" | base64 -d`;
    const lines = ['npm ci', encoded, `token ${GH}`, `echo "${b64(`token ${GH}`)}" # token ${GH}`, 'done'];
    // Negative check first: the encoded line is the fixed run's alone, the last one both runs'.
    const runs = await flagged(buildPrefilter(RULES, true)!, lines);
    expect(runs.regex).toEqual([3, 4]);
    expect(runs.fixed).toEqual([2, 4]);
    const dir = writeTree(tmp(), {
      [`${WF}/job-1/step-101.txt`]: `${lines.join('\n')}\n`,
      [`${WF}/job-1/step-102.txt`]: `ok\n${encoded}\n`,
    });
    const { fast, full } = await both(dir);
    expect(full.findings.map((f) => `${f.file.split('/').pop()}:${f.line} ${f.encoding}`)).toEqual([
      'step-101.txt:2 base64',
      'step-101.txt:3 raw',
      'step-101.txt:4 base64',
      'step-101.txt:4 raw',
      'step-102.txt:2 base64',
    ]);
    expect(shape(fast)).toEqual(shape(full));
  });

  it('flagged lines over the batch budget: the file is read whole', async () => {
    if (rg.kind !== 'ripgrep') return;
    const dir = tmp();
    mkdirSync(join(dir, 'j'));
    writeFileSync(join(dir, 'j', 'a.txt'), `ok\ntoken ${GH}\n`);
    writeFileSync(join(dir, 'j', 'b.txt'), 'ok\n');
    const batch = async (heldBytes?: number): Promise<[number, FileOutcome['kind']][]> => {
      const out: [number, FileOutcome['kind']][] = [];
      const exit = await scanBatch({
        rg: rg.rg,
        cwd: dir,
        paths: ['./j/a.txt', './j/b.txt'],
        prefilter: buildPrefilter(RULES, true)!,
        scanOpts: {},
        pathOf: (i) => ['j/a.txt', 'j/b.txt'][i]!,
        onFile: (i, o) => out.push([i, o.kind]),
        heldBytes,
      });
      expect(exit.code).toBe(0);
      return out;
    };
    // Negative check first: within the budget the file's lines are scanned where they are.
    expect(await batch()).toEqual([[0, 'findings']]);
    expect(await batch(8)).toEqual([[0, 'whole-file']]);
  });
});
