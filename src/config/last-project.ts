// The last-used project: written when a command succeeds with an explicit --project, read when neither --project nor
// the git remote names one (resolveProject's third choice), shown by `sleuth doctor`.
// The read is on the path of every command without --project, so it reads conf's JSON file directly instead of
// loading conf (a few hundred ms); the write goes through Settings (conf: 0600 file, schema, no token-like values),
// and only when the value changes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Env } from './env.js';
import { normalizeSlug } from './project.js';
import { resolveSettingsDir } from './settings-dir.js';

export interface LastProjectOptions {
  env?: Env;
  home?: string;
  /** Settings directory override (else SLEUTH_CONFIG_DIR, XDG_CONFIG_HOME or the platform default). */
  dir?: string;
}

/** conf writes a few hundred bytes; anything much larger is not our file. */
const MAX_SETTINGS_BYTES = 64 * 1024;
const MAX_VALUE_LENGTH = 500;

/** The stored last-used project as written (validated by the caller), or undefined when there is none or the file is unreadable. */
export function readLastProject(opts: LastProjectOptions = {}): string | undefined {
  const file = path.join(resolveSettingsDir(opts).dir, 'config.json');
  try {
    if (fs.statSync(file).size > MAX_SETTINGS_BYTES) return undefined;
    const value = (JSON.parse(fs.readFileSync(file, 'utf8')) as { lastProject?: unknown } | null)?.lastProject;
    return typeof value === 'string' && value.length <= MAX_VALUE_LENGTH ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Store `flag` (normalised) as the last-used project. Returns whether it is stored now. Never throws: an invalid slug,
 * a missing home or a failed write leave the settings as they were. A home directory is never created (a made-up
 * home in a test, a service account without one): settings under a home that does not exist are not written.
 */
export async function rememberLastProject(flag: string, opts: LastProjectOptions = {}): Promise<boolean> {
  let slug: string;
  try {
    slug = normalizeSlug(flag);
  } catch {
    return false;
  }
  if (readLastProject(opts) === slug) return true;
  const home = opts.home ?? os.homedir();
  const { dir } = resolveSettingsDir(opts);
  if (isInside(dir, home) && !fs.existsSync(home)) return false;
  const { openSettings } = await import('./settings.js');
  return openSettings(opts).set('lastProject', slug);
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
