// Where Exlogare is and the token for it, from the environment only (never argv: other users can read it).
// EXLOGARE_URL gets the same checks as CIRCLE_HOST: https (http only to loopback), no userinfo/query/fragment.
import { normalizeHost } from '../../config/host.js';
import { readEnvValue, type Env } from '../../config/env.js';
import { FailError } from '../../util/errors.js';

export const DEFAULT_EXLOGARE_URL = 'https://api.exlogare.net';
export const INGEST_PATH = '/api/ingest/circleci';

export interface ExlogareConfig {
  /** e.g. https://api.exlogare.net: the only origin the token is ever sent to. */
  origin: string;
  /** Path on that origin (a base path in EXLOGARE_URL is kept). */
  path: string;
  /** origin + path, for the prompt and the record. */
  destination: string;
  token: string | null;
}

/** Throws ConfigError (exit 2) for an unsafe EXLOGARE_URL. */
export function resolveExlogare(env: Env): ExlogareConfig {
  const base = normalizeHost(readEnvValue(env, 'EXLOGARE_URL') ?? DEFAULT_EXLOGARE_URL, 'EXLOGARE_URL');
  const url = new URL(base);
  const path = `${url.pathname.replace(/\/+$/, '')}${INGEST_PATH}`;
  return { origin: url.origin, path, destination: `${url.origin}${path}`, token: readEnvValue(env, 'EXLOGARE_TOKEN') ?? null };
}

export function requireExlogareToken(cfg: ExlogareConfig): string {
  if (!cfg.token) throw new FailError('EXLOGARE_TOKEN is not set: export EXLOGARE_TOKEN=<your Exlogare API token> (never pass it as an argument); nothing was read or sent');
  return cfg.token;
}
