import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLastProject, rememberLastProject } from '../../src/config/last-project.js';
import { openSettings } from '../../src/config/settings.js';
import { tempDir } from './helpers.js';

describe('the last-used project', () => {
  it('stores a named project normalised, at 0600, and reads it back without conf', async () => {
    const dir = tempDir();
    expect(readLastProject({ dir })).toBeUndefined();
    expect(await rememberLastProject('https://app.circleci.com/pipelines/github/acme/payments/896', { dir, env: {} })).toBe(true);
    expect(readLastProject({ dir })).toBe('gh/acme/payments');
    expect(openSettings({ dir, env: {} }).get('lastProject')).toBe('gh/acme/payments');
    expect(fs.statSync(path.join(dir, 'config.json')).mode & 0o777).toBe(0o600);
    // The env var finds the same file.
    expect(readLastProject({ env: { SLEUTH_CONFIG_DIR: dir } })).toBe('gh/acme/payments');
  });

  it('stores nothing for a project that is not a slug, and keeps what was there', async () => {
    const dir = tempDir();
    await rememberLastProject('bb/org/repo', { dir, env: {} });
    expect(await rememberLastProject('gh/acme/../etc', { dir, env: {} })).toBe(false);
    expect(await rememberLastProject('CCIPAT_abc/def/ghi', { dir, env: {} })).toBe(false);
    expect(readLastProject({ dir })).toBe('bb/org/repo');
  });

  it('never creates a home directory to write into', async () => {
    const home = path.join(tempDir(), 'no-such-home');
    expect(await rememberLastProject('gh/acme/payments', { env: {}, home })).toBe(false);
    expect(fs.existsSync(home)).toBe(false);
    // The same call with a home that exists writes under it (proves the check above saw a write it would make).
    fs.mkdirSync(home);
    expect(await rememberLastProject('gh/acme/payments', { env: {}, home, })).toBe(true);
    expect(readLastProject({ env: {}, home })).toBe('gh/acme/payments');
  });

  it('reads nothing from a file that is not settings', () => {
    const dir = tempDir();
    const file = path.join(dir, 'config.json');
    for (const text of ['not json', '[]', 'null', '{"lastProject": 7}', `{"lastProject": "${'a'.repeat(501)}"}`]) {
      fs.writeFileSync(file, text);
      expect(readLastProject({ dir }), text.slice(0, 20)).toBeUndefined();
    }
    fs.writeFileSync(file, JSON.stringify({ lastProject: 'gh/a/b', pad: 'x'.repeat(70_000) }));
    expect(readLastProject({ dir })).toBeUndefined();
  });
});
