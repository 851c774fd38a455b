// Names cut and wrapped where a reader expects it: never `NPM_` on one row and `TOKEN` on the next, a cut name ends
// at a boundary with an ellipsis, and the breadcrumb keeps where the user is whole.
import { describe, expect, it } from 'vitest';
import { jobLines } from '../../src/tui/exposure/columns.js';
import { textRows } from '../../src/tui/components/DetailView.js';
import { breadcrumb } from '../../src/tui/components/Header.js';
import { cutName, fitCrumbs, fitName, wrapWords } from '../../src/tui/text-fit.js';
import { visibleWidth } from '../../src/text/sanitize.js';
import type { JobExposure } from '../../src/exposure/index.js';
import type { Level } from '../../src/tui/state/nav.js';

const NAMES = ['NPM_TOKEN', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'SLACK_WEBHOOK_URL', 'GITHUB_TOKEN'];

/** Names broken across two rows: the end of one row and the start of the next spell the name. */
const splitNames = (rows: string[]) =>
  NAMES.filter((n) => rows.some((r, i) => i + 1 < rows.length && [...n].some((_, k) => k > 0 && r.trimEnd().endsWith(n.slice(0, k)) && rows[i + 1]!.trimStart().startsWith(n.slice(k)))));

/** The wrap this replaced: a row broken at whatever character reaches the width. */
const charWrap = (line: string, w: number) => line.match(new RegExp(`.{1,${w}}`, 'g')) ?? [];

const job = {
  id: 'j1', number: 5015, name: 'test', pipeline_number: 896, actor: 'mallory-dev', branch: 'feature/coverage-upload', status: 'success',
  workflow: { id: 'w', name: 'build-test' }, started_at: '2026-11-19T10:00:54Z', stopped_at: '2026-11-19T10:03:04Z', details: true,
  contexts: ['aws-prod', 'npm-publish'],
  secrets: NAMES.map((name) => ({ name, kind: 'context', context: 'npm-publish', shadowed_by: 'npm-publish-and-more-context' })),
  accesses: [{ context: 'npm-publish', at: '2026-11-19T10:00:52.000Z', variables: NAMES, match: 'job_id', ambiguous: 0, event_id: null, actor: null, ip: '198.51.100.66' }],
} as unknown as JobExposure;

describe('wrapping the exposure detail', () => {
  it('(check) the old character wrap splits a name at some width, so the test below can see it', () => {
    const widths = Array.from({ length: 40 }, (_, i) => 30 + i);
    expect(widths.some((w) => splitNames(jobLines(job).flatMap((l) => charWrap(l, w))).length > 0)).toBe(true);
  });

  it('keeps every secret name whole on one row at every width from 30 to 120, within the width', () => {
    for (let w = 30; w <= 120; w++) {
      const rows = textRows(jobLines(job), w);
      expect(splitNames(rows), `width ${w}`).toEqual([]);
      for (const r of rows) expect(visibleWidth(r), `width ${w}: ${r}`).toBeLessThanOrEqual(w);
    }
  });

  it('hangs a continued row under its line, and breaks a word wider than a row at a separator inside it', () => {
    expect(wrapWords('  NPM_TOKEN context npm-publish (shadowed by context aws-prod)', 30)).toEqual([
      '  NPM_TOKEN context',
      '    npm-publish (shadowed by',
      '    context aws-prod)',
    ]);
    expect(wrapWords('VERY_LONG_SECRET_NAME_THAT_DOES_NOT_FIT', 16)).toEqual(['VERY_LONG_', '  SECRET_NAME_', '  THAT_DOES_NOT_', '  FIT']);
    expect(wrapWords('x'.repeat(25), 10)).toEqual(['x'.repeat(10), `  ${'x'.repeat(8)}`, `  ${'x'.repeat(7)}`]);
  });
});

describe('cutting a name', () => {
  it('cuts at a word or separator boundary with an ellipsis, or at a character when a boundary loses too much', () => {
    expect(cutName('NPM_TOKEN_PRODUCTION', 14)).toBe('NPM_TOKEN_…');
    expect(cutName('feature/coverage-upload', 18)).toBe('feature/coverage-…');
    expect(cutName('chore(deps): bump undici to 7.30.2', 20)).toBe('chore(deps): bump…');
    expect(cutName('supercalifragilistic_x', 12)).toBe('supercalifr…');
    expect(cutName('NPM_TOKEN', 9)).toBe('NPM_TOKEN');
    expect(fitName('NPM_TOKEN_PRODUCTION', 14)).toBe('NPM_TOKEN_…   ');
  });

  it('makes hostile text one visible line first, and counts wide characters as two columns', () => {
    const c = cutName('evil\x1b]0;title\x07_NAME\nnext', 12);
    expect(c).not.toMatch(/[\x00-\x1f]/);
    expect(visibleWidth(c)).toBeLessThanOrEqual(12);
    const wide = cutName('部署_本番_環境_トークン', 9);
    expect(visibleWidth(wide)).toBeLessThanOrEqual(9);
    expect(wide.endsWith('…')).toBe(true);
  });
});

describe('the breadcrumb', () => {
  const pipeline = { id: 'p', number: 896 } as never;
  const workflow = { id: 'w', name: 'build-test-and-deploy-to-production-eu-west-1' } as never;
  const jobOf = { job_number: 5015, name: 'integration-tests-against-the-staging-cluster' } as never;
  const step = { step: 104, name: 'Upload coverage report to the shared bucket', nodes: 4 } as never;
  const level: Level = { kind: 'log', pipeline, workflow, job: jobOf, step, node: 2 };

  it('(check) the parts do not fit 80 columns whole, so something must be cut', () => {
    expect(breadcrumb('gh/acme/payments', level).join(' › ').length).toBeGreaterThan(80);
  });

  it('keeps the last part, with its node, whole: middle parts are cut at boundaries, then left out, then the project', () => {
    const parts = breadcrumb('gh/acme/payments', level);
    expect(parts.at(-1)).toBe('Upload coverage report to the shared bucket · node index 2 of 4');
    expect(fitCrumbs(parts, 120)).toBe('gh/acme/payments › 896 › build-test-… › integration… › Upload coverage report to the shared bucket · node index 2 of 4');
    expect(fitCrumbs(parts, 90)).toBe('gh/acme/payments › … › Upload coverage report to the shared bucket · node index 2 of 4');
    // 80 columns less the ` live ` badge: the last part still whole.
    expect(fitCrumbs(parts, 73)).toBe('… › Upload coverage report to the shared bucket · node index 2 of 4');
    // Only when nothing else is left is the last part cut, at a boundary.
    expect(fitCrumbs(parts, 40)).toBe('… › Upload coverage report to the…');
  });

  it('fits every width from 20 to 200; a short breadcrumb is left as it is', () => {
    const parts = breadcrumb('gh/acme/payments', level);
    for (let w = 20; w <= 200; w++) expect(visibleWidth(fitCrumbs(parts, w)), `width ${w}`).toBeLessThanOrEqual(w);
    expect(fitCrumbs(['gh/acme/payments', '896'], 80)).toBe('gh/acme/payments › 896');
  });
});
