// `sleuth scan` with gitleaks rule files, through the real command line (main(), as bin/sleuth.js runs it) on
// temp folders: which rule set runs, what is said about it on stderr, and exit codes.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../helpers/io.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { fake, WF, writeTree } from '../search/helpers.js';
import { FIXTURE } from './gitleaks-fixture.js';

const tmp = useTmpDirs();
const GH = fake('ghp_', 'Rz4Xq8Lm2Vn7Kp1Wt9Yb', '3Cs6Df0Gh5Jk8Mn2');
const ACME = 'acme_k3j9x2m7q8w1z5t6r4y0abcd';

/** A cwd with an evidence folder `ev/` holding one built-in secret and one the fixture's acme-key rule finds. */
function setup(): { cwd: string; ev: string } {
  const cwd = tmp();
  writeTree(join(cwd, 'ev'), { [`${WF}/job-5015/step-104.txt`]: `clone with ${GH}\nkey ${ACME}\n` });
  return { cwd, ev: join(cwd, 'ev') };
}

async function scan(cwd: string, ...args: string[]) {
  const c = captureIo({}, { cwd });
  const code = await main(['node', 'sleuth', 'scan', ...args, '--json'], c.io);
  const out = c.out();
  return { code, err: c.err(), rules: out ? (JSON.parse(out) as { rule_id: string }[]).map((f) => f.rule_id) : [] };
}

describe('sleuth scan with gitleaks rule files', () => {
  it('--rules FILE replaces the built-ins and names each rule it could not load', async () => {
    const { cwd } = setup();
    writeFileSync(join(cwd, 'rules.toml'), FIXTURE);
    const r = await scan(cwd, 'ev', '--rules', 'rules.toml');
    expect(r.code).toBe(0);
    expect(r.rules).toEqual(['acme-key']);
    expect(r.err.split('\n').filter(Boolean)).toEqual([
      'sleuth: rules: 16 from rules.toml (instead of the built-ins; [extend] useDefault = true keeps them)',
      'sleuth: rule bad-lookahead not loaded: regex: lookaround is not RE2 syntax',
      expect.stringMatching(/^sleuth: rule bad-nested not loaded: regex: a repeated group holds a variable repeat/),
    ]);
    // Without a rule file, only the built-ins, and nothing said about rules.
    const plain = await scan(cwd, 'ev');
    expect(plain.rules).toEqual(['github-pat']);
    expect(plain.err).toBe('');
  });

  it('[extend] useDefault = true runs the built-ins and the file together', async () => {
    const { cwd } = setup();
    writeFileSync(join(cwd, 'rules.toml'), `[extend]\nuseDefault = true\n${FIXTURE}`);
    const r = await scan(cwd, 'ev', '--rules', 'rules.toml', '--rule', 'github-pat,acme-key');
    expect(r.rules).toEqual(['github-pat', 'acme-key']);
    expect(r.err).toMatch(/^sleuth: rules: \d+ built-in \+ 16 from rules\.toml$/m);
  });

  it('a .gitleaks.toml in the current directory is used; --no-rule-file ignores it', async () => {
    const { cwd } = setup();
    writeFileSync(join(cwd, '.gitleaks.toml'), FIXTURE);
    const r = await scan(cwd, 'ev');
    expect(r.rules).toEqual(['acme-key']);
    expect(r.err).toMatch(/^sleuth: rules: 16 from \.\/\.gitleaks\.toml /m);
    const ignored = await scan(cwd, 'ev', '--no-rule-file');
    expect(ignored.rules).toEqual(['github-pat']);
  });

  it('a .gitleaks.toml in the scanned folder only adds rules: it cannot allowlist, replace or disable a built-in', async () => {
    const hiding = [
      '[allowlist]',
      "regexes = ['''^ghp_''']",
      'stopwords = ["ghp_"]',
      '[extend]',
      'disabledRules = ["github-pat"]',
      '[[rules]]',
      'id = "github-pat"',
      "regex = '''never(x)matches'''",
      '[[rules]]',
      'id = "acme-key"',
      "regex = '''(acme_[a-z0-9]{24})'''",
      '',
    ].join('\n');
    // The negative check: trusted (--rules), the same file does hide the GitHub token.
    const trusted = setup();
    writeFileSync(join(trusted.cwd, 'hiding.toml'), hiding);
    expect((await scan(trusted.cwd, 'ev', '--rules', 'hiding.toml')).rules).toEqual(['acme-key']);

    // The global allowlist alone, on the built-ins a trusted file extends, hides it too; from the folder it does not.
    const allowOnly = "[extend]\nuseDefault = true\n[allowlist]\nregexes = ['''^ghp_''']\n";
    writeFileSync(join(trusted.cwd, 'allow.toml'), allowOnly);
    expect((await scan(trusted.cwd, 'ev', '--rules', 'allow.toml', '--rule', 'github-pat')).rules).toEqual([]);
    writeFileSync(join(trusted.ev, '.gitleaks.toml'), allowOnly);
    expect((await scan(trusted.cwd, 'ev', '--rule', 'github-pat')).rules).toEqual(['github-pat']);

    const { cwd, ev } = setup();
    writeFileSync(join(ev, '.gitleaks.toml'), hiding);
    const r = await scan(cwd, 'ev');
    expect(r.code).toBe(0);
    expect(r.rules).toEqual(['github-pat', 'acme-key']);
    expect(r.err).toMatch(/^sleuth: rules: \d+ built-in \+ 1 from \.\/ev\/\.gitleaks\.toml$/m);
    expect(r.err).toMatch(/^sleuth: warning: \.\/ev\/\.gitleaks\.toml is in the scanned folder: its global allowlists and disabledRules do not apply to the built-in rules$/m);
    expect(r.err).toMatch(/^sleuth: rule github-pat not loaded: a rule file in the scanned folder cannot replace a built-in rule$/m);
  });

  it('a file that cannot be read is one line and exit 2; a broken one in the scanned folder does not stop the scan', async () => {
    const { cwd, ev } = setup();
    writeFileSync(join(cwd, 'bad.toml'), '[[rules]\nid = "x"\n');
    writeFileSync(join(cwd, 'huge.toml'), `# ${'x'.repeat(5 * 1024 * 1024)}\n`);
    for (const [file, message] of [
      ['bad.toml', /^sleuth: rule file bad\.toml: not valid TOML at line 1, column \d+: .+\n$/],
      ['huge.toml', /^sleuth: rule file huge\.toml: is larger than 4 MiB\n$/],
      ['missing.toml', /^sleuth: --rules missing\.toml: no such file \(rule ids go to --rule\)\n$/],
    ] as const) {
      const r = await scan(cwd, 'ev', '--rules', file);
      expect(r.code, file).toBe(2);
      expect(r.err, file).toMatch(message);
    }
    writeFileSync(join(ev, '.gitleaks.toml'), '[[rules]\n');
    const r = await scan(cwd, 'ev');
    expect(r.code).toBe(0);
    expect(r.rules).toEqual(['github-pat']);
    expect(r.err).toMatch(/^sleuth: warning: rule file \.\/ev\/\.gitleaks\.toml: not valid TOML .*; the built-in rules run without it$/m);
  });

  it('--rules IDS (the id filter before rule files) still works, with a notice', async () => {
    const { cwd } = setup();
    const r = await scan(cwd, 'ev', '--rules', 'github-pat');
    expect(r.rules).toEqual(['github-pat']);
    expect(r.err).toBe('sleuth: --rules IDS is now --rule IDS (--rules takes a gitleaks rule file)\n');
  });
});
