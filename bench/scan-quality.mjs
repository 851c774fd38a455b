#!/usr/bin/env node
// Secret-scanner quality (issue 15), two counts, never a time:
// (1) recall: each built-in rule's true example (lib/secret-examples.mjs) embedded in realistic log lines in many
//     forms (plain, `export`, JSON, YAML, a `set -x` curl trace with a Bearer header, a URL query, an `env | base64`
//     dump wrapped at 76): the share where the scanner reports that rule. Goal ≥ 95%.
// (2) false positives: 1,000,000 lines of ordinary CI output (lib/ci-noise.mjs, seeded) scanned in step-sized
//     chunks: every high or medium finding is printed (rule id, masked value, the line masked) so a reader can judge.
//     Goal ≤ 10. Info findings (a value CircleCI masked) are counted apart: they say a secret was printed, masked.
// Prints one JSON line. SLEUTH_DIST points at another build (default ../dist); LINES changes the noise size.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { noiseChunks } from './lib/ci-noise.mjs';
import { EXAMPLES } from './lib/secret-examples.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dist = resolve(process.env.SLEUTH_DIST ?? join(here, '..', 'dist'));
const { scanText } = await import(pathToFileURL(join(dist, 'scan', 'scanner.js')).href);
const { RULE_IDS } = await import(pathToFileURL(join(dist, 'scan', 'rules.js')).href);
const LINES = Number(process.env.LINES ?? 1_000_000);

/** Ways a CI log carries a secret. `e.token` is the secret alone when it names itself; else the hit is used whole. */
const FORMS = {
  plain: (e) => `2026-11-20T12:00:01.123Z ${e.hit}`,
  export: (e) => (e.multiline ? null : `+ export ${e.hit}`),
  json: (e) => JSON.stringify({ level: 'debug', time: '2026-11-20T12:00:01Z', msg: `config: ${e.hit}` }),
  yaml: (e) => (e.multiline ? `    key: |\n${e.hit.replace(/^/gm, '      ')}` : `    - ${e.hit}`),
  'set-x': (e) => (e.token ? `+ curl -sS -H 'Authorization: Bearer ${e.token}' https://api.acme.io/v1/deploy` : e.multiline ? null : `+ ${e.hit}`),
  url: (e) => (e.token && !e.token.includes('://') ? `GET https://api.acme.io/v1/hook?access_token=${encodeURIComponent(e.token)}&ts=1795000000 200` : null),
  base64: (e) => {
    const env = `HOME=/home/circleci\nCIRCLE_BRANCH=main\n${e.multiline ? `KEY=${e.hit.replace(/\n/g, '\\n')}` : e.hit}\nPATH=/usr/local/bin:/usr/bin\n`;
    return `+ env | base64\n${Buffer.from(env).toString('base64').match(/.{1,76}/g).join('\n')}`;
  },
};

const noise = 'npm ci --prefer-offline\nadded 1432 packages in 31s\n';
let total = 0;
let found = 0;
const misses = [];
const perForm = {};
for (const e of EXAMPLES) {
  for (const [form, wrap] of Object.entries(FORMS)) {
    const body = wrap(e);
    if (body === null) continue;
    total++;
    perForm[form] ??= { found: 0, total: 0 };
    perForm[form].total++;
    const hit = scanText(`${noise}${body}\nexit 0\n`).some((f) => f.ruleId === e.rule);
    if (hit) {
      found++;
      perForm[form].found++;
    } else misses.push(`${e.rule}/${form}`);
  }
}
const covered = new Set(EXAMPLES.map((e) => e.rule));
const uncovered = RULE_IDS.filter((id) => !covered.has(id));

let lines = 0;
let falsePositives = 0;
let info = 0;
const fps = [];
for (const chunk of noiseChunks(LINES)) {
  lines += chunk.split('\n').length;
  for (const f of scanText(chunk)) {
    if (f.severity === 'info') {
      info++;
      continue;
    }
    falsePositives++;
    const line = chunk.split('\n')[f.line - 1] ?? '';
    if (fps.length < 50) fps.push({ rule: f.ruleId, masked: f.masked, line: `${line.slice(0, f.column - 1)}${f.masked}${line.slice(f.column - 1 + f.secret.length)}`.slice(0, 200) });
  }
}
for (const fp of fps) process.stderr.write(`false positive: ${fp.rule} ${fp.masked}\n    ${fp.line}\n`);
for (const m of misses) process.stderr.write(`missed: ${m}\n`);

const recall = Math.round((found / total) * 10000) / 10000;
console.log(
  JSON.stringify({
    bench: 'scan-quality',
    rules: RULE_IDS.length,
    rules_without_example: uncovered,
    recall,
    recall_found: found,
    recall_cases: total,
    recall_by_form: Object.fromEntries(Object.entries(perForm).map(([k, v]) => [k, `${v.found}/${v.total}`])),
    missed: misses,
    lines,
    false_positives: falsePositives,
    false_positive_findings: fps.map((f) => `${f.rule} ${f.masked}`),
    info_findings: info,
    goal_recall: 0.95,
    goal_false_positives: 10,
    ok: recall >= 0.95 && falsePositives <= 10 && uncovered.length === 0,
  }),
);
