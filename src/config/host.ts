import os from 'node:os';
import { CLI_YML_DISPLAY, readCliYml } from './cli-yml.js';
import type { Env } from './env.js';
import { readEnvValue } from './env.js';
import { ConfigError, quoteInput } from './errors.js';

export const DEFAULT_HOST = 'https://circleci.com';

/** CIRCLE_HOST is the incident guide's and the v1 CLI's name; CIRCLECI_CLI_HOST the classic CLI's. */
export const HOST_ENV_VARS = ['CIRCLE_HOST', 'CIRCLECI_CLI_HOST'] as const;

export interface HostResolution {
  /** Normalised base URL without a trailing slash, e.g. `https://circleci.com`. */
  host: string;
  source: string;
  /** Problems reading cli.yml (only when it was consulted). */
  warnings: string[];
}

/** Pick the CircleCI host: `--host`, env, cli.yml `host`, default. Throws ConfigError on an unsafe value. */
export function resolveHost({
  flag,
  env = process.env,
  home = os.homedir(),
}: { flag?: string | undefined; env?: Env; home?: string } = {}): HostResolution {
  const fromFlag = flag?.trim();
  if (fromFlag) return { host: normalizeHost(fromFlag, '--host'), source: '--host flag', warnings: [] };

  for (const name of HOST_ENV_VARS) {
    const value = readEnvValue(env, name);
    if (value !== undefined) return { host: normalizeHost(value, name), source: `env ${name}`, warnings: [] };
  }

  const cliYml = readCliYml({ home });
  if (cliYml.host !== undefined) {
    return { host: normalizeHost(cliYml.host, CLI_YML_DISPLAY), source: CLI_YML_DISPLAY, warnings: cliYml.warnings };
  }
  return { host: DEFAULT_HOST, source: 'default', warnings: cliYml.warnings };
}

/**
 * Validate and normalise a host URL. The token is sent to this origin, so anything odd is an error:
 * non-http(s) schemes, userinfo, query or fragment, and plain http except to loopback (the simulator).
 */
export function normalizeHost(input: string, origin = 'host'): string {
  const raw = input.trim();
  const fail = (why: string): never => {
    throw new ConfigError(`${origin} ${quoteInput(shownHost(raw))} ${why}`);
  };

  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return fail('is not a URL; expected https://<host>');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return fail('must be an https:// URL');
  // Check the raw text too: URL drops an empty `?` or `#`, and `user@` with an empty name.
  if (url.username || url.password || hasUserinfo(raw)) return fail('must not contain a user name or password');
  if (url.search || url.hash || raw.includes('?') || raw.includes('#')) return fail('must not contain a query or fragment');
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    return fail('must use https (http is only allowed for localhost)');
  }

  const pathname = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${pathname}`;
}

/**
 * A refused value as it may be echoed: a password in `user:pass@host` or a token in a query
 * must not reach the terminal or a log, whatever else is wrong with the value.
 */
export function shownHost(raw: string): string {
  // A password may hold an unencoded `/`, `?` or `#`: all before the last '@' may be user info.
  const lastAt = raw.lastIndexOf('@');
  if (lastAt >= 0) {
    const scheme = /^(?:[a-z][a-z0-9+.-]*:\/\/|https?:)/i.exec(raw)?.[0] ?? '';
    const rest = raw.slice(lastAt + 1);
    const q = rest.search(/[?#]/);
    return `${scheme}[user info hidden]@${q < 0 ? rest : `${rest.slice(0, q)}${rest[q]}[hidden]`}`;
  }
  const m = /^([a-z][a-z0-9+.-]*:\/\/)?([^/?#]*)([^?#]*)([?#].*)?$/is.exec(raw);
  if (!m) return '[not shown]';
  const [, scheme = '', authority = '', path = '', tail = ''] = m;
  const at = authority.lastIndexOf('@');
  const host = at < 0 ? authority : `[user info hidden]@${authority.slice(at + 1)}`;
  // A query or fragment is hidden whole. An '@' in what looks like the path can still be user
  // info to the URL parser (`https:///user:pw@host`), so it is hidden the same way.
  const shownPath = path.replace(/^(\/*).*@/s, '$1[user info hidden]@');
  return `${scheme}${host}${shownPath}${tail ? `${tail[0]}[hidden]` : ''}`;
}

function hasUserinfo(raw: string): boolean {
  const authority = raw.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split(/[/?#]/)[0] ?? '';
  return authority.includes('@');
}

/** 127.0.0.0/8, localhost and [::1]. URL has already canonicalised forms like `127.1`. */
export function isLoopback(hostname: string): boolean {
  const name = hostname.toLowerCase();
  return name === 'localhost' || name === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}
