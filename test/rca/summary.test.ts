// The local summary: the simulator's failed jobs over real HTTP, the same answer from an evidence folder, and
// hostile bytes kept off the terminal.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { LiveSource } from '../../src/source/live-source.js';
import { OfflineSource } from '../../src/source/offline-source.js';
import { collectJob } from '../../src/rca/summary.js';
import { summaryRows } from '../../src/rca/render.js';
import type { RcaSummary } from '../../src/rca/types.js';
import { downloadEvidence } from '../../src/evidence/index.js';
import { SIM_LEAKS, SIM_MALICIOUS, SIM_PROJECT, SIM_SHARDS, TERMINAL_ATTACK_CORPUS, simWorkflowId } from '../../src/sim/index.js';
import { makeClient, useSim } from '../helpers/sim.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { fakeSource } from './fake-source.js';
import { liveArgs, liveEnv, rawControls, sleuthRca } from './helpers.js';

const sim = useSim();
const tmp = useTmpDirs();

async function live(n: number) {
  const { client, transport } = makeClient(sim());
  try {
    return await collectJob(new LiveSource(client, SIM_PROJECT), n);
  } finally {
    await transport.close();
  }
}

const errorTexts = (s: RcaSummary, i = 0) => s.failing[i]!.excerpts.flatMap((b) => b.lines).filter((l) => l.error).map((l) => l.text);

describe('summary of job 5016 (lint, exit 1 at step 103)', () => {
  it('names the failing step, its exit code, duration, command and first error lines', async () => {
    const { summary, outputs } = await live(SIM_MALICIOUS.jobs.lint);
    expect(summary.job).toMatchObject({ number: 5016, name: 'lint', status: 'failed', project_slug: SIM_PROJECT, branch: SIM_MALICIOUS.branch, workflow_id: simWorkflowId(896, 'build-test'), workflow_name: 'build-test', failed: true });
    expect(summary.failing).toHaveLength(1);
    const f = summary.failing[0]!;
    expect(f).toMatchObject({ step: SIM_MALICIOUS.lintStep, name: 'Run linter', node: 0, nodes: 1, status: 'failed', exit_code: 1, timedout: false, canceled: false, infrastructure_fail: false });
    expect(f.duration_ms).toBeGreaterThan(0);
    expect(f.command).toContain('npm run lint');
    expect(f.output).toMatchObject({ truncated: false });
    expect(f.output!.error_lines).toBeGreaterThanOrEqual(5);
    const errs = errorTexts(summary);
    expect(errs[0]).toMatch(/^Error: Command failed: git clone/);
    expect(errs.some((l) => l.startsWith('npm ERR!'))).toBe(true);
    expect(errs.some((l) => l.startsWith('fatal:'))).toBe(true);
    // Context lines come with the error lines, numbered like the log pane.
    const block = f.excerpts[0]!.lines;
    expect(block.some((l) => l.error === null)).toBe(true);
    expect(block.map((l) => l.n)).toEqual(block.map((_, i) => block[0]!.n + i));
    // The failed output is kept for --send, not shown in --json.
    expect(outputs).toHaveLength(1);
    expect(outputs[0]!.text).toContain('npm ERR!');
    expect(JSON.stringify(summary)).not.toContain('"text":"Fetching shared lint rules...\\r');
  });

  it('lists earlier steps that printed warnings (npm warn deprecated in Install dependencies)', async () => {
    const { summary } = await live(SIM_MALICIOUS.jobs.lint);
    const install = summary.warnings.find((w) => w.name === 'Install dependencies');
    expect(install).toBeDefined();
    expect(install!.count).toBeGreaterThan(0);
    expect(install!.lines[0]!.text).toMatch(/npm warn deprecated/);
    expect(summary.warnings.every((w) => w.step < SIM_MALICIOUS.lintStep)).toBe(true);
  });
});

describe('summary of job 5021 (4 parallel nodes, node 2 failed)', () => {
  it('reports only node 2, with the FAIL lines of its shard', async () => {
    const { summary, outputs } = await live(SIM_SHARDS.job);
    expect(summary.job.parallelism).toBe(SIM_SHARDS.parallelism);
    expect(summary.failing.map((f) => [f.step, f.node, f.nodes, f.exit_code])).toEqual([[SIM_SHARDS.step, SIM_SHARDS.failedNode, 4, 1]]);
    expect(errorTexts(summary).some((l) => l.includes('FAIL'))).toBe(true);
    expect(outputs.map((o) => o.node)).toEqual([SIM_SHARDS.failedNode]);
    // Warnings are looked for on the failing node.
    expect(summary.warnings.every((w) => w.node === SIM_SHARDS.failedNode)).toBe(true);
  });
});

describe('a job that did not fail', () => {
  it('says so, and has nothing to send', async () => {
    const { summary, outputs } = await live(SIM_MALICIOUS.jobs.test);
    expect(summary.failing).toEqual([]);
    expect(outputs).toEqual([]);
    expect(summary.notes.join(' ')).toMatch(/succeeded/);
  });
});

describe('sleuth rca (CLI)', () => {
  it('prints the summary as text: step, exit code, errors', async () => {
    const r = await sleuthRca(liveArgs(5016), { env: liveEnv(sim().apiUrl, null) });
    expect(r.code).toBe(0);
    expect(r.out).toContain('job 5016 lint · failed');
    expect(r.out).toMatch(/step 103 Run linter · failed · exit 1/);
    expect(r.out).toContain('$ npm run lint');
    expect(r.out).toContain('npm ERR! code 1');
    expect(r.out).toContain('Earlier steps that printed warnings');
    expect(rawControls(r.out)).toEqual([]);
    expect(r.err).toBe('');
  });

  it('--json is the summary, parseable, with job_number facts', async () => {
    const r = await sleuthRca(liveArgs(5021, '--json'), { env: liveEnv(sim().apiUrl, null) });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as RcaSummary;
    expect(j.job.number).toBe(5021);
    expect(j.failing[0]).toMatchObject({ step: 103, node: 2, exit_code: 1 });
  });

  it('--dir reads an evidence folder and gives the same summary, with no network', async () => {
    const dir = tmp();
    const { client, transport } = makeClient(sim());
    try {
      await downloadEvidence({ client, out: dir, target: { kind: 'job', project: SIM_PROJECT, number: 5016 }, artifacts: false, retryDelayMs: 10 });
    } finally {
      await transport.close();
    }
    const off = await collectJob(await OfflineSource.open(dir), 5016);
    const on = await live(5016);
    expect(off.summary.failing).toEqual(on.summary.failing);
    expect(off.summary.job).toMatchObject({ number: 5016, name: 'lint', workflow_id: on.summary.job.workflow_id, branch: on.summary.job.branch });
    const mark = sim().requests.length;
    const r = await sleuthRca(['5016', '--dir', dir], { env: {} });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/step 103 Run linter · failed · exit 1/);
    expect(sim().requests.length).toBe(mark);
  });

  it('rca snippet prints the on_fail step with the tail -c tip applied, as valid YAML', async () => {
    const r = await sleuthRca(['snippet']);
    expect(r.code).toBe(0);
    const steps = parse(r.out) as { run: { name: string; when: string; command: string } }[];
    expect(steps).toHaveLength(1);
    expect(steps[0]!.run).toMatchObject({ name: 'Send failure log to Exlogare', when: 'on_fail' });
    const cmd = steps[0]!.run.command;
    expect(cmd).toContain('tail -c 9000000 /tmp/build.log');
    expect(cmd).toContain('--argjson num "$CIRCLE_BUILD_NUM"');
    expect(cmd).toContain('--rawfile log /tmp/build.tail.log');
    expect(cmd).toContain('-H "Authorization: Bearer $EXLOGARE_TOKEN"');
    expect(cmd).toContain('https://api.exlogare.net/api/ingest/circleci');
  });

  it('a job number that is not a number is a usage error (exit 2)', async () => {
    const r = await sleuthRca(['12x', '--project', SIM_PROJECT], { env: liveEnv(sim().apiUrl, null) });
    expect(r.code).toBe(2);
    expect(r.err).toContain('job number must be a number');
  });
});

describe('hostile output in a failing step', () => {
  // Every corpus row (security.md §1.4), raw bytes read as Latin-1 so C1 controls arrive as characters.
  const hostile = TERMINAL_ATTACK_CORPUS.flatMap((row) => row.variants.map((parts) => `error: ${row.id} ${parts.map((x) => (typeof x === 'string' ? x : Buffer.from(x).toString('latin1'))).join('')}`)).join('\r\n');
  const src = () =>
    fakeSource({ number: 77, name: 'deploy\x1b]0;pwned\x07', status: 'failed' }, [
      { step: 101, name: 'Checkout', output: 'WARNING: \x1b[2Jcleared\r\n' },
      { step: 103, name: 'Run \x1b[31mtests\x1b[0m', status: 'failed', exit_code: 2, command: 'make test\x1b]52;c;ZXZpbA==\x07', output: `${hostile}\r\nError: boom \x1b]8;;https://evil.example/\x07click\x1b]8;;\x07\r\nnpm ERR! \x9b31mC1\r\n` },
    ]);

  it('never lets an escape reach the screen, in any row', async () => {
    // Every corpus line is an error line, and every error line is shown.
    const { summary } = await collectJob(src(), 77, { maxErrors: 10_000 });
    const rows = summaryRows(summary).map((r) => r.text).join('\n');
    expect(summary.failing[0]!.excerpts.flatMap((b) => b.lines).length).toBeGreaterThan(TERMINAL_ATTACK_CORPUS.length);
    expect(rawControls(rows)).toEqual([]);
    expect(rows).toContain('^[]52;c;');
    expect(rows).toContain('Error: boom');
    expect(rows).toContain('make test');
  });

  it('shows the log lines as they are locally (nothing leaves the machine; `sleuth log` shows them too)', async () => {
    const s = fakeSource({ number: 78, name: 'lint', status: 'failed' }, [{ step: 103, name: 'lint', status: 'failed', output: `Error: clone https://x:${SIM_LEAKS.githubToken}@github.com/a/b\n` }]);
    const { summary } = await collectJob(s, 78);
    expect(errorTexts(summary)[0]).toContain('github.com/a/b');
  });
});

describe('several failing steps, timeouts and infrastructure failures', () => {
  it('lists each, with its flags, in step order', async () => {
    const s = fakeSource({ number: 90, name: 'it', status: 'failed' }, [
      { step: 101, name: 'Checkout', output: 'ok\n' },
      { step: 102, name: 'Services', status: 'timedout', exit_code: null, timedout: true, output: 'waiting for db...\nstill waiting for db...\n' },
      { step: 103, name: 'Tests', status: 'infrastructure_fail', exit_code: null, infrastructure_fail: true, output: null },
    ]);
    const { summary, outputs } = await collectJob(s, 90);
    expect(summary.failing.map((f) => [f.step, f.timedout, f.infrastructure_fail])).toEqual([[102, true, false], [103, false, true]]);
    // No error pattern in step 102: its last lines are shown instead.
    expect(summary.failing[0]!.tail.map((l) => l.text)).toContain('waiting for db...');
    expect(summary.failing[1]!.output).toBeNull();
    expect(outputs.map((o) => o.step)).toEqual([102]);
    const text = summaryRows(summary).map((r) => r.text).join('\n');
    expect(text).toContain('TIMED OUT');
    expect(text).toContain('INFRASTRUCTURE FAIL');
    expect(text).toContain('(this step printed nothing)');
  });
});
