import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveCacheDir, resolveCacheDirWithSource } from '../../src/config/cache-dir.js';

const home = '/home/tester';
const cwd = '/work/here';

describe('resolveCacheDir', () => {
  it('prefers --cache-dir, then SLEUTH_CACHE_DIR, then XDG_CACHE_HOME, then ~/.cache', () => {
    const env = { SLEUTH_CACHE_DIR: '/env/cache', XDG_CACHE_HOME: '/xdg' };
    expect(resolveCacheDir({ flag: '/flag/cache', env, home, cwd })).toBe('/flag/cache');
    expect(resolveCacheDirWithSource({ env, home, cwd })).toEqual({ dir: '/env/cache', source: 'env SLEUTH_CACHE_DIR' });
    expect(resolveCacheDirWithSource({ env: { XDG_CACHE_HOME: '/xdg' }, home, cwd })).toEqual({
      dir: path.join('/xdg', 'circle-sleuth'),
      source: 'env XDG_CACHE_HOME',
    });
    expect(resolveCacheDirWithSource({ env: {}, home, cwd })).toEqual({
      dir: path.join(home, '.cache', 'circle-sleuth'),
      source: 'default',
    });
  });

  it('expands ~ and resolves relative paths against cwd', () => {
    expect(resolveCacheDir({ flag: '~/c', env: {}, home, cwd })).toBe(path.join(home, 'c'));
    expect(resolveCacheDir({ flag: 'rel/c', env: {}, home, cwd })).toBe(path.join(cwd, 'rel', 'c'));
    expect(resolveCacheDir({ env: { SLEUTH_CACHE_DIR: '~' }, home, cwd })).toBe(home);
  });

  it('ignores empty values and a relative XDG_CACHE_HOME', () => {
    expect(resolveCacheDir({ flag: ' ', env: { SLEUTH_CACHE_DIR: '', XDG_CACHE_HOME: 'relative' }, home, cwd })).toBe(
      path.join(home, '.cache', 'circle-sleuth'),
    );
  });
});
