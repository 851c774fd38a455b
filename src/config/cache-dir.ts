import os from 'node:os';
import path from 'node:path';
import type { Env } from './env.js';
import { readEnvValue } from './env.js';
import { expandPath } from './home-path.js';

export const APP_DIR_NAME = 'circle-sleuth';

export interface CacheDirResolution {
  dir: string;
  source: string;
}

/** The cache directory (absolute; not created here). */
export function resolveCacheDir(options: CacheDirOptions = {}): string {
  return resolveCacheDirWithSource(options).dir;
}

export interface CacheDirOptions {
  flag?: string | undefined;
  env?: Env;
  home?: string;
  /** Base for a relative `--cache-dir` / SLEUTH_CACHE_DIR. */
  cwd?: string;
}

/** Same as resolveCacheDir, plus where the value came from (for doctor). */
export function resolveCacheDirWithSource({
  flag,
  env = process.env,
  home = os.homedir(),
  cwd = process.cwd(),
}: CacheDirOptions = {}): CacheDirResolution {
  const fromFlag = flag?.trim();
  if (fromFlag) return { dir: expandPath(fromFlag, home, cwd), source: '--cache-dir flag' };

  const fromEnv = readEnvValue(env, 'SLEUTH_CACHE_DIR');
  if (fromEnv) return { dir: expandPath(fromEnv, home, cwd), source: 'env SLEUTH_CACHE_DIR' };

  // The XDG spec says relative values are invalid and must be ignored.
  const xdg = readEnvValue(env, 'XDG_CACHE_HOME');
  if (xdg && path.isAbsolute(xdg)) return { dir: path.join(xdg, APP_DIR_NAME), source: 'env XDG_CACHE_HOME' };

  return { dir: path.join(home, '.cache', APP_DIR_NAME), source: 'default' };
}
