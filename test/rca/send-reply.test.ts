// Exlogare's reply is hostile input: `sleuth rca --send` against the fake Exlogare answering with escapes in every
// field, nesting 100,000 levels deep, a body over the size cap, a deep error body. Never a raw control byte on
// the terminal, never a crash: a marker in the output or one line of error.
import { describe, expect, it } from 'vitest';
import { useSim } from '../helpers/sim.js';
import { EXL_TOKEN, liveArgs, liveEnv, rawControls, sleuthRca } from './helpers.js';
import { useExlogare } from './helpers.js';

const sim = useSim();
const ex = useExlogare();

const INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;
const evil = (tag: string) => `${tag}\x1b]52;c;ZXZpbA==\x07\x1b]0;pwned\x07\u202e\u200b\x9b2J\x1b[2J\r\n\x1bPq#0\x1b\\done`;

async function sendWith(reply: { json?: unknown; body?: string; status?: number }, more: string[] = []) {
  if (reply.json !== undefined) ex().setReply(() => reply.json);
  else ex().inject({ status: reply.status ?? 200, body: reply.body ?? '' });
  try {
    return await sleuthRca(liveArgs(5016, '--send', '--yes', ...more), { env: liveEnv(sim().apiUrl, ex().url) });
  } finally {
    ex().setReply(null);
  }
}

const deep = (n: number) => `{"summary":"deep reply","root_cause":${'{"why":'.repeat(n)}"bottom"${'}'.repeat(n)}}`;

describe('a hostile Exlogare reply on the terminal', () => {
  it('escapes in every field of an RCA-style reply, nested or in lists, are shown, never run', async () => {
    const json = {
      summary: evil('summary'), root_cause: evil('cause'), suggestions: [evil('one'), { title: evil('t'), description: evil('d') }, [evil('nested')]],
      failing_step: evil('step'), category: evil('cat'), confidence: evil('conf'), severity: evil('sev'), url: evil('url'),
      analysis: { root_cause: evil('inner') }, [evil('key')]: evil('value'),
    };
    for (const more of [[], ['--json']]) {
      const r = await sendWith({ json }, more);
      expect(r.code).toBe(0);
      expect(rawControls(r.out + r.err)).toEqual([]);
      expect(r.out + r.err).not.toMatch(INVISIBLE);
      expect(r.out).toContain('done');
    }
  });

  it('another JSON shape and a plain-text body are sanitized too', async () => {
    for (const reply of [{ json: { [evil('k')]: [evil('v'), { x: evil('x') }] } }, { body: evil('text') }]) {
      const r = await sendWith(reply);
      expect(r.code).toBe(0);
      expect(rawControls(r.out)).toEqual([]);
      expect(r.out).not.toMatch(INVISIBLE);
    }
  });

  it('a reply nested 100,000 levels deep is shown with a marker, with and without --json', async () => {
    for (const more of [[], ['--json']]) {
      const r = await sendWith({ body: deep(100_000) }, more);
      expect(r.code).toBe(0);
      expect(r.err).not.toMatch(/Maximum call stack|RangeError/);
      expect(r.out).toContain('deep reply');
      expect(r.out).toContain('[nested deeper than 64 levels: not shown]');
    }
  });

  it('a reply over the size cap is one line of error, exit 1', async () => {
    const r = await sendWith({ body: `{"summary":"${'x'.repeat(9 * 1024 * 1024)}"}` });
    expect(r.code).toBe(1);
    expect(r.out).not.toContain('xxxxxxxxxx');
    const lines = r.err.trim().split('\n').filter((l) => l.startsWith('sleuth: ') && !l.startsWith('sleuth: sent'));
    expect(lines).toHaveLength(1);
    expect(lines[0]!.length).toBeLessThan(300);
  });

  it('an error body nested deep is one line, exit 1', async () => {
    const r = await sendWith({ status: 400, body: `{"message":${'{"message":'.repeat(5000)}"bottom"${'}'.repeat(5001)}` });
    expect(r.code).toBe(1);
    const last = r.err.trim().split('\n').at(-1)!;
    expect(last).toMatch(/^sleuth: Exlogare rejected the payload \(400 \(Bad Request\)/);
    expect(last.length).toBeLessThan(300);
  });

  it('an error message echoing the token around the cut shows no part of it', async () => {
    for (const at of [150, 190, 199]) {
      const r = await sendWith({ status: 400, body: JSON.stringify({ message: `${'m'.repeat(at)}${EXL_TOKEN} more` }) });
      expect(r.code).toBe(1);
      expect(r.err).toContain('sleuth: Exlogare rejected the payload (400 (Bad Request): mmm');
      expect(r.err).not.toContain(EXL_TOKEN.slice(0, 6));
    }
  });
});
