import os from 'node:os';
import { CLI_YML_DISPLAY, readCliYml } from './cli-yml.js';
import type { Env } from './env.js';
import { readEnvValue } from './env.js';

/**
 * Env vars checked in order. CIRCLE_TOKEN is the name used by CircleCI's incident guide and the
 * v1 CLI; CIRCLECI_CLI_TOKEN is the classic (v0.1) CLI's; CIRCLE_CLI_TOKEN is the v1 CLI's legacy alias.
 * The token is deliberately never read from argv: other users can see process arguments.
 */
export const TOKEN_ENV_VARS = ['CIRCLE_TOKEN', 'CIRCLECI_CLI_TOKEN', 'CIRCLE_CLI_TOKEN'] as const;

export interface TokenResolution {
  token: string | null;
  /** Human description of where the token came from, e.g. `env CIRCLE_TOKEN`. */
  source: string | null;
  warnings: string[];
}

export function resolveToken({
  env = process.env,
  home = os.homedir(),
}: { env?: Env; home?: string } = {}): TokenResolution {
  const warnings: string[] = [];

  for (const name of TOKEN_ENV_VARS) {
    const value = readEnvValue(env, name);
    if (value === undefined) continue;
    const source = `env ${name}`;
    if (accept(value, source, warnings)) return { token: value, source, warnings };
  }

  // Only read cli.yml when no env var supplied a token.
  const cliYml = readCliYml({ home });
  warnings.push(...cliYml.warnings);
  if (cliYml.token !== undefined && accept(cliYml.token, CLI_YML_DISPLAY, warnings)) {
    return { token: cliYml.token, source: CLI_YML_DISPLAY, warnings };
  }
  return { token: null, source: null, warnings };
}

/** Reject values that cannot be a token (and would corrupt an HTTP header); warn about project tokens. */
function accept(value: string, source: string, warnings: string[]): boolean {
  if (!/^[\x21-\x7e]+$/.test(value)) {
    warnings.push(`${source} contains spaces or non-printable characters; ignored`);
    return false;
  }
  if (/^CCIPRJ_/i.test(value)) {
    warnings.push(`${source} holds a project API token (CCIPRJ_…); API v2 needs a personal API token`);
  }
  return true;
}

/** Show at most the last 4 characters of a token, and none of a short one. */
export function maskToken(token: string): string {
  const trimmed = token.trim();
  if (trimmed.length < 8) return '(set, too short to show)';
  return `…${trimmed.slice(-4)}`;
}

/**
 * Node disables certificate checks when NODE_TLS_REJECT_UNAUTHORIZED is exactly '0'. The HTTP
 * layer must then refuse to send the token (security.md §5); doctor reports it.
 */
export function isTlsVerificationDisabled(env: Env = process.env): boolean {
  return env.NODE_TLS_REJECT_UNAUTHORIZED === '0';
}
