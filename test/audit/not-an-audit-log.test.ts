// `sleuth audit FILE` on something that is not an audit log fails with one line (exit 1), instead of "no audit events
// match" and exit 0, which reads as "nothing happened" to a responder.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { summaryLine } from '../../src/audit/index.js';
import { sampleAuditEvents, sampleAuditText } from '../../src/sim/audit/index.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { sleuth } from './cli-harness.js';
import { put, readAll } from './helpers.js';

const tmp = useTmpDirs();

describe('not an audit log', () => {
  const files: [string, string | Buffer, RegExp][] = [
    ['other.json', '{"name":"left-pad","items":[1,2]}\n', /other\.json: not an audit log: none of its 1 JSON objects has an action$/],
    ['package.json', JSON.stringify({ name: 'x', version: '1.0.0', scripts: { test: 'vitest' } }, null, 2), /package\.json: not an audit log: none of its 1 JSON objects has an action$/],
    ['list.json', JSON.stringify([{ id: 1, title: 'a' }, { id: 2, title: 'b' }]), /list\.json: not an audit log: none of its 2 JSON objects has an action$/],
    ['numbers.json', '[1,2,3]', /numbers\.json: not an audit log: it holds no JSON objects$/],
    ['empty-array.json', '[]', /empty-array\.json: not an audit log: it holds no JSON objects$/],
    ['empty.csv', '', /empty\.csv: an empty file, not an audit log \(CSV or JSON\)$/],
    ['blank.jsonl', ' \n\r\n\t\n', /blank\.jsonl: an empty file, not an audit log/],
    ['empty.json.gz', gzipSync(''), /empty\.json\.gz: an empty file, not an audit log/],
    ['random.csv', 'name,age\nbob,3\n', /random\.csv:1: not an audit-log CSV: the first row has no action column \(it has: name, age\)$/],
  ];
  for (const [name, content, why] of files) {
    it(`exits 1 with one line: ${name}`, async () => {
      const r = await sleuth(['audit', put(tmp(), name, content), '--no-tui']);
      expect(r.code).toBe(1);
      expect(r.out).toBe('');
      expect(r.err.split('\n')).toHaveLength(2);
      expect(r.err.trimEnd()).toMatch(/^sleuth: /);
      expect(r.err.trimEnd()).toMatch(why);
    });
  }

  it('still reads an audit CSV that has its header but no events (a quiet window), exit 0', async () => {
    const header = sampleAuditText('csv').split('\n')[0]!;
    const r = await sleuth(['audit', put(tmp(), 'quiet.csv', `${header}\n`), '--no-tui']);
    expect(r.code).toBe(0);
    expect(r.out).toBe('no audit events match\n');
  });

  it('fails a directory with no audit log in it, and ignores one that is not among real ones (its rows uncounted)', async () => {
    const dir = tmp();
    put(dir, 'notes.json', '{"note":"hello"}\n{"note":"again"}\n');
    put(dir, 'table.csv', 'a,b\n1,2\n');
    const none = await sleuth(['audit', dir, '--no-tui']);
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/^sleuth: .*: no audit log in it: none of its 2 files is an audit log \(first: .*notes\.json: not an audit log: none of its 2 JSON objects has an action\)\n$/);

    mkdirSync(join(dir, 'stream'));
    put(dir, 'stream/events.jsonl', sampleAuditText('jsonl'));
    put(dir, 'stream/circleci_connectivity_test_1763600000', '');
    const r = await readAll(dir);
    expect(r.events).toHaveLength(sampleAuditEvents().length);
    const alone = await readAll(join(dir, 'stream/events.jsonl'));
    expect(r.stats.rows).toBe(alone.stats.rows);
    expect(r.stats.skipped).toEqual(alone.stats.skipped);
    expect(r.stats.ignoredFiles.map((f) => f.path.slice(dir.length + 1))).toEqual(['notes.json', 'table.csv']);
    expect(summaryLine(r.stats)).toContain('2 files ignored');
  });
});
