// Which origins are CircleCI artifact hosts (may be offered the token for an artifact download).
const ARTIFACT_HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+circle-artifacts\.com$/i;

/** Whether `url` is a CircleCI artifact host (may be offered the token). */
export function isArtifactHost(url: string, extraOrigins: readonly string[] = []): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (extraOrigins.some((o) => safeOrigin(o) === u.origin)) return true;
  return u.protocol === 'https:' && u.port === '' && ARTIFACT_HOST.test(u.hostname);
}

function safeOrigin(o: string): string | null {
  try {
    return new URL(o).origin;
  } catch {
    return null;
  }
}
