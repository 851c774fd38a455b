// The rotation checklist (md, csv) and `sleuth exposure` end to end against the simulator.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { checklistCsv, checklistMarkdown, csvSafe, defuseFormula, type ExposureReport } from '../../src/exposure/index.js';
import { writeSampleAudit } from '../../src/sim/audit/index.js';
import { SIM_LEAKS, SIM_PROJECT } from '../../src/sim/index.js';
import { TEST_TOKEN, useSim } from '../helpers/sim.js';
import { useTmpDirs } from '../helpers/tmp.js';
import { sleuth } from '../audit/cli-harness.js';

const sim = useSim();
const tmp = useTmpDirs();
const WINDOW = ['--since', '2026-11-19T09:00Z', '--until', '2026-11-19T17:00Z'];

async function exposure(args: string[], opts: { tty?: boolean; env?: NodeJS.ProcessEnv } = {}) {
  return sleuth(['exposure', '--project', SIM_PROJECT, ...args], { CIRCLE_TOKEN: TEST_TOKEN, CIRCLE_HOST: sim().apiUrl, SLEUTH_CACHE_DIR: tmp(), ...opts.env }, opts);
}

describe('sleuth exposure', () => {
  it('prints jobs with contexts, folds the rest, and lists secrets most exposed first', async () => {
    const audit = await writeSampleAudit(`${tmp()}/audit.csv`);
    const r = await exposure([...WINDOW, '--audit', audit]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Exposure of gh/acme/payments · 2026-11-19 09:00Z → 2026-11-19 17:00Z');
    expect(r.out).toContain('4 pipelines · 51 jobs ran · 5 project env vars · contexts used: aws-prod, npm-publish');
    expect(r.out).toContain('Audit log: 2 context reads · 2 joined by job id · 0 by time · 0 unexplained');
    expect(r.out).toMatch(/#5015 test · pipeline 896 feature\/coverage-upload by mallory-dev · success\n\s+contexts: aws-prod, npm-publish\n\s+could read AWS_ACCESS_KEY_ID \(project, shadowed by context aws-prod\)/);
    expect(r.out).toMatch(/audit: aws-prod read at 2026-11-19 10:00:52Z \(by job id\) from 198\.51\.100\.66/);
    expect(r.out).toContain('50 other jobs could read only the 5 project env vars (notable first): #5016 lint, #5013 build, ');
    expect(r.out).toMatch(/SECRET\s+WHERE\s+LAST4\s+CREATED\s+JOBS\s+READ\s+JOBS \(NOTABLE FIRST\)/);
    expect(r.out).toMatch(/NPM_TOKEN\s+context npm-publish\s+-\s+2024-01-15 08:31Z\s+1\s+1\s+#5015/);
    expect(r.out).not.toContain('\x1b');
    expect(r.err).toBe('');
  });

  it('writes the markdown checklist', async () => {
    const audit = await writeSampleAudit(`${tmp()}/audit.csv`);
    const r = await exposure([...WINDOW, '--audit', audit, '--checklist', 'md']);
    expect(r.code).toBe(0);
    const items = r.out.split('\n').filter((l) => l.startsWith('- [ ] '));
    expect(items).toHaveLength(8);
    expect(items[0]).toMatch(new RegExp(`^- \\[ \\] \`AWS_ACCESS_KEY_ID\` · project env var · last 4 \`${SIM_LEAKS.awsAccessKeyId.slice(-4)}\` · created 2024-11-02 09:15Z · 51 jobs could read it: #\\d+ `));
    expect(items[0]).toContain('; and 39 more');
    // Notable jobs first: the audit-confirmed reader, then the rest of the feature branch's pipeline.
    expect(items[0]).toMatch(/could read it: #5015 test \(pipeline 896, mallory-dev, feature\/coverage-upload\); #5016 lint \(pipeline 896, mallory-dev, feature\/coverage-upload\); #5013 build/);
    expect(items.at(-1)).toBe('- [ ] `NPM_TOKEN` · context `npm-publish` · last 4 unknown · created 2024-01-15 08:31Z · updated 2025-06-14 08:02Z · 1 job could read it, 1 confirmed by the audit log: #5015 test (pipeline 896, mallory-dev, feature/coverage-upload) **read (audit log)**');
    expect(r.out).toMatch(/^# Secret rotation checklist: gh\/acme\/payments\n/);
  });

  it('writes the CSV checklist, readable by a CSV parser, in the same order', async () => {
    const r = await exposure([...WINDOW, '--checklist', 'csv']);
    const rows = parse(r.out, { columns: true }) as Record<string, string>[];
    expect(rows.map((x) => [x.secret, x.where, x.context, x.jobs])).toEqual([
      ['AWS_ACCESS_KEY_ID', 'project', '', '51'], ['AWS_SECRET_ACCESS_KEY', 'project', '', '51'], ['GITHUB_TOKEN', 'project', '', '51'], ['NPM_TOKEN', 'project', '', '51'], ['SLACK_WEBHOOK', 'project', '', '51'],
      ['AWS_ACCESS_KEY_ID', 'context', 'aws-prod', '1'], ['AWS_SECRET_ACCESS_KEY', 'context', 'aws-prod', '1'], ['NPM_TOKEN', 'context', 'npm-publish', '1'],
    ]);
    expect(rows[0]!.job_numbers!.split(' ')).toHaveLength(51);
    expect(rows[7]).toMatchObject({ job_numbers: '5015', actors: 'mallory-dev', read_per_audit_log: '0', created_at: '2024-01-15T08:31:40.002Z' });
  });

  it('prints the whole report with --json, and takes --job', async () => {
    const r = await exposure(['--job', '5015', '--json']);
    const report = JSON.parse(r.out) as ExposureReport;
    expect(report.scope).toEqual({ kind: 'jobs', numbers: [5015] });
    expect(report.jobs.map((j) => j.number)).toEqual([5015]);
    expect(report.window).toEqual({ since: null, until: null });
  });

  it('rejects bad flags with exit 2', async () => {
    expect((await exposure(['--checklist', 'xml'])).code).toBe(2);
    const both = await exposure(['--checklist', 'md', '--json']);
    expect(both.code).toBe(2);
    expect(both.err).toContain('pick one');
    expect((await exposure(['--job', 'five'])).code).toBe(2);
    expect((await exposure(['--since', '2026-11-20', '--until', '2026-11-19'])).code).toBe(2);
    const missing = await sleuth(['exposure', '--project', 'gh/acme/nope', ...WINDOW], { CIRCLE_TOKEN: TEST_TOKEN, CIRCLE_HOST: sim().apiUrl, SLEUTH_CACHE_DIR: tmp() });
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^sleuth: project gh\/acme\/nope not found/);
  });
});

describe('checklist escaping', () => {
  const hostile = '=HYPERLINK("http://evil.example")|*bold*`tick`<script>\x1b[2J';
  const report: ExposureReport = {
    project: { slug: 'gh/acme/payments', organization: { id: null, slug: null, name: null } },
    window: { since: '2026-11-19T00:00:00.000Z', until: null },
    scope: { kind: 'window' },
    generated_at: '2026-11-21T00:00:00.000Z',
    pipelines: 1,
    jobs: [],
    secrets: [{ kind: 'context', context: hostile, context_id: null, name: 'TOKEN', last4: '-abc', created_at: null, updated_at: null, job_count: 1, accessed_count: 0, jobs: [{ number: 1, name: hostile, pipeline_number: 2, actor: '@eve', branch: '+x', accessed: false }] }],
    contexts: [],
    audit: null,
    warnings: [],
  };

  it('markdown: no live markup, no escape sequences', () => {
    const md = checklistMarkdown(report);
    expect(md).not.toContain('\x1b');
    // Outside code spans markup is escaped (the job name); inside them CommonMark shows text literally (the context).
    expect(md).toContain('#1 =HYPERLINK("http://evil.example")\\|\\*bold\\*\\`tick\\`&lt;script&gt;^\\[\\[2J (pipeline 2, @eve, +x)');
    expect(md).toContain('context `` =HYPERLINK("http://evil.example")|*bold*`tick`<script>^[[2J ``');
  });

  it('csv: cells that a spreadsheet would run as formulas are defused', () => {
    const rows = parse(checklistCsv(report), { columns: true }) as Record<string, string>[];
    expect(rows[0]).toMatchObject({ context: `'${hostile.replace('\x1b', '^[')}`, last4: "'-abc", actors: "'@eve" });
    expect(csvSafe('+1')).toBe("'+1");
    expect(csvSafe('a,b')).toBe('"a,b"');
    expect(csvSafe(null)).toBe('');
  });

  it('every start character a spreadsheet runs is prefixed, blanks before it too, and nothing else', () => {
    for (const c of ['=', '+', '-', '@', '\t', '\r', '\uff1d']) {
      expect(defuseFormula(`${c}1+1`)).toBe(`'${c}1+1`);
      expect(defuseFormula(`   ${c}1+1`)).toBe(`'   ${c}1+1`);
    }
    expect(defuseFormula('\u00a0\u3000=1')).toBe("'\u00a0\u3000=1");
    for (const ok of ['', 'AWS_KEY', 'a=b', '1-2', 'mail@x', ' x', "'=already"]) expect(defuseFormula(ok)).toBe(ok);
    // Through csvSafe: the cell is sanitized first (a tab is spaces by then, a CR is shown as ^M), then defused.
    expect(['=1', '+1', '-1', '@SUM(A1)', '\t=1', '  =1', ' \u00a0-2'].map((c) => csvSafe(c))).toEqual(["'=1", "'+1", "'-1", "'@SUM(A1)", "'        =1", "'  =1", "' \u00a0-2"]);
    expect(csvSafe('\r=1')).toBe('^M=1');
  });

  it('defuses what is dangerous only once sanitized, and quotes after defusing', () => {
    // The colour code is dropped by the sanitizer: what is left starts with '='.
    expect(csvSafe('\x1b[31m=HYPERLINK("http://evil.example","x")')).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csvSafe('\x1b[1m\x1b[0m  +cmd|calc')).toBe("'  +cmd|calc");
    // Invisible characters are shown, not removed, so they cannot hide a formula either.
    expect(csvSafe('\u200b=1+1')).toBe('<U+200B>=1+1');
    expect(csvSafe('a\n=1')).toBe('a⏎=1');
    const parsed = parse(['x', csvSafe('\x1b[31m=1,2'), csvSafe('\u202e@x')].join(',')) as string[][];
    for (const v of parsed[0]!) expect(v).not.toMatch(/^\s*[=+\-@\t\r]/);
  });

  it('a count the writer produces stays a number, negative or not', () => {
    expect([csvSafe(-3), csvSafe(0), csvSafe(51), csvSafe(-1.5), csvSafe(true)]).toEqual(['-3', '0', '51', '-1.5', 'true']);
    expect(csvSafe(Number.NEGATIVE_INFINITY)).toBe("'-Infinity");
    const rows = parse(checklistCsv({ ...report, secrets: [{ ...report.secrets[0]!, job_count: -2, accessed_count: 0 }] }), { columns: true }) as Record<string, string>[];
    expect(rows[0]).toMatchObject({ jobs: '-2', read_per_audit_log: '0' });
  });
});
