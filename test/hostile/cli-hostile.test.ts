// Issue 11: every subcommand, run in-process against the simulator in hostile mode (every name, message, path and
// error body carries the terminal-attack corpus), with and without --json, under NO_COLOR and FORCE_COLOR=1.
// Nothing live may reach stdout or stderr: no ESC (with colour: only SGR), no other C0 but \n and \t, no DEL, no C1,
// no bidi / zero-width / tag characters, no U+2028/2029. `log --raw` is left out on purpose: it writes the exact
// bytes, and only ever to a file or a pipe.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { gateIo, writeRaw } from '../../src/cli/io.js';
import { jobCommand, jobsCommand, pipelinesCommand, workflowsCommand } from '../../src/cli/commands/lists.js';
import { scanCommand } from '../../src/cli/commands/scan.js';
import { searchCommand } from '../../src/cli/commands/search.js';
import { stopSimulators } from '../../src/cli/commands/sim.js';
import { logCommand, stepsCommand } from '../../src/cli/commands/steps.js';
import { writeSampleAudit } from '../../src/sim/audit/index.js';
import { startExlogareSim, type ExlogareSimHandle } from '../../src/sim/exlogare/index.js';
import { asReceived, CYCLED_PAYLOADS } from '../../src/sim/hostile/payloads.js';
import { SIM_MALICIOUS, SIM_PROJECT, SIM_SHARDS, simWorkflowId } from '../../src/sim/index.js';
import { captureIo } from '../helpers/io.js';
import { TEST_TOKEN, useSim } from '../helpers/sim.js';
import { findLeak } from './leaks.js';

const sim = useSim({ hostile: true });
let ex: ExlogareSimHandle;
let work = '';
let evidence = '';
let auditCsv = '';
let auditJsonl = '';
let cacheDir = '';

const P = SIM_PROJECT;
const WORKFLOW_896 = simWorkflowId(SIM_MALICIOUS.pipeline, SIM_MALICIOUS.workflow);
// Pipeline 896 is created at 2026-11-19T10:00Z: a window holding it alone.
const WINDOW_896 = ['--since', '2026-11-19T09:00:00Z', '--until', '2026-11-19T11:00:00Z'];

interface Run { code: number; out: string; err: string }

async function sleuth(args: string[], colour: boolean, env: NodeJS.ProcessEnv = {}, tty = false): Promise<Run> {
  const c = captureIo({
    CIRCLE_TOKEN: TEST_TOKEN, CIRCLE_HOST: sim().apiUrl, SLEUTH_CACHE_DIR: cacheDir,
    // A send with no evidence folder is recorded in the state directory: this run's, not the real home's.
    XDG_STATE_HOME: join(work, 'state'),
    EXLOGARE_URL: ex.url, EXLOGARE_TOKEN: ex.token ?? '',
    ...(colour ? { FORCE_COLOR: '1' } : { NO_COLOR: '1' }),
    ...env,
  }, { cwd: work, tty });
  const code = await main(['node', 'sleuth', ...args], c.io);
  return { code, out: c.out(), err: c.err() };
}

interface Case {
  /** Also run with --json (its stdout must parse). */
  json?: boolean;
  /** Exit codes that mean the command ran as it should (default 0). */
  codes?: number[];
  /** What the plain run must show, visibly, on stdout or stderr: proof that hostile data was printed. */
  shows?: RegExp | null;
  env?: NodeJS.ProcessEnv;
  /** Standard streams are a terminal (progress lines, colour by default, summaries on stderr). */
  tty?: boolean;
}

/** A hostile name as the sanitizer shows it: the ESC of some corpus payload as `^[`. */
const VISIBLE_ESC = /\^\[/;

async function expectNoLeak(args: string[], c: Case = {}): Promise<void> {
  const variants = c.json ? [args, [...args, '--json']] : [args];
  for (const argv of variants) {
    const json = argv.includes('--json');
    for (const colour of [false, true]) {
      const r = await sleuth(argv, colour, c.env, c.tty);
      const what = `sleuth ${argv.join(' ')} (${colour ? 'FORCE_COLOR=1' : 'NO_COLOR'}${c.tty ? ', terminal' : ''}) → ${r.code}\n${r.err.slice(0, 600)}`;
      expect(findLeak(r.out, { colour }), `stdout of ${what}`).toBeNull();
      expect(findLeak(r.err, { colour, rewrite: c.tty }), `stderr of ${what}`).toBeNull();
      expect(c.codes ?? [0], what).toContain(r.code);
      expect(r.err, what).not.toMatch(/unexpected error|    at /);
      if (json && r.code === 0) expect(() => JSON.parse(r.out), what).not.toThrow();
      const shows = c.shows === undefined ? VISIBLE_ESC : c.shows;
      if (!json && shows) expect(r.out + r.err, what).toMatch(shows);
    }
  }
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'sleuth-hostile-'));
  cacheDir = join(work, 'cache');
  evidence = join(work, 'evidence');
  ex = await startExlogareSim({ hostile: true });
  auditCsv = await writeSampleAudit(join(work, 'audit.csv'), 'csv', { hostile: true });
  auditJsonl = await writeSampleAudit(join(work, 'audit.jsonl'), 'jsonl', { hostile: true });
  // The evidence folder search, scan and rca --dir read: the malicious pipeline, hostile artifact names included.
  const r = await sleuth(['download', 'pipeline', String(SIM_MALICIOUS.pipeline), '--project', P, '--out', evidence], false);
  if (r.code !== 0) throw new Error(`download for the evidence folder failed: ${r.err}`);
});

afterAll(async () => {
  await ex?.close();
  await stopSimulators();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the leak check', () => {
  it('sees every corpus row that holds a control (negative check), and passes plain text and SGR with colour', () => {
    const inert = new Set(['J4', 'J6', 'X1', 'K1', 'H1']); // homoglyphs, combining marks, lone surrogates, invalid bytes (U+FFFD)
    for (const p of CYCLED_PAYLOADS) {
      if (inert.has(p.row)) continue;
      expect(findLeak(`name ${asReceived(p.text)}`), `${p.row} variant ${p.variant}`).not.toBeNull();
    }
    expect(findLeak('plain text\tand a tab\n')).toBeNull();
    expect(findLeak('\x1b[1mbold\x1b[22m', { colour: true })).toBeNull();
    expect(findLeak('\x1b[1mbold\x1b[22m')).not.toBeNull();
    expect(findLeak('\x1b]0;title\x07', { colour: true })).not.toBeNull();
  });

  it('would see a leak through the CLI streams: a raw corpus string written past the gate', () => {
    const c = captureIo({ NO_COLOR: '1' });
    writeRaw(c.io.out, `build-test\x1b]52;c;ZXZpbA==\x07`);
    expect(findLeak(c.out())).not.toBeNull();
    // The same string through the gate is made visible.
    const gated = captureIo({ NO_COLOR: '1' });
    gateIo(gated.io).out.write(`build-test\x1b]52;c;ZXZpbA==\x07`);
    expect(findLeak(gated.out())).toBeNull();
    expect(gated.out()).toContain('build-test^[]52;c;ZXZpbA==^G');
  });
});

describe('every subcommand against the hostile simulator', () => {
  it('pipelines', () => expectNoLeak(['pipelines', '--project', P], { json: true }));
  it('pipelines --branch (a hostile branch, as served)', async () => {
    const all = JSON.parse((await sleuth(['pipelines', '--project', P, '--json'], false)).out) as Array<{ number: number; vcs: { branch: string } }>;
    const branch = all.find((p) => p.number === SIM_MALICIOUS.pipeline)!.vcs.branch;
    await expectNoLeak(['pipelines', '--project', P, '--branch', branch], { json: true });
  });
  it('workflows', () => expectNoLeak(['workflows', String(SIM_MALICIOUS.pipeline), '--project', P], { json: true }));
  it('jobs', () => expectNoLeak(['jobs', WORKFLOW_896], { json: true }));
  it('job', async () => {
    await expectNoLeak(['job', String(SIM_MALICIOUS.jobs.test), '--project', P], { json: true });
    await expectNoLeak(['job', String(SIM_SHARDS.job), '--project', P], { json: true });
  });
  it('steps', () => expectNoLeak(['steps', String(SIM_MALICIOUS.jobs.test), '--project', P], { json: true }));
  it('log (the corpus step, the failing lint step, every node of a shard)', async () => {
    await expectNoLeak(['log', String(SIM_MALICIOUS.jobs.test), String(SIM_MALICIOUS.maliciousStep), '--project', P], { json: true });
    await expectNoLeak(['log', String(SIM_MALICIOUS.jobs.lint), String(SIM_MALICIOUS.lintStep), '--project', P], { json: true, shows: null });
    await expectNoLeak(['log', String(SIM_SHARDS.job), String(SIM_SHARDS.step), '--project', P], { json: true, shows: null });
  });
  it('log of a step that does not exist (the error lists hostile step names)', () =>
    expectNoLeak(['log', String(SIM_MALICIOUS.jobs.test), 'no-such-step', '--project', P], { codes: [1], shows: /no step/ }));
  it('download job / workflow / pipeline / project', async () => {
    const out = () => ['--out', mkdtempSync(join(work, 'dl-'))];
    await expectNoLeak(['download', 'job', String(SIM_MALICIOUS.jobs.test), '--project', P, ...out()], { json: true, shows: null });
    await expectNoLeak(['download', 'workflow', WORKFLOW_896, '--project', P, ...out()], { json: true, shows: null });
    await expectNoLeak(['download', 'pipeline', String(SIM_MALICIOUS.pipeline), '--project', P, ...out()], { json: true, shows: null });
    await expectNoLeak(['download', 'project', P, ...WINDOW_896, ...out()], { json: true, shows: null });
  });
  it('search (exact, regex, fuzzy)', async () => {
    await expectNoLeak(['search', 'AKIA', evidence], { json: true, shows: /<U\+200B>/ });
    await expectNoLeak(['search', '--regex', 'Upload coverage|evil\\.example', evidence], { json: true });
    await expectNoLeak(['search', '--fuzzy', 'coverage upload', evidence], { json: true, shows: null });
  });
  it('scan, with and without the hostile env var names', async () => {
    await expectNoLeak(['scan', evidence], { json: true, shows: /aws-access-key-id/ });
    // With --project a finding names the env var whose last 4 characters it matches: a hostile name.
    await expectNoLeak(['scan', evidence, '--project', P], { json: true, shows: /last 4 match .*\^\[/ });
  });
  it('audit (CSV and JSON lines, marked, sorted)', async () => {
    await expectNoLeak(['audit', auditCsv, '--no-tui'], { json: true });
    await expectNoLeak(['audit', auditJsonl, '--no-tui', '--marked'], { json: true });
    await expectNoLeak(['audit', auditCsv, '--no-tui', '--sort', '--action', 'context.secrets'], { json: true });
  });
  it('exposure (a job, a window, both checklists)', async () => {
    await expectNoLeak(['exposure', '--project', P, '--job', String(SIM_MALICIOUS.jobs.test), '--audit', auditCsv], { json: true });
    await expectNoLeak(['exposure', '--project', P, ...WINDOW_896, '--audit', auditJsonl], { json: true });
    await expectNoLeak(['exposure', '--project', P, '--job', String(SIM_MALICIOUS.jobs.test), '--audit', auditCsv, '--checklist', 'md']);
    await expectNoLeak(['exposure', '--project', P, '--job', String(SIM_MALICIOUS.jobs.test), '--audit', auditCsv, '--checklist', 'csv']);
  });
  it('rca (live, from the evidence folder, a dry run, a send to the hostile Exlogare)', async () => {
    await expectNoLeak(['rca', String(SIM_MALICIOUS.jobs.lint), '--project', P], { json: true });
    await expectNoLeak(['rca', String(SIM_MALICIOUS.jobs.lint), '--dir', evidence], { json: true });
    await expectNoLeak(['rca', String(SIM_MALICIOUS.jobs.lint), '--project', P, '--dry-run'], { shows: null });
    await expectNoLeak(['rca', String(SIM_MALICIOUS.jobs.lint), '--project', P, '--send', '--yes'], { json: true });
  });
  it('rca snippet', () => expectNoLeak(['rca', 'snippet'], { shows: null }));
  it('doctor (online: the hostile login; offline)', async () => {
    await expectNoLeak(['doctor'], { json: true });
    await expectNoLeak(['doctor', '--offline'], { json: true, shows: null });
  });
  it('sim --hostile --write-audit', async () => {
    await expectNoLeak(['sim', '--hostile', '--port', '0', '--write-audit', join(work, 'sim-audit.csv')], { shows: /hostile mode/ });
    await stopSimulators();
    // What it started is the hostile simulator, and the audit log it wrote is the hostile one.
    const r = await sleuth(['sim', '--hostile', '--port', '0', '--write-audit', join(work, 'sim-audit-2.csv')], false);
    try {
      const api = /CIRCLE_HOST=(http:\/\/127\.0\.0\.1:\d+)/.exec(r.out)?.[1];
      const me = (await (await fetch(`${api}/api/v2/me`)).json()) as { login: string };
      expect(me.login).toContain('\x1b');
      expect(readFileSync(join(work, 'sim-audit-2.csv')).includes(Buffer.from('\\u001b'))).toBe(true);
    } finally {
      await stopSimulators();
    }
  });
  it('demo --hostile (no terminal: the pipelines table)', () => expectNoLeak(['demo', '--hostile']));
  it('open and the TUI refuse without a terminal, cleanly', async () => {
    await expectNoLeak(['open', evidence], { codes: [2], shows: /terminal/ });
    await expectNoLeak(['--project', P], { codes: [2], shows: /terminal/ });
  });
  it('errors quoting hostile server messages', async () => {
    await expectNoLeak(['job', '999999', '--project', P], { codes: [1], shows: /not found/ });
    await expectNoLeak(['workflows', '00000000-0000-4000-8000-000000000000'], { codes: [1], shows: /not found/ });
    await expectNoLeak(['steps', '999999', '--project', P], { codes: [1], shows: /not found/ });
  });
});

describe('on a terminal (progress lines, summaries on stderr)', () => {
  const tty = { tty: true };
  it('pipelines, job, steps', async () => {
    await expectNoLeak(['pipelines', '--project', P], tty);
    await expectNoLeak(['job', String(SIM_MALICIOUS.jobs.test), '--project', P], tty);
    await expectNoLeak(['steps', String(SIM_MALICIOUS.jobs.test), '--project', P], tty);
  });
  it('log', () => expectNoLeak(['log', String(SIM_MALICIOUS.jobs.test), String(SIM_MALICIOUS.maliciousStep), '--project', P], tty));
  it('download (with its progress line)', () =>
    expectNoLeak(['download', 'job', String(SIM_MALICIOUS.jobs.test), '--project', P, '--out', mkdtempSync(join(work, 'dl-'))], { ...tty, shows: /downloaded/ }));
  it('search and scan', async () => {
    await expectNoLeak(['search', '--regex', 'evil\\.example', evidence], tty);
    await expectNoLeak(['scan', evidence, '--project', P], tty);
  });
  it('audit --no-tui and exposure (with its progress line)', async () => {
    await expectNoLeak(['audit', auditCsv, '--no-tui'], tty);
    await expectNoLeak(['exposure', '--project', P, ...WINDOW_896, '--audit', auditCsv], tty);
  });
  it('rca --send --yes', () => expectNoLeak(['rca', String(SIM_MALICIOUS.jobs.lint), '--project', P, '--send', '--yes'], tty));
});

// Defence in depth: the commands clean the data they print themselves (cell, fit, sanitize), so even called
// without the gate (as other code and older tests do) nothing live comes out.
describe('commands clean their own data, without the gate', () => {
  const raw = () => captureIo({ CIRCLE_TOKEN: TEST_TOKEN, CIRCLE_HOST: sim().apiUrl, NO_COLOR: '1', SLEUTH_CACHE_DIR: cacheDir }, { cwd: work });
  const check = async (run: (io: ReturnType<typeof raw>['io']) => Promise<number>, shows: RegExp) => {
    const c = raw();
    expect(await run(c.io)).toBe(0);
    expect(findLeak(c.out()), c.out().slice(0, 400)).toBeNull();
    expect(findLeak(c.err()), c.err().slice(0, 400)).toBeNull();
    expect(c.out() + c.err()).toMatch(shows);
  };

  it('list commands', async () => {
    await check((io) => pipelinesCommand({ project: P }, io), VISIBLE_ESC);
    await check((io) => workflowsCommand(String(SIM_MALICIOUS.pipeline), { project: P }, io), VISIBLE_ESC);
    await check((io) => jobsCommand(WORKFLOW_896, {}, io), VISIBLE_ESC);
    await check((io) => jobCommand(String(SIM_MALICIOUS.jobs.test), { project: P }, io), VISIBLE_ESC);
    await check((io) => stepsCommand(String(SIM_MALICIOUS.jobs.test), { project: P }, io), VISIBLE_ESC);
    await check((io) => logCommand(String(SIM_MALICIOUS.jobs.test), String(SIM_MALICIOUS.maliciousStep), { project: P }, io), VISIBLE_ESC);
  });

  it('scan names the env var a secret matches (a hostile name from the API), cleaned', () =>
    check((io) => scanCommand(evidence, { project: P, host: sim().apiUrl }, io), /last 4 match .*\^\[/));

  it('search', () => check((io) => searchCommand('--data-binary', evidence, { literal: true }, io), /step command/));
});
