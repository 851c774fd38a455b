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

describe('a hostile reply', () => {
  const INVISIBLE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;
  const evil = (tag: string) => `${tag}\x1b]52;c;ZXZpbA==\x07\x1b]0;t\x07\u202e\u200b\x9b31m\r\nnext`;

  it('every field, label, list item and nested value is sanitized, whatever the shape', () => {
    const rca = { summary: evil('s'), root_cause: [evil('r'), { title: evil('t'), description: evil('d') }, { [evil('k')]: evil('v') }, [evil('a')]], suggestions: { deep: { er: evil('x') } }, confidence: evil('c'), url: evil('u'), severity: 7 };
    for (const json of [rca, { analysis: rca }, { [evil('key')]: evil('val') }, [evil('x'), { y: evil('y') }], evil('str')]) {
      const v = describeReply(json);
      for (const r of v.rows) expect(r.text).not.toMatch(INVISIBLE);
      expect(v.rows.length).toBeGreaterThan(0);
    }
    const text = parseReplyBody(res(200, evil('plain'))).view;
    for (const r of text.rows) expect(r.text).not.toMatch(INVISIBLE);
  });

  it('nesting deeper than the cap becomes a visible marker, not a stack overflow', () => {
    const n = 100_000;
    const deepObj = `{"summary":"ok","root_cause":${'{"a":'.repeat(n)}1${'}'.repeat(n)},"suggestions":[${'['.repeat(n)}${']'.repeat(n)}]}`;
    const v = parseReplyBody(res(200, deepObj)).view;
    expect(v.kind).toBe('rca');
    expect(text(v.rows)).toContain('[nested deeper than');
    const bare = parseReplyBody(res(200, `${'['.repeat(n)}${']'.repeat(n)}`)).view;
    expect(bare.kind).toBe('json');
    expect(text(bare.rows)).toContain('[nested deeper than');
  });

  it('a huge reply is cut with a line saying so', () => {
    const many = describeReply({ summary: 's', suggestions: Array.from({ length: 50_000 }, (_, i) => `fix ${i}`) });
    expect(many.rows.length).toBeLessThan(200);
    expect(text(many.rows)).toContain('… (49900 more items not shown)');
    const long = describeReply({ summary: 'x\n'.repeat(300_000) });
    expect(long.rows.length).toBeLessThanOrEqual(2001);
    expect(long.rows.at(-1)!.text).toMatch(/… \(.*not shown\)$/);
    const blob = parseReplyBody(res(200, 'y'.repeat(3 * 1024 * 1024))).view;
    expect(blob.kind).toBe('text');
    expect(text(blob.rows)).toMatch(/not shown\)$/);
    const wide = describeReply(Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, i])));
    expect(wide.rows.length).toBeLessThanOrEqual(2001);
    expect(wide.rows.at(-1)!.text).toMatch(/^ {2}… \(\d+ more lines.* not shown\)$/);
    // Many fields, each under its own cap, still make at most 2,000 rows and a line saying so.
    const fields = describeReply({ summary: 'a\n'.repeat(900), root_cause: 'b\n'.repeat(900), suggestions: 'c\n'.repeat(900) });
    expect(fields.rows).toHaveLength(2001);
    expect(fields.rows.at(-1)!.text).toMatch(/more lines of the reply not shown/);
  });

  it('an error body is read a few levels down, in a loop: deeper nesting gives no message, not a deep recursion', () => {
    expect(serviceMessage(Buffer.from('{"error":{"message":{"detail":"three down"}}}'))).toBe('three down');
    const deep = `{"error":${'{"message":'.repeat(5000)}"x"${'}'.repeat(5001)}`;
    expect(replyError(res(400, deep), 'https://x/api').message).toBe('Exlogare rejected the payload (400 (Bad Request))');
  });

  it('the token is scrubbed from a service message before it is cut, and a redirect target is shown safely', () => {
    const token = 'exl_secret_token_value_0123456789abcdefghijklmnop';
    const scrub = (t: string) => t.split(token).join('[token]');
    // The token starts at character 190: cut first, 10 of its characters would be printed.
    const m = replyError(res(400, JSON.stringify({ message: `${'m'.repeat(190)}${token}` })), 'https://x/api', scrub).message;
    expect(m).not.toContain(token.slice(0, 8));
    expect(m).toContain('[token]');
    const redirect = replyError(res(302, '', { location: 'https://evil.example\u202e/\x1b]0;x\x07' }), 'https://x/api').message;
    expect(redirect).not.toMatch(INVISIBLE);
  });
});
