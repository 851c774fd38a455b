// `sleuth rca JOB --send` against the simulator and the fake Exlogare, both over real HTTP on 127.0.0.1: the
// payload's fields and types, redaction (asserted on what the fake received), confirmation, reply shapes, error
// replies, the token kept off redirects and out of every output, and the send record.
import { createHash } from 'node:crypto';
import { chmodSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXLOGARE_STATUSES } from '../../src/rca/exlogare/payload.js';
import { SEND_RECORD_NAME } from '../../src/rca/send-record.js';
import { startExlogareSim, type ExlogareSimHandle } from '../../src/sim/exlogare/index.js';
import { SIM_LEAKS, SIM_MALICIOUS, SIM_PROJECT, SIM_SHARDS, simWorkflowId } from '../../src/sim/index.js';
import { downloadEvidence } from '../../src/evidence/index.js';
import { makeClient, TEST_TOKEN, useSim } from '../helpers/sim.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { EXL_TOKEN, liveArgs, liveEnv, rawControls, sleuthRca, type RcaRun, type RunOptions } from './helpers.js';
import { useExlogare } from './helpers.js';

const sim = useSim();
const ex = useExlogare();
const tmp = useTmpDirs();

/** Send job N with --yes (or as asked); returns the run and what the fake received during it. */
async function send(job: number, more: string[] = [], o: RunOptions & { exUrl?: string } = {}): Promise<RcaRun & { got: ExlogareSimHandle['requests'] }> {
  const mark = ex().requests.length;
  const { env, exUrl, ...rest } = o;
  const r = await sleuthRca(liveArgs(job, '--send', ...more), { ...rest, env: liveEnv(sim().apiUrl, exUrl ?? ex().url, env) });
  const got = ex().requests.slice(mark);
  // Whatever happened, neither token ever reaches the user's screen.
  for (const text of [r.out, r.err]) {
    expect(text).not.toContain(EXL_TOKEN);
    expect(text).not.toContain(Buffer.from(EXL_TOKEN).toString('base64'));
    expect(text).not.toContain(TEST_TOKEN);
  }
  return { ...r, got };
}

const payloadOf = (req: { body: Buffer }) => JSON.parse(req.body.toString('utf8')) as Record<string, unknown>;

describe('the payload', () => {
  it('has the seed\'s fields with the right types: job_number an integer, status allowed', async () => {
    const r = await send(5016, ['--yes']);
    expect(r.code).toBe(0);
    expect(r.got).toHaveLength(1);
    const req = r.got[0]!;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/api/ingest/circleci');
    expect(req.headers['authorization']).toBe(`Bearer ${EXL_TOKEN}`);
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['circle-token']).toBeUndefined();
    expect(req.status).toBe(200);
    const p = payloadOf(req);
    expect(p).toMatchObject({
      project_slug: SIM_PROJECT,
      workflow_id: simWorkflowId(SIM_MALICIOUS.pipeline, 'build-test'),
      job_name: 'lint',
      job_number: 5016,
      status: 'failed',
      branch: SIM_MALICIOUS.branch,
      workflow_name: 'build-test',
    });
    expect(Number.isInteger(p.job_number)).toBe(true);
    expect(EXLOGARE_STATUSES).toContain(p.status);
    expect(p.commit_sha).toMatch(/^[0-9a-f]{40}$/);
    expect(typeof p.pipeline_url).toBe('string');
    expect((p.log as string).split('\n').slice(0, 3)).toEqual([
      '[circle-sleuth] job 5016 "lint" (failed): the failed step\'s output follows, escape sequences stripped, secrets redacted',
      '[circle-sleuth] step 103 "Run linter" exited 1; it ran:',
      '[circle-sleuth] $ npm run lint',
    ]);
    expect(p.log).toContain('npm ERR! code 1');
    expect(p.log).toContain('Exited with code exit status 1');
    // Only the failed step's output: not the checkout or install steps.
    expect(p.log).not.toContain('npm warn deprecated');
    expect(Object.keys(p).sort()).toEqual(['branch', 'commit_sha', 'job_name', 'job_number', 'log', 'pipeline_url', 'project_slug', 'status', 'workflow_id', 'workflow_name']);
  });

  it('for a parallel job, carries the failed node\'s output only', async () => {
    const r = await send(SIM_SHARDS.job, ['--yes']);
    expect(r.code).toBe(0);
    const p = payloadOf(r.got[0]!);
    expect(p.job_number).toBe(SIM_SHARDS.job);
    expect(p.log).toContain(`CIRCLE_NODE_INDEX=${SIM_SHARDS.failedNode}`);
    expect(p.log).not.toContain('CIRCLE_NODE_INDEX=0');
  });

  it('redacts the leaked ghp_ token: the fake never receives it, in any request', async () => {
    const r = await send(5016, ['--yes']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/[1-9]\d* secrets? redacted/);
    const all = ex().requests.map((q) => q.body.toString('utf8')).join('\n');
    expect(all).not.toContain(SIM_LEAKS.githubToken);
    expect(all).not.toContain(SIM_LEAKS.githubToken.slice(4)); // not even without its prefix
    const p = payloadOf(r.got[0]!);
    expect(p.log).toContain('github.com/acme/eslint-rules.git');
  });
});

describe('confirmation', () => {
  it('refuses with no terminal and no --yes, before reading or sending anything', async () => {
    const before = sim().requests.length;
    const r = await send(5016, [], { tty: false });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/stdin is not a terminal: pass --yes/);
    expect(r.got).toHaveLength(0);
    expect(sim().requests.length).toBe(before);
  });

  it('asks on a terminal, showing size, redactions and destination; "n" sends nothing', async () => {
    const asked: string[] = [];
    const r = await send(5016, [], { tty: true, deps: { ask: async (q) => (asked.push(q), 'n') } });
    expect(asked).toEqual(['Send this to Exlogare? [y/N] ']);
    expect(r.err).toContain(`destination  ${ex().url}/api/ingest/circleci`);
    expect(r.err).toMatch(/payload {6}\d+(\.\d)? (B|KiB)/);
    expect(r.err).toMatch(/redacted {5}[1-9]\d* secrets?/);
    expect(r.err).toContain('sleuth: not sent');
    expect(r.code).toBe(1);
    expect(r.got).toHaveLength(0);
  });

  it('"y" on the terminal sends', async () => {
    const r = await send(5016, [], { tty: true, deps: { ask: async () => 'y' } });
    expect(r.code).toBe(0);
    expect(r.got).toHaveLength(1);
  });

  it('--dry-run prints the payload and sends nothing (no token needed)', async () => {
    const r = await send(5016, ['--dry-run'], { env: { EXLOGARE_TOKEN: '' } });
    expect(r.code).toBe(0);
    expect(r.got).toHaveLength(0);
    const p = JSON.parse(r.out) as Record<string, unknown>;
    expect(p).toMatchObject({ job_number: 5016, status: 'failed', project_slug: SIM_PROJECT });
    expect(JSON.stringify(p)).not.toContain(SIM_LEAKS.githubToken);
    expect(r.err).toMatch(/dry run: .* secrets? redacted; nothing was sent/);
  });

  it('a missing EXLOGARE_TOKEN is a clear error before anything is read', async () => {
    const before = sim().requests.length;
    const r = await send(5016, ['--yes'], { env: { EXLOGARE_TOKEN: '' } });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^sleuth: EXLOGARE_TOKEN is not set/);
    expect(r.got).toHaveLength(0);
    expect(sim().requests.length).toBe(before);
  });

  it('an unsafe EXLOGARE_URL is refused (plain http to another host, userinfo)', async () => {
    for (const url of ['http://exlogare.example', 'https://user:pw@api.exlogare.net']) {
      const r = await send(5016, ['--yes'], { exUrl: url });
      expect(r.code).toBe(2);
      expect(r.err).toContain('EXLOGARE_URL');
    }
  });

  it('--yes without --send is a usage error', async () => {
    const r = await sleuthRca(liveArgs(5016, '--yes'), { env: liveEnv(sim().apiUrl, ex().url) });
    expect(r.code).toBe(2);
  });
});

describe('reply shapes', () => {
  it('shows summary / root cause / suggestions from an RCA-style reply', async () => {
    const r = await send(5016, ['--yes']);
    expect(r.out).toContain('Exlogare RCA');
    expect(r.out).toMatch(/Summary\n {2}Job lint #5016 failed: /);
    expect(r.out).toContain('Root cause');
    expect(r.out).toMatch(/Suggestions\n {2}1\. /);
  });

  it('finds the fields under another spelling or nesting (camelCase, under "analysis")', async () => {
    ex().setReply(() => ({ ok: true, analysis: { rootCause: 'a missing repo', nextSteps: [{ title: 'Fix the URL', description: 'use the right org' }, 'rotate the token'] } }));
    try {
      const r = await send(5016, ['--yes']);
      expect(r.out).toContain('Root cause\n  a missing repo');
      expect(r.out).toContain('1. Fix the URL: use the right org');
      expect(r.out).toContain('2. rotate the token');
    } finally {
      ex().setReply(null);
    }
  });

  it('pretty-prints JSON of any other shape', async () => {
    ex().setReply(() => ({ accepted: true, ticket: { id: 42, queue: 'rca' } }));
    try {
      const r = await send(5016, ['--yes']);
      expect(r.code).toBe(0);
      expect(r.out).toContain('"accepted": true');
      expect(r.out).toContain('"queue": "rca"');
    } finally {
      ex().setReply(null);
    }
  });

  it('sanitizes hostile escapes in the reply', async () => {
    ex().setReply(() => ({
      summary: 'ok\x1b]0;pwned\x07\x1b[2J\x1b[1;1H*** ALL JOBS PASSED ***',
      root_cause: 'see \x1b]8;;https://evil.example/\x1b\\https://app.circleci.com\x1b]8;;\x1b\\ \u202eevil',
      suggestions: ['\x1b]52;c;Y3VybCBldmlsIHwgc2g=\x07copy this', 'C1 \u009b31mred'],
    }));
    try {
      const r = await send(5016, ['--yes']);
      expect(r.code).toBe(0);
      expect(rawControls(r.out)).toEqual([]);
      expect(r.out).not.toContain('\u202e');
      expect(r.out).toContain('^[]0;pwned');
      expect(r.out).toContain('*** ALL JOBS PASSED ***');
      expect(r.out).toContain('copy this');
    } finally {
      ex().setReply(null);
    }
  });

  it('--json gives the reply as JSON with the send facts', async () => {
    const r = await send(5016, ['--yes', '--json']);
    const j = JSON.parse(r.out) as { http_status: number; bytes: number; sha256: string; redactions: number; reply: { root_cause: string } };
    expect(j.http_status).toBe(200);
    expect(j.redactions).toBeGreaterThan(0);
    expect(j.sha256).toBe(createHash('sha256').update(r.got[0]!.body).digest('hex'));
    expect(j.bytes).toBe(r.got[0]!.body.length);
    expect(typeof j.reply.root_cause).toBe('string');
  });
});

describe('error replies', () => {
  it('400: the service\'s message, one line, exit 1', async () => {
    ex().inject({ status: 400, body: { message: 'job_number must be an integer', errors: ['x'] } });
    const r = await send(5016, ['--yes']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('sleuth: Exlogare rejected the payload (400 (Bad Request): job_number must be an integer)');
    expect(r.got).toHaveLength(1);
  });

  it('422 with a FastAPI-style detail list', async () => {
    ex().inject({ status: 422, body: { detail: [{ loc: ['body', 'status'], msg: 'value is not a valid enumeration member' }] } });
    const r = await send(5016, ['--yes']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('value is not a valid enumeration member');
  });

  it('401: says the token was rejected, never shows it', async () => {
    const r = await send(5016, ['--yes'], { env: { EXLOGARE_TOKEN: 'exl_wrong_token_value_000000000000' } });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Exlogare rejected the token \(401: Invalid or missing API token\); check EXLOGARE_TOKEN/);
    expect(r.err).not.toContain('exl_wrong_token_value');
  });

  it('429 then success: waits as told and sends once more', async () => {
    ex().inject({ status: 429, body: { message: 'slow down' }, headers: { 'retry-after': '0' } });
    const r = await send(5016, ['--yes']);
    expect(r.code).toBe(0);
    expect(r.got.map((q) => q.status)).toEqual([429, 200]);
    expect(r.got[1]!.body.equals(r.got[0]!.body)).toBe(true);
  });

  it('502 HTML pages: retried, then one clear line without the HTML', async () => {
    const page = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>';
    ex().inject({ status: 502, body: page, headers: { 'content-type': 'text/html' }, times: 4 });
    const r = await send(5016, ['--yes']);
    expect(r.code).toBe(1);
    expect(r.got.map((q) => q.status)).toEqual([502, 502, 502, 502]);
    expect(r.err).toContain('sleuth: Exlogare answered 502 (Bad Gateway) with an HTML error page; retries ran out, try again later');
    expect(r.err).not.toContain('<');
    expect(r.err.trim().split('\n').filter((l) => l.startsWith('sleuth: Exlogare answered'))).toHaveLength(1);
  });

  it('200 with an HTML page: delivered, but says there is no RCA to show', async () => {
    ex().inject({ status: 200, body: '<html><body>Sign in</body></html>', headers: { 'content-type': 'text/html' } });
    const r = await send(5016, ['--yes']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('with an HTML page instead of JSON');
  });

  it('a redirect is never followed: the other origin sees nothing, the token stays home', async () => {
    const evil = await startExlogareSim({ token: null });
    try {
      for (const status of [307, 308, 302]) {
        ex().inject({ status, headers: { location: `${evil.url}/api/ingest/circleci` } });
        const r = await send(5016, ['--yes']);
        expect(r.code).toBe(1);
        expect(r.err).toContain(`redirecting to ${evil.url}; not followed`);
        expect(r.got).toHaveLength(1);
      }
      // Same origin, other path: still not followed.
      ex().inject({ status: 301, headers: { location: '/v2/ingest' } });
      const same = await send(5016, ['--yes']);
      expect(same.code).toBe(1);
      expect(same.got).toHaveLength(1);
      expect(evil.requests).toHaveLength(0);
    } finally {
      await evil.close();
    }
  });

  it('an unreachable Exlogare is one line, and the attempt is still recorded', async () => {
    const gone = await startExlogareSim();
    const url = gone.url;
    await gone.close();
    const out = tmp();
    const r = await send(5016, ['--yes', '--out', out], { exUrl: url });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^sleuth: cannot reach Exlogare \(http:\/\/127\.0\.0\.1:\d+\): ECONNREFUSED$/m);
    const rec = JSON.parse(readFileSync(join(out, SEND_RECORD_NAME), 'utf8').trim()) as { outcome: string; http_status: null };
    expect(rec).toMatchObject({ outcome: 'no-answer', http_status: null });
  });
});

describe('the send record', () => {
  it('appends one line per send (UTC time, destination, size, sha256, redactions) to rca-sends.jsonl, 0600', async () => {
    const out = tmp();
    const a = await send(5016, ['--yes', '--out', out]);
    const b = await send(SIM_SHARDS.job, ['--yes', '--out', out]);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    const file = join(out, SEND_RECORD_NAME);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    const first = lines[0]!;
    expect(first.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(first).toMatchObject({ destination: `${ex().url}/api/ingest/circleci`, project_slug: SIM_PROJECT, job_number: 5016, http_status: 200, outcome: 'delivered', bytes: a.got[0]!.body.length });
    expect(first.sha256).toBe(createHash('sha256').update(a.got[0]!.body).digest('hex'));
    expect(first.redactions).toBeGreaterThan(0);
    expect(lines[1]).toMatchObject({ job_number: SIM_SHARDS.job });
    // The record is not a second copy of the log, and carries no token.
    const raw = readFileSync(file, 'utf8');
    expect(raw).not.toContain('npm ERR!');
    expect(raw).not.toContain(EXL_TOKEN);
    expect(a.err).toContain(`recorded in ${file}`);
  });

  it('rejected sends are recorded too (the bytes left the machine)', async () => {
    const out = tmp();
    ex().inject({ status: 400, body: { message: 'nope' } });
    await send(5016, ['--yes', '--out', out]);
    const rec = JSON.parse(readFileSync(join(out, SEND_RECORD_NAME), 'utf8').trim()) as Record<string, unknown>;
    expect(rec).toMatchObject({ http_status: 400, outcome: 'rejected' });
  });

  it('a send that could not be recorded does not happen (symlinked record file, unwritable folder)', async () => {
    const out = tmp();
    const target = join(tmp(), 'elsewhere');
    writeFileSync(target, '');
    symlinkSync(target, join(out, SEND_RECORD_NAME));
    const before = sim().requests.length;
    const r = await send(5016, ['--yes', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${SEND_RECORD_NAME} in ${out} is a symlink; refusing to send what could not be recorded`);
    expect(r.got).toHaveLength(0);
    expect(sim().requests.length).toBe(before);
    expect(readFileSync(target, 'utf8')).toBe('');
    if (process.getuid?.() !== 0) {
      const ro = tmp();
      chmodSync(ro, 0o500);
      try {
        const r2 = await send(5016, ['--yes', '--out', ro]);
        expect(r2.code).toBe(1);
        expect(r2.err).toContain('permission denied); nothing was sent');
        expect(r2.got).toHaveLength(0);
      } finally {
        chmodSync(ro, 0o700);
      }
    }
  });

  it('with --dir the send is recorded in the evidence folder it read', async () => {
    const dir = tmp();
    const { client, transport } = makeClient(sim());
    await downloadEvidence({ client, out: dir, target: { kind: 'job', project: SIM_PROJECT, number: 5016 }, artifacts: false, retryDelayMs: 10 }).finally(() => transport.close());
    const mark = ex().requests.length;
    const r = await sleuthRca(['5016', '--dir', dir, '--send', '--yes'], { env: { EXLOGARE_URL: ex().url, EXLOGARE_TOKEN: EXL_TOKEN } });
    expect(r.code).toBe(0);
    const got = ex().requests.slice(mark);
    expect(got).toHaveLength(1);
    expect(payloadOf(got[0]!)).toMatchObject({ job_number: 5016, job_name: 'lint', workflow_id: simWorkflowId(SIM_MALICIOUS.pipeline, 'build-test') });
    const rec = JSON.parse(readFileSync(join(dir, SEND_RECORD_NAME), 'utf8').trim()) as Record<string, unknown>;
    expect(rec.sha256).toBe(createHash('sha256').update(got[0]!.body).digest('hex'));
  });
});
