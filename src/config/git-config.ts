import fs from 'node:fs';
import path from 'node:path';

/**
 * Minimal reading of a repository's git config without spawning git: enough to find
 * `remote.origin.url`. Includes, `insteadOf` rewrites and worktree-specific config are not applied.
 */

/** Find the git directory of the repository containing `cwd` (walking up), or null. */
export function findGitDir(cwd: string): string | null {
  let dir = path.resolve(cwd);
  for (;;) {
    const candidate = path.join(dir, '.git');
    const stat = statOrNull(candidate);
    if (stat?.isDirectory()) return candidate;
    // Worktrees and submodules have a `.git` file: `gitdir: <path>`, relative to the file's folder.
    if (stat?.isFile()) {
      const target = readSmallFile(candidate)?.match(/^gitdir:\s*(.+?)\s*$/m)?.[1];
      return target ? path.resolve(dir, target) : null;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** The config file for a git dir; a linked worktree's shared config lives in its `commondir`. */
export function gitConfigPath(gitDir: string): string {
  const commonDir = readSmallFile(path.join(gitDir, 'commondir'))?.trim();
  return path.join(commonDir ? path.resolve(gitDir, commonDir) : gitDir, 'config');
}

/** `remote.origin.url` of the repository containing `cwd`, or null. */
export function readOriginUrl(cwd: string): string | null {
  const gitDir = findGitDir(cwd);
  if (!gitDir) return null;
  const text = readSmallFile(gitConfigPath(gitDir));
  return text === null ? null : findConfigValue(text, 'remote', 'origin', 'url');
}

/**
 * First value of `[section "subsection"] key` in git-config text. Section and key names are
 * case-insensitive, the subsection is case-sensitive (as in git).
 */
export function findConfigValue(text: string, section: string, subsection: string, key: string): string | null {
  let inSection = false;
  for (const line of joinContinuations(text)) {
    const trimmed = line.trim();
    if (trimmed.startsWith('[')) {
      inSection = matchesHeader(trimmed, section, subsection);
      continue;
    }
    if (!inSection) continue;
    const entry = trimmed.match(/^([A-Za-z][A-Za-z0-9-]*)\s*(?:=(.*))?$/);
    if (entry && entry[1]?.toLowerCase() === key.toLowerCase() && entry[2] !== undefined) {
      return parseValue(entry[2]);
    }
  }
  return null;
}

function matchesHeader(header: string, section: string, subsection: string): boolean {
  // [remote "origin"] — subsection quoted, with \" and \\ escapes.
  const modern = header.match(/^\[\s*([A-Za-z0-9.-]+)\s+"((?:[^"\\]|\\.)*)"\s*\]/);
  if (modern) {
    return modern[1]?.toLowerCase() === section.toLowerCase() && modern[2]?.replace(/\\(.)/g, '$1') === subsection;
  }
  // Deprecated [remote.origin] — the subsection is lower-cased by git.
  const legacy = header.match(/^\[\s*([A-Za-z0-9-]+)\.([A-Za-z0-9.-]+)\s*\]/);
  return legacy?.[1]?.toLowerCase() === section.toLowerCase() && legacy[2]?.toLowerCase() === subsection.toLowerCase();
}

/** A line ending in an unescaped backslash continues on the next line. */
function joinContinuations(text: string): string[] {
  const lines: string[] = [];
  let pending = '';
  for (const line of text.split(/\r?\n/)) {
    const trailing = line.match(/\\+$/)?.[0].length ?? 0;
    if (trailing % 2 === 1) {
      pending += line.slice(0, -1);
    } else {
      lines.push(pending + line);
      pending = '';
    }
  }
  if (pending) lines.push(pending);
  return lines;
}

/** Unquote a git-config value: `"…"` sections, backslash escapes, `#`/`;` comments outside quotes. */
function parseValue(raw: string): string {
  let out = '';
  let quoted = false;
  let pendingSpace = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i] ?? '';
    if (ch === '\\') {
      const next = raw[++i] ?? '';
      out += pendingSpace + ({ n: '\n', t: '\t', b: '\b' }[next] ?? next);
      pendingSpace = '';
    } else if (ch === '"') {
      out += pendingSpace;
      pendingSpace = '';
      quoted = !quoted;
    } else if (!quoted && (ch === '#' || ch === ';')) {
      break;
    } else if (!quoted && /\s/.test(ch)) {
      // Keep inner whitespace, drop leading and trailing.
      if (out !== '') pendingSpace += ch;
    } else {
      out += pendingSpace + ch;
      pendingSpace = '';
    }
  }
  return out;
}

function statOrNull(p: string): fs.Stats | null {
  try {
    return fs.statSync(p);
  } catch {
    return null;
  }
}

function readSmallFile(p: string): string | null {
  try {
    const stat = fs.statSync(p);
    // A git config is small; refuse to slurp something huge by accident.
    if (!stat.isFile() || stat.size > 1024 * 1024) return null;
    return fs.readFileSync(p, 'utf8');
  } catch {
    return null;
  }
}
