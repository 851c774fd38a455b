import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/errors.js';
import { normalizeHost, resolveHost } from '../../src/config/host.js';
import { tempDir, writeCliYml } from './helpers.js';

describe('resolveHost precedence', () => {
  it('uses --host, then CIRCLE_HOST, then CIRCLECI_CLI_HOST, then cli.yml, then the default', () => {
    const home = tempDir();
    writeCliYml(home, 'host: https://file.example.com\n');
    const env = { CIRCLE_HOST: 'https://one.example.com', CIRCLECI_CLI_HOST: 'https://two.example.com' };

    expect(resolveHost({ flag: 'https://flag.example.com', env, home })).toMatchObject({
      host: 'https://flag.example.com',
      source: '--host flag',
    });
    expect(resolveHost({ env, home })).toMatchObject({ host: 'https://one.example.com', source: 'env CIRCLE_HOST' });
    expect(resolveHost({ env: { CIRCLE_HOST: ' ', CIRCLECI_CLI_HOST: env.CIRCLECI_CLI_HOST }, home })).toMatchObject({
      host: 'https://two.example.com',
      source: 'env CIRCLECI_CLI_HOST',
    });
    expect(resolveHost({ env: {}, home })).toMatchObject({
      host: 'https://file.example.com',
      source: '~/.circleci/cli.yml',
    });
    expect(resolveHost({ env: {}, home: tempDir() })).toEqual({
      host: 'https://circleci.com',
      source: 'default',
      warnings: [],
    });
  });

  it('an empty flag falls through', () => {
    expect(resolveHost({ flag: '  ', env: {}, home: tempDir() }).source).toBe('default');
  });

  it('throws a one-line ConfigError naming the source of a bad value', () => {
    const attempt = () => resolveHost({ env: { CIRCLE_HOST: 'http://evil.example' }, home: tempDir() });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/^CIRCLE_HOST "http:\/\/evil\.example" must use https/);
  });

  it('validates a host from cli.yml too', () => {
    const home = tempDir();
    writeCliYml(home, 'host: https://user@evil.example\n');
    expect(() => resolveHost({ env: {}, home })).toThrow(/~\/\.circleci\/cli\.yml .* user name or password/);
  });
});

describe('normalizeHost', () => {
  it.each([
    ['https://circleci.com', 'https://circleci.com'],
    ['https://circleci.com/', 'https://circleci.com'],
    ['  https://circleci.example.com///  ', 'https://circleci.example.com'],
    ['HTTPS://CircleCI.Example.COM', 'https://circleci.example.com'],
    ['https://ci.example.com:8443/', 'https://ci.example.com:8443'],
    ['https://ci.example.com/prefix/', 'https://ci.example.com/prefix'],
    ['http://localhost:8080/', 'http://localhost:8080'],
    ['http://127.0.0.1:3000', 'http://127.0.0.1:3000'],
    ['http://127.42.0.9', 'http://127.42.0.9'],
    ['http://[::1]:4000/', 'http://[::1]:4000'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeHost(input)).toBe(expected);
  });

  it.each([
    ['https://user@circleci.com', /user name or password/],
    ['https://user:pw@circleci.com', /user name or password/],
    ['https://@circleci.com', /user name or password/],
    ['file:///etc/passwd', /must be an https:\/\/ URL/],
    ['ftp://circleci.com', /must be an https:\/\/ URL/],
    ['javascript:alert(1)', /must be an https:\/\/ URL/],
    ['http://evil.example', /must use https/],
    ['http://localhost.evil.example', /must use https/],
    ['http://128.0.0.1', /must use https/],
    ['https://circleci.com?x=1', /query or fragment/],
    ['https://circleci.com/?', /query or fragment/],
    ['https://circleci.com#frag', /query or fragment/],
    ['circleci.com', /is not a URL; expected https:\/\/<host>/],
    ['', /is not a URL/],
  ])('rejects %j', (input, pattern) => {
    let caught: unknown;
    try {
      normalizeHost(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const message = (caught as Error).message;
    expect(message).toMatch(pattern);
    expect(message).not.toContain('\n');
  });

  it('does not echo control characters from the input', () => {
    expect(() => normalizeHost('https://x\u001b[31m.example.com\u0007?q')).toThrow(ConfigError);
    try {
      normalizeHost('http://evil\u001b]0;title\u0007.example');
    } catch (error) {
      expect((error as Error).message).not.toMatch(/[\u0000-\u001f]/);
    }
  });

  it.each([
    ['https://user:hunter2secret@circleci.com', /user name or password/],
    ['https://:hunter2secret@circleci.com/', /user name or password/],
    ['https:hunter2secret:hunter2secret@circleci.com', /user name or password/],
    ['https:///user:hunter2secret@circleci.com', /user name or password/],
    ['ftp://user:hunter2secret@circleci.com', /must be an https:\/\/ URL/],
    ['http://user:hunter2secret@evil.example', /must be|must not|must use/],
    ['user:hunter2secret@circleci.com', /must be an https:\/\/ URL/],
    ['https://circleci.com/?circle-token=hunter2secret', /query or fragment/],
    ['https://circleci.com/#hunter2secret', /query or fragment/],
  ])('never echoes the password or token in %j', (input, pattern) => {
    const message = (() => {
      try {
        normalizeHost(input, 'CIRCLE_HOST');
      } catch (error) {
        return (error as Error).message;
      }
      return 'accepted';
    })();
    expect(message).toMatch(pattern);
    expect(message).not.toContain('hunter2');
    expect(message).toMatch(/circleci\.com|evil\.example/);
  });

  it('hides user info from a refused CIRCLE_HOST read through resolveHost', () => {
    const attempt = () => resolveHost({ env: { CIRCLE_HOST: 'http://admin:hunter2secret@ci.example.com' }, home: tempDir() });
    expect(attempt).toThrow(/^CIRCLE_HOST "http:\/\/\[user info hidden\]@ci\.example\.com" must not contain a user name or password$/);
  });
});
