import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/errors.js';
import {
  normalizeSlug,
  projectFromGitRemote,
  resolveProject,
  slugFromRemoteUrl,
} from '../../src/config/project.js';
import { tempDir, writeFile } from './helpers.js';

describe('normalizeSlug', () => {
  it.each([
    ['gh/acme/payments', 'gh/acme/payments'],
    ['  gh/acme/payments/ ', 'gh/acme/payments'],
    ['github/acme/payments', 'gh/acme/payments'],
    ['GitHub/acme/pay.ments_v2-x', 'gh/acme/pay.ments_v2-x'],
    ['bb/org/repo', 'bb/org/repo'],
    ['bitbucket/org/repo', 'bb/org/repo'],
    ['circleci/UhkTUvo4ZbS7cgD3wDqaei/GbDbvf1J4wtqsiRrp5B19N', 'circleci/UhkTUvo4ZbS7cgD3wDqaei/GbDbvf1J4wtqsiRrp5B19N'],
    [
      'circleci/6d8a1a3e-0c6f-4c52-9d0c-0a4b1e9a1c11/9b1c3a2e-7f1d-4e55-8a0e-2a0b4c6d8e10',
      'circleci/6d8a1a3e-0c6f-4c52-9d0c-0a4b1e9a1c11/9b1c3a2e-7f1d-4e55-8a0e-2a0b4c6d8e10',
    ],
    ['gh%2Facme%2Fpayments', 'gh/acme/payments'],
    ['gh%2facme%2fpayments', 'gh/acme/payments'],
    ['https://app.circleci.com/pipelines/github/acme/payments/896', 'gh/acme/payments'],
    ['https://app.circleci.com/pipelines/github/acme/payments/896/workflows/0d4e0b8f-aaaa/jobs/1234', 'gh/acme/payments'],
    ['https://app.circleci.com/pipelines/github/acme/payments', 'gh/acme/payments'],
    ['https://app.circleci.com/pipelines/bitbucket/org/repo?branch=main', 'bb/org/repo'],
    ['https://app.circleci.com/pipelines/circleci/UhkTUvo4ZbS7cgD3wDqaei/GbDbvf1J4wtqsiRrp5B19N/12', 'circleci/UhkTUvo4ZbS7cgD3wDqaei/GbDbvf1J4wtqsiRrp5B19N'],
    ['https://app.circleci.com/settings/project/github/acme/payments/environment-variables', 'gh/acme/payments'],
    ['https://circleci.com/gh/acme/payments/1234', 'gh/acme/payments'],
    ['https://circleci.internal.example/pipelines/gh/acme/payments/7', 'gh/acme/payments'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeSlug(input)).toBe(expected);
  });

  it.each([
    '',
    'acme/payments',
    'gh/acme',
    'gh/acme/payments/extra',
    'gh//payments',
    'gl/acme/payments',
    'gitlab/acme/payments',
    'svn/acme/payments',
    'gh/acme/../x',
    'gh/../acme/x',
    'gh/acme/pay ments',
    'gh/acme/pay?ments',
    'gh%2Facme%2F..',
    'gh%ZZacme',
    'gh%252Facme%252Fpayments',
    'https://app.circleci.com/pipelines/github/acme',
    'https://github.com/acme/payments',
    'ftp://app.circleci.com/pipelines/github/acme/payments',
    'circleci/abc/def?x',
  ])('rejects %j with a one-line ConfigError', (input) => {
    let caught: unknown;
    try {
      normalizeSlug(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const message = (caught as Error).message;
    expect(message).not.toContain('\n');
    expect(message).toMatch(/^Invalid project /);
    expect(message).toMatch(/gh\/<org>\/<repo>|circleci\/<org-id>\/<project-id>/);
  });

  it('explains GitLab slugs', () => {
    expect(() => normalizeSlug('gl/acme/payments')).toThrow(/GitLab projects use circleci\/<org-id>\/<project-id>/);
  });
});


describe('slugFromRemoteUrl', () => {
  it.each([
    ['git@github.com:acme/payments.git', 'gh/acme/payments'],
    ['git@github.com:acme/payments', 'gh/acme/payments'],
    ['github.com:acme/payments.git', 'gh/acme/payments'],
    ['https://github.com/acme/payments', 'gh/acme/payments'],
    ['https://github.com/acme/payments.git', 'gh/acme/payments'],
    ['https://github.com/acme/payments/', 'gh/acme/payments'],
    ['https://GitHub.com/Acme/Payments.GIT', 'gh/Acme/Payments'],
    ['ssh://git@github.com/acme/payments.git', 'gh/acme/payments'],
    ['ssh://git@ssh.github.com:443/acme/payments.git', 'gh/acme/payments'],
    ['git://github.com/acme/payments.git', 'gh/acme/payments'],
    ['git+ssh://git@github.com/acme/payments.git', 'gh/acme/payments'],
    ['https://user:pw@github.com/acme/payments.git', 'gh/acme/payments'],
    ['https://x-access-token:ghs_abc@github.com/acme/payments', 'gh/acme/payments'],
    ['git@bitbucket.org:org/repo.git', 'bb/org/repo'],
    ['https://someone@bitbucket.org/org/repo.git', 'bb/org/repo'],
    ['ssh://git@altssh.bitbucket.org:443/org/repo.git', 'bb/org/repo'],
  ])('%j → %j', (remote, expected) => {
    expect(slugFromRemoteUrl(remote)).toBe(expected);
  });

  it.each([
    'git@gitlab.com:acme/payments.git', // GitLab projects have opaque circleci/ slugs
    'https://gitlab.com/acme/payments',
    'git@git.example.com:acme/payments.git',
    'https://github.example.com/acme/payments',
    'https://github.com/acme',
    'https://github.com/acme/payments/tree/main',
    '/srv/git/payments.git',
    '../payments',
    'file:///srv/git/payments.git',
    '',
  ])('%j → null', (remote) => {
    expect(slugFromRemoteUrl(remote)).toBeNull();
  });
});

function makeRepo(root: string, config: string): void {
  writeFile(path.join(root, '.git', 'config'), config);
  writeFile(path.join(root, '.git', 'HEAD'), 'ref: refs/heads/main\n');
}

const ORIGIN_CONFIG = `[core]
\trepositoryformatversion = 0
\tbare = false
[remote "upstream"]
\turl = git@github.com:upstream/other.git
[remote "origin"]
\turl = git@github.com:acme/payments.git
\tfetch = +refs/heads/*:refs/remotes/origin/*
[branch "main"]
\tremote = origin
`;

describe('projectFromGitRemote', () => {
  it('reads the origin remote from .git/config', () => {
    const repo = tempDir();
    makeRepo(repo, ORIGIN_CONFIG);
    expect(projectFromGitRemote(repo)).toBe('gh/acme/payments');
  });

  it('walks up from a subdirectory', () => {
    const repo = tempDir();
    makeRepo(repo, ORIGIN_CONFIG);
    const deep = path.join(repo, 'src', 'deep', 'er');
    fs.mkdirSync(deep, { recursive: true });
    expect(projectFromGitRemote(deep)).toBe('gh/acme/payments');
  });

  it('follows a `.git` file with a relative gitdir (submodule)', () => {
    const outer = tempDir();
    writeFile(path.join(outer, '.git', 'modules', 'lib', 'config'), '[remote "origin"]\n\turl = https://bitbucket.org/org/lib.git\n');
    const sub = path.join(outer, 'lib');
    writeFile(path.join(sub, '.git'), 'gitdir: ../.git/modules/lib\n');
    expect(projectFromGitRemote(sub)).toBe('bb/org/lib');
  });

  it('follows a `.git` file with an absolute gitdir to a worktree, using its commondir config', () => {
    const main = tempDir();
    makeRepo(main, ORIGIN_CONFIG);
    const worktreeGitDir = path.join(main, '.git', 'worktrees', 'feature');
    writeFile(path.join(worktreeGitDir, 'commondir'), '../..\n');
    const worktree = tempDir();
    writeFile(path.join(worktree, '.git'), `gitdir: ${worktreeGitDir}\n`);
    expect(projectFromGitRemote(worktree)).toBe('gh/acme/payments');
  });

  it('handles quoted values, comments, case-insensitive keys and the legacy [remote.origin] header', () => {
    const a = tempDir();
    makeRepo(a, '# comment\n[Remote "origin"]\n  URL = "https://github.com/acme/quoted.git" ; trailing comment\n');
    expect(projectFromGitRemote(a)).toBe('gh/acme/quoted');

    const b = tempDir();
    makeRepo(b, '[remote.origin]\nurl=ssh://git@github.com/acme/legacy.git\n');
    expect(projectFromGitRemote(b)).toBe('gh/acme/legacy');
  });

  it('is case-sensitive for the remote name', () => {
    const repo = tempDir();
    makeRepo(repo, '[remote "Origin"]\n\turl = git@github.com:acme/payments.git\n');
    expect(projectFromGitRemote(repo)).toBeNull();
  });

  it('returns null without an origin, for other hosts, and outside a repository', () => {
    const noOrigin = tempDir();
    makeRepo(noOrigin, '[remote "upstream"]\n\turl = git@github.com:acme/payments.git\n');
    expect(projectFromGitRemote(noOrigin)).toBeNull();

    const gitlab = tempDir();
    makeRepo(gitlab, '[remote "origin"]\n\turl = git@gitlab.com:acme/payments.git\n');
    expect(projectFromGitRemote(gitlab)).toBeNull();

    const broken = tempDir();
    writeFile(path.join(broken, '.git'), 'not a gitdir line\n');
    expect(projectFromGitRemote(broken)).toBeNull();

    // tmpdir itself is normally not inside a repository.
    const plain = tempDir();
    const result = projectFromGitRemote(plain);
    expect(result === null || typeof result === 'string').toBe(true);
  });
});

describe('resolveProject', () => {
  it('prefers the flag, then the git remote, then the last-used project', () => {
    const repo = tempDir();
    makeRepo(repo, ORIGIN_CONFIG);
    const settings = { lastProject: 'bb/org/last' };

    expect(resolveProject({ flag: 'github/acme/flagged', cwd: repo, settings })).toEqual({
      slug: 'gh/acme/flagged',
      source: '--project flag',
    });
    expect(resolveProject({ cwd: repo, settings })).toEqual({ slug: 'gh/acme/payments', source: 'git remote origin' });

    const notRepo = tempDir();
    writeFile(path.join(notRepo, '.git'), 'garbage');
    expect(resolveProject({ cwd: notRepo, settings })).toEqual({ slug: 'bb/org/last', source: 'last used (settings)' });
    expect(resolveProject({ cwd: notRepo, settings: {} })).toBeNull();
    expect(resolveProject({ cwd: notRepo, settings: null })).toBeNull();
  });

  it('throws for an invalid flag but skips an invalid stored value', () => {
    const notRepo = tempDir();
    writeFile(path.join(notRepo, '.git'), 'garbage');
    expect(() => resolveProject({ flag: 'acme/payments', cwd: notRepo })).toThrow(ConfigError);
    expect(resolveProject({ cwd: notRepo, settings: { lastProject: 'garbage' } })).toBeNull();
  });
});
