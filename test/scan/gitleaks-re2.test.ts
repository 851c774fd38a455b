// RE2 → JavaScript on patterns written for this test in the shapes gitleaks' rules use. Each case: the RE2 pattern,
// then [sample, what RE2 would match (the whole match) or null].
import { describe, expect, it } from 'vitest';
import { MAX_UNBOUNDED_REPEAT, re2ToJs } from '../../src/scan/gitleaks/re2-to-js.js';

type Case = [string, [string, string | null][]];
const CASES: Case[] = [
  [String.raw`(?i)\b(tok_[a-z0-9]{8})\b`, [['x TOK_AbCd1234 y', 'TOK_AbCd1234'], ['tok_abcd123', null]]],
  [String.raw`(?i:key)=(?-i:[A-Z]{4})`, [['KEY=ABCD', 'KEY=ABCD'], ['Key=abcd', null]]],
  [String.raw`(?i)secret(?-i:_ID)`, [['SeCrEt_ID', 'SeCrEt_ID'], ['secret_id', null]]],
  [String.raw`a(?i)bc`, [['aBC', 'aBC'], ['ABC', null]]],
  [String.raw`(?:x(?i)y)z`, [['xYz', 'xYz'], ['xyZ', null]]],
  [String.raw`(?i:[a-c]+)d`, [['AbCd', 'AbCd'], ['abcD', null]]],
  [String.raw`(?i:[^a-c])`, [['B', null], ['d', 'd']]],
  [String.raw`(?i:[[:lower:]]{3})`, [['ABC', 'ABC']]],
  [String.raw`(?P<token>gh[pousr]_[0-9A-Za-z]{6})`, [['ghp_abc123', 'ghp_abc123'], ['ghx_abc123', null]]],
  [String.raw`(?<name>n[0-9])`, [['n7', 'n7']]],
  [String.raw`end\z`, [['the end', 'end'], ['end\n', null]]],
  [String.raw`\Astart`, [['start here', 'start'], ['x\nstart', null]]],
  [String.raw`^line$`, [['line', 'line'], ['a\nline', null]]],
  [String.raw`(?m)^line$`, [['a\nline\nb', 'line'], ['aline', null]]],
  [String.raw`a.b`, [['a\rb', 'a\rb'], ['a\nb', null]]],
  [String.raw`(?s)a.b`, [['a\nb', 'a\nb']]],
  [String.raw`(?s:a.)b.c`, [['a\nbxc', 'a\nbxc'], ['a\nb\nc', null]]],
  [String.raw`[[:alpha:]]+[[:digit:]]`, [['abc1', 'abc1'], ['---1', null]]],
  [String.raw`[[:xdigit:]]{4}`, [['00fF', '00fF'], ['00fg', null]]],
  [String.raw`[[:alnum:]_-]{3}`, [['a_-', 'a_-']]],
  [String.raw`[[:space:]]x`, [['\tx', '\tx']]],
  [String.raw`[[:punct:]]{2}`, [['!]', '!]'], ['ab', null]]],
  [String.raw`\Qa.b*c\E`, [['a.b*c', 'a.b*c'], ['aXbbc', null]]],
  [String.raw`x\Q(y`, [['x(y', 'x(y']]],
  [String.raw`\p{L}{3}`, [['héé', 'héé'], ['1é2', null]]],
  [String.raw`\pN+`, [['٣4', '٣4']]],
  [String.raw`\p{Greek}`, [['λ', 'λ'], ['l', null]]],
  [String.raw`\x{263a}`, [['☺', '☺']]],
  [String.raw`\x41\101`, [['AA', 'AA']]],
  [String.raw`['"\x60]tok`, [['`tok', '`tok']]],
  [String.raw`a\-b\_c\#`, [['a-b_c#', 'a-b_c#']]],
  [String.raw`a{2}{x`, [['aa{x', 'aa{x']]],
  [String.raw`a{,3}`, [['a{,3}', 'a{,3}']]],
  [String.raw`[\w.-]{3}=`, [['a.-=', 'a.-=']]],
  [String.raw`[]a]+`, [[']a]', ']a]']]],
  [String.raw`[^\s"']{4}`, [['ab"cdef', 'cdef']]],
  [String.raw`(?:[\x60'"\s;]|\\[nr]|$)`, [['\\n', '\\n']]],
  [String.raw`x+?y`, [['xxy', 'xxy']]],
  [String.raw`(?:-[0-9]{2,3}){3}`, [['-12-345-67', '-12-345-67']]],
  [String.raw`a/b`, [['a/b', 'a/b']]],
  [String.raw`k[\t ]*=`, [['k \t =', 'k \t =']]],
];

const REFUSED: [string, RegExp][] = [
  [String.raw`(a+)+b`, /repeated group holds a variable repeat/],
  [String.raw`(?:a|ab)*c`, /repeated group holds a variable repeat or an alternation/],
  [String.raw`a(?=b)`, /lookaround/],
  [String.raw`a(?<!b)`, /lookaround/],
  [String.raw`(a)\1`, /backreferences/],
  [String.raw`(?U)a+`, /ungreedy/],
  [String.raw`[[:^alpha:]x]`, /negated POSIX class/],
  [String.raw`a{1001}`, /repeat count above 1000/],
  [String.raw`(?P<1x>a)`, /group name/],
  [String.raw`\Ka`, /unknown escape/],
  [String.raw`(a`, /missing \)/],
  [String.raw`*a`, /missing argument/],
];

function firstMatch(re2: string, sample: string): string | null {
  const js = re2ToJs(re2);
  return new RegExp(js.source, js.flags).exec(sample)?.[0] ?? null;
}

describe('RE2 to JavaScript', () => {
  it.each(CASES)('%s', (re2, samples) => {
    for (const [sample, want] of samples) expect(firstMatch(re2, sample), JSON.stringify(sample)).toBe(want);
    // Written to mean the same with and without the u flag.
    const js = re2ToJs(re2);
    if (!js.flags.includes('u')) {
      for (const [sample, want] of samples) expect(new RegExp(js.source, `${js.flags}u`).exec(sample)?.[0] ?? null).toBe(want);
    }
  });

  it.each(REFUSED)('refuses %s with the reason', (re2, reason) => {
    expect(() => re2ToJs(re2)).toThrow(reason);
  });

  it('uses the i flag for a leading (?i) alone, and classes otherwise', () => {
    expect(re2ToJs('(?i)abc')).toEqual({ source: 'abc', flags: 'i' });
    expect(re2ToJs('(?i:ab)c')).toEqual({ source: '(?:[aA][bB])c', flags: '' });
    expect(re2ToJs('(?i)a(?-i:b)')).toEqual({ source: '[aA](?:b)', flags: '' });
    expect(re2ToJs(String.raw`\p{L}`).flags).toBe('u');
  });

  it('bounds unbounded repeats', () => {
    expect(re2ToJs('a*b+c{2,}').source).toBe(`a{0,${MAX_UNBOUNDED_REPEAT}}b{1,${MAX_UNBOUNDED_REPEAT}}c{2,${MAX_UNBOUNDED_REPEAT}}`);
    // A run of spaces longer than the bound before a missing `=`: each start tries at most the bound, not the rest.
    const js = re2ToJs(String.raw`\s*=`);
    expect(new RegExp(js.source, 'g').exec(' '.repeat(3 * MAX_UNBOUNDED_REPEAT))).toBeNull();
  });
});
