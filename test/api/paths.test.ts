import { describe, expect, it } from 'vitest';
import { id, jobNum, query, slugPath, v1SlugPath } from '../../src/api/paths.js';

describe('API paths from untrusted values', () => {
  it('maps slugs to v2 and v1.1 paths', () => {
    expect(slugPath('gh/acme/payments')).toBe('gh/acme/payments');
    expect(v1SlugPath('gh/acme/payments')).toBe('github/acme/payments');
    expect(v1SlugPath('bb/org/repo')).toBe('bitbucket/org/repo');
    expect(v1SlugPath('circleci/abc/def')).toBe('circleci/abc/def');
  });

  it('refuses slugs, ids and numbers that would change the path', () => {
    for (const bad of ['gh/../me', 'gh/acme', 'gh/acme/payments/extra', 'gh//x']) expect(() => slugPath(bad)).toThrow(/not a project slug/);
    expect(slugPath('gh/ac me/p?x')).toBe('gh/ac%20me/p%3Fx');
    for (const bad of ['../me', 'a/b', 'x?y', '', 'a'.repeat(101)]) expect(() => id(bad, 'workflow')).toThrow(/malformed workflow id/);
    expect(() => jobNum('12a')).toThrow();
    expect(jobNum(5015)).toBe('5015');
  });

  it('builds query strings, leaving out empty values', () => {
    expect(query({ branch: 'feature/x y', 'page-token': null })).toBe('?branch=feature%2Fx+y');
    expect(query({ a: undefined })).toBe('');
  });
});
