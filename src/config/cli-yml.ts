import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';

/** Shown in messages and as a `source`; the real path may be under a temp home in tests. */
export const CLI_YML_DISPLAY = '~/.circleci/cli.yml';

// cli.yml is a few lines; anything bigger is not a circleci CLI config.
const MAX_BYTES = 64 * 1024;

export interface CliYml {
  /** Trimmed values; absent when unset, empty, `null` or `~`. */
  token?: string;
  host?: string;
  /** Whether a readable file was found (even if it held no usable values). */
  found: boolean;
  warnings: string[];
}

export function cliYmlPath(home: string): string {
  return path.join(home, '.circleci', 'cli.yml');
}

/**
 * Read the classic circleci CLI config (`~/.circleci/cli.yml`). Never throws: a missing file is
 * silent, every other problem is a warning. Symlinks are refused because a token file that points
 * elsewhere is an easy way to make us read (and send) someone else's file.
 */
export function readCliYml({
  home = os.homedir(),
  platform = process.platform,
}: { home?: string; platform?: NodeJS.Platform } = {}): CliYml {
  const result: CliYml = { found: false, warnings: [] };
  const text = readNoFollow(cliYmlPath(home), platform, result.warnings);
  if (text === null) return result;
  result.found = true;

  let data: unknown;
  try {
    // failsafe schema: every scalar stays a string, so a digits-only token is not turned into a number.
    data = parse(text, { schema: 'failsafe' });
  } catch (error) {
    const firstLine = error instanceof Error ? (error.message.split('\n')[0] ?? '') : '';
    result.warnings.push(`${CLI_YML_DISPLAY} is not valid YAML (${firstLine}); ignored`);
    return result;
  }
  if (data === null || data === undefined || data === '') return result;
  if (typeof data !== 'object' || Array.isArray(data)) {
    result.warnings.push(`${CLI_YML_DISPLAY} is not a YAML mapping; ignored`);
    return result;
  }

  const record = data as Record<string, unknown>;
  for (const key of ['token', 'host'] as const) {
    const value = scalarValue(record[key]);
    if (value === 'invalid') result.warnings.push(`${CLI_YML_DISPLAY}: \`${key}\` is not a string; ignored`);
    else if (value !== undefined) result[key] = value;
  }
  return result;
}

function scalarValue(raw: unknown): string | undefined | 'invalid' {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'string') return 'invalid';
  const value = raw.trim();
  // With the failsafe schema YAML nulls arrive as these strings.
  if (value === '' || value === '~' || /^null$/i.test(value)) return undefined;
  return value;
}

/** Read a regular file without following a final symlink; warn about loose permissions. */
function readNoFollow(filePath: string, platform: NodeJS.Platform, warnings: string[]): string | null {
  // O_NOFOLLOW makes the open itself fail on a symlink, so there is no lstat/open race.
  const noFollow = fs.constants.O_NOFOLLOW ?? 0;
  let fd: number;
  try {
    fd = fs.openSync(filePath, fs.constants.O_RDONLY | noFollow);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    if (code === 'ELOOP' || isSymlink(filePath)) {
      warnings.push(`${CLI_YML_DISPLAY} is a symlink; refusing to read it (replace it with a regular file, mode 600)`);
    } else {
      warnings.push(`${CLI_YML_DISPLAY} could not be read (${code ?? 'error'}); ignored`);
    }
    return null;
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) {
      warnings.push(`${CLI_YML_DISPLAY} is not a regular file; ignored`);
      return null;
    }
    if (stat.size > MAX_BYTES) {
      warnings.push(`${CLI_YML_DISPLAY} is larger than ${MAX_BYTES / 1024} KiB; ignored`);
      return null;
    }
    // Permission bits mean nothing on Windows.
    if (platform !== 'win32') {
      const permissionWarning = loosePermissionWarning(stat.mode);
      if (permissionWarning) warnings.push(permissionWarning);
    }
    return fs.readFileSync(fd, 'utf8');
  } catch (error) {
    warnings.push(`${CLI_YML_DISPLAY} could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); ignored`);
    return null;
  } finally {
    fs.closeSync(fd);
  }
}

function isSymlink(filePath: string): boolean {
  try {
    return fs.lstatSync(filePath).isSymbolicLink();
  } catch {
    return false;
  }
}

function loosePermissionWarning(mode: number): string | null {
  const shown = (mode & 0o777).toString(8).padStart(4, '0');
  if (mode & 0o044) return `${CLI_YML_DISPLAY} is readable by others (mode ${shown}); chmod 600 it`;
  // Writable by others is worse than readable: they could point `host` at their own server.
  if (mode & 0o022) return `${CLI_YML_DISPLAY} is writable by others (mode ${shown}); chmod 600 it`;
  return null;
}
