// Every absolute time the TUI shows reads one way: date, seconds and Z (`2026-11-20 12:00:03Z`), in the lists, the
// exposure pane and the log's time column alike; never a guess from a loose date, never the input echoed back.
import { describe, expect, it } from 'vitest';
import type { Pipeline, Workflow } from '../../src/api/types.js';
import type { JobExposure, SecretExposure } from '../../src/exposure/index.js';
import { jobLines, secretCols, secretLines } from '../../src/tui/exposure/columns.js';
import { clockOf } from '../../src/tui/log/clock.js';
import { pipelineCols, workflowCols } from '../../src/tui/ci-lists/columns.js';
import { utcTime } from '../../src/util/time.js';

const SHAPE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z$/;
const createdOf = <T,>(cols: { title: string; get: (x: T) => string }[], x: T) => cols.find((c) => c.title === 'CREATED')!.get(x);

describe('utcTime', () => {
  it('shows an ISO time or epoch milliseconds with its date, seconds and Z, in UTC', () => {
    expect(utcTime('2026-11-20T12:00:03.456Z')).toBe('2026-11-20 12:00:03Z');
    expect(utcTime('2026-11-20T14:00:03+02:00')).toBe('2026-11-20 12:00:03Z');
    expect(utcTime('2026-11-20T12:00:03')).toBe('2026-11-20 12:00:03Z');
    expect(utcTime('2026-11-20')).toBe('2026-11-20 00:00:00Z');
    expect(utcTime(Date.parse('2026-11-21T00:00:01Z'))).toBe('2026-11-21 00:00:01Z');
  });

  it('says `-` for what is not an ISO time, and never echoes it', () => {
    for (const bad of [null, undefined, '', 'March 7', '1', 'yesterday', '\x1b[2J2026-11-20', '2026-13-45T99:99:99Z', Number.NaN, 9e15]) expect(utcTime(bad as never), String(bad)).toBe('-');
  });
});

describe('where the TUI shows a time', () => {
  it('the pipeline and workflow lists', () => {
    const p = { created_at: '2026-11-20T12:00:03.120Z' } as Pipeline;
    expect(createdOf(pipelineCols(new Map()), p)).toBe('2026-11-20 12:00:03Z');
    expect(createdOf(workflowCols, { created_at: '2026-11-20T12:00:03Z' } as Workflow)).toMatch(SHAPE);
  });

  it('the exposure pane: the list and a row in full', () => {
    const s = { name: 'NPM_TOKEN', kind: 'context', context: 'npm-publish', last4: null, created_at: '2024-01-15T08:31:07Z', updated_at: '2025-02-01T10:00:00Z', job_count: 0, accessed_count: 0, jobs: [] } as unknown as SecretExposure;
    expect(createdOf(secretCols, s)).toBe('2024-01-15 08:31:07Z');
    expect(secretLines(s).join('\n')).toContain('created 2024-01-15 08:31:07Z · updated 2025-02-01 10:00:00Z');
    const j = { number: 1, name: 'test', workflow: { name: 'wf' }, started_at: '2026-11-19T10:00:54Z', stopped_at: '2026-11-19T10:03:04Z', details: true, contexts: [], secrets: [], accesses: [] } as unknown as JobExposure;
    expect(jobLines(j).join('\n')).toContain('started 2026-11-19 10:00:54Z · stopped 2026-11-19 10:03:04Z');
  });

  it('the log time column (t), past midnight too', () => {
    expect(clockOf('2026-11-20T23:59:59.900Z')).toMatch(SHAPE);
    expect(clockOf('2026-11-21T00:00:00Z')).toBe('2026-11-21 00:00:00Z');
  });
});

describe('a list with the wider time column', () => {
  it('never lays out a row wider than the pane, at any width (the flexible columns keep their minimums)', async () => {
    const { layoutColumns } = await import('../../src/tui/list/columns.js');
    const { jobCols, stepCols } = await import('../../src/tui/ci-lists/columns.js');
    const exposure = await import('../../src/tui/exposure/columns.js');
    const { auditCols } = await import('../../src/tui/audit/columns.js');
    const sets = { pipelines: pipelineCols(new Map()), workflows: workflowCols, jobs: jobCols(new Map()), steps: stepCols, exposureJobs: exposure.jobCols, secrets: secretCols, audit: auditCols } as Record<string, { w?: number }[]>;
    for (const [name, set] of Object.entries(sets)) {
      for (let total = 40; total <= 200; total++) {
        const cols = layoutColumns(set as never[], total) as { w: number; title: string }[];
        const row = cols.reduce((n, c) => n + c.w, 0) + cols.length - 1;
        expect(row, `${name} at ${total}: ${cols.map((c) => `${c.title}=${c.w}`).join(' ')}`).toBeLessThanOrEqual(total - 1);
      }
    }
  });
});
