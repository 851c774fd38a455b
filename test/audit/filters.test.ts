// Action names, marks, times and filters.
import { describe, expect, it } from 'vitest';
import { actionMatches, canonicalAction, collectAudit, markOf, parseAuditTime, parseQuery } from '../../src/audit/index.js';
import { sampleAuditText, SAMPLE_AUDIT } from '../../src/sim/audit/index.js';
import { SIM_MALICIOUS } from '../../src/sim/story.js';
import { parseTimeArg } from '../../src/util/time.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { put } from './helpers.js';

const tmp = useTmpDirs();

describe('action names', () => {
  it('treats . and - alike, ignores case and a trailing * or separator', () => {
    expect(canonicalAction(' Workflow-Job-Start ')).toBe('workflow.job.start');
    expect(actionMatches('workflow-job-start', 'workflow.job')).toBe(true);
    expect(actionMatches('context.secrets.accessed', 'context-secrets')).toBe(true);
    expect(actionMatches('checkout-key.create', 'checkout-key.*')).toBe(true);
    expect(actionMatches('context.env_var.delete', 'context.env')).toBe(true);
    expect(actionMatches('context.env_var.delete', 'context.secrets')).toBe(false);
    expect(actionMatches('anything', '')).toBe(true);
  });

  it('marks the events the incident guide calls out, in either spelling', () => {
    const marks = {
      'context.secrets.accessed': 'secrets', 'context-secrets-accessed': 'secrets',
      'context.env_var.store': 'context-var', 'context.env_var.delete': 'context-var',
      'project.env_var.create': 'project-var', 'project-env_var-delete': 'project-var',
      'project.settings.update': 'settings', 'checkout-key.create': 'checkout-key', 'checkout-key.delete-all': 'checkout-key',
      'config_source.update': 'config', 'workflow.job.start': 'job', 'workflow-job-finish': 'job', 'workflow.job.approve': 'job',
      'project.stop_building': 'stop', 'user.logged_in': 'login', 'workflow-job-context-request': 'secrets',
    };
    for (const [a, m] of Object.entries(marks)) expect([a, markOf(a)]).toEqual([a, m]);
    for (const a of ['context.create', 'user.logged_out', 'project.settings.updated', 'workflow.jobs', 'org.create']) expect(markOf(a)).toBeNull();
  });
});

describe('times', () => {
  it('reads ISO with nine fractional digits, zones, spreadsheet times and epochs; UTC when no zone', () => {
    expect(parseAuditTime('2017-12-21T13:50:54.474123456Z').iso).toBe('2017-12-21T13:50:54.474Z');
    expect(parseAuditTime('2024-11-02T09:15:44+0000').iso).toBe('2024-11-02T09:15:44.000Z');
    expect(parseAuditTime('2026-11-19T12:00:05+02:00').iso).toBe('2026-11-19T10:00:05.000Z');
    expect(parseAuditTime('2026-11-19 10:00:05').iso).toBe('2026-11-19T10:00:05.000Z');
    expect(parseAuditTime('2026-11-19 10:00:05 UTC').iso).toBe('2026-11-19T10:00:05.000Z');
    expect(parseAuditTime('2026-11-19').iso).toBe('2026-11-19T00:00:00.000Z');
    expect(parseAuditTime('1795082405').iso).toBe('2026-11-19T10:00:05.000Z');
    expect(parseAuditTime(1795082405123).iso).toBe('2026-11-19T10:00:05.123Z');
    expect(parseAuditTime('yesterday')).toEqual({ iso: null, bad: 'yesterday' });
    expect(parseAuditTime('')).toEqual({ iso: null });
  });
});

describe('filters over the sample log', () => {
  const read = async (filter: Parameters<typeof collectAudit>[1]) => collectAudit([put(tmp(), 'a.csv', sampleAuditText('csv'))], filter);

  it('by action prefix, actor and window', async () => {
    const r = await read({ filter: { actions: ['context-secrets'], actors: ['MALLORY-DEV'] } });
    expect(r.events.map((e) => e.payload?.context_name).sort()).toEqual([...SIM_MALICIOUS.contexts].sort());
    const byId = await read({ filter: { actors: [r.events[0]!.actor!.id!] } });
    expect(byId.events.length).toBeGreaterThan(2);
    const w = await read({ filter: { since: '2026-11-19T09:00:00Z', until: '2026-11-19T09:40:00Z' } });
    expect(w.events.map((e) => e.action)).toEqual(['user.logged_in', 'project.settings.update', 'checkout-key.create', 'project.env_var.create']);
    expect(w.events.every((e) => e.request?.ip_address === SAMPLE_AUDIT.malloryIp)).toBe(true);
  });

  it('marked only, and marked without the job noise', async () => {
    const all = await read({});
    const marked = await read({ filter: { marked: true } });
    const high = await read({ filter: { marked: 'high' } });
    expect(marked.events.length).toBe(all.events.filter((e) => e.mark).length);
    expect(new Set(high.events.map((e) => e.mark))).toEqual(new Set(['settings', 'checkout-key', 'project-var', 'secrets']));
  });

  it('leaves events without a readable time out of a window, and says how many', async () => {
    const text = 'id,action,occurred_at\na,a.b,2026-11-19T10:00:00Z\nb,a.b,soon\nc,a.b,\n';
    const r = await collectAudit([put(tmp(), 't.csv', text)], { filter: { since: '2026-11-01' } });
    expect(r.events.map((e) => e.id)).toEqual(['a']);
    expect(r.stats.untimed).toBe(2);
  });

  it('parses the pane filter line', () => {
    const t = (s: string) => parseTimeArg(s, Date.parse('2026-11-20T00:00:00Z'));
    expect(parseQuery('action:context.secrets a:checkout-key by:mallory-dev since:2026-11-19 until:2h is:marked aws prod', t)).toEqual({
      filter: { actions: ['context.secrets', 'checkout-key'], actors: ['mallory-dev'], since: '2026-11-19T00:00:00.000Z', until: '2026-11-19T22:00:00.000Z', marked: true, text: 'aws prod' },
      error: null,
    });
    expect(parseQuery('since:whenever x', t).error).toMatch(/not a time/);
    expect(parseQuery('is:other http://x', t).filter).toEqual({ text: 'is:other http://x' });
  });
});
