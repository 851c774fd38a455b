import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIMITS, parseRuleFile, RuleFileError } from '../../src/scan/gitleaks/parse.js';
import { loadRuleSet, type RuleSet } from '../../src/scan/gitleaks/rule-set.js';
import { RULES } from '../../src/scan/rules.js';
import { scanText } from '../../src/scan/scanner.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { FIXTURE } from './gitleaks-fixture.js';

const tmp = useTmpDirs();
const A20 = 'k3j9x2m7q8w1z5t6r4y0';

function fixtureSet(text = FIXTURE): RuleSet {
  const dir = tmp();
  writeFileSync(join(dir, 'rules.toml'), text);
  return loadRuleSet({ file: 'rules.toml', cwd: dir });
}
const found = (set: RuleSet, text: string, path?: string) => scanText(text, { ...set.scan, path }).map((f) => `${f.ruleId}:${f.secret}`);

describe('gitleaks rule file: reading', () => {
  it('loads every usable rule, lists the two it cannot translate by id with the reason, and replaces the built-ins', () => {
    const set = fixtureSet();
    expect(set.notLoaded).toEqual([
      { id: 'bad-lookahead', reason: 'regex: lookaround is not RE2 syntax' },
      { id: 'bad-nested', reason: expect.stringMatching(/^regex: a repeated group holds a variable repeat.*backtrack exponentially/) },
    ]);
    expect(set.fromFile).toBe(16);
    expect(set.builtin).toBe(0);
    expect(set.scan.generic).toBe(false);
    expect(set.summary).toBe('rules: 16 from rules.toml (instead of the built-ins; [extend] useDefault = true keeps them)');
    const acme = set.scan.ruleSet!.find((r) => r.id === 'acme-key')!;
    expect(acme).toMatchObject({ description: 'Acme API key', keywords: ['acme_'], tags: ['key', 'acme'], group: 1, entropy: 3, origin: 'rules.toml' });
    expect(acme.pattern.flags).toBe('gi');
  });

  it('runs the rules through the scanner: groups, case scopes, entropy, keywords, paths', () => {
    const set = fixtureSet();
    expect(found(set, `ACME_KEY acme_${A20}abcd`)).toEqual([`acme-key:acme_${A20}abcd`]);
    // (?i:widget) folds, (?-i:WT…) does not.
    expect(found(set, `WIDGET_token = WT${A20.toUpperCase()}`)).toEqual([`widget-token:WT${A20.toUpperCase()}`]);
    expect(found(set, `widget_token = wt${A20}`)).toEqual([]);
    expect(found(set, `x zed-${'0123456789abcdef'.repeat(2)}`)).toEqual([`zed-named:zed-${'0123456789abcdef'.repeat(2)}`]);
    expect(found(set, 'orbit_key=Ab3dEf7hIj9kLm2n')).toEqual(['orbit-second-group:Ab3dEf7hIj9kLm2n']);
    expect(found(set, 'beta=q8w1z5t6r4y0')).toEqual(['first-non-empty:q8w1z5t6r4y0']);
    expect(found(set, 'pin=aaaaaaaabbbbbbbb pin=k3j9x2m7q8w1z5t6')).toEqual(['pin-entropy:k3j9x2m7q8w1z5t6']);
    // No keywords: the rule runs on every text.
    expect(found(set, 'build QQ4815162342QQ done')).toEqual(['no-keywords:4815162342']);
    expect(found(set, 'ABCD.+123456')).toEqual(['posix-and-quote:ABCD.+123456']);
    expect(found(set, 'ABCDx+123456')).toEqual([]);
    // path: the rule only looks at text from a matching file; path alone: the file is the finding.
    expect(found(set, `quasar=${A20}`, 'wf/job-1/step-104.txt')).toEqual([]);
    expect(found(set, `quasar=${A20}`, 'wf/job-1/step-904.txt')).toEqual([`path-and-regex:${A20}`]);
    expect(found(set, 'text', 'wf/job-1/artifacts/deploy/KEY.PEM')).toEqual(['pem-file:wf/job-1/artifacts/deploy/KEY.PEM']);
    expect(found(set, 'text', 'wf/job-1/step-104.txt')).toEqual([]);
  });

  it('applies allowlists the way gitleaks does: secret, match and line targets, stopwords, AND, the older form, global', () => {
    const set = fixtureSet();
    // A negative check first: each of these is found when the allowlist does not apply.
    expect(found(set, `sk-test-${A20}`)).toEqual([`stopword-rule:sk-test-${A20}`]);
    expect(found(set, 'sk-test-dummy9x2m7q8w1z5t6r')).toEqual([]);
    expect(found(set, `vault_token=${A20}`)).toHaveLength(1);
    expect(found(set, `vault_token=zz${A20.slice(2)}`)).toEqual([]);
    expect(found(set, `real_deploy_key=${A20}`)).toEqual([`allow-match:${A20}`]);
    expect(found(set, `example_deploy_key=${A20}`)).toEqual([]);
    expect(found(set, `relay=${A20}`)).toHaveLength(1);
    expect(found(set, `relay=${A20} # fake`)).toEqual([]);
    expect(found(set, `line one\nrelay=${A20}\n# fake on another line`)).toHaveLength(1);
    // AND: the stopword alone or the path alone is not enough.
    expect(found(set, 'harbor=demo9x2m7q8w1z5t6r4y', 'wf/job-2/step-1.txt')).toHaveLength(1);
    expect(found(set, `harbor=${A20}`, 'wf/job-1/step-1.txt')).toHaveLength(1);
    expect(found(set, 'harbor=demo9x2m7q8w1z5t6r4y', 'wf/job-1/step-1.txt')).toEqual([]);
    expect(found(set, `nimbus=${A20}`)).toHaveLength(1);
    expect(found(set, 'nimbus=0000x2m7q8w1z5t6r4y0')).toEqual([]);
    expect(found(set, 'orbit_key=GLOBALLYALLOWED1')).toEqual([]);
  });

  it('with [extend] useDefault the built-ins run too, with the file\'s global allowlist and disabledRules', () => {
    const ghp = ['ghp', '_Rz4Xq8Lm2Vn7Kp1Wt9Yb3Cs6Df0Gh5Jk8Mn2'].join('');
    const set = fixtureSet(`[extend]\nuseDefault = true\ndisabledRules = ["slack-bot-token"]\n[allowlist]\nstopwords = ["8mn2"]\n${FIXTURE.replace(/\[allowlist\]\ndescription = "global"\nregexes = .*\n/, '')}`);
    expect(set.warnings[0]).toMatch(/useDefault: gitleaks' own default rules are not shipped here; the built-in rules stand in/);
    expect(set.builtin).toBe(RULES.length); // every named rule but one, plus the generic rule
    expect(set.ids).not.toContain('slack-bot-token');
    expect(set.summary).toBe(`rules: ${RULES.length} built-in + 16 from rules.toml`);
    expect(found(set, `token ${ghp}`)).toEqual([]);
    expect(found(set, `token ${ghp.replace('Mn2', 'Mn3')}`)).toEqual([`github-pat:${ghp.replace('Mn2', 'Mn3')}`]);
  });

  it('says in one line what is wrong with a file that cannot be read as a whole', () => {
    expect(() => parseRuleFile('[[rules]]\nid = "x"\nregex = \'\'\'a', 'f')).toThrow(/^not valid TOML at line 3, column \d+: /);
    expect(() => parseRuleFile('rules = 3', 'f')).toThrow(RuleFileError);
    expect(() => parseRuleFile(`a = ${'['.repeat(100)}${']'.repeat(100)}`, 'f')).toThrow(/^not valid TOML/);
    expect(() => parseRuleFile('x'.repeat(LIMITS.fileBytes + 1), 'f')).toThrow(/larger than 4 MiB/);
    for (const bad of ['[[rules]]\nid="x"\nregex="a"\n[rules.allowlist]\ncondition="XOR"\nstopwords=["a"]', '[[rules]]\nid="x"\nregex="(a"', '[[rules]]\nid="x"\nregex="(a)"\nsecretGroup=2', '[[rules]]\nid="x"\nregex="a*"', '[[rules]]\nid="x"\nentropy="high"\nregex="a"']) {
      const f = parseRuleFile(bad, 'f');
      expect(f.notLoaded, bad).toHaveLength(1);
      expect(f.notLoaded[0]!.reason.split('\n'), bad).toHaveLength(1);
    }
    expect(fixtureSet('[[rules]]\nid="x"\ndescription="no pattern"').notLoaded).toEqual([{ id: 'x', reason: 'neither regex nor path' }]);
  });

  it('bounds a hostile file: thousands of rules, a regex meant to backtrack', () => {
    const many = Array.from({ length: LIMITS.rules + 10 }, (_, i) => `[[rules]]\nid = "r${i}"\nregex = '''tok${i}_[a-z]{8}'''\nkeywords = ["tok${i}_"]\n`).join('');
    const f = parseRuleFile(many, 'f');
    expect(f.rules).toHaveLength(LIMITS.rules);
    expect(f.warnings).toEqual([`the file has ${LIMITS.rules + 10} rules; only the first ${LIMITS.rules} are read`]);
    const evil = parseRuleFile(`[[rules]]\nid = "evil"\nregex = '''(a|aa)+$'''\n[[rules]]\nid = "wide"\nregex = '''\\s*=\\s*x'''`, 'f');
    expect(evil.notLoaded.map((n) => n.id)).toEqual(['evil']);
    // The unbounded repeats of the one that loads are bounded, so a long run cannot make it quadratic in the text.
    expect(evil.rules[0]!.pattern.source).toBe('\\s{0,4096}=\\s{0,4096}x');
  });
});
