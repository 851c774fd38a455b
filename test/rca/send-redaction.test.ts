// What reaches Exlogare carries no password: `sleuth rca --send` over an evidence folder whose failed step printed
// passwords, secrets and a database URL, checked on what the fake Exlogare received over real HTTP. Also: the
// confirmation counts those redactions, and redaction happens before the 10 MiB cut.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { downloadEvidence } from '../../src/evidence/index.js';
import { sendPrepared } from '../../src/rca/exlogare/client.js';
import { resolveExlogare } from '../../src/rca/exlogare/config.js';
import { prepareSend } from '../../src/rca/exlogare/prepare.js';
import { exlogareTransport } from '../../src/rca/exlogare/transport.js';
import { combine, scannerRedactor } from '../../src/rca/redaction.js';
import { collectJob } from '../../src/rca/summary.js';
import { SIM_PROJECT } from '../../src/sim/index.js';
import { makeClient, useSim } from '../helpers/sim.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { fakeSource } from './fake-source.js';
import { EXL_TOKEN, FAST, sleuthRca, useExlogare, type RunOptions } from './helpers.js';

const sim = useSim();
const ex = useExlogare();
const tmp = useTmpDirs();

const SECRETS = ['Tr0ub4dor&3xyz', 's3cr3t value with spaces', 'Pg-S3cret-42', 'correct horse battery staple', 'yaml-pass-9'];
const LOG = [
  'Connecting to the database',
  `DB_PASSWORD=${SECRETS[0]} ./migrate.sh`,
  `export API_SECRET='${SECRETS[1]}'`,
  `psql postgres://app:${SECRETS[2]}@db.internal:5432/payments`,
  `config loaded: {"password": "${SECRETS[3]}", "user": "app"}`,
  `  password: "${SECRETS[4]}"`,
  'placeholders stay: DB_PASSWORD=${DB_PASSWORD} TOKEN=$TOKEN password=**** key: <redacted> auth=xxx',
  'Error: connection refused',
];

/** Job 5016 downloaded from the simulator, its failed step (103) made to print LOG. */
async function evidenceWithPasswords(): Promise<string> {
  const dir = tmp();
  const { client, transport } = makeClient(sim());
  await downloadEvidence({ client, out: dir, target: { kind: 'job', project: SIM_PROJECT, number: 5016 }, artifacts: false, retryDelayMs: 10 }).finally(() => transport.close());
  const pipeline = readdirSync(dir, { withFileTypes: true }).find((d) => d.isDirectory())!.name;
  const jobDir = join(dir, pipeline, 'job-5016');
  const messages = LOG.map((l, i) => ({ message: `${l}\r\n`, time: `2026-11-19T10:01:${String(10 + i).padStart(2, '0')}.000Z`, type: i === LOG.length - 1 ? 'err' : 'out' }));
  writeFileSync(join(jobDir, 'step-103.json'), JSON.stringify(messages));
  writeFileSync(join(jobDir, 'step-103.txt'), LOG.map((l) => `${l}\r\n`).join(''));
  return dir;
}

async function sendFrom(dir: string, more: string[], o: RunOptions = {}) {
  const mark = ex().requests.length;
  const r = await sleuthRca(['5016', '--dir', dir, '--send', ...more], { ...o, env: { EXLOGARE_URL: ex().url, EXLOGARE_TOKEN: EXL_TOKEN } });
  return { ...r, got: ex().requests.slice(mark) };
}

describe('rca --send redacts passwords, not only tokens', () => {
  it('the fake receives no password, secret or URI password; markers in their place; the rest of the log intact', async () => {
    const dir = await evidenceWithPasswords();
    const r = await sendFrom(dir, ['--yes']);
    expect(r.code).toBe(0);
    expect(r.got).toHaveLength(1);
    const body = r.got[0]!.body.toString('utf8');
    for (const s of SECRETS) expect(body).not.toContain(JSON.stringify(s).slice(1, -1));
    for (const part of ['Tr0ub4dor', '3xyz', 'S3cret', 'horse', 'yaml-pass']) expect(body).not.toContain(part);
    const log = (JSON.parse(body) as { log: string }).log;
    const sent = log.split('\n').filter((l) => !l.startsWith('[circle-sleuth]'));
    expect(sent).toEqual([
      'Connecting to the database',
      'DB_PASSWORD=[REDACTED:password] ./migrate.sh',
      "export API_SECRET='[REDACTED:secret]'",
      // The scanner's URI rule now finds this password first and names it (issue 15).
      'psql postgres://app:[REDACTED:database-uri-password]@db.internal:5432/payments',
      'config loaded: {"password": "[REDACTED:password]", "user": "app"}',
      '  password: "[REDACTED:password]"',
      LOG[6],
      'Error: connection refused',
      '',
    ]);
    expect(r.err).toMatch(/, 5 secrets redacted → 200/);
  });

  it('the confirmation counts them, and "n" sends nothing', async () => {
    const dir = await evidenceWithPasswords();
    const asked: string[] = [];
    const r = await sendFrom(dir, [], { tty: true, deps: { ask: async (q) => (asked.push(q), 'n') } });
    expect(asked).toHaveLength(1);
    expect(r.err).toMatch(/\n {2}redacted {5}5 secrets\n/);
    expect(r.got).toHaveLength(0);
  });

  it('--dry-run shows the redacted payload and the same count', async () => {
    const dir = await evidenceWithPasswords();
    const r = await sleuthRca(['5016', '--dir', dir, '--dry-run'], { env: { EXLOGARE_URL: ex().url } });
    expect(r.code).toBe(0);
    for (const s of SECRETS) expect(r.out).not.toContain(JSON.stringify(s).slice(1, -1));
    expect(r.err).toMatch(/5 secrets redacted; nothing was sent/);
  });
});

describe('redaction comes before the cut', () => {
  it('a password line longer than the limit: the cut keeps the tail, and the tail is not the password', async () => {
    const secret = 'Q9'.repeat(6000); // 12,000 characters, more than the 4 KiB limit below
    const job = await collectJob(fakeSource({ number: 7, name: 'deploy', status: 'failed' }, [
      { step: 103, name: 'Deploy', status: 'failed', output: `${'noise line\n'.repeat(2000)}password: "${secret}"\nDB_PASSWORD=${secret} ./run\nError: deploy failed\n` },
    ]), 7);
    const cfg = resolveExlogare({ EXLOGARE_URL: ex().url, EXLOGARE_TOKEN: EXL_TOKEN });
    const p = prepareSend(job, { redact: combine(scannerRedactor, [EXL_TOKEN]), destination: cfg.destination, limit: 4096 });
    expect(p.truncated).toBe(true);
    expect(p.redactions).toBe(2);
    const t = exlogareTransport(cfg, EXL_TOKEN, { env: {}, userAgent: 'test', tuning: FAST });
    const mark = ex().requests.length;
    const out = await sendPrepared(p, { transport: t, cfg, recordDir: null, tool: 'test' }).finally(() => t.close());
    expect(out.status).toBe(200);
    const got = ex().requests.slice(mark);
    const log = (JSON.parse(got[0]!.body.toString('utf8')) as { log: string }).log;
    expect(Buffer.byteLength(log)).toBeLessThanOrEqual(4096);
    expect(log).not.toContain('Q9Q9');
    expect(log.endsWith('password: "[REDACTED:password]"\nDB_PASSWORD=[REDACTED:password] ./run\nError: deploy failed\n')).toBe(true);
  });
});
