import os from 'node:os';
import { resolveCacheDirWithSource } from './cache-dir.js';
import { readCliYml } from './cli-yml.js';
import type { Env } from './env.js';
import { displayPath } from './home-path.js';
import { resolveHost } from './host.js';
import { resolveProject } from './project.js';
import { openSettings } from './settings.js';
import { isTlsVerificationDisabled, maskToken, resolveToken } from './token.js';

export type DoctorItemKey =
  | 'token'
  | 'host'
  | 'project'
  | 'lastProject'
  | 'cacheDir'
  | 'settingsFile'
  | 'NO_COLOR'
  | 'FORCE_COLOR'
  | 'CI'
  | 'TERM'
  | 'COLORTERM'
  | 'terminal'
  | 'searchEngine'
  | 'runtime';

export interface DoctorItem {
  key: DoctorItemKey;
  label: string;
  /** Display value; the token only ever appears masked. */
  value: string;
  /** Where the value came from, e.g. `env CIRCLE_TOKEN`, `default`, `unset`. */
  source: string;
}

export interface DoctorReport {
  items: DoctorItem[];
  warnings: string[];
}

export interface DoctorOptions {
  flagHost?: string | undefined;
  flagProject?: string | undefined;
  flagCacheDir?: string | undefined;
  env?: Env;
  home?: string;
  cwd?: string;
  /** Settings directory override (else SLEUTH_CONFIG_DIR / platform default). */
  settingsDir?: string | undefined;
  /** Terminal size; defaults to process.stdout when it is a TTY. */
  terminal?: { columns?: number | undefined; rows?: number | undefined; isTTY?: boolean | undefined };
  /**
   * Which engine searches (ripgrep or the Node core), as the search layer says (cli/commands/doctor.ts asks it: this
   * layer may not import search): shown as one item, with its warning when it has one.
   */
  searchEngine?: { value: string; source: string; warning?: string };
  /** How sleuth runs (the standalone binary or the npm install), as the CLI says. */
  runtime?: { value: string; source: string } | undefined;
}

const MIN_COLUMNS = 80;
const MIN_ROWS = 24;

/**
 * Gather what sleuth would use and why, as plain data. Never throws and never includes the full
 * token. The live token check (GET /api/v2/me) is up to the caller.
 */
export function collectDoctorReport({
  flagHost,
  flagProject,
  flagCacheDir,
  env = process.env,
  home = os.homedir(),
  cwd = process.cwd(),
  settingsDir,
  terminal = process.stdout,
  searchEngine,
  runtime,
}: DoctorOptions = {}): DoctorReport {
  const items: DoctorItem[] = [];
  const warnings: string[] = [];
  const warn = (message: string): void => {
    if (!warnings.includes(message)) warnings.push(message);
  };

  // Token
  const token = resolveToken({ env, home });
  token.warnings.forEach(warn);
  items.push({
    key: 'token',
    label: 'Token',
    value: token.token === null ? '(not set)' : maskToken(token.token),
    source: token.source ?? 'set CIRCLE_TOKEN to a personal API token',
  });
  if (isTlsVerificationDisabled(env)) warn('NODE_TLS_REJECT_UNAUTHORIZED=0 is set: the token will not be sent');
  // Permission problems with cli.yml matter even when an env var wins (the file still holds a token).
  readCliYml({ home }).warnings.forEach(warn);

  // Host
  try {
    const host = resolveHost({ flag: flagHost, env, home });
    host.warnings.forEach(warn);
    items.push({ key: 'host', label: 'Host', value: host.host, source: host.source });
  } catch (error) {
    items.push({ key: 'host', label: 'Host', value: '(invalid)', source: 'see warnings' });
    warn(errorMessage(error));
  }

  // Settings (read before the project, which may fall back to the last-used one)
  const settings = openSettings({ dir: settingsDir, env, home });
  const stored = settings.read();
  items.push({
    key: 'settingsFile',
    label: 'Settings file',
    value: displayPath(settings.path, home),
    source: settings.source,
  });

  // Project
  try {
    const project = resolveProject({ flag: flagProject, cwd, settings: stored });
    items.push({
      key: 'project',
      label: 'Project',
      value: project?.slug ?? '(none)',
      source: project?.source ?? 'pass --project gh/<org>/<repo>',
    });
  } catch (error) {
    items.push({ key: 'project', label: 'Project', value: '(invalid)', source: 'see warnings' });
    warn(errorMessage(error));
  }
  // Shown even when --project or the git remote wins, so it is clear what a command without either would use.
  items.push({
    key: 'lastProject',
    label: 'Last project',
    value: stored.lastProject ?? '(none)',
    source: stored.lastProject ? 'settings file (the last --project a command succeeded with)' : 'set by the next command run with --project',
  });
  settings.warnings.forEach(warn);

  // Cache dir
  const cache = resolveCacheDirWithSource({ flag: flagCacheDir, env, home, cwd });
  items.push({ key: 'cacheDir', label: 'Cache dir', value: displayPath(cache.dir, home), source: cache.source });

  // Terminal
  for (const name of ['NO_COLOR', 'FORCE_COLOR', 'CI', 'TERM', 'COLORTERM'] as const) {
    const value = env[name];
    items.push({
      key: name,
      label: name,
      value: value === undefined ? '(unset)' : JSON.stringify(value),
      source: value === undefined ? 'unset' : 'env',
    });
  }
  if (env.SLEUTH_IGNORED_CI) {
    items.push({ key: 'CI', label: 'CI (ignored)', value: `${env.SLEUTH_IGNORED_CI} was set`, source: 'dropped on a terminal so the TUI renders every frame' });
  } else if (isCiForInk(env)) {
    warn('CI is set and this is not a terminal: the TUI needs one (on a terminal sleuth drops CI for itself)');
  }
  if (env.TERM === 'dumb') warn('TERM=dumb: the TUI needs cursor movement; set TERM=xterm-256color');

  const { columns, rows, isTTY } = terminal;
  if (columns && rows) {
    items.push({ key: 'terminal', label: 'Terminal', value: `${columns}×${rows}`, source: isTTY ? 'tty' : 'not a tty' });
    if (columns < MIN_COLUMNS || rows < MIN_ROWS) {
      warn(`terminal is ${columns}×${rows}; the TUI needs at least ${MIN_COLUMNS}×${MIN_ROWS}`);
    }
  } else {
    items.push({ key: 'terminal', label: 'Terminal', value: '(unknown size)', source: isTTY ? 'tty' : 'not a tty' });
  }

  if (runtime) items.push({ key: 'runtime', label: 'Runs as', value: runtime.value, source: runtime.source });
  if (searchEngine) {
    items.push({ key: 'searchEngine', label: 'Search engine', value: searchEngine.value, source: searchEngine.source });
    if (searchEngine.warning) warn(searchEngine.warning);
  }

  return { items, warnings };
}

/** Ink uses is-in-ci: CI (or CONTINUOUS_INTEGRATION) present with any value except '0'/'false' — even empty. */
function isCiForInk(env: Env): boolean {
  const set = (name: string): boolean => name in env && env[name] !== undefined && env[name] !== '0' && env[name] !== 'false';
  return set('CI') || set('CONTINUOUS_INTEGRATION');
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Aligned plain-text lines: `Label  value  (source)`, then warnings. No colour, no escapes. */
export function formatDoctorReport(report: DoctorReport): string {
  const labelWidth = Math.max(...report.items.map((item) => item.label.length));
  const valueWidth = Math.max(...report.items.map((item) => item.value.length));
  const lines = report.items.map(
    (item) => `${item.label.padEnd(labelWidth)}  ${item.value.padEnd(valueWidth)}  (${item.source})`.trimEnd(),
  );
  if (report.warnings.length > 0) {
    lines.push('', 'Warnings:');
    for (const warning of report.warnings) lines.push(`  ! ${warning}`);
  }
  return `${lines.map(stripControl).join('\n')}\n`;
}

// Env values and paths are shown verbatim; keep terminal control characters out of the output.
function stripControl(line: string): string {
  return line.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}
