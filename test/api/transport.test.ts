import { afterEach, describe, expect, it } from 'vitest';
import { Transport } from '../../src/api/transport.js';

const open: Transport[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});

describe('which origins may receive the token', () => {
  it('trusts the host, listed origins, and subdomains of a wildcard on https only', () => {
    const t = new Transport({ host: 'https://circleci.com', token: 'x', trustedOrigins: ['https://*.circle-artifacts.com', 'http://127.0.0.1:9'] });
    open.push(t);
    expect(t.isTrusted('https://circleci.com/api/v2/me')).toBe(true);
    expect(t.isTrusted('https://5679-123-gh.circle-artifacts.com/0/x')).toBe(true);
    expect(t.isTrusted('http://127.0.0.1:9/a')).toBe(true);
    for (const bad of [
      'https://circle-artifacts.com/x', 'https://evilcircle-artifacts.com/x', 'http://a.circle-artifacts.com/x',
      'https://a.circle-artifacts.com:8443/x', 'https://circleci.com.evil.test/', 'https://a.circle-artifacts.com.evil.test/',
      'http://127.0.0.1:10/a', 'not a url',
    ]) expect(t.isTrusted(bad), bad).toBe(false);
  });
});
