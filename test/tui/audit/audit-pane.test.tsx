// The audit pane, alone and in its standalone shell (`sleuth audit FILE`).
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleAuditEvents, sampleAuditText } from '../../../src/sim/audit/index.js';
import { AuditApp } from '../../../src/tui/audit/AuditApp.js';
import { AuditPane } from '../../../src/tui/audit/AuditPane.js';
import { KEYS, press, tick, waitForFrame } from '../../helpers/ink.js';
import { useTmpDirs } from '../../helpers/tmp.js';
import { put } from '../../audit/helpers.js';
import { mountPane } from './pane-harness.js';

const tmp = useTmpDirs();
const mounted: { unmount(): void }[] = [];
afterEach(() => {
  for (const m of mounted.splice(0)) m.unmount();
});

function mountAudit(files: string[], extra: { initialQuery?: string; height?: number; limit?: number } = {}) {
  const m = mountPane('audit', (cb) => <AuditPane files={files} width={100} height={extra.height ?? 16} {...cb} {...extra} />);
  mounted.push(m);
  return m;
}

const TOTAL = sampleAuditEvents().length;

describe('AuditPane', () => {
  it('lists the events oldest first with their marks, and says what it read', async () => {
    const f = put(tmp(), 'audit.csv', sampleAuditText('csv'));
    const m = mountAudit([f]);
    const frame = await waitForFrame(m.lastFrame, (x) => x.includes(`${TOTAL} of ${TOTAL} events`), 'loaded');
    const lines = frame.split('\n');
    expect(lines.length).toBeLessThanOrEqual(16);
    expect(lines[0]).toContain('Audit log · ');
    expect(lines[1]).toMatch(/TIME\s+MARK\s+ACTION\s+ACTOR/);
    expect(lines[2]).toMatch(/^2026-11-15 \d\d:\d\d:\d\dZ/);
    expect(m.status.at(-1)).toEqual({ msg: expect.stringContaining('1 duplicate (same id) dropped'), tone: 'ok' });
  });

  it('m keeps only marked events; / filters by action, actor and words; Esc clears step by step', async () => {
    const f = put(tmp(), 'audit.csv', sampleAuditText('csv'));
    const m = mountAudit([f]);
    await waitForFrame(m.lastFrame, (x) => x.includes(`of ${TOTAL} events`), 'loaded');
    await m.send('cursor.bottom', 'audit.marked');
    await waitForFrame(m.lastFrame, (x) => x.includes('marked only'), 'marked only');

    await m.send('filter');
    expect(m.inputOpen).toEqual([true]);
    await m.type('action:context.secrets by:mallory-dev');
    await m.enter();
    const f2 = await waitForFrame(m.lastFrame, (x) => x.includes(`2 of ${TOTAL} events`), 'two events');
    expect(f2).toContain('filter: action:context.secrets by:mallory-dev · marked only');
    expect(f2.match(/context\.secrets\.accessed/g)).toHaveLength(2);
    expect(m.inputOpen).toEqual([true, false]);

    await m.send('back');
    await waitForFrame(m.lastFrame, (x) => x.includes(`${TOTAL} of ${TOTAL} events`), 'filter and marked cleared');
    await m.send('back');
    expect(m.backs()).toBe(1);
  });

  it('shows a bad filter time on the bottom line instead of failing', async () => {
    const m = mountAudit([put(tmp(), 'audit.csv', sampleAuditText('csv'))], { initialQuery: 'since:someday' });
    await waitForFrame(m.lastFrame, (x) => x.includes('filter: not a time'), 'time error');
  });

  it('Enter shows one event in full, payload pretty-printed; Esc goes back to the list', async () => {
    const m = mountAudit([put(tmp(), 'audit.csv', sampleAuditText('csv'))], { initialQuery: 'action:context.secrets actor:mallory-dev', height: 30 });
    await waitForFrame(m.lastFrame, (x) => x.includes(`2 of ${TOTAL} events`), 'filtered');
    await m.send('open');
    const f = await waitForFrame(m.lastFrame, (x) => x.includes('payload:'), 'detail');
    expect(f).toContain('context.secrets.accessed · 2026-11-19 10:00:52Z');
    expect(f).toMatch(/actor\s+mallory-dev \(user\) id /);
    expect(f).toContain('  "environment_variable_titles": ');
    expect(f).toContain('  "job_id": ');
    expect(f).toMatch(/request\s+id .* · ip 198\.51\.100\.66/);
    await m.send('back');
    await waitForFrame(m.lastFrame, (x) => x.includes(`2 of ${TOTAL} events`), 'list again');
    expect(m.backs()).toBe(0);
  });

  it('never lets an event drive the terminal, in the list or in full', async () => {
    const evil = '\x1b]8;;https://evil.example\x07link\x1b]8;;\x07 \x1b[2J\x1b[H\u202eeve';
    const text = `id,action,actor,payload,occurred_at\ne1,user.logged_in,"${JSON.stringify({ name: evil }).replace(/"/g, '""')}","${JSON.stringify({ note: evil, big: 'x'.repeat(20_000) }).replace(/"/g, '""')}",2026-11-19T10:00:00Z\n`;
    const m = mountAudit([put(tmp(), 'evil.csv', text)], { height: 40 });
    const list = await waitForFrame(m.lastFrame, (x) => x.includes('1 of 1 events'), 'loaded');
    await m.send('open');
    const detail = await waitForFrame(m.lastFrame, (x) => x.includes('payload:'), 'detail');
    for (const f of [list, detail]) expect(f).not.toMatch(/\x1b\]|\x1b\[2J|\x1b\[H|\u202e/);
    expect(list).toContain('^[]8;;https:/');
    expect(detail).toContain('^[]8;;https://evil.example^Glink^[]8;;^G ^[[2J^[[H<U+202E>eve');
    // A 20,000-character value is cut at 4,000 columns (wrapped to the width), and says so.
    await m.send('cursor.bottom');
    await waitForFrame(m.lastFrame, (x) => /… \[\+\d+ chars\]/.test(x.replace(/\n/g, '')), 'the cut long value');
  });

  it('says how to get an audit log when none is loaded, and shows read errors', async () => {
    const none = mountAudit([]);
    await waitForFrame(none.lastFrame, (x) => x.includes('no audit log loaded: start with --audit FILE'), 'hint');
    const bad = mountAudit([put(tmp(), 'x.csv', 'name,value\n1,2\n')]);
    await waitForFrame(bad.lastFrame, (x) => x.includes('could not read it:') && x.includes('not an audit-log CSV'), 'error');
    expect(bad.status.at(-1)?.tone).toBe('error');
  });

  it('stops at its event limit and says so', async () => {
    const m = mountAudit([put(tmp(), 'audit.csv', sampleAuditText('csv'))], { limit: 100 });
    await waitForFrame(m.lastFrame, (x) => x.includes('100 of 100 events (stopped reading at the limit)'), 'limited');
    expect(m.status.at(-1)).toEqual({ msg: expect.stringContaining('stopped at 100 events'), tone: 'warn' });
  });
});

describe('AuditApp (sleuth audit FILE on a terminal)', () => {
  it('fits 80x24 and takes real keys: m, /, typing, Enter, Esc, q', async () => {
    const f = put(tmp(), 'audit.csv', sampleAuditText('csv'));
    const r = render(<AuditApp files={[f]} size={{ columns: 80, rows: 24 }} />);
    mounted.push(r);
    const first = await waitForFrame(r.lastFrame, (x) => x.includes(`${TOTAL} of ${TOTAL} events`), 'loaded');
    expect(first.split('\n').length).toBeLessThanOrEqual(23);
    expect(first).toMatch(/Enter show · \/ filter · m marked/);
    await press(r.stdin, 'm');
    await waitForFrame(r.lastFrame, (x) => x.includes('marked only'), 'marked');
    await press(r.stdin, '/');
    // One key at a time, each shown before the next (as a person types).
    let typed = '';
    for (const ch of 'by:mallory-dev project') {
      typed += ch;
      r.stdin.write(ch);
      await waitForFrame(r.lastFrame, (x) => x.includes(`/${typed.trimEnd()}`), `prompt showing ${typed}`);
      await tick(25);
    }
    await press(r.stdin, KEYS.enter);
    await waitForFrame(r.lastFrame, (x) => /filter: by:mallory-dev project · marked only · [1-9]/.test(x), 'filtered');
    await press(r.stdin, KEYS.enter);
    await waitForFrame(r.lastFrame, (x) => x.includes('payload:'), 'detail');
    await press(r.stdin, KEYS.esc);
    await waitForFrame(r.lastFrame, (x) => x.includes('filter: by:mallory-dev'), 'list');
    await press(r.stdin, '?');
    await waitForFrame(r.lastFrame, (x) => x.includes('Keys (audit)') && x.includes('marked events only'), 'help');
    await press(r.stdin, KEYS.esc);
    await waitForFrame(r.lastFrame, (x) => !x.includes('Keys (audit)'), 'help closed');
  });
});
