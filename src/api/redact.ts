// Defence in depth: scrub a secret (and its base64 forms) and presigned query strings from any
// text that may reach the screen, a log or a file.

const SIGNED_QUERY = /([?&](?:X-Amz-[A-Za-z-]+|circle-token|Signature|Expires|AWSAccessKeyId|token)=)[^&#\s"']*/gi;

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

export function redactSecret(text: string, secret: string | null | undefined): string {
  let out = redactQueryStrings(text);
  if (!secret || secret.length < 4) return out;
  const forms = new Set([secret, Buffer.from(secret).toString('base64'), Buffer.from(`${secret}:`).toString('base64'), encodeURIComponent(secret)]);
  for (const f of forms) if (f) out = out.split(f).join('[redacted]');
  return out;
}
