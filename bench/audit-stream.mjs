#!/usr/bin/env node
// Benchmark: reading a 1,000,000-row audit log. Anchors: bare csv-parse counting records (the
// floor for CSV: no mapping, no JSON blobs, no dedupe) and readline + JSON.parse (the floor for
// JSON lines). Prints one JSON line: times, ratios against the anchors, rows/s, and the peak
// memory growth (heap + array buffers, after forced GCs) against the file size.
//
//   npm run build && node --expose-gc bench/audit-stream.mjs [--rows 1000000] [--keep]
//
// Rows are the documented CSV shape (JSON blobs in cells), ~0.6 KB each, so 1M rows ≈ 600 MB;
// every 5th is a context.secrets.accessed (what `--action context.secrets` keeps).
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';

const { readAudit } = await import('../dist/audit/index.js');
const { csvLine, sampleAuditEvents } = await import('../dist/sim/audit/index.js');

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const ROWS = Number(arg('rows', '1000000'));
const keep = process.argv.includes('--keep');
const gc = globalThis.gc ?? (() => {});
const work = mkdtempSync(join(tmpdir(), 'sleuth-audit-bench-'));

const HEADER = ['id', 'action', 'actor', 'target', 'payload', 'occurred_at', 'metadata', 'version', 'scope', 'organization', 'account', 'success', 'request'];
const templates = sampleAuditEvents().filter((e) => e.action === 'workflow.job.start' || e.action === 'context.secrets.accessed');
const start = templates.filter((e) => e.action === 'workflow.job.start')[0];
const access = templates.find((e) => e.action === 'context.secrets.accessed');

function eventAt(i) {
  const t = i % 5 === 0 ? access : start;
  const hex = i.toString(16).padStart(12, '0');
  return { ...t, id: `${hex.slice(0, 8)}-aaaa-4bbb-8ccc-${hex}`, occurred_at: new Date(Date.UTC(2026, 9, 1) + i * 2000).toISOString(), payload: { ...t.payload, job_number: i } };
}

async function write(path, format) {
  const out = createWriteStream(path);
  let buf = format === 'csv' ? csvLine(HEADER) : '';
  for (let i = 0; i < ROWS; i++) {
    const e = eventAt(i);
    buf += format === 'csv' ? csvLine(HEADER.map((k) => e[k])) : `${JSON.stringify(e)}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
  return statSync(path).size;
}

const used = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

async function timed(fn) {
  gc();
  const base = used();
  let peak = 0;
  const sample = () => {
    gc();
    peak = Math.max(peak, used() - base);
  };
  const t = process.hrtime.bigint();
  const count = await fn(sample);
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, count, peakMB: +(peak / 1e6).toFixed(1) };
}

async function ours(path, filter) {
  return timed(async (sample) => {
    let n = 0;
    let b = 0;
    for await (const batch of readAudit([path], filter ? { filter } : {}).batches()) {
      n += batch.length;
      if (++b % 100 === 0) sample();
    }
    sample();
    return n;
  });
}

const bareCsv = (path) => timed(async () => {
  let n = 0;
  for await (const _ of createReadStream(path, { highWaterMark: 256 * 1024 }).pipe(parse({ bom: true, relax_column_count: true }))) n++;
  return n - 1;
});

const bareJsonl = (path) => timed(async () => {
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(path, { highWaterMark: 256 * 1024 }), crlfDelay: Infinity })) if (line && JSON.parse(line)) n++;
  return n;
});

try {
  const csvPath = join(work, 'audit.csv');
  const jsonlPath = join(work, 'audit.jsonl');
  const csvBytes = await write(csvPath, 'csv');
  const jsonlBytes = await write(jsonlPath, 'jsonl');
  const csvBare = await bareCsv(csvPath);
  const csvAll = await ours(csvPath);
  const csvSecrets = await ours(csvPath, { actions: ['context.secrets'] });
  const jsonBare = await bareJsonl(jsonlPath);
  const jsonAll = await ours(jsonlPath);
  if (csvAll.count !== ROWS || jsonAll.count !== ROWS || csvSecrets.count !== ROWS / 5) throw new Error(`counts: ${csvAll.count} ${jsonAll.count} ${csvSecrets.count}`);
  const r = (a, b) => +(a / b).toFixed(2);
  process.stdout.write(`${JSON.stringify({
    rows: ROWS,
    csv: {
      fileMB: +(csvBytes / 1e6).toFixed(0),
      bareCsvParseMs: Math.round(csvBare.ms),
      sleuthMs: Math.round(csvAll.ms),
      ratioVsBare: r(csvAll.ms, csvBare.ms),
      rowsPerSec: Math.round(ROWS / (csvAll.ms / 1000)),
      actionFilterMs: Math.round(csvSecrets.ms),
      actionFilterRatioVsBare: r(csvSecrets.ms, csvBare.ms),
      peakGrowthMB: csvAll.peakMB,
      peakGrowthVsFile: r(csvAll.peakMB * 1e6, csvBytes),
    },
    jsonl: {
      fileMB: +(jsonlBytes / 1e6).toFixed(0),
      bareJsonParseMs: Math.round(jsonBare.ms),
      sleuthMs: Math.round(jsonAll.ms),
      ratioVsBare: r(jsonAll.ms, jsonBare.ms),
      peakGrowthMB: jsonAll.peakMB,
      peakGrowthVsFile: r(jsonAll.peakMB * 1e6, jsonlBytes),
    },
  })}\n`);
} finally {
  if (!keep) rmSync(work, { recursive: true, force: true });
}
