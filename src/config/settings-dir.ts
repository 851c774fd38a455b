// Where the settings file lives, without loading conf (its import costs a few hundred ms): the CLI reads the
// last-used project on every command that has no --project, and must not pay for conf to do it.
import os from 'node:os';
import path from 'node:path';
import type { Env } from './env.js';
import { readEnvValue } from './env.js';
import { expandPath } from './home-path.js';
import { APP_DIR_NAME } from './cache-dir.js';

export interface SettingsOptions {
  /** Directory holding config.json; overrides SLEUTH_CONFIG_DIR and the platform default. */
  dir?: string | undefined;
  env?: Env;
  home?: string;
  platform?: NodeJS.Platform;
}

/**
 * Where settings live. We compute the default ourselves (the same places env-paths would pick,
 * without conf's `-nodejs` suffix) so that `home`/`env` can be injected and tests never touch the real home.
 */
export function resolveSettingsDir({
  dir,
  env = process.env,
  home = os.homedir(),
  platform = process.platform,
}: SettingsOptions = {}): { dir: string; source: string } {
  if (dir?.trim()) return { dir: expandPath(dir.trim(), home, process.cwd()), source: 'parameter' };
  const fromEnv = readEnvValue(env, 'SLEUTH_CONFIG_DIR');
  if (fromEnv) return { dir: expandPath(fromEnv, home, process.cwd()), source: 'env SLEUTH_CONFIG_DIR' };

  if (platform === 'darwin') return { dir: path.join(home, 'Library', 'Preferences', APP_DIR_NAME), source: 'default' };
  if (platform === 'win32') {
    const appData = readEnvValue(env, 'APPDATA') ?? path.join(home, 'AppData', 'Roaming');
    return { dir: path.join(appData, APP_DIR_NAME, 'Config'), source: 'default' };
  }
  const xdg = readEnvValue(env, 'XDG_CONFIG_HOME');
  if (xdg && path.isAbsolute(xdg)) return { dir: path.join(xdg, APP_DIR_NAME), source: 'env XDG_CONFIG_HOME' };
  return { dir: path.join(home, '.config', APP_DIR_NAME), source: 'default' };
}
