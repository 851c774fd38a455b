// One true example and one near miss per built-in secret rule, for the rule tests (test/scan/rules-table.test.ts)
// and the recall bench (bench/scan-quality.mjs). Every secret is assembled at run time from fragments and seeded
// pseudo-random bodies, so this file holds no literal secret: GitHub push protection and our own scanner (a test
// scans this file) must not flag it.
//
// Each entry: `rule`, `hit` (a line or block a CI log could hold, with the secret in it), `token` (the secret alone
// when it identifies itself without a name around it; the recall bench puts it into headers and URLs), `miss` (a
// near miss the rule must not report) and `why` (what makes it a miss).

const f = (...parts) => parts.join('');

/** Deterministic strings: a seeded LCG (the same "random" secrets every run). */
export function rnd(n, seed, alphabet) {
  let x = (seed * 2654435761) >>> 0;
  let out = '';
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out += alphabet[(x >>> 16) % alphabet.length];
  }
  return out;
}

const UP = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOW = 'abcdefghijklmnopqrstuvwxyz';
const DIG = '0123456789';
const ALNUM = UP + LOW + DIG;
const HEX = '0123456789abcdef';
const B64 = `${ALNUM}+/`;
const URLSAFE = `${ALNUM}_-`;

let seed = 1;
/** A fresh seed per call, so no two examples share a body. */
const s = () => (seed = (seed * 48271) % 2147483647);
const an = (n) => rnd(n, s(), ALNUM);
const hex = (n) => rnd(n, s(), HEX);
const b64 = (n) => rnd(n, s(), B64);
const url = (n) => rnd(n, s(), URLSAFE);
const up = (n) => rnd(n, s(), UP + DIG);
const low = (n) => rnd(n, s(), LOW + DIG);
const letters = (n) => rnd(n, s(), UP + LOW);
const digits = (n) => rnd(1, s(), '123456789') + rnd(n - 1, s(), DIG);
const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;

const pem = (label, lines = 12) =>
  [f('-----BEGIN ', label, ' KEY-----'), ...Array.from({ length: lines }, () => b64(64)), f('-----END ', label, ' KEY-----')].join('\n');

/** @type {{rule: string, hit: string, token?: string, miss: string, why: string, multiline?: boolean}[]} */
export const EXAMPLES = [];
const add = (rule, hit, token, miss, why, extra = {}) => EXAMPLES.push({ rule, hit, ...(token ? { token } : {}), miss, why, ...extra });
/** A token that identifies itself: the hit is `NAME=token`. */
const self = (rule, name, token, miss, why) => add(rule, `${name}=${token}`, token, miss, why);

// Cloud
{
  const akid = f('AK', 'IA', rnd(16, s(), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'));
  self('aws-access-key-id', 'AWS_ACCESS_KEY_ID', akid, f('AK', 'IA', rnd(15, s(), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'), '0'), 'a 0 is not in the key alphabet (base32)');
  add('aws-secret-access-key', `aws_secret_access_key = ${b64(40)}`, null, f('aws_secret_access_key = ', 'wJalrXUtnFEMI/K7MDENG/', 'bPxRfiCYEXAMPLEKEY'), "AWS's documentation key");
  self('aws-session-token', 'AWS_SESSION_TOKEN', f('IQoJb3Jp', 'Z2lu', b64(320)), f('AWS_SESSION_TOKEN=', 'IQoJb3Jp', 'Z2lu', 'A'.repeat(120)), 'one repeated character after the STS prefix (no entropy)');
  self('aws-bedrock-api-key', 'AWS_BEARER_TOKEN_BEDROCK', f('AB', 'SK', b64(132)), f('AB', 'SK', b64(40)), 'too short');
  self('gcp-api-key', 'GOOGLE_API_KEY', f('AI', 'za', 'Sy', url(33)), f('AI', 'za', 'Sy', url(32)), 'one character short');
  add('gcp-service-account-key', `  "private_key_id": "${hex(40)}",`, null, `  "key_id": "${hex(40)}",`, 'a key id under another name');
  self('gcp-oauth-client-secret', 'GOOGLE_CLIENT_SECRET', f('GOC', 'SPX-', url(28)), f('GOC', 'SPX-', url(20)), 'too short');
  add('azure-storage-account-key', f('DefaultEndpointsProtocol=https;AccountName=acmeci;Account', 'Key=', b64(86), '==;EndpointSuffix=core.windows.net'), null,
    f('DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;Account', 'Key=', 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT5', '0uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;'),
    "the Azurite emulator's published key");
  add('azure-shared-access-key', f('Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccess', 'Key=', b64(43), '='), null,
    'Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey', 'the key name without the key');
  add('azure-sas-token', `https://acme.blob.core.windows.net/builds/app.zip?sv=2022-11-02&ss=b&srt=o&sp=r&se=2026-12-01T00:00:00Z&${f('si', 'g=')}${rnd(43, s(), ALNUM)}%3D`, null,
    `https://cdn.acme.io/callback?${f('si', 'g=')}${rnd(43, s(), ALNUM)}%3D`, 'a sig= without the sv=/se= of a SAS');
  self('azure-ad-client-secret', 'AZURE_CLIENT_SECRET', f(an(3), '8Q', '~', rnd(34, s(), `${ALNUM}_.`)), f(letters(4), 'Q', '~', rnd(34, s(), ALNUM)), 'a letter where the version digit goes');
}

// Source hosting
{
  self('github-pat', 'GITHUB_TOKEN', f('gh', 'p_', an(36)), f('gh', 'p_', an(35)), 'one character short');
  self('github-fine-grained-pat', 'GH_TOKEN', f('github', '_pat_', an(22), '_', an(59)), f('github', '_pat_', an(40)), 'truncated');
  self('github-oauth', 'GH_OAUTH', f('gh', 'o_', an(36)), f('gh', 'o_', an(20), '-', an(15)), 'a - is not in the alphabet');
  self('github-app-token', 'GITHUB_TOKEN', f('gh', 's_', an(36)), f('gh', 's_', 'a'.repeat(36)), 'one repeated letter (no entropy)');
  self('github-refresh-token', 'GH_REFRESH', f('gh', 'r_', an(36)), f('gh', 'r_', an(37)), 'one character too long');
  self('gitlab-pat', 'GITLAB_TOKEN', f('gl', 'pat-', url(20)), f('gl', 'pat-', url(19)), 'one character short');
  self('gitlab-deploy-token', 'CI_DEPLOY_PASSWORD', f('gl', 'dt-', url(20)), f('gl', 'dt-', url(12)), 'too short');
  self('gitlab-runner-token', 'RUNNER_TOKEN', f('gl', 'rt-', url(20)), f('gl', 'rt-', url(15)), 'too short');
  self('gitlab-runner-registration-token', 'REGISTRATION_TOKEN', f('GR', '1348941', url(20)), f('GR', '1348941', url(10)), 'too short');
  self('gitlab-pipeline-trigger-token', 'TRIGGER_TOKEN', f('gl', 'ptt-', hex(40)), f('gl', 'ptt-', up(40)), 'not hex');
  self('gitlab-scim-token', 'SCIM_TOKEN', f('gl', 'soat-', url(20)), f('gl', 'soat-', url(18)), 'too short');
  self('gitlab-ci-job-token', 'CI_JOB_TOKEN', f('gl', 'cbt-', '64_', url(20)), f('gl', 'cbt-', url(20)), 'no <n>_ partition part');
  self('gitlab-feed-token', 'FEED_TOKEN', f('gl', 'ft-', url(20)), f('gl', 'ft-', url(10)), 'too short');
  self('gitlab-feature-flag-token', 'UNLEASH_INSTANCE_ID', f('gl', 'ffct-', url(20)), f('gl', 'ffct-', url(10)), 'too short');
  self('gitlab-incoming-mail-token', 'MAIL_TOKEN', f('gl', 'imt-', url(25)), f('gl', 'imt-', url(20)), 'too short');
  self('gitlab-agent-token', 'AGENT_TOKEN', f('gl', 'agent-', url(50)), f('gl', 'agent-', url(40)), 'too short');
  self('gitlab-oauth-app-secret', 'OAUTH_SECRET', f('gl', 'oas-', url(64)), f('gl', 'oas-', url(32)), 'too short');
  self('bitbucket-app-password', 'BITBUCKET_APP_PASSWORD', f('AT', 'BB', an(32)), f('AT', 'BB', an(31)), 'one character short');
  self('atlassian-api-token', 'JIRA_API_TOKEN', f('ATA', 'TT3', url(186)), f('ATA', 'TT3', url(60)), 'truncated');
  self('linear-api-key', 'LINEAR_API_KEY', f('lin', '_api_', an(40)), f('lin', '_api_', an(20)), 'too short');
}

// Registries
{
  self('npm-access-token', 'NPM_TOKEN', f('np', 'm_', an(36)), f('np', 'm_', an(30)), 'too short');
  add('npmrc-auth-token', f('//npm.pkg.acme.io/:_auth', 'Token=', uuid()), null, f('//registry.npmjs.org/:_auth', 'Token=${NPM_TOKEN}'), 'an environment placeholder');
  const pypi = f('pypi-', 'AgEIcHlwaS5vcmc', url(70));
  add('pypi-upload-token', `password = ${pypi}`, pypi, f('pypi-', 'AgEIcHlwaS5vcmc', url(30)), 'truncated');
  self('rubygems-api-key', 'GEM_HOST_API_KEY', f('rubygems', '_', hex(48)), f('rubygems', '_', hex(40)), 'too short');
  self('nuget-api-key', 'NUGET_API_KEY', f('oy', '2', low(43)), f('oy', '2', low(30)), 'too short');
  self('docker-hub-token', 'DOCKERHUB_TOKEN', f('dckr', '_pat_', url(27)), f('dckr', '_pat_', url(20)), 'too short');
  add('docker-registry-auth', f('{"au', 'ths":{"https://index.docker.io/v1/":{"au', 'th":"', Buffer.from(`ci-bot:${an(24)}`).toString('base64'), '"}}}'), null,
    '{"auths":{"ghcr.io":{}},"credsStore":"desktop"}', 'a credential helper, no inline auth');
  self('artifactory-api-key', 'ARTIFACTORY_API_KEY', f('AK', 'Cp', an(69)), f('AK', 'Cp', an(60)), 'too short');
  self('artifactory-reference-token', 'JFROG_ACCESS_TOKEN', f('cmVmdGtu', 'Oj', an(54)), f('cmVmdGtu', 'Oj', an(30)), 'too short');
}

// Chat and mail
{
  self('slack-bot-token', 'SLACK_BOT_TOKEN', f('xo', 'xb-', digits(13), '-', digits(13), '-', an(24)), f('xo', 'xb-', 'your-bot-token'), "the docs' placeholder");
  self('slack-user-token', 'SLACK_USER_TOKEN', f('xo', 'xp-', digits(10), '-', digits(10), '-', digits(10), '-', hex(32)), f('xo', 'xp-', digits(10), '-', digits(10), '-', digits(10), '-', hex(20)), 'too short');
  self('slack-app-token', 'SLACK_APP_TOKEN', f('xa', 'pp-1-', 'A0', up(9), '-', digits(13), '-', hex(64)), f('xa', 'pp-', 'your-app-token'), "the docs' placeholder");
  self('slack-legacy-token', 'SLACK_LEGACY_TOKEN', f('xo', 'xs-', digits(10), '-', digits(10), '-', digits(10), '-', hex(64)), f('xo', 'xs-', 'abc-def'), 'no digits');
  self('slack-config-token', 'SLACK_CONFIG_TOKEN', f('xo', 'xe.xo', 'xp-1-', up(163)), f('xo', 'xe.xo', 'xp-1-', up(40)), 'too short');
  const slackHook = f('https://hooks.sl', 'ack.com/services/', up(11), '/', up(11), '/', an(24));
  add('slack-webhook-url', `curl -X POST ${slackHook}`, slackHook,
    f('https://hooks.sl', 'ack.com/services/T000/B000/XXXX'), "the docs' short placeholder");
  add('discord-bot-token', f('DISCORD_BOT_TOKEN=', 'M', an(25), '.', url(6), '.', url(38)), null, f('session=', 'M', an(25), '.', url(6), '.', url(38)), 'the shape without a discord name or Bot header');
  const discordHook = f('https://discord.com/api/web', 'hooks/', digits(18), '/', url(68));
  add('discord-webhook-url', `curl -H 'Content-Type: application/json' -d @msg.json ${discordHook}`, discordHook,
    f('https://discord.com/api/web', 'hooks/123/abc'), 'a truncated id');
  self('telegram-bot-token', 'TELEGRAM_BOT_TOKEN', f(digits(10), ':A', 'A', url(33)), f(digits(10), ':A', 'A', url(20)), 'too short');
  self('twilio-api-key', 'TWILIO_API_KEY', f('S', 'K', hex(32)), f('twilio: queued message S', 'M', hex(32)), 'a message SID (SM…), not a key');
  add('twilio-auth-token', `TWILIO_AUTH_TOKEN=${hex(32)}`, null, 'TWILIO_AUTH_TOKEN=your_auth_token', "the docs' placeholder");
  add('twilio-account-sid', f('Twilio account A', 'C', hex(32), ' sent 3 messages'), null, f('account A', 'C', hex(32), ' synced'), 'an AC… id in output that never names twilio');
  self('sendgrid-api-key', 'SENDGRID_API_KEY', f('S', 'G.', url(22), '.', url(43)), f('S', 'G.', url(22), '.', url(20)), 'too short');
  self('mailgun-api-key', 'MAILGUN_API_KEY', f('ke', 'y-', hex(32)), f('restore v2-deps-ke', 'y-', hex(32)), 'a cache key glued to its name');
  self('mailchimp-api-key', 'MAILCHIMP_API_KEY', f(hex(32), '-u', 's21'), f(hex(32), '-u', 's-east-1'), 'an id with a region suffix');
  add('postmark-server-token', `X-Postmark-Server-Token: ${uuid()}`, null, f('X-Postmark-Server-Token: ', 'POSTMARK_API_TEST'), "Postmark's documented test token");
}

// Payments
{
  self('stripe-access-token', 'STRIPE_KEY', f('sk', '_live_', an(24)), f('sk', '_live_', an(9)), 'too short');
  self('stripe-webhook-secret', 'STRIPE_WEBHOOK_SECRET', f('wh', 'sec_', an(32)), f('wh', 'sec_', an(20)), 'too short');
  self('square-access-token', 'SQUARE_ACCESS_TOKEN', f('sq0', 'atp-', url(22)), f('sq0', 'atp-', url(10)), 'too short');
  self('square-oauth-secret', 'SQUARE_APP_SECRET', f('sq0', 'csp-', url(43)), f('sq0', 'csp-', url(30)), 'too short');
  self('braintree-access-token', 'BRAINTREE_TOKEN', f('access_token$', 'production$', low(16), '$', hex(32)), f('access_token$', 'production$', low(16), '$', hex(20)), 'too short');
  self('shopify-access-token', 'SHOPIFY_TOKEN', f('shp', 'at_', hex(32)), f('shp', 'at_', hex(31)), 'one character short');
  self('shopify-shared-secret', 'SHOPIFY_SECRET', f('shp', 'ss_', hex(32)), f('shp', 'ss_', up(32)), 'not hex');
  self('shopify-custom-app-token', 'SHOPIFY_CUSTOM_APP', f('shp', 'ca_', hex(32)), f('shp', 'ca_', 'x'.repeat(32)), 'a placeholder of x');
  self('shopify-private-app-token', 'SHOPIFY_PRIVATE_APP', f('shp', 'pa_', hex(32)), f('shp', 'pa_', hex(20)), 'too short');
}

// Observability
{
  add('datadog-api-key', `DD_API_KEY=${hex(32)}`, null, `${hex(32)}  dist/app.tar.gz`, 'an md5sum line: 32 hex with no Datadog name');
  add('datadog-app-key', `DD_APP_KEY=${hex(40)}`, null, `DD_APP_KEY=${hex(32)}`, 'the wrong length for an application key');
  self('new-relic-user-api-key', 'NEW_RELIC_API_KEY', f('NR', 'AK-', up(27)), f('NR', 'AK-', up(20)), 'too short');
  self('new-relic-insert-key', 'NEW_RELIC_INSERT_KEY', f('NR', 'II-', url(32)), f('NR', 'II-', url(20)), 'too short');
  self('new-relic-browser-key', 'NEW_RELIC_BROWSER_KEY', f('NR', 'JS-', hex(19)), f('NR', 'JS-', hex(10)), 'too short');
  self('new-relic-license-key', 'NEW_RELIC_LICENSE_KEY', f(hex(36), 'NR', 'AL'), f(hex(32), 'NR', 'AL'), 'too short');
  add('sentry-dsn', f('SENTRY_DSN=https://', hex(32), '@o', digits(6), '.ingest.sentry.io/', digits(7)), null, 'SENTRY_DSN=https://examplePublicKey@o0.ingest.sentry.io/0', "the docs' placeholder key");
  self('sentry-org-token', 'SENTRY_AUTH_TOKEN', f('sntr', 'ys_', 'eyJ', b64(120), '_', b64(43)), f('sntr', 'ys_', 'eyJ', b64(20), '_', b64(43)), 'too short');
  self('sentry-user-token', 'SENTRY_AUTH_TOKEN', f('sntr', 'yu_', hex(64)), f('sntr', 'yu_', hex(40)), 'too short');
  self('grafana-cloud-token', 'GRAFANA_CLOUD_TOKEN', f('gl', 'c_', b64(120)), f('gl', 'c_', b64(20)), 'too short');
  self('grafana-service-account-token', 'GRAFANA_TOKEN', f('gl', 'sa_', an(32), '_', hex(8)), f('gl', 'sa_', an(32)), 'no checksum part');
  self('grafana-api-key', 'GRAFANA_API_KEY', f('eyJrIj', 'oi', an(70)), f('eyJrIj', 'oi', an(20)), 'too short');
}

// AI
{
  self('openai-api-key', 'OPENAI_API_KEY', f('sk-', 'proj-', url(156)), f('sk-', 'proj-', url(30)), 'truncated');
  self('anthropic-api-key', 'ANTHROPIC_API_KEY', f('sk-', 'ant-api03-', url(93), 'AA'), f('sk-', 'ant-api03-', url(40)), 'truncated');
  self('huggingface-token', 'HF_TOKEN', f('h', 'f_', letters(34)), f('h', 'f_', letters(33), '7'), 'a digit (these tokens are letters only)');
  self('replicate-api-token', 'REPLICATE_API_TOKEN', f('r8', '_', an(37)), f('r8', '_', an(20)), 'too short');
}

// CI and platforms
{
  self('circleci-personal-token', 'CIRCLE_TOKEN', f('CCI', 'PAT_', an(22), '_', hex(40)), f('CCI', 'PAT_', an(22), '_', hex(39)), 'one character short');
  const cciprj = f('CCI', 'PRJ_', an(22), '_', hex(40));
  add('circleci-project-token', `https://circleci.com/gh/acme/app.svg?style=svg&circle-token=${cciprj}`, cciprj, f('CCI', 'PRJ_', an(22), '_', up(40)), 'tail not hex');
  add('circleci-legacy-token', `CIRCLE_TOKEN=${hex(40)}`, null, `CIRCLE_SHA1=${hex(40)}`, 'a commit SHA in a circle variable');
  add('circleci-masked-value', 'NPM_TOKEN=********************', null, 'NPM_TOKEN=***', 'three stars are not a CircleCI mask');
  self('heroku-api-key', 'HEROKU_API_KEY', f('HR', 'KU-', 'AA', url(58)), f('HR', 'KU-', url(20)), 'too short');
  add('heroku-legacy-api-key', `HEROKU_API_KEY=${uuid()}`, null, `HEROKU_APP_ID=${uuid()}`, 'an app id, not a key');
  self('vault-token', 'VAULT_TOKEN', f('hv', 's.', url(95)), f('hv', 's.', url(24)), 'too short');
  add('vault-legacy-token', f('VAULT_TOKEN=s', '.', an(24)), null, f('VAULT_TOKEN=s', '.', an(10)), 'too short');
  self('terraform-cloud-token', 'TF_TOKEN_app_terraform_io', f(an(14), '.atlas', 'v1.', url(67)), f(an(14), '.atlas', 'v1.', url(30)), 'too short');
  self('1password-service-account-token', 'OP_SERVICE_ACCOUNT_TOKEN', f('ops', '_eyJ', b64(300)), f('ops', '_eyJ', b64(100)), 'too short');
  self('1password-secret-key', 'OP_SECRET_KEY', f('A3-', up(6), '-', up(6), '-', up(5), '-', up(5), '-', up(5), '-', up(5)), f('A3-', 'XXXXXX-XXXXXX-XXXXX-XXXXX-XXXXX-XXXXX'), "the docs' XXXXX form");
  self('doppler-token', 'DOPPLER_TOKEN', f('dp', '.st.', 'prd.', an(43)), f('dp', '.st.', an(20)), 'too short');
  self('pulumi-access-token', 'PULUMI_ACCESS_TOKEN', f('pu', 'l-', hex(40)), f('pu', 'l-', hex(30)), 'too short');
  self('postman-api-key', 'POSTMAN_API_KEY', f('PM', 'AK-', hex(24), '-', hex(34)), f('PM', 'AK-', hex(24)), 'no second part');
  self('databricks-token', 'DATABRICKS_TOKEN', f('da', 'pi', hex(32)), f('da', 'pi', up(32)), 'not hex');
  const age = f('AGE-SECRET', '-KEY-1', rnd(58, s(), 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L'));
  add('age-secret-key', `# created: 2026-11-20\n${age}`, age,
    f('recipient: age1', rnd(58, s(), 'qpzry9x8gf2tvdw0s3jn54khce6mua7l')), 'a public age recipient');
  self('buildkite-agent-token', 'BUILDKITE_API_TOKEN', f('bk', 'ua_', hex(40)), f('bk', 'ua_', hex(20)), 'too short');
  self('fly-io-token', 'FLY_API_TOKEN', f('fo', '1_', url(43)), f('fo', '1_', url(20)), 'too short');
}

// Shapes
{
  add('private-key', pem('RSA PRIVATE'), null, pem('PUBLIC'), 'a public key', { multiline: true });
  add('putty-private-key', ['PuTTY-User-Key-File-3: ssh-ed25519', 'Encryption: none', 'Comment: ci', 'Public-Lines: 2', b64(64), b64(24), f('Private', '-Lines: 1'), b64(44), `Private-MAC: ${hex(64)}`].join('\n'), null,
    ['PuTTY-User-Key-File-3: ssh-ed25519', 'Encryption: none', 'Comment: ci', 'Public-Lines: 2', b64(64), b64(24)].join('\n'), 'the public half only', { multiline: true });
  const jwt = f('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9', '.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ', '.', url(43));
  add('jwt', `Authorization: Bearer ${jwt}`, jwt,
    'alg header eyJhbGciOiJIUzI1NiJ9 only', 'one part, not a token');
  add('database-uri-password', f('DATABASE_URL=postgres://app:', an(20), '@db.internal.acme.io:5432/app'), null, f('DATABASE_URL=postgres://postgres:', 'postgres@localhost:5432/circle_test'), "the CI service container's default password");
  add('basic-auth-url', f('git clone https://deploy:', an(20), '@git.acme.io/acme/app.git'), null, 'git clone ssh://git@git.acme.io:22/acme/app.git', 'a user without a password');
  add('generic-api-key', f('client_secret = "', an(24), '"'), null, 'client_secret = "${CLIENT_SECRET}"', 'an environment placeholder');
}

/** More private-key kinds, each a true example (the rule is one for all of them). */
export const PRIVATE_KEY_KINDS = ['RSA PRIVATE', 'EC PRIVATE', 'DSA PRIVATE', 'OPENSSH PRIVATE', 'PRIVATE', 'ENCRYPTED PRIVATE'].map((k) => pem(k));
PRIVATE_KEY_KINDS.push([f('-----BEGIN PGP PRIVATE ', 'KEY BLOCK-----'), '', ...Array.from({ length: 10 }, () => b64(64)), f('-----END PGP PRIVATE ', 'KEY BLOCK-----')].join('\n'));
