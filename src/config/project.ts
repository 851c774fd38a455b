import { ConfigError, quoteInput } from './errors.js';
import { readOriginUrl } from './git-config.js';

/** A normalised project slug: `gh/<org>/<repo>`, `bb/<org>/<repo>` or `circleci/<org-id>/<project-id>`. */
export type ProjectSlug = string;

export interface ProjectResolution {
  slug: ProjectSlug;
  source: string;
}

const EXPECTED_FORM =
  'expected gh/<org>/<repo>, bb/<org>/<repo>, circleci/<org-id>/<project-id> or an app.circleci.com pipelines URL';

// Org and repo names on GitHub/Bitbucket; also keeps `/`, `%`, `?`, `#` and `..` out of API paths.
const NAME = /^(?!\.{1,2}$)[A-Za-z0-9_.-]+$/;
// GitHub-App/GitLab ids: 22-char base58 or UUIDs.
const OPAQUE_ID = /^[A-Za-z0-9-]+$/;

const VCS_ALIASES: Readonly<Record<string, 'gh' | 'bb' | 'circleci'>> = {
  gh: 'gh',
  github: 'gh',
  bb: 'bb',
  bitbucket: 'bb',
  circleci: 'circleci',
};

/**
 * Accept the slug forms people paste and return the canonical short slug.
 * Throws ConfigError (one line, with the expected form) for anything else.
 */
export function normalizeSlug(input: string): ProjectSlug {
  const raw = input.trim();
  const fail = (hint = EXPECTED_FORM): never => {
    throw new ConfigError(`Invalid project ${quoteInput(raw)}: ${hint}`);
  };

  let parts: string[];
  if (/^https?:\/\//i.test(raw)) {
    parts = slugPartsFromWebUrl(raw) ?? fail();
  } else {
    let decoded = raw;
    if (raw.includes('%')) {
      try {
        decoded = decodeURIComponent(raw);
      } catch {
        return fail();
      }
    }
    parts = decoded.replace(/\/+$/, '').split('/');
  }

  const [vcsRaw = '', org = '', repo = ''] = parts;
  const vcsLower = vcsRaw.toLowerCase();
  if (vcsLower === 'gl' || vcsLower === 'gitlab') {
    return fail('GitLab projects use circleci/<org-id>/<project-id> (copy it from the CircleCI web app URL)');
  }
  const vcs = VCS_ALIASES[vcsLower];
  if (parts.length !== 3 || vcs === undefined) return fail();
  const valid = vcs === 'circleci' ? OPAQUE_ID : NAME;
  if (!valid.test(org) || !valid.test(repo)) return fail();
  return `${vcs}/${org}/${repo}`;
}

/**
 * Slug parts from a CircleCI web URL (any host, for Server installs):
 * `/pipelines/github/acme/payments/896`, `/insights/gh/…`, `/settings/project/github/…`, legacy `/gh/acme/payments/12`.
 */
function slugPartsFromWebUrl(raw: string): string[] | null {
  let segments: string[];
  try {
    segments = new URL(raw).pathname.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
  } catch {
    return null;
  }
  let start = 0;
  if (segments[0] === 'pipelines' || segments[0] === 'insights') start = 1;
  else if (segments[0] === 'settings' && segments[1] === 'project') start = 2;
  const parts = segments.slice(start, start + 3);
  return parts.length === 3 ? parts : null;
}

const REMOTE_HOSTS: Readonly<Record<string, 'gh' | 'bb'>> = {
  'github.com': 'gh',
  'www.github.com': 'gh',
  'ssh.github.com': 'gh', // SSH over port 443
  'bitbucket.org': 'bb',
  'www.bitbucket.org': 'bb',
  'altssh.bitbucket.org': 'bb', // SSH over port 443
};

/**
 * Map a git remote URL to a slug. GitHub and Bitbucket map directly; GitLab (and GitHub-App)
 * projects have opaque `circleci/<org-id>/<project-id>` slugs that cannot be derived from the
 * remote, so they — and every other host — give null.
 */
export function slugFromRemoteUrl(remote: string): ProjectSlug | null {
  const location = parseRemote(remote.trim());
  if (!location) return null;
  const vcs = REMOTE_HOSTS[location.host.toLowerCase()];
  if (!vcs) return null;
  const parts = location.path
    .replace(/^\/+|\/+$/g, '')
    .replace(/\.git$/i, '')
    .split('/');
  const [org = '', repo = ''] = parts;
  if (parts.length !== 2 || !NAME.test(org) || !NAME.test(repo)) return null;
  return `${vcs}/${org}/${repo}`;
}

function parseRemote(remote: string): { host: string; path: string } | null {
  // URL forms: https://[user[:pw]@]host/path, ssh://git@host[:port]/path, git://…, git+ssh://…
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(remote)) {
    try {
      const url = new URL(remote);
      return url.hostname ? { host: url.hostname, path: decodeURIComponent(url.pathname) } : null;
    } catch {
      return null;
    }
  }
  // scp-like: [user@]host:path — git treats it so only when no slash comes before the colon.
  const scp = remote.match(/^(?:[^@/:]+@)?([^/:]+):(.+)$/);
  return scp?.[1] && scp[2] ? { host: scp[1], path: scp[2] } : null;
}

/** Slug from the `origin` remote of the git repository containing `cwd` (reads `.git/config`, no git process). */
export function projectFromGitRemote(cwd: string = process.cwd()): ProjectSlug | null {
  const url = readOriginUrl(cwd);
  return url ? slugFromRemoteUrl(url) : null;
}

type StoredProject = { lastProject?: string | undefined } | null | undefined;

/**
 * Which project to open: `--project`, then the git remote of cwd, then the last-used project.
 * An invalid flag throws ConfigError; an invalid stored value is skipped (settings may be stale).
 */
export function resolveProject({
  flag,
  cwd = process.cwd(),
  settings,
}: {
  flag?: string | undefined;
  cwd?: string;
  /** The stored settings, or a function that reads them (called only when neither the flag nor git names a project). */
  settings?: StoredProject | (() => StoredProject) | null | undefined;
} = {}): ProjectResolution | null {
  if (flag?.trim()) return { slug: normalizeSlug(flag), source: '--project flag' };

  const fromGit = projectFromGitRemote(cwd);
  if (fromGit) return { slug: fromGit, source: 'git remote origin' };

  const last = (typeof settings === 'function' ? settings() : settings)?.lastProject;
  if (last) {
    try {
      return { slug: normalizeSlug(last), source: 'last used (settings)' };
    } catch {
      return null;
    }
  }
  return null;
}
