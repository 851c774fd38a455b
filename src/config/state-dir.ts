// sleuth's state directory (XDG Base Directory): what a run keeps that is neither cache nor config, such as the
// demo's worlds and the record of RCA sends made outside any evidence folder. Not created here.
import { isAbsolute, join } from 'node:path';
import { APP_DIR_NAME } from './cache-dir.js';
import { readEnvValue, type Env } from './env.js';

/** `$XDG_STATE_HOME/circle-sleuth`, else `~/.local/state/circle-sleuth`. */
export function resolveStateDir(env: Env, home: string): string {
  // The XDG spec says relative values are invalid and must be ignored.
  const xdg = readEnvValue(env, 'XDG_STATE_HOME');
  return xdg && isAbsolute(xdg) ? join(xdg, APP_DIR_NAME) : join(home, '.local', 'state', APP_DIR_NAME);
}
