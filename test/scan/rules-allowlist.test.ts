// What the allowlist keeps out, each with a negative check first (the same shape with a real secret is found), and
// the rules' fit with ripgrep's line-by-line prefilter.
import { describe, expect, it } from 'vitest';
import { noiseChunks } from '../../bench/lib/ci-noise.mjs';
import { EXAMPLES, rnd } from '../../bench/lib/secret-examples.mjs';
import { isExample, isFalseFriendKey } from '../../src/scan/allowlist.js';
import { canSpanLines } from '../../src/scan/rg-prefilter.js';
import { RULES } from '../../src/scan/rules.js';
import { scanText } from '../../src/scan/scanner.js';
import { fake } from '../search/helpers.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const B64 = `${ALNUM}+/`;
const ids = (text: string) => scanText(text).map((f) => f.ruleId);
const value = rnd(24, 99, ALNUM);

describe('generic rule: names that hold a keyword without meaning a credential', () => {
  it('a keyword inside a package or word name (oauthlib, keyring, oauth2) is not a secret name', () => {
    expect(ids(`OAUTH_TOKEN: ${value}`)).toEqual(['generic-api-key']);
    expect(ids(`keyring_password=${value}`)).toEqual(['generic-api-key']);
    expect(ids(`Created wheel for oauthlib: ${value}`)).toEqual([]);
    expect(ids(`golang.org/x/oauth2 v0.15.0 h1:${rnd(43, 7, B64)}=`)).toEqual([]);
    expect(isFalseFriendKey('keyring')).toBe(true);
    expect(isFalseFriendKey('OAUTH_CLIENT_SECRET')).toBe(false);
    // Names without any innocent word keep their meaning (the RCA redaction relies on it).
    expect(isFalseFriendKey('pass')).toBe(false);
    expect(isFalseFriendKey('authorization')).toBe(false);
  });

  it('an AWS role/user unique id that happens to spell KEY or API', () => {
    expect(ids(`{"UserId": "AROAXAKYB1826QPKEYQHN:${value}"}`)).toEqual([]);
    expect(ids(`{"MYAPIKEY": "${value}"}`)).toEqual(['generic-api-key']);
  });

  it('a file name or another assignment as the value', () => {
    expect(ids(`api_key: ${value}`)).toEqual(['generic-api-key']);
    expect(ids(`api_key: filename=oauthlib-3.2.2-py3-none-any.whl`)).toEqual([]);
    expect(ids(`token: ${value}.whl`)).toEqual([]);
    expect(ids(`'junit-jupiter-api', 'software/amazon/awssdk/s3'`)).toEqual([]);
    expect(ids(`api_key: ${rnd(12, 3, B64)}/${rnd(20, 4, B64)}`)).toEqual(['generic-api-key']);
  });
});

describe('published values that open nothing', () => {
  it('the Azurite emulator account key, known by its SHA-256 only', () => {
    const azurite = fake('Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT5', '0uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==');
    expect(isExample(azurite)).toBe(true);
    expect(isExample(`${azurite.slice(0, -3)}Q==`)).toBe(false);
    expect(ids(`AccountKey=${azurite.slice(0, -3)}Q==;`)).toEqual(['azure-storage-account-key']);
    expect(ids(`AccountKey=${azurite};`)).toEqual([]);
  });

  it("a CI service container's default password in a URI; a real one is found", () => {
    expect(ids(fake('postgres://app:', value, '@db:5432/app'))).toEqual(['database-uri-password']);
    expect(ids(fake('postgres://postgres:', 'postgres@localhost:5432/circle_test'))).toEqual([]);
    expect(ids(fake('amqp://guest:', 'guest@rabbitmq:5672/'))).toEqual([]);
    expect(ids(fake('mysql://root:', 'root@127.0.0.1/test'))).toEqual([]);
  });
});

describe('ordinary CI output', () => {
  it('is deterministic for a seed', () => {
    expect(noiseChunks(500, 3).next().value).toBe(noiseChunks(500, 3).next().value);
    expect(noiseChunks(500, 3).next().value).not.toBe(noiseChunks(500, 4).next().value);
  });

  it('50,000 lines of it: no high or medium finding (the bench runs 1,000,000)', () => {
    const found: string[] = [];
    for (const chunk of noiseChunks(50_000, 77)) for (const f of scanText(chunk)) if (f.severity !== 'info') found.push(`${f.ruleId} ${f.masked}`);
    expect(found).toEqual([]);
    // The same output with one secret in it: found (the check above could see one).
    const planted = `${noiseChunks(2000, 77).next().value}\nexport GITHUB_TOKEN=${fake('gh', 'p_', rnd(36, 5, ALNUM))}\n`;
    expect(ids(planted)).toEqual(['github-pat']);
  });
});

describe("fit with ripgrep's prefilter (rg-prefilter.ts judges rules line by line)", () => {
  it('only the rules that must span lines can (a PEM block, a PuTTY file, a docker config.json)', () => {
    expect(RULES.filter((r) => canSpanLines(r)).map((r) => r.id).sort()).toEqual(['docker-registry-auth', 'private-key', 'putty-private-key']);
  });

  it('each true example of a one-line rule has one of its keywords on the line of the secret', () => {
    for (const e of EXAMPLES) {
      const rule = RULES.find((r) => r.id === e.rule);
      // Multi-line rules send the whole file to the full scan when a line holds their keyword.
      if (!rule || canSpanLines(rule)) continue;
      const [f] = scanText(e.hit);
      const lineStart = e.hit.lastIndexOf('\n', f!.start - 1) + 1;
      const lineEnd = e.hit.indexOf('\n', f!.start);
      const line = e.hit.slice(lineStart, lineEnd === -1 ? undefined : lineEnd).toLowerCase();
      expect(rule.keywords.some((k) => line.includes(k)), e.rule).toBe(true);
    }
  });
});
