// Issue 13, "the CLI says what went wrong": the real CLI (main(), the code bin/sleuth.js runs) against the simulator,
// judged by its exit code and what it prints.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { stepsNamed } from '../../src/cli/commands/steps.js';
import type { Step } from '../../src/api/types.js';
import { sampleAuditText } from '../../src/sim/audit/index.js';
import { SIM_MALICIOUS, SIM_MATRIX, SIM_PIPELINES, SIM_PROJECT, SIM_RUNNING, simPipelineId, simWorkflowId } from '../../src/sim/story.js';
import { findLeak } from '../hostile/leaks.js';
import { captureIo } from '../helpers/io.js';
import { TEST_TOKEN, useSim } from '../helpers/sim.js';
import { useTmpDirs } from '../helpers/tmp.js';

const sim = useSim();
const tmp = useTmpDirs();

async function sleuth(args: string[], opts: { env?: NodeJS.ProcessEnv } = {}) {
  const env = { CIRCLE_TOKEN: TEST_TOKEN, CIRCLE_HOST: sim().apiUrl, SLEUTH_CACHE_DIR: tmp(), ...opts.env };
  const c = captureIo(env);
  const code = await main(['node', 'sleuth', ...args], c.io);
  return { code, out: c.out(), err: c.err() };
}

describe('a mistyped subcommand', () => {
  it('is an unknown command, with the nearest one suggested, exit 2', async () => {
    const r = await sleuth(['pipelins', '--project', SIM_PROJECT]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("error: unknown command 'pipelins'");
    expect(r.err).toContain('(Did you mean pipelines?)');
    expect(r.out).toBe('');
    const far = await sleuth(['frobnicate']);
    expect(far.code).toBe(2);
    expect(far.err).toContain("error: unknown command 'frobnicate'");
    expect(far.err).not.toContain('Did you mean');
  });

  it('repeats the word only when it could be a command name: never a token, never a control sequence', async () => {
    for (const word of [TEST_TOKEN, 'a'.repeat(40).replace(/a/g, 'f'), 'pipe\x1b]0;pwned\x07lines', '/etc/passwd']) {
      const r = await sleuth([word]);
      expect(r.code).toBe(2);
      expect(r.err).toContain('error: unknown command (not repeated here: it does not look like a command name, and may be a secret)');
      expect(r.err).not.toContain(word.slice(0, 8));
      expect(findLeak(r.err)).toBeNull();
    }
  });

  it('leaves a subcommand refusing extra arguments', async () => {
    const r = await sleuth(['pipelines', 'extra', '--project', SIM_PROJECT]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("too many arguments for 'pipelines'");
  });
});

describe('--since after --until', () => {
  const cases: { name: string; args: () => string[] }[] = [
    { name: 'pipelines', args: () => ['pipelines', '--project', SIM_PROJECT] },
    { name: 'the TUI', args: () => ['--project', SIM_PROJECT] },
    { name: 'open', args: () => ['open', tmp()] },
    { name: 'exposure', args: () => ['exposure', '--project', SIM_PROJECT] },
    { name: 'download project', args: () => ['download', 'project', SIM_PROJECT, '--out', tmp()] },
    { name: 'audit', args: () => { const f = join(tmp(), 'a.csv'); writeFileSync(f, sampleAuditText('csv')); return ['audit', f]; } },
  ];
  for (const c of cases) {
    it(`is one line and exit 2, before any request: ${c.name}`, async () => {
      for (const window of [['--since', '2026-11-20T10:00Z', '--until', '2026-11-19'], ['--since', '1h', '--until', '2h']]) {
        const mark = sim().requests.length;
        const r = await sleuth([...c.args(), ...window]);
        expect(r.code, window.join(' ')).toBe(2);
        expect(r.err).toMatch(/^sleuth: --until is before --since \(\S+Z < \S+Z\): the window would be empty; swap them\n$/);
        expect(sim().requests.length).toBe(mark);
      }
    });
  }

  it('allows a window of one instant', async () => {
    const at = new Date(Date.parse('2026-11-20T12:00:00Z') - 6 * 3600e3).toISOString();
    const r = await sleuth(['pipelines', '--project', SIM_PROJECT, '--since', at, '--until', at, '--json']);
    expect(r.code).toBe(0);
    expect(Array.isArray(JSON.parse(r.out))).toBe(true);
  });
});

describe('log JOB NAME', () => {
  it('lists the steps a name matches and exits 2 instead of printing the first', async () => {
    // "up" is in "Spin up environment" (step 0) and in "Upload coverage" (step 104).
    const r = await sleuth(['log', String(SIM_MALICIOUS.jobs.test), 'up', '--project', SIM_PROJECT]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.split('\n')).toEqual([
      `sleuth: 2 steps of job ${SIM_MALICIOUS.jobs.test} match "up"; name one by its id:`,
      '    0  Spin up environment',
      '  104  Upload coverage',
      '',
    ]);
  });

  it('takes a unique name in any case, and a step id as before', async () => {
    const byName = await sleuth(['log', String(SIM_MALICIOUS.jobs.test), 'upload COVERAGE', '--project', SIM_PROJECT, '--raw']);
    expect(byName.code).toBe(0);
    const byId = await sleuth(['log', String(SIM_MALICIOUS.jobs.test), String(SIM_MALICIOUS.maliciousStep), '--project', SIM_PROJECT, '--raw']);
    expect(byName.out).toBe(byId.out);
    expect(byId.out).toContain('\x1b]52;c;');
  });

  it('ranks an exact name over a case-insensitive one over a part of a name', () => {
    const steps = [[1, 'Test'], [2, 'test'], [3, 'Run tests'], [4, 'tests: upload']].map(([step, name]) => ({ step, name, actions: [] }) as unknown as Step);
    const ids = (ref: string) => stepsNamed(steps, ref).map((s) => s.step);
    expect(ids('test')).toEqual([2]);
    expect(ids('TEST')).toEqual([1, 2]);
    expect(ids('tests')).toEqual([3, 4]);
    expect(ids('run TESTS')).toEqual([3]);
    expect(ids('3')).toEqual([3]);
    expect(ids('nothing')).toEqual([]);
  });
});

describe('pipelines and jobs', () => {
  it("shows each pipeline's outcome from its workflows, as the TUI does", async () => {
    const r = await sleuth(['pipelines', '--project', SIM_PROJECT]);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NUMBER\s+OUTCOME\s+TRIGGER\s+ACTOR/);
    expect(lines).toHaveLength(SIM_PIPELINES.count + 1);
    const row = (n: number) => lines.find((l) => new RegExp(`^\\s*${n}\\s`).test(l));
    expect(row(SIM_MALICIOUS.pipeline)).toMatch(/^\s*\d+\s+failed\s/);
    expect(row(SIM_RUNNING.pipeline)).toMatch(/^\s*\d+\s+running\s/);
    expect(lines.filter((l) => /^\s*\d+\s+created\s/.test(l))).toEqual([]);
  });

  it('keeps the API objects in --json and adds their outcome', async () => {
    const r = await sleuth(['pipelines', '--project', SIM_PROJECT, '--json']);
    const items = JSON.parse(r.out) as { number: number; state: string; outcome: string | null }[];
    const malicious = items.find((p) => p.number === SIM_MALICIOUS.pipeline)!;
    expect(malicious.state).toBe('created');
    expect(malicious.outcome).toBe('failed');
  });

  it('says so and exits 1 when the workflows of a pipeline cannot be read', async () => {
    sim().inject({ match: `/pipeline/${simPipelineId(SIM_MALICIOUS.pipeline)}/workflow`, status: 404, body: '{"message":"Not found"}', times: 1 });
    const r = await sleuth(['pipelines', '--project', SIM_PROJECT]);
    expect(r.code).toBe(1);
    expect(r.out.split('\n').find((l) => new RegExp(`^\\s*${SIM_MALICIOUS.pipeline}\\s`).test(l))).toMatch(/^\s*\d+\s+unknown\s/);
    expect(r.err).toMatch(new RegExp(`^sleuth: warning: could not read the workflows of 1 pipeline, shown with outcome unknown \\(first: #${SIM_MALICIOUS.pipeline}: `));
  });

  it('lists the jobs of a pipeline by its number with --project', async () => {
    const r = await sleuth(['jobs', String(SIM_MATRIX.pipeline), '--project', SIM_PROJECT, '--json']);
    expect(r.code).toBe(0);
    const jobs = JSON.parse(r.out) as { job_number: number; workflow_id: string; workflow_name: string }[];
    expect(jobs).toHaveLength(SIM_MATRIX.jobCount);
    expect(new Set(jobs.map((j) => j.workflow_id))).toEqual(new Set([simWorkflowId(SIM_MATRIX.pipeline, SIM_MATRIX.workflow)]));
    const table = await sleuth(['jobs', String(SIM_MATRIX.pipeline), '--project', SIM_PROJECT]);
    expect(table.out.trimEnd().split('\n')).toHaveLength(SIM_MATRIX.jobCount + 1);
    // A workflow id still works as before, without the added fields.
    const byId = await sleuth(['jobs', simWorkflowId(SIM_MATRIX.pipeline, SIM_MATRIX.workflow), '--json']);
    expect(Object.keys(JSON.parse(byId.out)[0])).not.toContain('workflow_id');
  });
});

describe('the last used project', () => {
  it('is written by a command that succeeded with --project, read when none is given, and shown by doctor', async () => {
    const config = tmp();
    const env = { SLEUTH_CONFIG_DIR: config };
    const file = join(config, 'config.json');
    const none = await sleuth(['pipelines'], { env });
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/^sleuth: which project\?/);
    // A command that failed, and doctor (which only reports), remember nothing.
    expect((await sleuth(['job', '999999', '--project', 'gh/acme/elsewhere'], { env })).code).toBe(1);
    expect((await sleuth(['doctor', '--offline', '--project', 'gh/acme/elsewhere'], { env })).code).toBe(0);
    expect(existsSync(file)).toBe(false);

    const named = await sleuth(['pipelines', '--project', 'github/acme/payments'], { env });
    expect(named.code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ lastProject: SIM_PROJECT });
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const again = await sleuth(['pipelines'], { env });
    expect(again.code).toBe(0);
    const numbers = (out: string) => out.trimEnd().split('\n').slice(1).map((l) => l.trim().split(/\s+/)[0]);
    expect(numbers(again.out)).toEqual(numbers(named.out));
    expect(numbers(again.out)).toHaveLength(SIM_PIPELINES.count);
    const doctor = await sleuth(['doctor', '--offline'], { env });
    expect(doctor.out).toMatch(/^Project\s+gh\/acme\/payments\s+\(last used \(settings\)\)$/m);
    expect(doctor.out).toMatch(/^Last project\s+gh\/acme\/payments\s+\(settings file/m);
  });
});
