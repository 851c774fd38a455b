// Reading Exlogare's answer when its shape is not pinned: RCA fields, other JSON, text, and error bodies.
import { describe, expect, it } from 'vitest';
import type { HttpResponse } from '../../src/api/transport.js';
import { describeReply, parseReplyBody, replyError, serviceMessage } from '../../src/rca/exlogare/reply.js';

const res = (status: number, body: string, headers: Record<string, string> = {}): HttpResponse => ({ status, body: Buffer.from(body), headers, url: 'https://api.exlogare.net/api/ingest/circleci' });
const text = (rows: { text: string }[]) => rows.map((r) => r.text).join('\n');

describe('describeReply', () => {
  it('RCA fields in a fixed order whatever the key spelling', () => {
    const v = describeReply({ Suggestions: 'retry', 'root-cause': 'flaky db', summary: 'db timeout', confidence: 0.9, id: 'x' });
    expect(v.kind).toBe('rca');
    expect(text(v.rows)).toBe('Summary\n  db timeout\n\nRoot cause\n  flaky db\n\nSuggestions\n  retry\n\nConfidence\n  0.9');
  });

  it('a multi-line value stays several sanitized rows', () => {
    const v = describeReply({ root_cause: 'line one\nline\ttwo\r\n\x1b[2Jthree' });
    expect(v.rows.map((r) => r.text)).toEqual(['Root cause', '  line one', '  line    two', '  ^[[2Jthree']);
  });

  it('JSON without RCA fields is pretty-printed; an empty object says so', () => {
    expect(describeReply([1, 2]).kind).toBe('json');
    expect(text(describeReply({ queued: true }).rows)).toBe('  {\n    "queued": true\n  }');
    expect(describeReply({}).kind).toBe('empty');
  });

  it('a plain-text 2xx body is shown as text; an HTML one is an error', () => {
    expect(parseReplyBody(res(200, 'queued for analysis')).view).toMatchObject({ kind: 'text', rows: [{ text: '  queued for analysis' }] });
    expect(() => parseReplyBody(res(200, '<!doctype html><title>login</title>'))).toThrow(/HTML page instead of JSON/);
    expect(parseReplyBody(res(204, '')).view.kind).toBe('empty');
  });
});

describe('error bodies', () => {
  it('takes message, error, detail (string or FastAPI list) or errors[]', () => {
    expect(serviceMessage(Buffer.from('{"message":"bad status"}'))).toBe('bad status');
    expect(serviceMessage(Buffer.from('{"error":{"message":"nested"}}'))).toBe('nested');
    expect(serviceMessage(Buffer.from('{"detail":"Not authenticated"}'))).toBe('Not authenticated');
    expect(serviceMessage(Buffer.from('{"detail":[{"msg":"a"},{"msg":"b"}]}'))).toBe('a; b');
    expect(serviceMessage(Buffer.from('{"errors":["x is required"]}'))).toBe('x is required');
    expect(serviceMessage(Buffer.from('plain words'))).toBe('plain words');
    expect(serviceMessage(Buffer.from('<html>no</html>'))).toBeNull();
  });

  it('quotes a hostile message as one safe line', () => {
    const m = serviceMessage(Buffer.from(JSON.stringify({ message: 'bad\n\x1b]0;t\x07\u202e' + 'x'.repeat(500) })))!;
    expect(m).not.toMatch(/[\x00-\x1f\u202e]/);
    expect(m.length).toBeLessThanOrEqual(201);
  });

  it('413 and 404 say what to check', () => {
    expect(replyError(res(413, '{"message":"too big"}'), 'https://x/api/ingest/circleci').message).toBe('Exlogare says the payload is too large (413: too big)');
    expect(replyError(res(404, ''), 'https://x/api/ingest/circleci').message).toContain('check EXLOGARE_URL');
  });
});
