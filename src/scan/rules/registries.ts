// Package and image registries: npm, PyPI, RubyGems, NuGet, Docker Hub and registry auth files, Artifactory.
import type { Rule } from '../rule.js';
import { END, re, START } from './define.js';

export const REGISTRY_RULES: readonly Rule[] = [
  { id: 'npm-access-token', description: 'npm access token', severity: 'high', keywords: ['npm_'], pattern: re(String.raw`\b(npm_[a-zA-Z0-9]{36})${END}`, 'gim'), entropy: 2 },
  {
    id: 'npmrc-auth-token',
    description: 'Registry auth token in an .npmrc line (legacy UUID tokens and third-party registries)',
    severity: 'high',
    keywords: ['_auth'],
    // `${NPM_TOKEN}` placeholders are dropped by the allowlist; npm_… tokens are reported by npm-access-token.
    pattern: re(String.raw`:_auth(?:Token)?[ \t]{0,3}=[ \t]{0,3}["']?([\w+/=.-]{16,400})${END}`, 'gm'),
    entropy: 3,
  },
  {
    id: 'pypi-upload-token',
    description: 'PyPI upload token',
    severity: 'high',
    keywords: ['pypi-ageichlwas5vcmc', 'pypi-agendgvzdc5wexbplm9yzw'],
    pattern: re(String.raw`\b(pypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[\w-]{50,1000})`),
  },
  {
    id: 'rubygems-api-key',
    description: 'RubyGems API key',
    severity: 'high',
    keywords: ['rubygems_'],
    pattern: re(String.raw`\b(rubygems_[a-f0-9]{48})\b`),
    entropy: 3,
  },
  {
    id: 'nuget-api-key',
    description: 'NuGet.org API key',
    severity: 'high',
    keywords: ['oy2'],
    pattern: re(String.raw`\b(oy2[a-z0-9]{43})\b`),
    entropy: 3,
  },
  {
    id: 'docker-hub-token',
    description: 'Docker Hub personal or organisation access token',
    severity: 'high',
    keywords: ['dckr_pat_', 'dckr_oat_'],
    pattern: re(String.raw`\b(dckr_(?:pat|oat)_[a-zA-Z0-9_-]{27,40})(?![\w-])`),
    entropy: 3,
  },
  {
    id: 'docker-registry-auth',
    description: 'Registry credentials in a Docker config.json (`auths` → base64 user:password)',
    severity: 'high',
    keywords: ['"auths"', '\\"auths\\"'],
    // The file printed (cat ~/.docker/config.json) or echoed as one JSON line, plain or with escaped quotes.
    pattern: re(String.raw`\\?"auths\\?"[ \t]{0,5}:[ \t]{0,5}\{[\s\S]{0,600}?\\?"auth\\?"[ \t]{0,5}:[ \t]{0,5}\\?"([A-Za-z0-9+/]{8,2000}={0,2})\\?"`),
    entropy: 3,
  },
  {
    id: 'artifactory-api-key',
    description: 'JFrog Artifactory API key',
    severity: 'high',
    keywords: ['akcp'],
    pattern: re(String.raw`\b(AKCp[A-Za-z0-9]{69})\b`),
    entropy: 4,
  },
  {
    id: 'artifactory-reference-token',
    description: 'JFrog Artifactory reference (identity) token',
    severity: 'high',
    // Base64 of `reftkn:01:`.
    keywords: ['cmvmdgtuoj'],
    pattern: re(String.raw`${START}(cmVmdGtuOj[A-Za-z0-9]{54})\b`),
    entropy: 4,
  },
];
