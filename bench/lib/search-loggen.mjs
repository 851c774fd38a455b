// Realistic CircleCI step output for the search and fuzzy benches: npm / jest / docker / go / pytest lines, ~25% with
// ANSI colour, some Unicode (✓ — …), CRLF line ends like CircleCI's output, timestamps and hashes. Deterministic.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function rng(seed = 42) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

const pick = (r, a) => a[Math.floor(r() * a.length)];
const hex = (r, n) => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(r() * 16)]).join('');
const b64 = (r, n) => Array.from({ length: n }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'[Math.floor(r() * 64)]).join('');
const num = (r, n) => Math.floor(r() * n);

const PKGS = ['lodash', 'react', 'react-dom', 'typescript', 'jest', 'webpack', 'babel-loader', '@types/node', 'eslint', 'express', 'axios', 'chalk', 'commander', 'undici', 'vitest', 'rollup', 'esbuild', 'postcss', 'moment', 'uuid'];
const FILES = ['src/app.ts', 'src/api/client.ts', 'src/components/Button.tsx', 'test/payments.test.ts', 'lib/billing/invoice.go', 'internal/store/postgres.go', 'app/models/user.rb', 'tests/test_checkout.py'];
const TEMPLATES = [
  (r) => `npm http fetch GET 200 https://registry.npmjs.org/${pick(r, PKGS)}/-/${pick(r, PKGS)}-${num(r, 20)}.${num(r, 30)}.${num(r, 10)}.tgz ${num(r, 900)}ms (cache miss)`,
  (r) => `added ${num(r, 1500)} packages, and audited ${num(r, 1600)} packages in ${num(r, 90)}s`,
  (r) => `  \x1b[32m✓\x1b[39m \x1b[2m${pick(r, ['renders the invoice', 'charges the card', 'retries on 502', 'parses the webhook', 'rejects an expired token'])} (${num(r, 400)} ms)\x1b[22m`,
  (r) => `\x1b[1m\x1b[32mPASS\x1b[39m\x1b[22m ${pick(r, FILES)} (${(r() * 9).toFixed(3)} s)`,
  (r) => `#${num(r, 30)} [${num(r, 5)}/${num(r, 12)}] RUN apt-get update && apt-get install -y --no-install-recommends ${pick(r, ['curl', 'git', 'ca-certificates', 'build-essential', 'libpq-dev'])}`,
  (r) => `#${num(r, 30)} sha256:${hex(r, 64)} ${num(r, 90)}.${num(r, 9)}MB / ${num(r, 90)}.${num(r, 9)}MB ${(r() * 9).toFixed(1)}s done`,
  (r) => `Get:${num(r, 80)} http://deb.debian.org/debian bookworm/main amd64 ${pick(r, ['libssl3', 'zlib1g', 'libcurl4', 'perl-base'])} amd64 ${num(r, 9)}.${num(r, 9)}.${num(r, 9)}-${num(r, 5)} [${num(r, 2000)} kB]`,
  (r) => `ok  \tgithub.com/acme/payments/${pick(r, ['internal/store', 'pkg/billing', 'cmd/server', 'internal/auth'])}\t${(r() * 3).toFixed(3)}s\tcoverage: ${(r() * 100).toFixed(1)}% of statements`,
  (r) => `${pick(r, FILES)}:${num(r, 400)}:${num(r, 80)}: \x1b[33mwarning\x1b[0m: '${pick(r, ['err', 'ctx', 'props', 'res'])}' is defined but never used  @typescript-eslint/no-unused-vars`,
  (r) => `[${new Date(1_790_000_000_000 + num(r, 86_400_000)).toISOString()}] INFO  request id=${hex(r, 8)}-${hex(r, 4)} method=${pick(r, ['GET', 'POST'])} path=/api/v1/${pick(r, ['invoices', 'charges', 'customers'])} status=${pick(r, [200, 201, 204, 404, 500])} duration=${num(r, 900)}ms`,
  (r) => `tests/test_${pick(r, ['checkout', 'refunds', 'tax', 'ledger'])}.py::test_${pick(r, ['happy_path', 'declined_card', 'rounding', 'idempotency'])} ${pick(r, ['PASSED', 'PASSED', 'PASSED', 'SKIPPED'])} [${num(r, 100)}%]`,
  (r) => `Downloading ${pick(r, PKGS)}-${num(r, 9)}.${num(r, 9)}.${num(r, 9)}-py3-none-any.whl (${num(r, 900)} kB)`,
  (r) => `integrity sha512-${b64(r, 86)}==`,
  (r) => `Step ${num(r, 20)}/${num(r, 20)} : COPY --from=builder /app/dist /srv/app — ${pick(r, ['cached', 'done', 'using cache'])}`,
  (r) => `    at ${pick(r, ['Object.<anonymous>', 'processTicksAndRejections', 'Module._compile', 'async Promise.all'])} (/home/circleci/project/${pick(r, FILES)}:${num(r, 300)}:${num(r, 40)})`,
  (r) => `Restoring cache key: v1-deps-${pick(r, ['main', 'feature-x'])}-${hex(r, 40)}…`,
];

export function logLine(r) {
  return pick(r, TEMPLATES)(r);
}

/** A step output of about `bytes` bytes (CRLF line ends). */
export function stepText(r, bytes) {
  const parts = [];
  let n = 0;
  while (n < bytes) {
    const l = `${logLine(r)}\r\n`;
    parts.push(l);
    n += l.length;
  }
  return parts.join('');
}

/**
 * An evidence folder of at least `targetBytes` of step output in the downloader's layout
 * (`<workflow>/job-<n>/step-<s>.txt`, step-info.json), with `plant(jobIndex, stepIndex) → extra text | null`.
 * `withJson` also writes each step's raw `.json` body beside its `.txt`, as `sleuth download` does.
 */
export function writeEvidence(root, targetBytes, { plant = () => null, withJson = false, seed = 7 } = {}) {
  const r = rng(seed);
  /** Step output text (what the target counts); `all` adds the .json bodies. */
  let total = 0;
  let all = 0;
  let files = 0;
  let job = 0;
  while (total < targetBytes) {
    const wf = `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-a${hex(r, 3)}-${hex(r, 12)}`;
    for (let j = 0; j < 8 && total < targetBytes; j++, job++) {
      const dir = join(root, wf, `job-${5000 + job}`);
      mkdirSync(dir, { recursive: true });
      const steps = [];
      for (let s = 0; s < 6; s++) {
        const step = 101 + s;
        let text = stepText(r, 100_000 + Math.floor(r() * 900_000));
        const extra = plant(job, s);
        if (extra) {
          const at = text.indexOf('\r\n', Math.floor(text.length / 2)) + 2;
          text = text.slice(0, at) + extra + text.slice(at);
        }
        writeFileSync(join(dir, `step-${step}.txt`), text);
        total += Buffer.byteLength(text);
        all += Buffer.byteLength(text);
        files++;
        if (withJson) {
          const body = JSON.stringify(text.split(/(?<=\n)/).map((message, i) => ({ message, time: `2026-11-20T12:${String(i % 60).padStart(2, '0')}:00Z`, type: 'out' })));
          writeFileSync(join(dir, `step-${step}.json`), body);
          all += Buffer.byteLength(body);
          files++;
        }
        steps.push({ step, index: 0, name: `step ${step}`, bash_command: `#!/bin/bash -eo pipefail\nnpm run step-${step}\n` });
      }
      writeFileSync(join(dir, 'step-info.json'), JSON.stringify(steps, null, 2));
      writeFileSync(join(dir, 'job-info.json'), JSON.stringify({ name: `job-${job}`, status: 'success', started_at: null, stopped_at: null }));
    }
  }
  return { bytes: total, allBytes: all, files };
}
