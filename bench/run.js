#!/usr/bin/env node
// `npm run bench`: runs every bench script in turn (each prints one JSON line with its figures and
// ratios against the anchor its issue names) and prints a summary. Goals are ratios, never timed tests.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const scripts = readdirSync(here)
  .filter((f) => f.endsWith('.mjs'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

let failed = 0;
const results = [];
for (const script of scripts) {
  process.stderr.write(`bench: ${script}\n`);
  const r = spawnSync(process.execPath, ['--expose-gc', join(here, script)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 20 * 60_000 });
  const line = (r.stdout || '').trim().split('\n').filter((l) => l.startsWith('{')).at(-1);
  if (r.status !== 0 || !line) {
    failed++;
    results.push({ bench: script, error: `exit ${r.status}` });
    continue;
  }
  results.push({ bench: script, ...JSON.parse(line) });
}
for (const r of results) process.stdout.write(`${JSON.stringify(r)}\n`);
process.exitCode = failed ? 1 : 0;
