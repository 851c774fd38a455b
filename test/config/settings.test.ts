import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSettings, resolveSettingsDir } from '../../src/config/settings.js';
import { tempDir, writeFile } from './helpers.js';

const mode = (file: string): number => fs.statSync(file).mode & 0o777;

describe('resolveSettingsDir', () => {
  const home = '/home/tester';
  it('prefers the parameter, then SLEUTH_CONFIG_DIR, then the platform default', () => {
    const env = { SLEUTH_CONFIG_DIR: '/env/conf', XDG_CONFIG_HOME: '/xdg' };
    expect(resolveSettingsDir({ dir: '/param', env, home })).toEqual({ dir: '/param', source: 'parameter' });
    expect(resolveSettingsDir({ env, home })).toEqual({ dir: '/env/conf', source: 'env SLEUTH_CONFIG_DIR' });
    expect(resolveSettingsDir({ env: { XDG_CONFIG_HOME: '/xdg' }, home, platform: 'linux' }).dir).toBe(
      path.join('/xdg', 'circle-sleuth'),
    );
    expect(resolveSettingsDir({ env: {}, home, platform: 'linux' }).dir).toBe(path.join(home, '.config', 'circle-sleuth'));
    expect(resolveSettingsDir({ env: {}, home, platform: 'darwin' }).dir).toBe(
      path.join(home, 'Library', 'Preferences', 'circle-sleuth'),
    );
  });
});

describe('Settings', () => {
  let previousUmask: number;
  beforeEach(() => {
    // A permissive umask proves the 0600 comes from us, not from the environment.
    previousUmask = process.umask(0);
  });
  afterEach(() => {
    process.umask(previousUmask);
  });

  it('round-trips values and writes the file with mode 0600 in a 0700 directory', () => {
    const dir = path.join(tempDir(), 'conf');
    const settings = openSettings({ dir, env: {} });
    expect(settings.read()).toEqual({});

    expect(settings.set('lastProject', 'gh/acme/payments')).toBe(true);
    expect(settings.set('lastSince', '2h')).toBe(true);
    expect(settings.set('lastUntil', '2026-08-20T10:00:00Z')).toBe(true);

    expect(mode(settings.path)).toBe(0o600);
    expect(mode(dir)).toBe(0o700);
    expect(openSettings({ dir, env: {} }).read()).toEqual({
      lastProject: 'gh/acme/payments',
      lastSince: '2h',
      lastUntil: '2026-08-20T10:00:00Z',
    });
    expect(settings.get('lastSince')).toBe('2h');
    expect(settings.warnings).toEqual([]);

    expect(settings.delete('lastSince')).toBe(true);
    expect(settings.get('lastSince')).toBeUndefined();
  });

  it('uses SLEUTH_CONFIG_DIR when no directory is passed', () => {
    const dir = tempDir();
    const settings = openSettings({ env: { SLEUTH_CONFIG_DIR: dir }, home: '/nonexistent-home' });
    expect(settings.set('lastProject', 'gh/acme/payments')).toBe(true);
    expect(settings.path).toBe(path.join(dir, 'config.json'));
    expect(JSON.parse(fs.readFileSync(settings.path, 'utf8'))).toEqual({ lastProject: 'gh/acme/payments' });
  });

  it('tightens an existing world-readable settings file on write', () => {
    const dir = tempDir();
    const file = path.join(dir, 'config.json');
    fs.writeFileSync(file, '{"lastProject":"gh/acme/old"}', { mode: 0o644 });
    const settings = openSettings({ dir, env: {} });
    expect(settings.get('lastProject')).toBe('gh/acme/old');
    expect(settings.set('lastProject', 'gh/acme/new')).toBe(true);
    expect(mode(file)).toBe(0o600);
  });

  it.each([
    'CCIPAT_AbCdEfGhIjKlMnOpQrStUv_0123456789abcdef',
    'prefix CCIPRJ_abc_123',
    'ccipat_lowercase_0123',
    '0123456789abcdef0123456789abcdef01234567',
    '  0123456789ABCDEF0123456789ABCDEF01234567\n',
  ])('refuses a token-looking value %j', (value) => {
    const dir = path.join(tempDir(), 'conf');
    const settings = openSettings({ dir, env: {} });
    expect(settings.set('lastProject', value)).toBe(false);
    expect(settings.warnings).toEqual([expect.stringMatching(/looks like an API token/)]);
    expect(fs.existsSync(settings.path)).toBe(false);
    // The refused value must not appear in the warning either.
    expect(settings.warnings.join('')).not.toContain(value.trim());
  });

  it('refuses control characters and over-long values', () => {
    const settings = openSettings({ dir: tempDir(), env: {} });
    expect(settings.set('lastSince', 'a\u001b[2Jb')).toBe(false);
    expect(settings.set('lastSince', 'x'.repeat(501))).toBe(false);
    expect(settings.warnings).toHaveLength(1);
  });

  it('does not create the directory just by reading', () => {
    const dir = path.join(tempDir(), 'not-yet');
    expect(openSettings({ dir, env: {} }).read()).toEqual({});
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('returns defaults with a warning for malformed JSON, and repairs it on the next write', () => {
    const dir = tempDir();
    writeFile(path.join(dir, 'config.json'), '{ not json');
    const settings = openSettings({ dir, env: {}, home: dir });
    expect(settings.read()).toEqual({});
    expect(settings.warnings).toEqual([expect.stringMatching(/was not valid JSON/)]);
    expect(settings.set('lastProject', 'gh/acme/payments')).toBe(true);
    expect(openSettings({ dir, env: {} }).read()).toEqual({ lastProject: 'gh/acme/payments' });
  });

  it('drops values that violate the schema instead of crashing', () => {
    const dir = tempDir();
    writeFile(path.join(dir, 'config.json'), '{"lastProject": 42}');
    expect(openSettings({ dir, env: {} }).read()).toEqual({});
  });

  it('never throws when the settings location is unusable', () => {
    const parent = tempDir();
    const blocker = path.join(parent, 'file');
    fs.writeFileSync(blocker, 'x');
    const settings = openSettings({ dir: path.join(blocker, 'conf'), env: {} });
    expect(settings.read()).toEqual({});
    expect(settings.set('lastProject', 'gh/acme/payments')).toBe(false);
    expect(settings.warnings).toEqual([expect.stringMatching(/could not save setting lastProject/)]);

    // The settings path is a directory: reading fails too.
    const dirAsFile = tempDir();
    fs.mkdirSync(path.join(dirAsFile, 'config.json'));
    const broken = openSettings({ dir: dirAsFile, env: {} });
    expect(broken.read()).toEqual({});
    expect(broken.warnings).toEqual([expect.stringMatching(/could not read settings/)]);
  });
});
