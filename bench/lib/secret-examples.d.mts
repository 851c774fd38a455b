// Types for secret-examples.mjs (the rule tests import it).
export interface SecretExample {
  rule: string;
  /** A line or block with the secret in it. */
  hit: string;
  /** The secret alone, when it identifies itself without a name around it. */
  token?: string;
  /** A near miss the rule must not report. */
  miss: string;
  why: string;
  multiline?: boolean;
}
export const EXAMPLES: SecretExample[];
export const PRIVATE_KEY_KINDS: string[];
export function rnd(n: number, seed: number, alphabet: string): string;
