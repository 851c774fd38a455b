import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerScan, scanCommand } from '../../src/cli/commands/scan.js';
import { UsageError } from '../../src/util/errors.js';
import { captureIo } from '../helpers/io.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { fake, WF, writeTree } from '../search/helpers.js';

const tmp = useTmpDirs();
const NPM = fake('npm_', 'aK7bQ2xZ9mR4tW1pL8vN', '3cY6dF0gH5jS2eUq');
const GH = fake('ghp_', 'Rz4Xq8Lm2Vn7Kp1Wt9Yb', '3Cs6Df0Gh5Jk8Mn2');

function folder(): string {
  return writeTree(tmp(), {
    [`circleci-output/${WF}/job-5015/step-104.txt`]: `Uploading\nNPM_TOKEN=${NPM}\nsha=3f786850e387550fdab836ed7e6dc881de23001b\n`,
    [`circleci-output/${WF}/job-5015/step-info.json`]: JSON.stringify([{ step: 105, index: 0, bash_command: `curl -u x:${GH} https://api.github.com` }]),
    [`circleci-output/${WF}/job-5016/step-103.txt`]: 'NPM_TOKEN=********************\nall clean\n',
  });
}

describe('sleuth scan (command)', () => {
  it('lists findings by file, masked, with rule, entropy and what they were read through', async () => {
    const cwd = folder();
    const c = captureIo({}, { cwd });
    expect(await scanCommand(undefined, {}, c.io)).toBe(0);
    expect(c.out()).toBe(
      [
        `${WF}/job-5015/step-104.txt  job 5015 · step 104`,
        '2:11: npm-access-token npm_****************2eUq  entropy 5.17',
        '',
        `${WF}/job-5015/step-info.json  job 5015 · step 105 · step command`,
        '1:11: github-pat ghp_****************8Mn2  entropy 5.07',
        '',
        `${WF}/job-5016/step-103.txt  job 5016 · step 103`,
        '1:1: circleci-masked-value NPM_TOKEN=********************',
        '',
      ].join('\n'),
    );
    expect(c.out()).not.toContain(NPM);
    expect(c.err()).toMatch(/2 findings \(2 distinct secrets\) in 3 files; secrets masked/);
  });

  it('--json with --reveal shows the values; rule filter; exit 1 when only info or nothing is found', async () => {
    const cwd = folder();
    const c = captureIo({}, { cwd });
    expect(await scanCommand(undefined, { json: true, reveal: true, rules: 'npm-access-token' }, c.io)).toBe(0);
    expect(JSON.parse(c.out())).toEqual([
      {
        rule_id: 'npm-access-token',
        severity: 'high',
        file: `${WF}/job-5015/step-104.txt`,
        workflow_id: WF,
        job: 5015,
        step: 104,
        node: 0,
        field: 'output',
        origin: 'evidence',
        line: 2,
        column: 11,
        match: NPM,
        entropy: 5.17,
        encoding: 'raw',
        via: [],
        env_matches: [],
      },
    ]);
    expect(await scanCommand(undefined, { rules: 'circleci-masked-value' }, captureIo({}, { cwd }).io)).toBe(1);
    await expect(scanCommand(undefined, { rules: 'nope' }, captureIo({}, { cwd }).io)).rejects.toBeInstanceOf(UsageError);
  });

  it('through commander, as register.ts wires it', async () => {
    const cwd = folder();
    const c = captureIo({}, { cwd });
    let code = -1;
    const program = new Command('sleuth').exitOverride().configureOutput({ writeOut: (s) => c.io.out.write(s), writeErr: (s) => c.io.err.write(s) });
    registerScan(program, c.io, {
      run: (fn) => async (...a: unknown[]) => {
        code = await (fn as (...x: unknown[]) => Promise<number>)(...a.slice(0, -1));
      },
    });
    await program.parseAsync(['node', 'sleuth', 'scan', 'circleci-output', '--json', '--no-info']);
    expect(code).toBe(0);
    expect((JSON.parse(c.out()) as { rule_id: string }[]).map((f) => f.rule_id)).toEqual(['npm-access-token', 'github-pat']);
  });
  it('--thorough reads every file whole: a keyword broken by an escape sequence inside it is found', async () => {
    const key = fake('AKIA', 'Q3EGRTLYX7K5', 'WZPN');
    const cwd = writeTree(tmp(), { [`circleci-output/${WF}/job-7/step-101.txt`]: `Deploying\nAK\x1b[0mIA${key.slice(4)}\n` });
    const fast = captureIo({}, { cwd });
    await scanCommand(undefined, { json: true }, fast.io);
    // The ripgrep prefilter never sees the keyword (the documented gap), so the default scan cannot find it.
    expect(JSON.parse(fast.out())).toEqual([]);
    const full = captureIo({}, { cwd });
    expect(await scanCommand(undefined, { json: true, thorough: true }, full.io)).toBe(0);
    expect((JSON.parse(full.out()) as { rule_id?: string; ruleId?: string }[]).map((f) => f.rule_id ?? f.ruleId)).toEqual(['aws-access-key-id']);
  });
});
