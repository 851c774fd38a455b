// Credentials named by their context (assignments, URIs) are redacted before a log leaves for Exlogare: the value
// only, with a marker saying what it was; placeholders, prose and the log's lines are left as they were.
import { describe, expect, it } from 'vitest';
import { isPlaceholderValue, redactCredentials, secretLabel } from '../../src/rca/credential-redaction.js';
import { combine, scannerRedactor } from '../../src/rca/redaction.js';

const red = (s: string) => redactCredentials(s);

describe('assignments whose name says it is a secret', () => {
  it.each([
    ['DB_PASSWORD=hunter2', 'DB_PASSWORD=[REDACTED:password]'],
    ['export DB_PASSWORD=hunter2', 'export DB_PASSWORD=[REDACTED:password]'],
    ['+ export PGPASSWORD=hunter2; psql', '+ export PGPASSWORD=[REDACTED:password]; psql'],
    ["export API_SECRET='two words'", "export API_SECRET='[REDACTED:secret]'"],
    ['mysql --user=app --password="p@ss w0rd" db', 'mysql --user=app --password="[REDACTED:password]" db'],
    ['  --password=cli-pass-7', '  --password=[REDACTED:password]'],
    ['config: {"password": "correct horse", "user": "app"}', 'config: {"password": "[REDACTED:password]", "user": "app"}'],
    ['{"api_key":"AbC123","n":1}', '{"api_key":"[REDACTED:key]","n":1}'],
    ['{\\"password\\":\\"esc-pass\\",\\"a\\":1}', '{\\"password\\":\\"[REDACTED:password]\\",\\"a\\":1}'],
    ["{'client_secret': 'x9', 'n': 2}", "{'client_secret': '[REDACTED:secret]', 'n': 2}"],
    ["{'secret_key': 12345}", "{'secret_key': [REDACTED:secret]}"],
    ['  password: "yaml-pass-9"', '  password: "[REDACTED:password]"'],
    ['  - password: hunter two', '  - password: [REDACTED:password]'],
    ['db_password: hunter', 'db_password: [REDACTED:password]'],
    ['const apiKey = "k-123";', 'const apiKey = "[REDACTED:key]";'],
    ['GITHUB_TOKEN=abc123 make', 'GITHUB_TOKEN=[REDACTED:token] make'],
    ['AWS_CREDENTIALS=a:b', 'AWS_CREDENTIALS=[REDACTED:credential]'],
    ['npm config set //registry/:_auth=dXNlcjpwdw', 'npm config set //registry/:_auth=[REDACTED:auth]'],
    ['Authorization: Bearer abc.def.ghi', 'Authorization: Bearer [REDACTED:auth]'],
    ['curl -H "Authorization: Basic dXNlcjpw" -d x', 'curl -H "Authorization: Basic [REDACTED:auth]" -d x'],
    ['GET /cb?token=abc123&state=ok HTTP/1.1', 'GET /cb?token=[REDACTED:token]&state=ok HTTP/1.1'],
  ])('%s', (input, want) => {
    expect(red(input)).toEqual({ text: want, count: 1 });
  });

  it.each([
    'DB_PASSWORD=${DB_PASSWORD}',
    'TOKEN=$TOKEN',
    'secret: "{{ .Values.secret }}"',
    'password=****',
    'key: <redacted>',
    'auth=xxx',
    'password=',
    'password: ""',
    'flag_token=true',
    'api_key=null',
    '"password": false',
    'password=$(cat /run/secrets/db)',
    'TOKEN=`vault read -field=t secret/ci`',
    'API_TOKEN=[REDACTED:generic-api-key]',
    'PWD=/home/circleci/project',
    'OLDPWD=/root',
    'PASSWORD_FILE=/run/secrets/db',
    'SECRET_NAME=prod-db',
    'token_type=bearer',
    'author: "Jane Doe" keyboard=us monkey=banana tokenizer=bert',
    'Error: invalid password: the password you entered is wrong',
    'if [ "$TOKEN" == "" ]; then exit 1; fi',
    'see https://circleci.com/docs/env-vars#secret:~:text=x',
  ])('leaves alone: %s', (input) => {
    expect(red(input)).toEqual({ text: input, count: 0 });
  });

  it('labels by what the name says', () => {
    expect(['PGPASSWORD', 'mysql_pwd', 'passphrase', 'clientSecret', 'X-Amz-Credential', 'Authorization', 'accessToken', 'APIKEY', 'signing_key', 'npm_config__auth']
      .map(secretLabel)).toEqual(['password', 'password', 'password', 'secret', 'credential', 'auth', 'token', 'key', 'key', 'auth']);
    expect(['author', 'monkey', 'keyboard', 'cache_key', 'public_key', 'token_count', 'PWD', 'user'].map(secretLabel)).toEqual([null, null, null, null, null, null, null, null]);
  });

  it('knows the placeholders the brief lists', () => {
    for (const p of ['${VAR}', '$VAR', '{{ x }}', '****', '<redacted>', 'xxx', '', '  ', 'true', 'false', 'null']) expect(isPlaceholderValue(p)).toBe(true);
    for (const v of ['hunter2', 'p@ss w0rd', '12345']) expect(isPlaceholderValue(v)).toBe(false);
  });
});

describe('credentials inside URIs', () => {
  it('masks the password, keeps scheme, user, host, port and path', () => {
    expect(red('psql postgres://app:Pg-S3cret-42@db.internal:5432/payments?sslmode=require')).toEqual({ text: 'psql postgres://app:[REDACTED:password]@db.internal:5432/payments?sslmode=require', count: 1 });
    expect(red('redis://:s3cretpw@redis:6379/0 and amqp://guest:guest@mq').text).toBe('redis://:[REDACTED:password]@redis:6379/0 and amqp://guest:[REDACTED:password]@mq');
    // A password with `@` in it: the last `@` ends the userinfo, as a URL parser reads it.
    expect(red('mongodb://root:p@ss@mongo:27017').text).toBe('mongodb://root:[REDACTED:password]@mongo:27017');
    expect(red('DATABASE_URL="mysql://app:pw-123@db/app"').text).toBe('DATABASE_URL="mysql://app:[REDACTED:password]@db/app"');
  });

  it('a token used as the user name goes too; an ordinary user name and an empty password stay', () => {
    expect(red('git clone https://ghp1Qx7Lm2Vn7Kp1Wt9Yb3Cs6Df0Gh5@github.com/a/b').text).toBe('git clone https://[REDACTED:token]@github.com/a/b');
    for (const s of ['ssh://git@github.com/a/b.git', 'postgres://app:@db/x', 'https://user:${PASS}@host', 'https://example.com/@scope/pkg']) expect(red(s)).toEqual({ text: s, count: 0 });
  });
});

describe('the log around them', () => {
  it('keeps every line, and every line without a credential byte for byte', () => {
    const lines = ['\tat Object.<anonymous> (/app/x.js:1:1)', 'DB_PASSWORD=hunter2', '', '  password: "pw"  ', 'Done in 3.21s.', 'token=a1\rb', '\u00e9\u4e2d key: v4lue'];
    const out = red(lines.join('\n'));
    const got = out.text.split('\n');
    expect(got).toHaveLength(lines.length);
    expect(got).toEqual(['\tat Object.<anonymous> (/app/x.js:1:1)', 'DB_PASSWORD=[REDACTED:password]', '', '  password: "[REDACTED:password]"  ', 'Done in 3.21s.', 'token=[REDACTED:token]\rb', '\u00e9\u4e2d key: [REDACTED:key]']);
    expect(out.count).toBe(4);
  });

  it('a value never runs into the next line', () => {
    expect(red('password: "unterminated\nnext line stays').text).toBe('password: "[REDACTED:password]\nnext line stays');
  });
});

describe('with the scanner (what rca --send uses)', () => {
  it('a secret both would catch is redacted and counted once', () => {
    const ghp = ['ghp', 'Rz4Xq8Lm2Vn7Kp1Wt9Yb3Cs6Df0Gh5Jk8Mn2'].join('_');
    const r = combine(scannerRedactor, [])(`GITHUB_TOKEN=${ghp}\ngit clone https://x-access-token:${ghp}@github.com/a/b\nDB_PASSWORD=hunter2`);
    expect(r.text).toBe('GITHUB_TOKEN=[REDACTED:github-pat]\ngit clone https://x-access-token:[REDACTED:github-pat]@github.com/a/b\nDB_PASSWORD=[REDACTED:password]');
    expect(r.count).toBe(3);
  });

  it('the credential pass runs even when the scanner is replaced', () => {
    const r = combine((t) => ({ text: t, count: 0 }), [])('DB_PASSWORD=hunter2');
    expect(r).toEqual({ text: 'DB_PASSWORD=[REDACTED:password]', count: 1 });
  });
});
