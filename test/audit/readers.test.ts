// Audit-log readers: both CSV header styles, JSON lines / arrays / pretty objects, BOM and CRLF,
// hostile and malformed input (each case: an error with a line number, or a counted skip).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AuditFileError, summaryLine, type AuditEvent } from '../../src/audit/index.js';
import { csvLine, sampleAuditEvents, sampleAuditText } from '../../src/sim/audit/index.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { put, readAll } from './helpers.js';

const tmp = useTmpDirs();

/** What must not depend on the file format. */
function essence(e: AuditEvent) {
  return {
    id: e.id, action: e.action, mark: e.mark, occurred_at: e.occurred_at, success: e.success, version: e.version,
    actor: e.actor && { id: e.actor.id, name: e.actor.name, type: e.actor.type },
    target: e.target && { id: e.target.id, name: e.target.name, type: e.target.type },
    payload: e.payload, ip: e.request?.ip_address, org: e.organization?.id,
  };
}

const HEADER = 'id,action,actor,target,payload,occurred_at,metadata,version,scope,organization,account,success,request';
const blob = (o: unknown) => JSON.stringify(o);
function row(id: string, action: string, opts: { actor?: string; time?: string; payload?: unknown; extra?: string[] } = {}): unknown[] {
  return [id, action, blob({ id: `u-${opts.actor ?? 'alice'}`, type: 'user', name: opts.actor ?? 'alice' }), blob({ id: 't1', type: 'project', name: 'gh/acme/payments' }),
    blob(opts.payload ?? {}), opts.time ?? '2026-11-19T10:00:00.000Z', '{}', 1, '{}', blob({ id: 'o1', type: 'organization', name: 'acme' }), '{}', true, blob({ id: 'r1', ip_address: '192.0.2.1' }), ...(opts.extra ?? [])];
}
const csv = (...rows: unknown[][]) => [HEADER, ...rows.map((r) => csvLine(r, '\n').trimEnd())].join('\n') + '\n';

describe('the four formats of the same log', () => {
  it('reads JSON-blob CSV, flattened CSV, JSON lines and a JSON array to the same events', async () => {
    const dir = tmp();
    const results = await Promise.all((['csv', 'csv-flat', 'jsonl', 'json-array'] as const).map((f) => readAll(put(dir, `log.${f}`, sampleAuditText(f)))));
    const expected = sampleAuditEvents();
    for (const r of results) {
      expect(r.stats.rows).toBe(expected.length + 1);
      expect(r.stats.duplicates).toBe(1);
      expect(r.stats.skipped).toEqual([]);
      expect(r.stats.flagged).toEqual([]);
      expect(r.events.map(essence)).toEqual(results[0]!.events.map(essence));
    }
    expect(results.map((r) => r.stats.files[0]!.format)).toEqual(['csv', 'csv', 'json-lines', 'json-array']);
    expect(results.map((r) => r.stats.files[0]!.header)).toEqual(['blob', 'flat', undefined, undefined]);
    const access = results[1]!.events.find((e) => e.action === 'context.secrets.accessed')!;
    expect(access.mark).toBe('secrets');
    expect(access.actor).toMatchObject({ name: 'mallory-dev', type: 'user' });
    expect(access.payload?.environment_variable_titles).toBeTypeOf('string');
    expect(access.request?.ip_address).toBe('198.51.100.66');
  });

  it('reads pretty-printed objects one after another, with their starting line', async () => {
    const events = sampleAuditEvents().slice(0, 3);
    const text = events.map((e) => JSON.stringify(e, null, 2)).join('\n');
    const r = await readAll(put(tmp(), 'pretty.json', text));
    expect(r.events.map((e) => e.id)).toEqual(events.map((e) => e.id));
    const perObject = JSON.stringify(events[0], null, 2).split('\n').length;
    expect(r.events.map((e) => e.source.line)).toEqual([1, 1 + perObject, 1 + 2 * perObject]);
  });

  it('reads gzipped files and whole directories (an S3 prefix), ignoring files that are not audit logs', async () => {
    const dir = tmp();
    mkdirSync(join(dir, '2026', '11'), { recursive: true });
    put(dir, '2026/11/a.jsonl.gz', gzipSync(sampleAuditText('jsonl')));
    put(dir, 'circleci_connectivity_test_1763600000', '');
    put(dir, 'notes.csv', 'name,value\nx,1\n');
    const r = await readAll(dir);
    expect(r.events.length).toBe(sampleAuditEvents().length);
    expect(r.stats.files.map((f) => f.format).sort()).toEqual(['csv', 'empty', 'json-lines']);
    expect(r.stats.ignoredFiles).toEqual([{ path: join(dir, 'notes.csv'), reason: expect.stringContaining('no action column') }]);
    expect(summaryLine(r.stats)).toContain('1 file ignored');
  });
});

describe('CSV details', () => {
  it('matches headers loosely (case, camelCase, spaces), strips a BOM and reads CRLF', async () => {
    const text = '\ufeffID,Action,ACTOR_ID,Actor Name,actorType,occurredAt,request.ipAddress,SUCCESS,Payload\r\n'
      + 'e1,context.secrets.accessed,u1,mallory-dev,user,2026-11-19 10:00:05.123456789,198.51.100.66,TRUE,"{""context_name"":""aws-prod""}"\r\n'
      + 'e2,user.logged_in,u2,bob,user,1795082405,192.0.2.1,false,\r\n';
    const r = await readAll(put(tmp(), 'crlf.csv', text));
    expect(r.stats.files[0]!.header).toBe('flat');
    expect(r.events.map(essence)).toEqual([
      expect.objectContaining({ id: 'e1', action: 'context.secrets.accessed', occurred_at: '2026-11-19T10:00:05.123Z', success: true, actor: { id: 'u1', name: 'mallory-dev', type: 'user' }, payload: { context_name: 'aws-prod' }, ip: '198.51.100.66' }),
      expect.objectContaining({ id: 'e2', occurred_at: '2026-11-19T10:00:05.000Z', success: false, payload: null }),
    ]);
    expect(r.events.map((e) => e.source.line)).toEqual([2, 3]);
  });

  it('counts lines of multi-line quoted cells, so later rows still say where they are', async () => {
    const text = csv(row('a', 'x.y', { payload: { note: 'one\r\ntwo\nthree' } }), row('b', 'x.y'));
    const r = await readAll(put(tmp(), 'multi.csv', text.replace(/\n/g, '\r\n').replace(/\r\r\n/g, '\r\n')));
    expect(r.events.map((e) => e.source.line)).toEqual([2, 3]);
    // JSON in a cell keeps the escaped line breaks; the row is one physical line.
    const raw = `${HEADER}\nq1,a.b,"{""name"":""multi\nline""}",{},{},2026-11-19T10:00:00Z,{},1,{},{},{},true,{}\nq2,a.b,{},{},{},2026-11-19T10:00:00Z,{},1,{},{},{},true,{}\n`;
    const r2 = await readAll(put(tmp(), 'multi2.csv', raw));
    expect(r2.events.map((e) => [e.id, e.source.line])).toEqual([['q1', 2], ['q2', 4]]);
    expect(r2.events[0]!.unparsed?.actor).toBe('{"name":"multi\nline"}');
  });

  it('skips rows with the wrong number of cells, counted with the first line', async () => {
    const text = csv(row('a', 'a.b'), [...row('b', 'a.b'), 'extra'], row('c', 'a.b').slice(0, 5), row('d', 'a.b'));
    const r = await readAll(put(tmp(), 'cols.csv', text));
    expect(r.events.map((e) => e.id)).toEqual(['a', 'd']);
    expect(r.stats.skipped).toEqual([{ reason: 'wrong number of cells (want 13)', count: 2, first: expect.stringMatching(/cols\.csv:3$/) }]);
    expect(summaryLine(r.stats)).toMatch(/2 rows skipped: wrong number of cells \(want 13\) ×2 \(first at .*cols\.csv:3\)/);
  });

  it('skips a row whose quote never closes and reads on from the next line', async () => {
    const good = (id: string) => csvLine(row(id, 'a.b'), '\n');
    const text = `${HEADER}\n${good('a')}b,a.b,"{""id"":""u""}\n${good('c')}${good('d')}`;
    const r = await readAll(put(tmp(), 'quote.csv', text));
    expect(r.events.map((e) => e.id)).toEqual(['a', 'c', 'd']);
    expect(r.events.map((e) => e.source.line)).toEqual([2, 4, 5]);
    expect(r.stats.skipped).toEqual([{ reason: expect.stringMatching(/never closed|broken quote/), count: 1, first: expect.stringMatching(/quote\.csv:3$/) }]);
  });

  it('finds its place again past the first checkpoint (thousands of lines in)', async () => {
    const lines = [HEADER];
    for (let i = 0; i < 9000; i++) lines.push(csvLine(row(`r${i}`, 'a.b'), '').trimEnd());
    lines[6000] = 'broken,a.b,"{never closed';
    lines[8000] = 'broken2,a.b,"{never closed either';
    const r = await readAll(put(tmp(), 'far.csv', `${lines.join('\n')}\n`));
    expect(r.events.length).toBe(8998);
    expect(r.events.find((e) => e.id === 'r6000')?.source.line).toBe(6002);
    expect(r.events.at(-1)?.source.line).toBe(9001);
    expect(r.stats.skipped[0]).toMatchObject({ count: 2, first: expect.stringMatching(/far\.csv:6001$/) });
  });

  it('accepts a stray quote inside a cell literally', async () => {
    const text = `${HEADER}\na,a.b,{},{},{},2026-11-19T10:00:00Z,{},1,{},{},{},true,{}\nb,say "hi",{},{},{},2026-11-19T10:00:00Z,{},1,{},{},{},true,{}\n`;
    const r = await readAll(put(tmp(), 'stray.csv', text));
    expect(r.events.map((e) => e.action)).toEqual(['a.b', 'say "hi"']);
  });

  it('keeps a row with a bad JSON blob, with the text and a visible count', async () => {
    const text = `${HEADER}\n` + csvLine(['a', 'context.secrets.accessed', '{"id":"u1","type":"user","name":"alice"', '{}', '{"context_name": "aws-prod", ', 'not-a-time', '{}', 1, '{}', '{}', '{}', 'maybe', '{}'], '\n');
    const r = await readAll(put(tmp(), 'blob.csv', text));
    const e = r.events[0]!;
    expect(e.actor).toBeNull();
    expect(e.payload).toBeNull();
    expect(e.unparsed).toEqual({ actor: '{"id":"u1","type":"user","name":"alice"', payload: '{"context_name": "aws-prod", ' });
    expect(e.occurred_at).toBeNull();
    expect(e.success).toBeNull();
    expect(e.problems).toEqual(expect.arrayContaining([expect.stringContaining('payload is not valid JSON'), expect.stringContaining('occurred_at is not a time')]));
    expect(r.stats.flagged.map((t) => t.reason).sort()).toEqual(['a payload cell that is not JSON (row kept)', 'an actor cell that is not JSON (row kept)', 'an unreadable occurred_at (row kept)'].sort());
  });

  it('skips a row larger than the limit and reads on; huge cells under it are kept whole', async () => {
    const big = 'A'.repeat(300_000);
    const text = csv(row('a', 'a.b', { payload: { blob: big } }), row('b', 'a.b', { payload: { blob: 'B'.repeat(2_000_000) } }), row('c', 'a.b'));
    const r = await readAll(put(tmp(), 'huge.csv', text), { maxRecordBytes: 1_000_000 });
    expect(r.events.map((e) => e.id)).toEqual(['a', 'c']);
    expect((r.events[0]!.payload!.blob as string).length).toBe(300_000);
    expect(r.stats.skipped).toEqual([{ reason: 'a row larger than the size limit', count: 1, first: expect.stringMatching(/huge\.csv:3$/) }]);
  });

  it('drops duplicates on id, also across files', async () => {
    const dir = tmp();
    const a = put(dir, 'a.csv', csv(row('1', 'a.b'), row('2', 'a.b'), row('1', 'a.b')));
    const b = put(dir, 'b.csv', csv(row('2', 'a.b'), row('3', 'a.b')));
    const r = await readAll([a, b]);
    expect(r.events.map((e) => e.id)).toEqual(['1', '2', '3']);
    expect(r.stats.duplicates).toBe(2);
    const all = await readAll([a, b], { dedupe: false });
    expect(all.events.length).toBe(5);
  });

  it('says why a file is not an audit log, with the line', async () => {
    const dir = tmp();
    await expect(readAll(put(dir, 'x.csv', '\n\nname,value\nx,1\n'))).rejects.toThrow(/x\.csv:3: not an audit-log CSV: the first row has no action column \(it has: name, value\)/);
    await expect(readAll(put(dir, 'u16.csv', Buffer.from('\ufeffid,action\n', 'utf16le')))).rejects.toThrow(/UTF-16/);
    await expect(readAll(put(dir, 'bin.csv', Buffer.from([0x69, 0x64, 0x00, 0x01, 0x2c])))).rejects.toThrow(/binary data/);
    await expect(readAll(join(dir, 'missing.csv'))).rejects.toThrow(/missing\.csv: no such file/);
    await expect(readAll(put(dir, 'hdr.csv', 'id,"action\n'))).rejects.toThrow(AuditFileError);
  });

  it('keeps hostile text as data (the display sanitizes it), and __proto__ keys are plain keys', async () => {
    const evil = 'mallory\x1b]8;;https://evil.example\x07click\x1b]8;;\x07\x1b[2J\u202e';
    const text = csv(row('a', 'a.b', { actor: evil, payload: { __proto__x: 1, note: '\x1b[31mred' } }));
    const withProto = text.replace('__proto__x', '__proto__');
    const r = await readAll(put(tmp(), 'evil.csv', withProto));
    expect(r.events[0]!.actor?.name).toBe(evil);
    expect(Object.keys(r.events[0]!.payload!)).toEqual(['__proto__', 'note']);
    expect(({} as Record<string, unknown>).note).toBeUndefined();
  });
});

describe('JSON details', () => {
  it('skips a broken line of JSON lines and goes on at the next line', async () => {
    const [a, b, c] = sampleAuditEvents().slice(0, 3).map((e) => JSON.stringify(e));
    const text = `${a}\n${b!.slice(0, 80)}\n${c}\n[1,2]\n"text"\n`;
    const r = await readAll(put(tmp(), 'broken.jsonl', text));
    expect(r.events.length).toBe(2);
    expect(r.events.map((e) => e.source.line)).toEqual([1, 3]);
    expect(r.stats.skipped).toEqual([
      { reason: 'an object that is not valid JSON', count: 1, first: expect.stringMatching(/:2$/) },
      { reason: 'a JSON value that is not an object', count: 2, first: expect.stringMatching(/:4$/) },
    ]);
  });

  it('reads a JSON array up to a truncated end, counting the cut object', async () => {
    const events = sampleAuditEvents().slice(0, 3);
    const text = `[\n${events.map((e) => `  ${JSON.stringify(e)}`).join(',\n')},\n  {"id": "cut", "action": "a.b`;
    const r = await readAll(put(tmp(), 'cut.json', text));
    expect(r.events.map((e) => e.id)).toEqual(events.map((e) => e.id));
    expect(r.stats.skipped).toEqual([{ reason: expect.stringMatching(/cut off|runs past/), count: 1, first: expect.stringMatching(/:5$/) }]);
  });

  it('reads nested and flattened keys alike, and counts rows without an action', async () => {
    const text = [
      JSON.stringify({ ID: 'f1', ACTION: 'project.env_var.create', ACTOR_NAME: 'mallory-dev', ACTOR_ID: 'u9', OCCURRED_AT: '2026-11-19T09:36:00Z', PAYLOAD: '{"name":"X"}' }),
      JSON.stringify({ id: 'f2', occurred_at: '2026-11-19T09:37:00Z' }),
    ].join('\n');
    const r = await readAll(put(tmp(), 'flat.jsonl', text));
    expect(r.events.map(essence)).toEqual([expect.objectContaining({ id: 'f1', mark: 'project-var', actor: { id: 'u9', name: 'mallory-dev', type: null }, payload: { name: 'X' } })]);
    expect(r.stats.skipped).toEqual([{ reason: 'a row without an action', count: 1, first: expect.stringMatching(/:2$/) }]);
  });
});
