// A million rows, streamed: the reader must not hold the file. Memory is sampled after forced GCs
// while reading; growth (heap + array buffers, which is where the id set lives) must stay far
// below the file's size.
import { createWriteStream, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { readAudit, summaryLine } from '../../src/audit/index.js';
import { useTmpDirs } from '../helpers/tmp.js';

// Half a minute of CPU at normal priority: at nice 19 it got almost none while other work loaded the machine (two
// `yes` processes: 240 s timeout), and no test waits on wall-clock speed any more, so it starves nobody.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const tmp = useTmpDirs();
const ROWS = 1_000_000;

const id = (i: number) => `${(i >>> 0).toString(16).padStart(8, '0')}-aaaa-4bbb-8ccc-${String(i).padStart(12, '0')}`;
const actions = ['workflow.job.start', 'workflow-job-finish', 'user.logged_in', 'context.secrets.accessed', 'project.env_var.create'];

async function writeRows(path: string, format: 'csv' | 'jsonl'): Promise<number> {
  const out = createWriteStream(path);
  if (format === 'csv') out.write('\ufeffID,ACTION,ACTOR_ID,ACTOR_NAME,OCCURRED_AT,SUCCESS,PAYLOAD\r\n');
  let buf = '';
  for (let i = 0; i < ROWS; i++) {
    const action = actions[i % actions.length]!;
    const t = new Date(Date.UTC(2026, 10, 1) + i * 1000).toISOString();
    // Row 500,000 repeats row 499,999's id; row 700,000 has a cell too many.
    const rid = id(i === 500_000 ? 499_999 : i);
    if (format === 'csv') buf += `${rid},${action},u${i % 97},user${i % 97},${t},true,"{""job_id"":""j${i}""}"${i === 700_000 ? ',extra' : ''}\r\n`;
    else buf += `${JSON.stringify({ id: rid, action, actor: { id: `u${i % 97}`, type: 'user', name: `user${i % 97}` }, occurred_at: t, success: true, payload: { job_id: `j${i}` } })}\n`;
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

async function stream(path: string, filter?: { actions: string[] }) {
  gc();
  const base = used();
  let peak = 0;
  let count = 0;
  let batches = 0;
  const reader = readAudit([path], filter ? { filter } : {});
  for await (const batch of reader.batches()) {
    count += batch.length;
    if (++batches % 64 === 0) {
      gc();
      peak = Math.max(peak, used() - base);
    }
  }
  return { count, stats: reader.stats, growth: peak };
}

describe('a million rows', () => {
  it('streams a 1,000,000-row CSV in bounded memory, dedupes and counts the bad row', async () => {
    const path = join(tmp(), 'million.csv');
    const size = await writeRows(path, 'csv');
    const r = await stream(path);
    expect(r.stats.rows).toBe(ROWS);
    expect(r.count).toBe(ROWS - 2);
    expect(r.stats.duplicates).toBe(1);
    expect(r.stats.skipped).toEqual([{ reason: 'wrong number of cells (want 7)', count: 1, first: `${path}:700002` }]);
    // The file is ~150 MB; what stays alive is the id set (~19 MB off-heap) and a batch or two.
    // Bounded, not proportional: well under half the file, whatever the GC's timing (measured ~25 MB).
    expect(r.growth).toBeLessThan(Math.min(size / 2, 64 * 1024 * 1024));
    process.stdout.write(`csv: ${(size / 1e6).toFixed(0)} MB file, peak growth ${(r.growth / 1e6).toFixed(1)} MB; ${summaryLine(r.stats)}\n`);

    const only = await stream(path, { actions: ['context.secrets'] });
    expect(only.count).toBe(ROWS / 5);
    expect(only.growth).toBeLessThan(Math.min(size / 2, 64 * 1024 * 1024));
  }, 240_000);

  it('streams 1,000,000 JSON lines in bounded memory', async () => {
    const path = join(tmp(), 'million.jsonl');
    const size = await writeRows(path, 'jsonl');
    const r = await stream(path);
    expect(r.stats.rows).toBe(ROWS);
    expect(r.count).toBe(ROWS - 1);
    expect(r.stats.duplicates).toBe(1);
    expect(r.growth).toBeLessThan(Math.min(size / 2, 64 * 1024 * 1024));
    process.stdout.write(`jsonl: ${(size / 1e6).toFixed(0)} MB file, peak growth ${(r.growth / 1e6).toFixed(1)} MB\n`);
  }, 240_000);
});
