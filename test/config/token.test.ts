import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { maskToken, resolveToken } from '../../src/config/token.js';
import { tempDir, writeCliYml } from './helpers.js';

const PAT = 'CCIPAT_AbCdEfGhIjKlMnOpQrStUv_0123456789abcdef01234567';

describe('resolveToken precedence', () => {
  it('prefers CIRCLE_TOKEN, then CIRCLECI_CLI_TOKEN, then CIRCLE_CLI_TOKEN, then cli.yml', () => {
    const home = tempDir();
    writeCliYml(home, 'token: from-file-token\n');
    const env = { CIRCLE_TOKEN: 'token-one', CIRCLECI_CLI_TOKEN: 'token-two', CIRCLE_CLI_TOKEN: 'token-three' };

    expect(resolveToken({ env, home })).toMatchObject({ token: 'token-one', source: 'env CIRCLE_TOKEN' });
    expect(resolveToken({ env: { ...env, CIRCLE_TOKEN: undefined }, home })).toMatchObject({
      token: 'token-two',
      source: 'env CIRCLECI_CLI_TOKEN',
    });
    expect(resolveToken({ env: { CIRCLE_CLI_TOKEN: 'token-three' }, home })).toMatchObject({
      token: 'token-three',
      source: 'env CIRCLE_CLI_TOKEN',
    });
    expect(resolveToken({ env: {}, home })).toEqual({
      token: 'from-file-token',
      source: '~/.circleci/cli.yml',
      warnings: [],
    });
  });

  it('trims whitespace and newlines, and treats empty values as unset', () => {
    const home = tempDir();
    expect(resolveToken({ env: { CIRCLE_TOKEN: `  ${PAT}\n` }, home }).token).toBe(PAT);
    expect(resolveToken({ env: { CIRCLE_TOKEN: ' \n', CIRCLECI_CLI_TOKEN: 'second-token' }, home })).toMatchObject({
      token: 'second-token',
      source: 'env CIRCLECI_CLI_TOKEN',
    });
    expect(resolveToken({ env: { CIRCLE_TOKEN: '' }, home })).toEqual({ token: null, source: null, warnings: [] });
  });

  it('skips a value with inner whitespace or control characters, with a warning', () => {
    const home = tempDir();
    const result = resolveToken({ env: { CIRCLE_TOKEN: 'abc\r\nX-Evil: 1', CIRCLE_CLI_TOKEN: 'good-token' }, home });
    expect(result.token).toBe('good-token');
    expect(result.warnings).toEqual([expect.stringContaining('env CIRCLE_TOKEN contains spaces')]);
  });

  it('warns that a project token will not work on API v2', () => {
    const result = resolveToken({ env: { CIRCLE_TOKEN: 'CCIPRJ_abcdef_0123456789' }, home: tempDir() });
    expect(result.token).toBe('CCIPRJ_abcdef_0123456789');
    expect(result.warnings.join('\n')).toMatch(/project API token/);
  });

  it('returns null with no warnings when nothing is configured', () => {
    expect(resolveToken({ env: {}, home: tempDir() })).toEqual({ token: null, source: null, warnings: [] });
  });
});

describe('resolveToken from ~/.circleci/cli.yml', () => {
  it('reads a full classic CLI config and trims the value', () => {
    const home = tempDir();
    writeCliYml(home, `host: https://circleci.com\nendpoint: graphql-unstable\ntoken: "  ${PAT}  "\nrest_endpoint: api/v2\ntls_insecure: false\n`);
    expect(resolveToken({ env: {}, home })).toEqual({ token: PAT, source: '~/.circleci/cli.yml', warnings: [] });
  });

  it('keeps a digits-only token as a string (no YAML number conversion)', () => {
    const home = tempDir();
    const digits = '1234567890123456789012345678901234567890';
    writeCliYml(home, `token: ${digits}\n`);
    expect(resolveToken({ env: {}, home }).token).toBe(digits);
    writeCliYml(home, 'token: 1234e5678\n');
    expect(resolveToken({ env: {}, home }).token).toBe('1234e5678');
  });

  it.each(['token:\n', 'token: ""\n', 'token: null\n', 'token: ~\n', '', '# only a comment\n'])(
    'treats %j as no token',
    (text) => {
      const home = tempDir();
      writeCliYml(home, text);
      expect(resolveToken({ env: {}, home })).toEqual({ token: null, source: null, warnings: [] });
    },
  );

  it.each([
    ['broken YAML', 'token: [unclosed\nhost: x\n', /not valid YAML/],
    ['a list', '- a\n- b\n', /not a YAML mapping/],
    ['a non-string token', 'token:\n  nested: value\n', /`token` is not a string/],
  ])('warns instead of crashing on %s', (_name, text, pattern) => {
    const home = tempDir();
    writeCliYml(home, text);
    const result = resolveToken({ env: {}, home });
    expect(result.token).toBeNull();
    expect(result.warnings).toEqual([expect.stringMatching(pattern)]);
  });

  it('warns about a file readable by others but still uses it', () => {
    const home = tempDir();
    writeCliYml(home, `token: ${PAT}\n`, 0o644);
    const result = resolveToken({ env: {}, home });
    expect(result.token).toBe(PAT);
    expect(result.warnings).toEqual(['~/.circleci/cli.yml is readable by others (mode 0644); chmod 600 it']);
  });

  it('warns about a group-writable file', () => {
    const home = tempDir();
    writeCliYml(home, `token: ${PAT}\n`, 0o620);
    expect(resolveToken({ env: {}, home }).warnings).toEqual([
      '~/.circleci/cli.yml is writable by others (mode 0620); chmod 600 it',
    ]);
  });

  it('refuses a symlinked cli.yml', () => {
    const home = tempDir();
    const elsewhere = path.join(tempDir(), 'real.yml');
    fs.writeFileSync(elsewhere, `token: ${PAT}\n`, { mode: 0o600 });
    fs.mkdirSync(path.join(home, '.circleci'));
    fs.symlinkSync(elsewhere, path.join(home, '.circleci', 'cli.yml'));

    const result = resolveToken({ env: {}, home });
    expect(result.token).toBeNull();
    expect(result.warnings).toEqual([expect.stringMatching(/cli\.yml is a symlink; refusing/)]);
  });

  it('ignores a directory named cli.yml', () => {
    const home = tempDir();
    fs.mkdirSync(path.join(home, '.circleci', 'cli.yml'), { recursive: true });
    const result = resolveToken({ env: {}, home });
    expect(result.token).toBeNull();
    expect(result.warnings).toHaveLength(1);
  });

  it('does not read cli.yml when an env var supplies the token', () => {
    const home = tempDir();
    writeCliYml(home, 'token: [broken\n', 0o644);
    expect(resolveToken({ env: { CIRCLE_TOKEN: PAT }, home })).toEqual({
      token: PAT,
      source: 'env CIRCLE_TOKEN',
      warnings: [],
    });
  });
});

describe('maskToken', () => {
  it('shows only the last 4 characters', () => {
    expect(maskToken('CCIPAT_abc_01234567')).toBe('…4567');
    expect(maskToken(PAT)).toBe('…4567');
  });

  it('shows nothing of a short token', () => {
    for (const t of ['', 'a', 'abcdefg']) expect(maskToken(t)).toBe('(set, too short to show)');
  });

  it('never reveals more than 4 characters of any token', () => {
    const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_';
    for (let length = 0; length <= 80; length++) {
      const token = Array.from({ length }, (_, i) => alphabet[(i * 7 + length) % alphabet.length]).join('');
      const masked = maskToken(token);
      // No 5-character run of the token may appear in the mask.
      for (let i = 0; i + 5 <= token.length; i++) expect(masked).not.toContain(token.slice(i, i + 5));
      const revealed = masked.replace(/^…/, '');
      if (length >= 8) expect(revealed).toBe(token.slice(-4));
      else expect(masked).toBe('(set, too short to show)');
    }
  });
});
