// Which origins are CircleCI artifact hosts (may be offered the token for an artifact download).
const ARTIFACT_HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+circle-artifacts\.com$/i;

/**
 * Whether `url` is a CircleCI artifact host (may be offered the token): `*.circle-artifacts.com` (https, default
 * port), one of `extraOrigins`, or the CircleCI host itself (`circleHost`), where CircleCI Server serves artifacts
 * (`$CIRCLE_HOST/output/job/…`): a URL of the CircleCI host gets the token like any API call.
 */
export function isArtifactHost(url: string, extraOrigins: readonly string[] = [], circleHost?: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (circleHost !== undefined && safeOrigin(circleHost) === parsed.origin) return true;
  if (extraOrigins.some((origin) => safeOrigin(origin) === parsed.origin)) return true;
  return parsed.protocol === 'https:' && parsed.port === '' && ARTIFACT_HOST.test(parsed.hostname);
}

function safeOrigin(o: string): string | null {
  try {
    return new URL(o).origin;
  } catch {
    return null;
  }
}
