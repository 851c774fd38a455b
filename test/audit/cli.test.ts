// `sleuth audit`: table and JSON output, filters, marked events, hostile cells, exit codes.
import { describe, expect, it } from 'vitest';
import { sampleAuditEvents, sampleAuditText, SAMPLE_AUDIT } from '../../src/sim/audit/index.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { sleuth } from './cli-harness.js';
import { put } from './helpers.js';

const tmp = useTmpDirs();

describe('sleuth audit', () => {
  it('prints a table of the matching events, marked ones labelled, and a summary on stderr', async () => {
    const f = put(tmp(), 'a.csv', sampleAuditText('csv'));
    const r = await sleuth(['audit', f, '--actor', 'mallory-dev', '--marked', '--until', '2026-11-19T12:00Z']);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^TIME\s+MARK\s+ACTION\s+ACTOR\s+TARGET\s+OK\s+DETAILS$/);
    const rows = lines.slice(1).map((l) => l.split(/\s+/).slice(2, 4));
    expect(rows.filter((x) => x[0] === 'job').length).toBe(6);
    expect(rows.filter((x) => x[0] !== 'job')).toEqual([
      ['login', 'user.logged_in'], ['settings', 'project.settings.update'], ['key', 'checkout-key.create'], ['proj-var', 'project.env_var.create'],
      ['secrets', 'context.secrets.accessed'], ['secrets', 'context.secrets.accessed'],
    ]);
    expect(r.out).toContain(`ip=${SAMPLE_AUDIT.malloryIp}`);
    expect(r.out).toMatch(/context=aws-prod vars=AWS_ACCESS_KEY_ID,AWS_SECRET_ACCESS_KEY/);
    expect(r.out).not.toContain('\x1b');
    expect(r.err).toBe(`sleuth: read ${sampleAuditEvents().length + 1} rows from 1 file · 12 events matched\n`);
  });

  it('colours marked events on a colour terminal (table mode forced with --no-tui)', async () => {
    const f = put(tmp(), 'a.csv', sampleAuditText('csv'));
    const r = await sleuth(['audit', f, '--action', 'context.secrets', '--no-tui'], { FORCE_COLOR: '1' }, { tty: true });
    expect(r.out).toContain('\x1b[31m');
    expect(r.out.split('\n').filter((l) => l.includes('context.secrets.accessed')).length).toBe(4);
  });

  it('streams JSON with --json, and an empty array when nothing matches', async () => {
    const f = put(tmp(), 'a.jsonl', sampleAuditText('jsonl'));
    const r = await sleuth(['audit', f, '--action', 'project-env_var', '--json']);
    const events = JSON.parse(r.out);
    expect(events.map((e: { action: string; mark: string }) => [e.action, e.mark])).toEqual([['project.env_var.create', 'project-var'], ['project.env_var.delete', 'project-var']]);
    expect(events[0].source).toEqual({ file: f, line: expect.any(Number) });
    const none = await sleuth(['audit', f, '--action', 'nothing.like.this', '--json']);
    expect(none.out).toBe('[]\n');
    const t = await sleuth(['audit', f, '--action', 'nothing.like.this']);
    expect(t.out).toBe('no audit events match\n');
  });

  it('sorts by time with --sort', async () => {
    const dir = tmp();
    const events = sampleAuditEvents();
    const reversed = [...events].reverse().map((e) => JSON.stringify(e)).join('\n');
    const r = await sleuth(['audit', put(dir, 'r.jsonl', reversed), '--sort', '--json']);
    const times = JSON.parse(r.out).map((e: { occurred_at: string }) => e.occurred_at);
    expect(times).toEqual([...times].sort());
  });

  it('never lets a cell drive the terminal', async () => {
    const evil = '\x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J\x1b[31mroot\u202eoops\r\nmore';
    const row = ['e1', 'user.logged_in', JSON.stringify({ id: 'u', type: 'user', name: evil }), '{}', JSON.stringify({ note: evil }), '2026-11-19T10:00:00Z'];
    const text = `id,action,actor,target,payload,occurred_at\n${row.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')}\n`;
    const f = put(tmp(), 'evil.csv', text);
    for (const tty of [false, true]) {
      const r = await sleuth(['audit', f, '--no-tui'], { FORCE_COLOR: tty ? '1' : '0' }, { tty });
      expect(r.code).toBe(0);
      expect(r.out).not.toMatch(/\x1b\]|\x1b\[2J|\u202e|\r/);
      // Controls are shown, not obeyed (the terminal's 100 columns cut the row on the tty run).
      if (!tty) expect(r.out).toContain('note=^[]52;c;cm0gLXJmIH4=^G^[[2Jroot<U+202E>oops⏎more');
    }
  });

  it('exit codes: 1 for an unreadable file (one line, with the line number), 2 for bad flags', async () => {
    const dir = tmp();
    const bad = await sleuth(['audit', put(dir, 'x.csv', 'name,value\n1,2\n')]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^sleuth: .*x\.csv:1: not an audit-log CSV/);
    expect(bad.err.trim().split('\n')).toHaveLength(1);
    const missing = await sleuth(['audit', `${dir}/nope.csv`]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/nope\.csv: no such file/);
    const time = await sleuth(['audit', put(dir, 'a.csv', sampleAuditText('csv')), '--since', 'last tuesday']);
    expect(time.code).toBe(2);
    const order = await sleuth(['audit', `${dir}/a.csv`, '--since', '2026-11-20', '--until', '2026-11-19']);
    expect(order.code).toBe(2);
    expect(order.err).toContain('--until is before --since');
    const tui = await sleuth(['audit', `${dir}/a.csv`, '--tui']);
    expect(tui.code).toBe(2);
    expect(tui.err).toContain('needs an interactive terminal');
  });

  it('shows skipped rows in the summary instead of failing', async () => {
    const text = `${sampleAuditText('csv')}oops,"never closed\n`;
    const r = await sleuth(['audit', put(tmp(), 'a.csv', text), '--json']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/1 row skipped: a quoted cell that is never closed ×1 \(first at .*a\.csv:\d+\)/);
  });
});
