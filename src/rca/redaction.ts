// Redaction before anything leaves the machine. The secret scanner (src/scan, `redact(text) → {text, count}`) finds
// secrets by their shape; before it, the tokens this process knows (CircleCI's, Exlogare's) are removed by value
// in every encoding they could be printed in; after it, credentials its context names (`DB_PASSWORD=…`,
// `password: "…"`, `postgres://app:…@db`), which no shape gives away.
import { redact } from '../scan/index.js';
import { redactCredentials } from './credential-redaction.js';

export interface Redaction {
  text: string;
  count: number;
}

export type Redactor = (text: string) => Redaction;

/** The secret scanner's redaction (src/scan): every finding above `info` becomes `[REDACTED:<rule>]`. */
export const scannerRedactor: Redactor = (text) => {
  const r = redact(text);
  return { text: r.text, count: r.count };
};

export const KNOWN_SECRET_MARK = '[redacted by circle-sleuth]';

/** The forms a known token may take in a log: as is, base64 (alone or as `token:` Basic auth), URL-encoded. */
function formsOf(secret: string): string[] {
  return [...new Set([secret, Buffer.from(secret).toString('base64'), Buffer.from(`${secret}:`).toString('base64'), encodeURIComponent(secret)])].sort((a, b) => b.length - a.length);
}

/** Removes known secret values (8 characters or more; shorter ones would hit ordinary words). */
export function redactKnown(text: string, secrets: readonly (string | null | undefined)[]): Redaction {
  let out = text;
  let count = 0;
  for (const s of secrets) {
    if (!s || s.length < 8) continue;
    for (const f of formsOf(s)) {
      const parts = out.split(f);
      if (parts.length > 1) {
        count += parts.length - 1;
        out = parts.join(KNOWN_SECRET_MARK);
      }
    }
  }
  return { text: out, count };
}

/**
 * The known values first (exact, in every encoding), then the scanner for everything else it recognises, then the
 * credentials named by their context. That last pass always runs, whatever scanner is passed in; it leaves alone
 * what the earlier ones already replaced, so a secret is counted once.
 */
export function combine(scanner: Redactor, known: readonly (string | null | undefined)[]): Redactor {
  return (text) => {
    const a = redactKnown(text, known);
    const b = scanner(a.text);
    const c = redactCredentials(b.text);
    return { text: c.text, count: a.count + b.count + c.count };
  };
}
