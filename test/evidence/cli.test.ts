import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { v1SlugPath } from '../../src/api/paths.js';
import { registerDownload } from '../../src/cli/commands/download.js';
import { UsageError } from '../../src/util/errors.js';
import type { Manifest } from '../../src/evidence/index.js';
import { SIM_MALICIOUS, SIM_PROJECT, SIM_SHARDS, simWorkflowId } from '../../src/sim/index.js';
import { maliciousArtifacts } from '../../src/sim/world/artifact-bodies.js';
import { captureIo } from '../helpers/io.js';
import { TEST_TOKEN, useSim } from '../helpers/sim.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { pipelineAt } from './helpers.js';
import { startApiProxy } from './proxy.js';

const sim = useSim({ requiredToken: TEST_TOKEN });
const tmp = useTmpDirs();

/** `sleuth download …` through commander, wired like register.ts wires it. */
async function sleuth(args: string[], opts: { tty?: boolean; cwd?: string; host?: string } = {}) {
  const env = { CIRCLE_TOKEN: TEST_TOKEN, CIRCLE_HOST: opts.host ?? sim().apiUrl };
  const c = captureIo(env, { tty: opts.tty ?? false, cwd: opts.cwd ?? tmp() });
  let code = 0;
  const program = new Command('sleuth').exitOverride().configureOutput({ writeOut: (s) => c.io.out.write(s), writeErr: (s) => c.io.err.write(s) });
  program.enablePositionalOptions();
  registerDownload(program, c.io, {
    run: (fn) => async (...a: unknown[]) => {
      code = await (fn as (...x: unknown[]) => Promise<number>)(...a.slice(0, -1));
    },
    apiOptions: (cmd) => cmd.option('--host <url>').option('--cache-dir <dir>').option('--no-cache').option('--refresh').option('--concurrency <n>', '', '8'),
    project: () => new Option('-p, --project <slug>'),
  });
  try {
    await program.parseAsync(['node', 'sleuth', 'download', ...args, '--no-cache']);
  } catch (e) {
    if (e instanceof UsageError) {
      c.io.err.write(`sleuth: ${e.message}\n`);
      code = 2;
    } else if ((e as { code?: string }).code?.startsWith('commander.')) code = 2;
    else throw e;
  }
  return { code, out: c.out(), err: c.err() };
}

const ART = () => ['--artifacts-host', sim().artifactsUrl];

describe('sleuth download', () => {
  it('project: --json summary, default --out under the working directory, no progress off a terminal', async () => {
    const cwd = tmp();
    const r = await sleuth(['project', SIM_PROJECT, '--since', pipelineAt(896), '--until', pipelineAt(897), '--json', ...ART()], { cwd });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect(s.outcome).toBe('complete');
    expect(s.target).toEqual({ kind: 'project', project: SIM_PROJECT, since: pipelineAt(896), until: pipelineAt(897) });
    expect(s.dir).toBe(join(cwd, 'circleci-output'));
    expect(s.jobs.seen).toBe(6);
    execFileSync('sha256sum', ['--quiet', '-c', 'SHA256SUMS'], { cwd: s.dir });
  });

  it('job / workflow / pipeline targets, with a one-line summary', async () => {
    const out = tmp();
    const job = await sleuth(['job', String(SIM_SHARDS.job), '--project', SIM_PROJECT, '--out', out, ...ART()]);
    expect(job.code).toBe(0);
    expect(job.out).toMatch(/^downloaded: 1 job\(s\), 20 step output\(s\) and 4 artifact\(s\) fetched, .* → /);
    const wf = await sleuth(['workflow', simWorkflowId(SIM_MALICIOUS.pipeline, SIM_MALICIOUS.workflow), '--out', out, ...ART()]);
    expect(wf.code).toBe(0);
    const pl = await sleuth(['pipeline', String(SIM_SHARDS.pipeline), '--project', SIM_PROJECT, '--out', out, ...ART()]);
    expect(pl.code).toBe(0);
    expect(pl.out).toMatch(/1 already complete/);
    expect(readdirSync(out).sort()).toEqual(['SHA256SUMS', 'manifest.json', simWorkflowId(SIM_MALICIOUS.pipeline, SIM_MALICIOUS.workflow), simWorkflowId(SIM_SHARDS.pipeline, SIM_SHARDS.workflow)].sort());
  });

  it('shows progress on stderr only on a terminal, and not with --quiet', async () => {
    const args = ['job', String(SIM_MALICIOUS.jobs.build), '--project', SIM_PROJECT, ...ART()];
    const tty = await sleuth([...args, '--out', tmp()], { tty: true });
    expect(tty.code).toBe(0);
    expect(tty.err).toMatch(/\r\x1b\[2K\[[#.]{24}\] \d+\/\d+ · /);
    const quiet = await sleuth([...args, '--out', tmp(), '--quiet'], { tty: true });
    expect(quiet.err).toBe('');
  });

  it('exits 3, not 1, when artifacts answer 401: everything else is fetched, the count line and manifest say why', async () => {
    // Without --artifacts-host the token is not offered to Cloud's artifact host, which wants it.
    const out = tmp();
    const r = await sleuth(['job', String(SIM_MALICIOUS.jobs.test), '--project', SIM_PROJECT, '--out', out]);
    const n = maliciousArtifacts().length;
    expect(r.code).toBe(3);
    expect(r.out).toMatch(new RegExp(`^downloaded except ${n} item\\(s\\): 1 job\\(s\\), [1-9]\\d* step output\\(s\\) and 0 artifact\\(s\\) fetched, .* written; ${n} artifacts not fetched: 401 needs credentials → `));
    expect(r.err).toMatch(/sleuth: not fetched: artifact "coverage\/lcov\.info" \(node 0\) of job 5015: needs credentials \(401\); the token is offered only to the CircleCI host and .*--artifacts-host http:\/\/127/);
    expect(r.err).toMatch(/the folder is complete except the items listed above \(manifest.json: "missing" in its last run\); exit 3/);
    expect(r.err).not.toMatch(/sleuth: failed:/);
    expect(r.err).not.toContain(TEST_TOKEN);
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
    const missing = m.runs.at(-1)!.missing!;
    expect(missing.map((x) => x.path).sort()).toEqual(maliciousArtifacts().map((a) => a.path).sort());
    expect(new Set(missing.map((x) => `${x.kind} ${x.status} ${x.reason}`))).toEqual(new Set(['artifact 401 401 needs credentials']));
  });

  it('groups the reasons on the count line (a 401 and a 404 among fetched artifacts); --json says verdict and exit code', async () => {
    sim().inject({ match: `/${encodeURIComponent('coverage/lcov.info')}`, status: 401, body: '{"message":"You must log in first."}' });
    sim().inject({ match: `/${encodeURIComponent('README')}`, status: 404, body: 'Not Found', headers: { 'content-type': 'text/plain' } });
    const out = tmp();
    const args = ['job', String(SIM_MALICIOUS.jobs.test), '--project', SIM_PROJECT, '--out', out, ...ART()];
    const r = await sleuth(args);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(new RegExp(`and ${maliciousArtifacts().length - 2} artifact\\(s\\) fetched, .*; 2 artifacts not fetched: 401 needs credentials \\(1\\), 404 gone \\(1\\) → `));
    // The rerun fetches the two; then the folder is complete.
    const again = JSON.parse((await sleuth([...args, '--json'])).out) as { verdict: string; exit_code: number; missing: unknown[] };
    expect(again).toMatchObject({ verdict: 'complete', exit_code: 0, missing: [] });
  });

  it('exits 1 when the run itself failed (a folder problem), even with items missing too', async () => {
    const out = tmp();
    const wf = simWorkflowId(SIM_MALICIOUS.pipeline, SIM_MALICIOUS.workflow);
    mkdirSync(join(out, wf, 'workflow.json'), { recursive: true });
    const r = await sleuth(['job', String(SIM_MALICIOUS.jobs.test), '--project', SIM_PROJECT, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^incomplete: .*; \d+ artifacts not fetched: 401 needs credentials → /);
    expect(r.err).toMatch(/sleuth: failed: workflow\.json of workflow/);
    expect(r.err).toMatch(/the folder is incomplete; run the same command again/);
  });

  it('exits 3 and lists each response it could not parse, and where its body is kept', async () => {
    const build = `/api/v1.1/project/${v1SlugPath(SIM_PROJECT)}/${SIM_SHARDS.job}`;
    const proxy = await startApiProxy(sim().apiUrl, (path) => (path === build ? { body: '{"steps": [\u001b]52;c;ZXZpbA==\u0007' } : null));
    try {
      const out = tmp();
      const args = ['job', String(SIM_SHARDS.job), '--project', SIM_PROJECT, '--out', out, ...ART()];
      const r = await sleuth(args, { host: proxy.url });
      expect(r.code).toBe(3);
      expect(r.out).toMatch(/^downloaded except 1 item\(s\): 1 job\(s\), 0 step output\(s\) and 4 artifact\(s\) fetched, .*, 1 response\(s\) not parsed \(kept raw\) → /);
      const wf = simWorkflowId(SIM_SHARDS.pipeline, SIM_SHARDS.workflow);
      expect(r.err).toContain(`sleuth: not parsed: ${build}: `);
      expect(r.err).toContain(`; its body is kept in ${wf}/job-${SIM_SHARDS.job}/build.raw\n`);
      expect(r.err).toMatch(/the folder is complete except the responses listed above/);
      expect(r.err).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
      expect(readFileSync(join(out, wf, `job-${SIM_SHARDS.job}`, 'build.raw'), 'utf8')).toBe('{"steps": [\u001b]52;c;ZXZpbA==\u0007');
      const json = JSON.parse((await sleuth([...args, '--json'], { host: proxy.url })).out) as { unparsed: { endpoint: string; file: string }[] };
      expect(json.unparsed.map((u) => [u.endpoint, u.file])).toEqual([[build, `${wf}/job-${SIM_SHARDS.job}/build.raw`]]);
    } finally {
      await proxy.close();
    }
  });

  it('refuses bad arguments with exit 2', async () => {
    expect((await sleuth(['project', SIM_PROJECT])).err).toMatch(/needs --since/);
    expect((await sleuth(['project', 'not-a-slug', '--since', '1d'])).code).toBe(2);
    expect((await sleuth(['workflow', '../../etc'])).code).toBe(2);
    expect((await sleuth(['job', 'abc', '--project', SIM_PROJECT])).code).toBe(2);
    expect((await sleuth(['job', '1', '--project', SIM_PROJECT, '--artifacts-host', 'http://example.com'])).err).toMatch(/https/);
  });
});
