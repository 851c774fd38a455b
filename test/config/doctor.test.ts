import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectDoctorReport, formatDoctorReport } from '../../src/config/doctor.js';
import type { DoctorReport } from '../../src/config/doctor.js';
import { openSettings } from '../../src/config/settings.js';
import { tempDir, writeCliYml, writeFile } from './helpers.js';

const TOKEN = 'CCIPAT_Xy7Qm2Lp9RsT4uVw_9f8e7d6c5b4a39281706f5e4d3c2b1a0feed';
const terminal = { columns: 120, rows: 40, isTTY: true };

/** A cwd that is certainly not inside a git repository (a `.git` file without gitdir stops the walk). */
function isolatedCwd(): string {
  const dir = tempDir();
  writeFile(path.join(dir, '.git'), 'not a repository\n');
  return dir;
}

function item(report: DoctorReport, key: string) {
  return report.items.find((i) => i.key === key);
}

function assertNoFullToken(text: string, token: string): void {
  expect(text).not.toContain(token);
  expect(text).not.toContain(Buffer.from(token).toString('base64'));
  expect(text).not.toContain(Buffer.from(`${token}:`).toString('base64')); // HTTP Basic form
  expect(text).not.toContain(token.slice(0, -4)); // nothing beyond the last 4
}

describe('collectDoctorReport', () => {
  it('reports each setting with its source and masks the token', () => {
    const home = tempDir();
    const settingsDir = tempDir();
    const report = collectDoctorReport({
      env: { CIRCLE_TOKEN: TOKEN, CIRCLE_HOST: 'https://circleci.example.com/', TERM: 'xterm-256color' },
      home,
      cwd: isolatedCwd(),
      settingsDir,
      flagProject: 'github/acme/payments',
      flagCacheDir: '/tmp/sleuth-cache',
      terminal,
    });

    expect(item(report, 'token')).toMatchObject({ value: '…feed', source: 'env CIRCLE_TOKEN' });
    expect(item(report, 'host')).toMatchObject({ value: 'https://circleci.example.com', source: 'env CIRCLE_HOST' });
    expect(item(report, 'project')).toMatchObject({ value: 'gh/acme/payments', source: '--project flag' });
    expect(item(report, 'cacheDir')).toMatchObject({ value: '/tmp/sleuth-cache', source: '--cache-dir flag' });
    expect(item(report, 'settingsFile')).toMatchObject({ value: path.join(settingsDir, 'config.json'), source: 'parameter' });
    expect(item(report, 'TERM')).toMatchObject({ value: '"xterm-256color"', source: 'env' });
    expect(item(report, 'NO_COLOR')).toMatchObject({ value: '(unset)', source: 'unset' });
    expect(item(report, 'terminal')).toMatchObject({ value: '120×40', source: 'tty' });
    expect(report.warnings).toEqual([]);
    assertNoFullToken(JSON.stringify(report), TOKEN);
  });

  it('falls back to defaults, the last-used project and a ~-relative display', () => {
    const home = tempDir();
    const settingsDir = path.join(home, 'conf');
    openSettings({ dir: settingsDir, env: {} }).set('lastProject', 'bb/org/repo');
    const report = collectDoctorReport({ env: {}, home, cwd: isolatedCwd(), settingsDir, terminal });
    expect(item(report, 'token')).toMatchObject({ value: '(not set)' });
    expect(item(report, 'host')).toMatchObject({ value: 'https://circleci.com', source: 'default' });
    expect(item(report, 'project')).toMatchObject({ value: 'bb/org/repo', source: 'last used (settings)' });
    expect(item(report, 'cacheDir')).toMatchObject({ value: '~/.cache/circle-sleuth', source: 'default' });
    expect(item(report, 'settingsFile')).toMatchObject({ value: '~/conf/config.json' });
  });

  it('warns about disabled TLS checks, CI, loose cli.yml permissions, dumb terminals and small windows', () => {
    const home = tempDir();
    writeCliYml(home, `token: ${TOKEN}\n`, 0o644);
    const report = collectDoctorReport({
      env: { NODE_TLS_REJECT_UNAUTHORIZED: '0', CI: 'true', TERM: 'dumb' },
      home,
      cwd: isolatedCwd(),
      settingsDir: tempDir(),
      terminal: { columns: 60, rows: 20, isTTY: true },
    });
    expect(item(report, 'token')).toMatchObject({ value: '…feed', source: '~/.circleci/cli.yml' });
    expect(report.warnings).toEqual([
      '~/.circleci/cli.yml is readable by others (mode 0644); chmod 600 it',
      'NODE_TLS_REJECT_UNAUTHORIZED=0 is set: the token will not be sent',
      expect.stringMatching(/^CI is set and this is not a terminal/),
      expect.stringMatching(/^TERM=dumb/),
      'terminal is 60×20; the TUI needs at least 80×24',
    ]);
    assertNoFullToken(formatDoctorReport(report), TOKEN);
  });

  it('treats CI as set even when empty (as Ink does), but not CI=false or CI=0', () => {
    const base = { home: tempDir(), cwd: isolatedCwd(), settingsDir: tempDir(), terminal };
    const ciWarnings = (env: Record<string, string>) =>
      collectDoctorReport({ ...base, env }).warnings.filter((w) => w.startsWith('CI is set'));
    expect(ciWarnings({ CI: '' })).toHaveLength(1);
    expect(ciWarnings({ CONTINUOUS_INTEGRATION: '1' })).toHaveLength(1);
    expect(ciWarnings({ CI: 'false' })).toHaveLength(0);
    expect(ciWarnings({ CI: '0' })).toHaveLength(0);
  });

  it('reports loose cli.yml permissions even when the token comes from the environment', () => {
    const home = tempDir();
    writeCliYml(home, 'token: other-token-value\n', 0o640);
    const report = collectDoctorReport({ env: { CIRCLE_TOKEN: TOKEN }, home, cwd: isolatedCwd(), settingsDir: tempDir(), terminal });
    expect(report.warnings).toEqual(['~/.circleci/cli.yml is readable by others (mode 0640); chmod 600 it']);
  });

  it('does not throw on invalid host or project; reports them as warnings', () => {
    const report = collectDoctorReport({
      env: { CIRCLE_HOST: 'http://evil.example' },
      flagProject: 'not-a-slug',
      home: tempDir(),
      cwd: isolatedCwd(),
      settingsDir: tempDir(),
      terminal,
    });
    expect(item(report, 'host')?.value).toBe('(invalid)');
    expect(item(report, 'project')?.value).toBe('(invalid)');
    expect(report.warnings).toEqual([
      expect.stringMatching(/^CIRCLE_HOST "http:\/\/evil\.example" must use https/),
      expect.stringMatching(/^Invalid project "not-a-slug"/),
    ]);
  });

  it('reports an unknown terminal size', () => {
    const report = collectDoctorReport({ env: {}, home: tempDir(), cwd: isolatedCwd(), settingsDir: tempDir(), terminal: {} });
    expect(item(report, 'terminal')).toMatchObject({ value: '(unknown size)', source: 'not a tty' });
  });
});

describe('formatDoctorReport', () => {
  it('prints aligned lines, then warnings, and never the full token', () => {
    const home = tempDir();
    const report = collectDoctorReport({
      env: { CIRCLE_TOKEN: TOKEN, NODE_TLS_REJECT_UNAUTHORIZED: '0' },
      home,
      cwd: isolatedCwd(),
      settingsDir: tempDir(),
      terminal,
    });
    const text = formatDoctorReport(report);
    assertNoFullToken(text, TOKEN);
    expect(text).toContain('…feed');

    const lines = text.trimEnd().split('\n');
    const itemLines = lines.slice(0, report.items.length);
    // Values start in the same column on every line.
    const valueColumns = itemLines.map((line, i) => line.indexOf(report.items[i]!.value));
    expect(new Set(valueColumns).size).toBe(1);
    expect(itemLines[0]).toMatch(/^Token\s+…feed\s+\(env CIRCLE_TOKEN\)$/);
    expect(lines.slice(report.items.length)).toEqual([
      '',
      'Warnings:',
      '  ! NODE_TLS_REJECT_UNAUTHORIZED=0 is set: the token will not be sent',
    ]);
  });

  it('keeps terminal control characters from env values out of the output', () => {
    const report = collectDoctorReport({
      env: { TERM: 'xterm\u001b]0;pwned\u0007' },
      home: tempDir(),
      cwd: isolatedCwd(),
      settingsDir: tempDir(),
      terminal,
    });
    expect(formatDoctorReport(report)).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
  });
});
