/** The shape of process.env; functions take it as a parameter so tests can pass a fake. */
export type Env = Readonly<Record<string, string | undefined>>;

/** An env var's value, trimmed; empty or whitespace-only counts as unset. */
export function readEnvValue(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}
