// The payload: status mapping, the 10 MiB cap (tail kept, cut on a line boundary, a line saying so), and a
// 12 MiB failure log going through redaction, the cap and the fake Exlogare's validation over real HTTP.
import { describe, expect, it } from 'vitest';
import { capLog, EXLOGARE_LOG_LIMIT, EXLOGARE_STATUSES, exlogareStatus, pretrim } from '../../src/rca/exlogare/payload.js';
import { prepareSend } from '../../src/rca/exlogare/prepare.js';
import { sendPrepared } from '../../src/rca/exlogare/client.js';
import { resolveExlogare } from '../../src/rca/exlogare/config.js';
import { exlogareTransport } from '../../src/rca/exlogare/transport.js';
import { combine, KNOWN_SECRET_MARK, redactKnown, type Redactor } from '../../src/rca/redaction.js';
import { collectJob } from '../../src/rca/summary.js';
import { validateIngest } from '../../src/sim/exlogare/index.js';
import { fakeSource } from './fake-source.js';
import { EXL_TOKEN, FAST, useExlogare } from './helpers.js';

const ex = useExlogare();
const MiB = 1024 * 1024;
const none: Redactor = (text) => ({ text, count: 0 });
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

describe('status', () => {
  it('passes Exlogare\'s own words and maps CircleCI\'s others to allowed values', () => {
    for (const s of EXLOGARE_STATUSES) expect(exlogareStatus(s)).toBe(s);
    expect(exlogareStatus('FAILED')).toBe('failed');
    expect(exlogareStatus('infrastructure_fail')).toBe('error');
    expect(exlogareStatus('not_run')).toBe('canceled');
    expect(exlogareStatus('on_hold')).toBe('blocked');
    expect(exlogareStatus('terminated-unknown')).toBe('error');
    expect(exlogareStatus('something-new')).toBe('failed');
    expect(exlogareStatus(null)).toBe('failed');
    for (const s of ['infrastructure_fail', 'not_run', 'retried', 'queued', 'not_running', 'on_hold', 'fixed', 'x']) expect(EXLOGARE_STATUSES).toContain(exlogareStatus(s));
  });
});

describe('capLog', () => {
  it('leaves a log under the limit alone', () => {
    expect(capLog('a\nb\n', 100)).toEqual({ log: 'a\nb\n', truncated: false, droppedBytes: 0, droppedLines: 0 });
  });

  it('keeps the tail within the limit, starting on a whole line, after a line saying it was truncated', () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `line ${String(i).padStart(5, '0')} ${'x'.repeat(i % 37)}`);
    const text = `${lines.join('\n')}\n`;
    const limit = 20_000;
    const c = capLog(text, limit);
    expect(c.truncated).toBe(true);
    expect(bytes(c.log)).toBeLessThanOrEqual(limit);
    const [marker, first, ...rest] = c.log.split('\n');
    expect(marker).toMatch(/^\[circle-sleuth\] log truncated .*the first (\d+) lines \((\d+) bytes\) were dropped and the tail was kept$/);
    // The first kept line is a whole original line, and the rest runs to the very end.
    expect(lines).toContain(first);
    expect(c.log.endsWith(`${lines.at(-1)}\n`)).toBe(true);
    const keptFrom = lines.indexOf(first!);
    expect(c.droppedLines).toBe(keptFrom);
    expect(rest.length).toBe(lines.length - keptFrom); // (the final '' after the last \n)
    expect(Number(/first (\d+) lines/.exec(marker!)![1])).toBe(keptFrom);
    expect(c.droppedBytes).toBe(bytes(lines.slice(0, keptFrom).join('\n')) + 1);
  });

  it('never splits a multi-byte character; one giant line is cut on a character boundary and says so', () => {
    const text = '€'.repeat(10_000); // 3 bytes each, no newline
    const c = capLog(text, 4096);
    expect(bytes(c.log)).toBeLessThanOrEqual(4096);
    expect(c.log).not.toContain('\ufffd');
    expect(c.log.split('\n')[0]).toContain('the first line below is cut');
    expect(c.log.split('\n')[1]).toMatch(/^€+$/);
  });

  it('counts what an earlier trim dropped', () => {
    const c = capLog('tail line\n', 1000, { lines: 7, bytes: 700 });
    expect(c.truncated).toBe(true);
    expect(c.log).toBe(`[circle-sleuth] log truncated to fit Exlogare's 10 MiB limit: the first 7 lines (700 bytes) were dropped and the tail was kept\ntail line\n`);
  });

  it('pretrim cuts a huge text on a line boundary and counts the lines it dropped', () => {
    const t = pretrim('aa\nbb\ncc\ndd\n', 5);
    expect(t).toEqual({ text: 'dd\n', lines: 3, bytes: 9 });
    expect(pretrim('short', 10)).toEqual({ text: 'short', lines: 0, bytes: 0 });
  });
});

describe('redaction of known values', () => {
  it('removes a token as is, in base64 and URL-encoded, and counts each', () => {
    const token = 'tok+en/Value=123456';
    const text = `a ${token} b ${Buffer.from(token).toString('base64')} c ${encodeURIComponent(token)}`;
    const r = redactKnown(text, [token, null, 'short']);
    expect(r.count).toBe(3);
    expect(r.text).not.toContain(token);
    expect(r.text).not.toContain(encodeURIComponent(token));
    expect(r.text.split(KNOWN_SECRET_MARK)).toHaveLength(4);
  });
});

describe('a 12 MiB failure log through the whole send path', () => {
  const big = () => {
    // ~12.6 MiB of numbered lines, a secret near the end, and a last line to look for.
    const rows: string[] = [];
    for (let i = 0; i < 160_000; i++) rows.push(`\x1b[32m${String(i).padStart(6, '0')}\x1b[0m ${'z'.repeat(70)}`);
    rows.push('Error: deploy failed with AKIAQ3EGRTLYX7K5WZPN in the env');
    rows.push('THE LAST LINE');
    return `${rows.join('\r\n')}\r\n`;
  };

  it('arrives under 10 MiB, tail kept from a line boundary, marked, ANSI stripped, and accepted by the fake', async () => {
    const src = fakeSource({ number: 501, name: 'deploy', status: 'failed' }, [{ step: 103, name: 'Deploy', status: 'failed', command: '#!/bin/bash -eo pipefail\n./deploy.sh --prod\n', output: big() }]);
    const job = await collectJob(src, 501);
    expect(job.outputs[0]!.text.length).toBeGreaterThan(12 * MiB);
    const redact = combine((t) => {
      let count = 0;
      return { text: t.replace(/AKIA[A-Z0-9]{16}/g, () => (count++, '[REDACTED]')), count };
    }, [EXL_TOKEN]);
    const cfg = resolveExlogare({ EXLOGARE_URL: ex().url, EXLOGARE_TOKEN: EXL_TOKEN });
    const p = prepareSend(job, { redact, destination: cfg.destination });
    expect(p.truncated).toBe(true);
    expect(p.logBytes).toBeLessThanOrEqual(EXLOGARE_LOG_LIMIT);
    expect(p.logBytes).toBeGreaterThan(EXLOGARE_LOG_LIMIT - 1024);
    expect(p.redactions).toBe(1);
    const log = p.payload.log;
    const lines = log.split('\n');
    // The context header (step, exit code, command) stays on top; then the truncation line; then whole lines.
    expect(lines.slice(0, 3)).toEqual([
      '[circle-sleuth] job 501 "deploy" (failed): the failed step\'s output follows, escape sequences stripped, secrets redacted',
      '[circle-sleuth] step 103 "Deploy" exited 1; it ran:',
      '[circle-sleuth] $ ./deploy.sh --prod',
    ]);
    expect(lines[3]).toMatch(/^\[circle-sleuth\] log truncated .*the first \d+ lines \(\d+ bytes\) were dropped/);
    expect(lines[4]).toMatch(/^\d{6} z{70}$/);
    expect(log.endsWith('THE LAST LINE\n')).toBe(true);
    expect(log).not.toContain('\x1b');
    expect(log).not.toContain('\r');
    expect(log).not.toContain('AKIAQ3EGRTLYX7K5WZPN');
    expect(validateIngest(p.payload)).toBeNull();

    const t = exlogareTransport(cfg, EXL_TOKEN, { env: {}, userAgent: 'test', tuning: FAST });
    const mark = ex().requests.length;
    const out = await sendPrepared(p, { transport: t, cfg, recordDir: null, tool: 'test' }).finally(() => t.close());
    expect(out.status).toBe(200);
    expect(out.ok).toBe(true);
    const got = ex().requests.slice(mark);
    expect(got).toHaveLength(1);
    expect(got[0]!.body.equals(p.body)).toBe(true);
    const received = JSON.parse(got[0]!.body.toString('utf8')) as { log: string };
    expect(bytes(received.log)).toBeLessThanOrEqual(EXLOGARE_LOG_LIMIT);
  });

  it('the fake refuses a log over 10 MiB, as the seed says', () => {
    expect(validateIngest({ project_slug: 'gh/a/b', workflow_id: 'w', job_name: 'j', job_number: 1, status: 'failed', log: 'x'.repeat(EXLOGARE_LOG_LIMIT + 1) })).toBe('log exceeds 10 MiB');
    expect(validateIngest({ project_slug: 'gh/a/b', workflow_id: 'w', job_name: 'j', job_number: 1, status: 'FaIlEd', log: 'x'.repeat(EXLOGARE_LOG_LIMIT) })).toBeNull();
  });
});

describe('prepareSend refuses what it cannot send', () => {
  it('a job without a failed step, or without a workflow id', async () => {
    const ok = await collectJob(fakeSource({ number: 1, name: 'a', status: 'success' }, [{ step: 1, name: 's', output: 'fine\n' }]), 1);
    expect(() => prepareSend(ok, { redact: none, destination: 'x' })).toThrow(/no failed step/);
    const noWf = await collectJob(fakeSource({ number: 2, name: 'a', status: 'failed', workflowId: null }, [{ step: 1, name: 's', status: 'failed', output: 'Error: x\n' }]), 2);
    expect(() => prepareSend(noWf, { redact: none, destination: 'x' })).toThrow(/lacks workflow_id/);
  });

  it('several failing outputs are sent one after another, each under a header', async () => {
    const job = await collectJob(
      fakeSource({ number: 3, name: 'a', status: 'failed' }, [
        { step: 102, name: 'one', status: 'failed', output: 'Error: first' },
        { step: 103, name: 'two', status: 'failed', exit_code: 3, output: 'Error: second\n' },
      ]),
      3,
    );
    const p = prepareSend(job, { redact: none, destination: 'x' });
    expect(p.payload.log).toBe(
      [
        '[circle-sleuth] job 3 "a" (failed): the failed step\'s output follows, escape sequences stripped, secrets redacted',
        '[circle-sleuth] step 102 "one" exited 1',
        '[circle-sleuth] step 103 "two" exited 3',
        '===== step 102 "one" node 0 (exit 1) =====',
        'Error: first',
        '===== step 103 "two" node 0 (exit 3) =====',
        'Error: second',
        '',
      ].join('\n'),
    );
  });
});
