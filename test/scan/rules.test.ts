import { describe, expect, it } from 'vitest';
import { maskSecret } from '../../src/scan/mask.js';
import { RULE_IDS } from '../../src/scan/rules.js';
import { redact, scanText } from '../../src/scan/scanner.js';
import { fake } from '../search/helpers.js';

const ids = (text: string) => scanText(text).map((f) => f.ruleId);
/** Deterministic pseudo-random strings (an LCG), so every run tests the same "random" secrets. */
function rand(n: number, seed: number, alphabet: string): string {
  let x = seed * 2654435761;
  let out = '';
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out += alphabet[(x >>> 16) % alphabet.length];
  }
  return out;
}
const hex = (n: number, seed = 7) => rand(n, seed, '0123456789abcdef');
const alnum = (n: number, seed = 11) => rand(n, seed, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789');

// One real-looking example per rule, assembled from fragments (see helpers.ts).
const TRUE_POSITIVES: Record<string, string> = {
  'aws-access-key-id': `aws_access_key_id = ${fake('AKIA', 'Q3EGRTLYX7K5', 'WZPN')}`,
  'aws-secret-access-key': `AWS_SECRET_ACCESS_KEY=${fake('hT3kq9ZrV0pWm4LxB8nY', 'c2sFd7GjK1eQa5uRt6Io')}`,
  'github-pat': `token ${fake('ghp_', alnum(36))}`,
  'github-fine-grained-pat': `GH=${fake('github_pat_', alnum(22), '_', alnum(59, 7))}`,
  'github-oauth': `${fake('gho_', alnum(36, 5))}`,
  'github-app-token': `installation ${fake('ghs_', alnum(36, 13))}`,
  'github-refresh-token': `${fake('ghr_', alnum(36, 17))}`,
  'gitlab-pat': `PRIVATE-TOKEN: ${fake('glpat-', alnum(20, 19))}`,
  'slack-bot-token': `SLACK=${fake('xoxb-', '1234567890123-', '1234567890123', '-', alnum(24))}`,
  'slack-user-token': `${fake('xoxp-', '1234567890-', '1234567890-', '1234567890-', alnum(32))}`,
  'slack-app-token': `${fake('xapp-1-', 'A0123BCDEFG-', '1234567890123-', hex(64))}`,
  'slack-legacy-token': `${fake('xoxs-', '1234567890-', '1234567890-', '1234567890-', hex(64, 3))}`,
  'slack-webhook-url': `curl -X POST ${fake('https://hooks.slack', '.com/services/', 'T04ACME0PAY/B07SIMHOOK9/', 'q7Xy2Lm9Pz4Wk8Rt1Vb6Nc3D')}`,
  'stripe-access-token': `STRIPE_KEY=${fake('sk_live_', alnum(24, 23))} `,
  'gcp-api-key': `key=${fake('AIza', 'Sy', alnum(33, 29))}\n`,
  'npm-access-token': `//registry.npmjs.org/:_authToken=${fake('npm_', 'aK7bQ2xZ9mR4tW1pL8vN', '3cY6dF0gH5jS2eUq')}\n`,
  'pypi-upload-token': `password: ${fake('pypi-AgEIcHlwaS5vcmc', alnum(70, 31))}`,
  'private-key': `${fake('-----BEGIN RSA ', 'PRIVATE KEY-----')}\n${'MIIEowIBAAKCAQEA7n'.repeat(6)}\n${fake('-----END RSA ', 'PRIVATE KEY-----')}`,
  jwt: `Authorization: Bearer ${fake('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9', '.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ', '.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c')}\n`,
  'circleci-personal-token': `Circle-Token: ${fake('CCIPAT_', alnum(22, 37), '_', hex(40, 5))}`,
  'circleci-project-token': `?circle-token=${fake('CCIPRJ_', alnum(22, 41), '_', hex(40, 9))}`,
  'circleci-legacy-token': `CIRCLE_TOKEN=${hex(40, 11)}`,
  'circleci-masked-value': 'NPM_TOKEN=********************',
  'generic-api-key': `client_secret = "${fake('Zx8vK2pQ', '9wL4mN7r', 'T1yB5cF3')}"`,
};

describe('every rule finds its secret', () => {
  it('covers the first rules (every rule id has its example in rules-table.test.ts)', () => {
    expect(Object.keys(TRUE_POSITIVES).length).toBe(24);
    for (const id of Object.keys(TRUE_POSITIVES)) expect(RULE_IDS).toContain(id);
  });

  it.each(Object.entries(TRUE_POSITIVES))('%s', (rule, text) => {
    const found = scanText(text);
    expect(found.map((f) => f.ruleId)).toEqual([rule]);
    const f = found[0]!;
    if (rule !== 'circleci-masked-value') {
      expect(f.masked).not.toBe(f.secret);
      expect(f.masked).not.toContain(f.secret.slice(5, -5));
    }
    expect(text.slice(f.start, f.end)).toBe(f.secret);
  });

  it('ccipat_ and cciprj_ prefixes match in any case (CircleCI docs print them lower-case)', () => {
    expect(ids(fake('ccipat_', alnum(22, 37), '_', hex(40, 5)))).toEqual(['circleci-personal-token']);
    expect(ids(fake('CciPrj_', alnum(22, 41), '_', hex(40, 9)))).toEqual(['circleci-project-token']);
  });
});

describe('false positives stay out', () => {
  it.each([
    ['a commit SHA', `commit 3f786850e387550fdab836ed7e6dc881de23001b\nCIRCLE_SHA1=3f786850e387550fdab836ed7e6dc881de23001b`],
    ['a UUID', 'workflow_id: 550e8400-e29b-41d4-a716-446655440000\napi_key=550e8400-e29b-41d4-a716-446655440000'],
    ['AWS documentation keys', 'AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
    ['hex hashes', `sha256: ${hex(64)}\ncache key: v1-deps-${hex(64, 3)}\nchecksum=${hex(32, 5)}\ntoken_sha=${hex(40, 9)}`],
    ['placeholders', 'password=${DB_PASSWORD}\napi_key: {{ .Values.apiKey }}\ntoken=<your-token-here>\nsecret=$SECRET_VALUE\nAPI_KEY=xxxxxxxxxxxxxxxx'],
    ['words and versions', 'api_version=2023-10-16-preview\nkeyboard_layout=us-international\nauthor = JaneDoeTheDeveloper\ntoken_type: Bearer\nkey_id=production.signing.key'],
    ['low entropy', 'secret=aaaaaaaaaaaaaaaa\npassword=passwordpassword1\ntoken: 1111111111111111'],
    ['an npm integrity hash', 'integrity sha512-v2kDEe57lecTulaDIuNTPy3Ry4gLGJ6Z1O3vE1krgXZNrsQ+LFTGHVxVjcXPs=='],
    ['an AWS key id with a low-entropy body', 'AKIAAAAAAAAAAAAAAAAA'],
  ])('%s', (_, text) => {
    expect(scanText(text)).toEqual([]);
  });
});

describe('entropy, masking, dedupe, env vars', () => {
  it('the generic rule needs entropy ≥ 3.5', () => {
    expect(ids('api_token=abcdefabcdef12')).toEqual([]);
    expect(ids(`api_token=${fake('q8Zr2LxV', '9nW4pKm7')}`)).toEqual(['generic-api-key']);
    expect(scanText(`api_token=${fake('q8Zr2LxV', '9nW4pKm7')}`)[0]!.entropy).toBeGreaterThanOrEqual(3.5);
  });

  it('masks the middle, keeps the ends, one line', () => {
    expect(maskSecret(fake('ghp_', 'Rz4Xq8Lm2Vn7Kp1Wt9Yb', '3Cs6Df0Gh5Jk8Mn2'))).toBe('ghp_****************8Mn2');
    expect(maskSecret('abcdefghij')).toBe('a********j');
    expect(maskSecret('abcd')).toBe('****');
    expect(maskSecret(TRUE_POSITIVES['private-key']!, 'private-key')).toMatch(/^-----BEGIN RSA PRIVATE KEY----- \*+ \(\d+ characters\)$/);
  });

  it('one finding per secret: a named rule wins over the generic one on the same span', () => {
    const text = `NPM_TOKEN=${fake('npm_', 'aK7bQ2xZ9mR4tW1pL8vN', '3cY6dF0gH5jS2eUq')}\nAWS_ACCESS_KEY_ID=${fake('AKIA', 'Q3EGRTLYX7K5', 'WZPN')}`;
    expect(ids(text)).toEqual(['npm-access-token', 'aws-access-key-id']);
  });

  it('says which project env var a secret probably is (last four characters)', () => {
    const npm = fake('npm_', 'aK7bQ2xZ9mR4tW1pL8vN', '3cY6dF0gH5jS2eUq');
    const [f] = scanText(`NPM_TOKEN=${npm}`, { envVars: [{ name: 'NPM_TOKEN', value: 'xxxx2eUq' }, { name: 'OTHER', value: 'xxxx1234' }] });
    expect(f!.envMatches).toEqual(['NPM_TOKEN']);
  });

  it('labels presigned-URL and temporary AWS credentials', () => {
    const key = fake('ASIA', 'Q3EGRTLYX7K5', 'WZPN');
    const [url] = scanText(`https://b.s3.amazonaws.com/x?X-Amz-Credential=${key}%2F20261120%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=abc`);
    expect(url!.note).toMatch(/presigned URL/);
    expect(scanText(`k=${key}`)[0]!.note).toMatch(/temporary/);
  });

  it('reads through escape sequences and zero-width characters, offsets pointing at the raw text', () => {
    const key = fake('AKIA', 'Q3EGRTLYX7K5', 'WZPN');
    const concealed = `\x1b[8m${key}\x1b[28m`;
    const [a] = scanText(`x ${concealed}`);
    expect(a!.ruleId).toBe('aws-access-key-id');
    const split = `id=${key.slice(0, 8)}\u200b${key.slice(8)}`;
    const [b] = scanText(split);
    expect(b).toMatchObject({ ruleId: 'aws-access-key-id', via: ['invisible'], start: 3, end: split.length, column: 4 });
  });

  it('decodes base64 blobs (wrapped like `base64 -w 76`) and reports them at the blob', () => {
    const dump = `AWS_ACCESS_KEY_ID=${fake('AKIA', 'Q3EGRTLYX7K5', 'WZPN')}\nGITHUB_TOKEN=${fake('ghp_', alnum(36))}\nHOME=/home/circleci\n`;
    const lines = Buffer.from(dump).toString('base64').match(/.{1,76}/g)!;
    const found = scanText(`Uploading\n${lines.join('\n')}\ndone`);
    expect(found.map((f) => [f.ruleId, f.encoding, f.line, f.via])).toEqual([
      ['aws-access-key-id', 'base64', 2, ['line-break']],
      ['github-pat', 'base64', 2, ['line-break']],
    ]);
  });

  it('positions are 1-based line and column', () => {
    const [f] = scanText(`one\ntwo\n   token ${fake('ghp_', alnum(36))}`);
    expect([f!.line, f!.column]).toEqual([3, 10]);
  });
});

describe('hostile lines', () => {
  it('a megabyte of a=a=…, of key=xxxx…, of token-token-… finishes quickly with nothing found', () => {
    for (const text of ['a=a='.repeat(262_144), `key=${'x'.repeat(1_000_000)}`, 'token'.repeat(200_000), `${'ghp_'.repeat(250_000)}`]) {
      const t = performance.now();
      expect(scanText(text)).toEqual([]);
      expect(performance.now() - t, text.slice(0, 8)).toBeLessThan(3000);
    }
  });

  it('a BEGIN PRIVATE KEY with no END does not scan to the end of a 10 MB log', () => {
    const text = `${fake('-----BEGIN RSA ', 'PRIVATE KEY-----')}\n${'A'.repeat(10 * 1024 * 1024)}`;
    const t = performance.now();
    expect(scanText(text)).toEqual([]);
    expect(performance.now() - t).toBeLessThan(5000);
  });
});

describe('redact (for the RCA hand-off)', () => {
  it('replaces each secret, base64 blobs whole, and counts them', () => {
    const gh = fake('ghp_', alnum(36));
    const b64 = Buffer.from(`TOKEN=${gh}\n`).toString('base64');
    const text = `clone https://x:${gh}@github.com\nNPM_TOKEN=********\nenv: ${b64}\nnothing else`;
    const r = redact(text);
    expect(r.count).toBe(2);
    expect(r.text).toBe('clone https://x:[REDACTED:github-pat]@github.com\nNPM_TOKEN=********\nenv: [REDACTED:base64:github-pat]\nnothing else');
    expect(redact('all clean')).toEqual({ text: 'all clean', count: 0 });
  });
});
