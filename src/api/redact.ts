// Defence in depth: scrub a secret (in every encoding a server or a log might show it) and
// presigned query strings from any text that may reach the screen, a log or a file.
// Redact BEFORE cutting text short: a cut can leave a prefix of the token that no longer
// matches it. redactSecret also removes any run of 8+ characters of a form of the secret, so
// a fragment left by somebody else's cut is caught too.

const SIGNED_QUERY = /([?&](?:X-Amz-[A-Za-z-]+|circle-token|Signature|Expires|AWSAccessKeyId|token)=)[^&#\s"']*/gi;

/** Shortest run of a secret's characters (in any form) that is treated as the secret. */
export const MIN_SECRET_FRAGMENT = 8;
const REDACTED = '[redacted]';

export function stripPresignedQuery(url: string): string {
  try {
    const u = new URL(url);
    if (!u.search) return url;
    return `${u.origin}${u.pathname}`;
  } catch {
    return url.replace(/\?.*$/, '');
  }
}

export function redactQueryStrings(text: string): string {
  return text.replace(SIGNED_QUERY, '$1[redacted]');
}

const urlSafe = (b64: string) => b64.replace(/\+/g, '-').replace(/\//g, '_');

/**
 * The characters of a base64 stream that depend only on the secret's bytes, when the secret
 * starts `offset` bytes (0..2) into the stream: the core every encoder produces, plus the
 * tail as it looks when the secret ends the stream (with and without `=` padding).
 */
function base64Forms(bytes: Buffer): string[] {
  const out: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const b64 = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    const first = Math.ceil((offset * 8) / 6);
    const core = b64.slice(first, Math.floor(((offset + bytes.length) * 8) / 6));
    const tail = b64.slice(first);
    for (const f of [core, tail, tail.replace(/=+$/, '')]) out.push(f, urlSafe(f));
  }
  return out;
}

/** Every form of the secret we scrub, longest first. */
export function secretForms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const hex = bytes.toString('hex');
  const pct = hex.replace(/../g, '%$&');
  const forms = new Set<string>([
    secret,
    encodeURIComponent(secret),
    hex, hex.toUpperCase(), pct, pct.toUpperCase(),
    ...base64Forms(bytes),
    // HTTP Basic: `token:` (token as user), `:token` and `user:token` (token as password).
    ...[`${secret}:`, `:${secret}`].flatMap((s) => { const b = Buffer.from(s).toString('base64'); return [b, urlSafe(b)]; }),
  ]);
  return [...forms].filter((f) => f.length >= Math.min(4, secret.length)).sort((a, b) => b.length - a.length);
}

export function redactSecret(text: string, secret: string | null | undefined): string {
  let out = redactQueryStrings(text);
  if (!secret || secret.length < 4) return out;
  const forms = secretForms(secret);
  for (const f of forms) out = out.split(f).join(REDACTED);
  return redactFragments(out, forms);
}

/** Replace every run of MIN_SECRET_FRAGMENT+ characters that also occurs inside a form of the secret. */
function redactFragments(text: string, forms: string[]): string {
  const n = MIN_SECRET_FRAGMENT;
  const grams = new Set<string>();
  for (const f of forms) for (let i = 0; i + n <= f.length; i++) grams.add(f.slice(i, i + n));
  if (grams.size === 0 || text.length < n) return text;
  // Mark every character covered by a matching n-gram, then replace each marked run once.
  const marked = new Uint8Array(text.length);
  let any = false;
  for (let i = 0; i + n <= text.length; i++) {
    if (grams.has(text.slice(i, i + n))) {
      marked.fill(1, i, i + n);
      any = true;
    }
  }
  if (!any) return text;
  let out = '';
  for (let i = 0; i < text.length; ) {
    if (!marked[i]) { out += text[i]; i++; continue; }
    while (i < text.length && marked[i]) i++;
    out += REDACTED;
  }
  return out;
}

/**
 * Every credential a Transport of this process was given, so a last-resort error path (a crash of the full-screen
 * TUI) can scrub them without being handed each one. Held for the process's life; never written anywhere.
 */
const registered = new Set<string>();

export function registerSecret(secret: string | null | undefined): void {
  if (secret) registered.add(secret);
}

export function redactRegistered(text: string): string {
  let out = text;
  for (const s of registered) out = redactSecret(out, s);
  return out;
}
