// Every built-in rule against its true example and its near miss (bench/lib/secret-examples.mjs), plus what every
// finding must honour: the masked form never holds the secret, and redact() takes each one out.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, PRIVATE_KEY_KINDS } from '../../bench/lib/secret-examples.mjs';
import { RULE_IDS, RULES } from '../../src/scan/rules.js';
import { redact, scanText } from '../../src/scan/scanner.js';

const byRule = new Map(EXAMPLES.map((e) => [e.rule, e]));
const named = (text: string) => scanText(text).filter((f) => f.ruleId !== 'generic-api-key');

describe('the example table', () => {
  it('has exactly one entry for every rule id (a new rule needs a true example and a near miss)', () => {
    expect(EXAMPLES.map((e) => e.rule).sort()).toEqual([...RULE_IDS].sort());
  });
});

describe('true examples: found by their rule, once, at the secret', () => {
  it.each(EXAMPLES.map((e) => [e.rule, e] as const))('%s', (rule, e) => {
    const found = scanText(e.hit);
    expect(found.map((f) => f.ruleId)).toEqual([rule]);
    const f = found[0]!;
    expect(e.hit.slice(f.start, f.end)).toBe(f.secret);
    if (e.token) expect(f.secret).toBe(e.token);
  });
});

describe('near misses: not found', () => {
  it.each(EXAMPLES.map((e) => [`${e.rule} (${e.why})`, e] as const))('%s', (_, e) => {
    // The generic key=value rule may still see a high-entropy value after a secret-ish name; no named rule may.
    expect(named(e.miss)).toEqual([]);
    expect(scanText(e.miss).map((f) => f.ruleId)).not.toContain(e.rule);
  });
});

describe('masking and redaction of every true example', () => {
  it.each(EXAMPLES.filter((e) => e.rule !== 'circleci-masked-value').map((e) => [e.rule, e] as const))('%s', (_, e) => {
    const [f] = scanText(e.hit);
    const secret = f!.secret;
    expect(f!.masked).not.toContain(secret);
    // No run of 8 secret characters survives the mask (the ends kept are at most 4 each; a key block shows its
    // BEGIN line, which is not secret).
    const body = e.rule === 'private-key' ? secret.split('\n').slice(1, -1).join('') : secret;
    for (let i = 0; i + 8 <= body.length; i += 4) expect(f!.masked).not.toContain(body.slice(i, i + 8));
    const r = redact(e.hit);
    expect(r.count).toBe(1);
    expect(r.text).not.toContain(secret);
    expect(r.text).toContain(`[REDACTED:${e.rule}]`);
  });
});

describe('rule hygiene', () => {
  it('every rule has lower-case keywords, a global regex and an id used once', () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    for (const r of RULES) {
      expect(r.keywords.length, r.id).toBeGreaterThan(0);
      for (const k of r.keywords) expect(k, r.id).toBe(k.toLowerCase());
      expect(r.pattern.flags, r.id).toContain('g');
    }
  });

  it('every true example holds one of its rule keywords (the prefilter would let it through)', () => {
    for (const e of EXAMPLES) {
      const rule = RULES.find((r) => r.id === e.rule);
      if (!rule) continue;
      expect(rule.keywords.some((k) => e.hit.toLowerCase().includes(k)), e.rule).toBe(true);
    }
  });

  it('no unbounded repetition: no `+`, `*` or `{n,}` in any rule (JS regexes backtrack)', () => {
    // Escapes and character classes out of the way first: a `+` inside `[…]` is a character.
    const bare = (source: string) => source.replace(/\\./g, '_').replace(/\[[^\]]*\]/g, 'C');
    expect(bare(String.raw`[\w+*]{1,3}`)).toBe('C{1,3}');
    expect(bare(String.raw`(?:ab)+`)).toMatch(/[+*]|\{\d+,\}/);
    for (const r of RULES) expect(bare(r.pattern.source), r.id).not.toMatch(/[+*]|\{\d+,\}/);
  });

  it('the example and test sources hold no secret our scanner would report', () => {
    for (const file of ['bench/lib/secret-examples.mjs', 'bench/lib/ci-noise.mjs', 'test/scan/rules-table.test.ts', 'test/scan/rules-allowlist.test.ts', 'test/scan/rules.test.ts']) {
      const high = scanText(readFileSync(file, 'utf8')).filter((f) => f.severity !== 'info');
      expect(high.map((f) => `${f.ruleId}@${f.line}`), file).toEqual([]);
    }
  });
});

describe('private keys of every kind', () => {
  it.each(PRIVATE_KEY_KINDS.map((k) => [k.split('\n')[0]!, k] as const))('%s', (_, pem) => {
    expect(scanText(`key:\n${pem}\n`).map((f) => f.ruleId)).toEqual(['private-key']);
    // As a JSON string (a service-account file printed on one line).
    expect(scanText(JSON.stringify({ private_key: `${pem}\n` })).map((f) => f.ruleId)).toEqual(['private-key']);
  });
});

describe('rules that need a name around the secret', () => {
  it('a bare 32-hex after no Datadog name, an AC… with no twilio, a UUID with no heroku name: nothing', () => {
    const hex32 = byRule.get('datadog-api-key')!.hit.split('=')[1]!;
    expect(named(`checksum ${hex32}`)).toEqual([]);
    expect(named(`export DD_API_KEY="${hex32}"`).map((f) => f.ruleId)).toEqual(['datadog-api-key']);
    expect(named(`-H 'DD-API-KEY: ${hex32}'`).map((f) => f.ruleId)).toEqual(['datadog-api-key']);
  });
});
