import { describe, expect, it } from 'vitest';
import { ExactSearcher } from '../../src/search/exact.js';
import { exactHits } from '../../src/search/hits.js';
import type { DocRef, SearchHit } from '../../src/search/types.js';
import { fake } from './helpers.js';

const AWS = fake('AKIA', 'Q3EGRTLYX7K5', 'WZPN');
const SLASHY = fake('hT3kq9Zr', 'V0pWm4Lx', 'B8nY+c2s/Fd7Gj');
/** Its base64 has `+` and `/` at every alignment, so the URL-safe form differs. */
const URLY = fake('ab>>?~~cd', '?>~xy>?~~QZ9w');
const WEBHOOK = fake('https://hooks.slack', '.com/services/', 'T04ACME0PAY/B07SIMHOOK9/', 'q7Xy2Lm9Pz4Wk8Rt1Vb6Nc3D');
const REF: DocRef = { file: 'wf/job-1/step-101.txt', workflowId: 'wf', job: 1, step: 101, node: 0, field: 'output' };

function find(value: string, text: string | Buffer, opts: ConstructorParameters<typeof ExactSearcher>[1] = {}): SearchHit[] {
  const buf = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  return exactHits(new ExactSearcher(value, opts), buf, buf.length, REF, 40, 10_000);
}

const pick = (hits: SearchHit[]) => hits.map((h) => ({ line: h.line, column: h.column, encoding: h.encoding, via: h.via }));

describe('exact search finds every encoding in the same pass', () => {
  it('raw, with line and column', () => {
    expect(pick(find(AWS, `first line\n  export AWS_ACCESS_KEY_ID=${AWS}\n`))).toEqual([{ line: 2, column: 28, encoding: 'raw', via: [] }]);
  });

  it.each([0, 1, 2])('base64 inside a longer blob at byte offset %i (padded and unpadded)', (k) => {
    for (const tail of ['', 'x', 'xy', 'xyz']) {
      const blob = Buffer.concat([Buffer.alloc(k + 3, 0x41), Buffer.from(SLASHY), Buffer.from(tail)]).toString('base64');
      for (const shown of [blob, blob.replace(/=+$/, '')]) {
        const hits = find(SLASHY, `payload: ${shown}\n`);
        expect(hits.map((h) => h.encoding), `${k} ${tail} ${shown}`).toEqual([k === 0 ? 'base64' : `base64 (offset ${k})`]);
      }
    }
  });

  it('the whole value base64-encoded, padded or not', () => {
    const enc = Buffer.from(SLASHY).toString('base64');
    expect(find(SLASHY, `${enc}\n${enc.replace(/=+$/, '')}\n`).map((h) => h.line)).toEqual([1, 2]);
  });

  it.each([0, 1, 2])('URL-safe base64 at offset %i', (k) => {
    const blob = Buffer.concat([Buffer.alloc(k, 0x41), Buffer.from(URLY)]).toString('base64url');
    expect(blob).toMatch(/[-_]/);
    expect(find(URLY, `?token=${blob}\n`).map((h) => h.encoding)).toEqual([k === 0 ? 'base64url' : `base64url (offset ${k})`]);
  });

  it('hex in both cases', () => {
    const hex = Buffer.from(AWS).toString('hex');
    expect(find(AWS, `${hex}\n${hex.toUpperCase()}\n`).map((h) => h.encoding)).toEqual(['hex', 'hex-upper']);
  });

  it('percent-encoding (upper and lower hex digits)', () => {
    const v = fake('p@ss/w0rd+', 'Zq9!x');
    const enc = encodeURIComponent(v);
    const hits = find(v, `curl -d "password=${enc}"\nlower=${enc.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())}\n`);
    expect(hits.map((h) => h.encoding)).toEqual(['percent', 'percent-lower']);
  });

  it('JSON escapes: \\/, \\uXXXX and quotes', () => {
    const v = fake('ab/cd"ef', 'gh<ij>é');
    const minimal = JSON.stringify(v).slice(1, -1);
    const slash = minimal.replace(/\//g, '\\/');
    const unicode = [...v].map((c) => (/[A-Za-z0-9_.-]/.test(c) ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)).join('');
    const hits = find(v, `{"a":"${minimal}"}\n{"b":"${slash}"}\n{"c":"${unicode}"}\n`);
    expect(hits.map((h) => h.encoding)).toEqual(['json', 'json-slash', 'json-unicode']);
  });

  it('upper and lower case (a value passed through `tr a-z A-Z`)', () => {
    const mixed = fake('ghp_', 'Rz4Xq8Lm2Vn7Kp1Wt9Yb', '3Cs6Df0Gh5Jk8Mn2');
    const hits = find(mixed, `A=${mixed.toUpperCase()}\nb=${mixed.toLowerCase()}\n`);
    expect(pick(hits)).toEqual([
      { line: 1, column: 3, encoding: 'upper', via: [] },
      { line: 2, column: 3, encoding: 'lower', via: [] },
    ]);
  });

  it('reversed and space-separated', () => {
    expect(find(AWS, `${[...AWS].reverse().join('')}\n${[...AWS].join(' ')}\n`).map((h) => h.encoding)).toEqual(['reversed', 'spaced']);
  });

  it('reports only the value when asked for a literal search', () => {
    const hex = Buffer.from(AWS).toString('hex');
    expect(find(AWS, `${AWS} ${hex}\n`, { literalOnly: true }).map((h) => h.encoding)).toEqual(['raw']);
  });
});

describe('hostile output', () => {
  it('matches through an ANSI escape inside the secret, mapped back to the raw column', () => {
    const line = `key: ${AWS.slice(0, 4)}\x1b[0m${AWS.slice(4)}`;
    const [h] = find(AWS, `ok\n${line}\n`);
    expect(h).toMatchObject({ line: 2, column: 6, encoding: 'raw', via: ['ansi'], match: `${AWS.slice(0, 4)}\x1b[0m${AWS.slice(4)}` });
  });

  it('matches through a zero-width space (J2), one or after every character', () => {
    expect(pick(find(AWS, `a ${AWS.slice(0, 4)}\u200b${AWS.slice(4)}\n`))).toEqual([{ line: 1, column: 3, encoding: 'raw', via: ['invisible'] }]);
    for (const z of ['\u200b', '\u200d', '\u2060', '\ufeff']) {
      expect(find(AWS, `x=${[...AWS].join(z)}\n`).map((h) => h.via), JSON.stringify(z)).toEqual([['invisible']]);
    }
  });

  it('matches a secret split by a CRLF line break (reported with the line it ends on)', () => {
    const [h] = find(AWS, `start\r\n${AWS.slice(0, 9)}\r\n${AWS.slice(9)} end\r\n`);
    expect(h).toMatchObject({ line: 2, column: 1, endLine: 3, via: ['line-break'] });
  });

  it('matches through a control character or a bidi override inside the secret', () => {
    for (const junk of ['\x00', '\x07', '\u202e', '\u00ad', '\x1b]0;title\x07']) {
      expect(find(AWS, `v=${AWS.slice(0, 10)}${junk}${AWS.slice(10)}\n`).length, JSON.stringify(junk)).toBe(1);
    }
  });

  it('base64 wrapped over lines (env | base64 -w 76) is found across the line breaks', () => {
    const dump = `HOME=/home/circleci\nAWS_ACCESS_KEY_ID=${AWS}\nSLACK_WEBHOOK=${WEBHOOK}\nAWS_SECRET_ACCESS_KEY=${SLASHY}\nPATH=/usr/bin\n`;
    for (const width of [76, 64]) {
      const lines = Buffer.from(dump).toString('base64').match(new RegExp(`.{1,${width}}`, 'g'))!;
      const text = `Uploading…\r\n${lines.join('\r\n')}\r\ndone\r\n`;
      // The webhook's base64 (107 characters) cannot fit on one 76-column line.
      for (const value of [AWS, SLASHY, WEBHOOK]) {
        const hits = find(value, text);
        expect(hits, `${width} ${value.slice(0, 8)}`).toHaveLength(1);
        expect(hits[0]!.encoding).toMatch(/^base64/);
      }
      const [hook] = find(WEBHOOK, text);
      expect(hook!.via).toEqual(['line-break']);
      expect(hook!.endLine! - hook!.line).toBeGreaterThanOrEqual(1);
    }
  });

  it('--thorough matches through escapes at several places inside the secret', () => {
    const text = `x=${AWS.slice(0, 4)}\x1b[1m${AWS.slice(4, 12)}\x1b[0m${AWS.slice(12)}\n`;
    expect(find(AWS, text)).toHaveLength(0);
    expect(pick(find(AWS, text, { thorough: true }))).toEqual([{ line: 1, column: 3, encoding: 'raw', via: ['ansi'] }]);
  });

  it('a 10 MB line without a newline: found at its end, quickly', () => {
    const big = Buffer.alloc(10 * 1024 * 1024, 0x61);
    const buf = Buffer.concat([big, Buffer.from(` ${AWS}`)]);
    const t = performance.now();
    const hits = find(AWS, buf);
    expect(performance.now() - t).toBeLessThan(3000);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ line: 1, column: big.length + 2 });
    expect(hits[0]!.context.cutBefore).toBe(true);
    expect(hits[0]!.context.text.length).toBeLessThan(200);
  });

  it('invalid UTF-8 and NUL bytes never crash; columns count a bad byte as one U+FFFD', () => {
    const buf = Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, 0xc0, 0xaf, 0xe2, 0x80]), Buffer.from(` ${AWS}\n`), Buffer.from([0xed, 0xa0, 0x80])]);
    const [h] = find(AWS, buf);
    expect(h).toMatchObject({ line: 1, match: AWS });
    expect(h!.column).toBe(Buffer.from([0xff, 0xfe, 0x00, 0xc0, 0xaf, 0xe2, 0x80]).toString('utf8').length + 2);
  });

  it('a value that matches everywhere is capped, not exhausting memory', () => {
    const buf = Buffer.alloc(4 * 1024 * 1024, 0x61);
    const s = new ExactSearcher('aaaaaaaa');
    const r = s.search(buf, buf.length, 1000);
    expect(r.capped).toBe(true);
    expect(r.hits).toHaveLength(1000);
  });

  it('many colourful lines without the secret cost no normalising work', () => {
    const line = '\x1b[32m✓\x1b[39m \x1b[2mtest passes\x1b[22m — ok\n';
    const buf = Buffer.from(line.repeat(50_000));
    expect(find(AWS, buf)).toEqual([]);
    expect(find(AWS, buf, { thorough: true })).toEqual([]);
  });
});
