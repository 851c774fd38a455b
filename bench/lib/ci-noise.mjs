// Ordinary CI output, generated deterministically from a seed: what `sleuth scan` sees on a clean day. npm/yarn,
// pip/poetry, bundler, go, maven/gradle, docker build and push, terraform plan/apply, kubectl/helm, test runners
// (pytest, jest, junit, go test), git, coverage tables, base64 of binary, UUIDs, digests and integrity hashes,
// CircleCI's own lines, application logs from tests. No line holds a secret; the false-positive bench
// (scan-quality.mjs) counts what the scanner reports on it. Each template is what the tool prints, not a string
// shaped to dodge a rule.
import { rng } from './search-loggen.mjs';

export { rng };

const pick = (r, a) => a[Math.floor(r() * a.length)];
const num = (r, n) => Math.floor(r() * n);
const of = (r, n, alphabet) => {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(r() * alphabet.length)];
  return s;
};
const HEX = '0123456789abcdef';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const hex = (r, n) => of(r, n, HEX);
const b64 = (r, n) => of(r, n, B64);
const upnum = (r, n) => of(r, n, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789');
const lownum = (r, n) => of(r, n, 'abcdefghijklmnopqrstuvwxyz0123456789');
const uuid = (r) => `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-${pick(r, ['8', '9', 'a', 'b'])}${hex(r, 3)}-${hex(r, 12)}`;
const ver = (r) => `${num(r, 12)}.${num(r, 30)}.${num(r, 20)}`;
const ms = (r) => `${num(r, 900)}ms`;
const secs = (r) => `${(r() * 90).toFixed(2)}s`;
const iso = (r) => new Date(1_795_000_000_000 + num(r, 86_400_000)).toISOString();
/** Base64 of pseudo-random bytes (an artifact chunk, a compressed blob): not text once decoded. */
const binaryB64 = (r, bytes) => Buffer.from(Array.from({ length: bytes }, () => num(r, 256))).toString('base64');
/** Base64 of a SHA-256 / SHA-512 (Go's h1:, SRI integrity, lambda source hashes). */
const digestB64 = (r, bytes) => binaryB64(r, bytes);

const NPM = ['lodash', 'react', 'react-dom', 'typescript', 'jest', 'webpack', '@babel/core', '@types/node', 'eslint', 'express', 'axios', 'chalk', 'commander', 'undici', 'vitest', 'rollup', 'esbuild', 'postcss', 'uuid', 'jsonwebtoken', 'dotenv', '@aws-sdk/client-s3', 'passport-oauth2', 'keygrip', 'token-types', 'api-extractor', 'auth0', 'secret-stream'];
const PY = ['requests', 'boto3', 'botocore', 'urllib3', 'certifi', 'pytest', 'pydantic', 'sqlalchemy', 'cryptography', 'pyjwt', 'django', 'flask', 'numpy', 'pandas', 'keyring', 'google-auth', 'oauthlib'];
const GEMS = ['rails', 'nokogiri', 'rack', 'puma', 'pg', 'rspec-core', 'devise', 'jwt', 'aws-sdk-s3', 'sidekiq', 'bcrypt'];
const GO = ['github.com/stretchr/testify', 'golang.org/x/crypto', 'golang.org/x/oauth2', 'github.com/aws/aws-sdk-go-v2', 'google.golang.org/grpc', 'github.com/golang-jwt/jwt/v5', 'github.com/spf13/cobra'];
const MVN = ['org/springframework/boot/spring-boot-starter-web', 'com/fasterxml/jackson/core/jackson-databind', 'org/apache/commons/commons-lang3', 'io/jsonwebtoken/jjwt-api', 'org/junit/jupiter/junit-jupiter-api', 'software/amazon/awssdk/s3'];
const FILES = ['src/app.ts', 'src/api/client.ts', 'src/auth/token.ts', 'src/components/Button.tsx', 'test/payments.test.ts', 'lib/billing/invoice.go', 'internal/store/postgres.go', 'app/models/user.rb', 'tests/test_checkout.py', 'src/keys/rotate.ts'];
const TESTS = ['renders the invoice', 'charges the card', 'retries on 502', 'parses the webhook', 'rejects an expired token', 'refreshes the access token', 'hashes the password', 'rotates the api key', 'signs the session secret'];
const TF = ['aws_instance.web', 'aws_s3_bucket.artifacts', 'aws_iam_role.ci', 'aws_security_group.db', 'aws_lambda_function.worker', 'google_storage_bucket.assets', 'azurerm_storage_account.logs', 'aws_kms_key.secrets', 'aws_secretsmanager_secret.db_password', 'aws_iam_access_key.deployer'];
const K8S = ['deployment.apps/web', 'service/web', 'configmap/app-config', 'secret/app-env', 'ingress.networking.k8s.io/web', 'serviceaccount/ci-deployer', 'horizontalpodautoscaler.autoscaling/web'];
const REGION = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];
const ACCOUNT = '123456789012';

export const TEMPLATES = [
  // npm / yarn / node
  (r) => `npm http fetch GET 200 https://registry.npmjs.org/${pick(r, NPM)}/-/${pick(r, NPM).replace(/^@[^/]+\//, '')}-${ver(r)}.tgz ${ms(r)} (cache miss)`,
  (r) => `added ${num(r, 1500)} packages, and audited ${num(r, 1600)} packages in ${num(r, 90)}s`,
  (r) => `npm warn deprecated ${pick(r, ['inflight@1.0.6', 'glob@7.2.3', 'rimraf@3.0.2', 'request@2.88.2'])}: This module is not supported, and leaks memory. Do not use it.`,
  (r) => `      "integrity": "sha512-${digestB64(r, 64)}",`,
  (r) => `      "resolved": "https://registry.npmjs.org/${pick(r, NPM)}/-/${pick(r, NPM).replace(/^@[^/]+\//, '')}-${ver(r)}.tgz",`,
  (r) => `npm notice shasum: ${hex(r, 40)}`,
  (r) => `npm notice integrity: sha512-${digestB64(r, 64).slice(0, 20)}[...]${digestB64(r, 64).slice(0, 10)}==`,
  (r) => `> acme-web@${ver(r)} ${pick(r, ['build', 'test', 'lint', 'typecheck'])}`,
  (r) => `[${num(r, 4) + 1}/4] ${pick(r, ['Resolving packages...', 'Fetching packages...', 'Linking dependencies...', 'Building fresh packages...'])}`,
  (r) => `info fsevents@${ver(r)}: The platform "linux" is incompatible with this module.`,
  (r) => `➤ YN0013: │ ${pick(r, NPM)}@npm:${ver(r)} can't be found in the cache and will be fetched from the remote registry`,
  (r) => `  checksum: 10c0/${hex(r, 128)}`,
  (r) => `asset main.${hex(r, 20)}.js ${num(r, 900)} KiB [emitted] [immutable] [minimized] (name: main)`,
  (r) => `webpack ${ver(r)} compiled successfully in ${num(r, 40000)} ms`,
  // python
  (r) => `Collecting ${pick(r, PY)}==${ver(r)}`,
  (r) => `  Downloading https://files.pythonhosted.org/packages/${hex(r, 2)}/${hex(r, 2)}/${hex(r, 60)}/${pick(r, PY)}-${ver(r)}-py3-none-any.whl (${num(r, 900)} kB)`,
  (r) => `    --hash=sha256:${hex(r, 64)} \\`,
  (r) => `  Created wheel for ${pick(r, PY)}: filename=${pick(r, PY)}-${ver(r)}-cp311-cp311-linux_x86_64.whl size=${num(r, 900000)} sha256=${hex(r, 64)}`,
  (r) => `  Stored in directory: /root/.cache/pip/wheels/${hex(r, 2)}/${hex(r, 2)}/${hex(r, 56)}`,
  (r) => `Successfully installed ${pick(r, PY)}-${ver(r)} ${pick(r, PY)}-${ver(r)} ${pick(r, PY)}-${ver(r)}`,
  (r) => `Requirement already satisfied: ${pick(r, PY)}>=${ver(r)} in /usr/local/lib/python3.11/site-packages (from ${pick(r, PY)}) (${ver(r)})`,
  (r) => `  • Installing ${pick(r, PY)} (${ver(r)})`,
  (r) => `content-hash = "${hex(r, 64)}"`,
  (r) => `tests/test_${pick(r, ['checkout', 'refunds', 'auth', 'tokens', 'api_keys'])}.py::test_${pick(r, ['happy_path', 'declined_card', 'expired_token', 'rotate_secret', 'idempotency'])} ${pick(r, ['PASSED', 'PASSED', 'PASSED', 'SKIPPED', 'XFAIL'])} [${String(num(r, 100)).padStart(3)}%]`,
  (r) => `=========== ${num(r, 900)} passed, ${num(r, 9)} skipped, ${num(r, 5)} warnings in ${secs(r)} ===========`,
  (r) => `FAILED tests/test_auth.py::test_token_refresh - AssertionError: assert 401 == 200`,
  // ruby
  (r) => `Fetching gem metadata from https://rubygems.org/${'.'.repeat(num(r, 12) + 1)}`,
  (r) => `Installing ${pick(r, GEMS)} ${ver(r)}${pick(r, ['', ' (x86_64-linux)', ' with native extensions'])}`,
  (r) => `Using ${pick(r, GEMS)} ${ver(r)}`,
  (r) => `Bundle complete! ${num(r, 90)} Gemfile dependencies, ${num(r, 300)} gems now installed.`,
  (r) => `${num(r, 900)} examples, ${num(r, 3)} failures, ${num(r, 9)} pending`,
  // go
  (r) => `go: downloading ${pick(r, GO)} v${ver(r)}`,
  (r) => `${pick(r, GO)} v${ver(r)} h1:${digestB64(r, 32)}`,
  (r) => `${pick(r, GO)} v${ver(r)}/go.mod h1:${digestB64(r, 32)}`,
  (r) => `ok  \tgithub.com/acme/payments/${pick(r, ['internal/store', 'pkg/billing', 'cmd/server', 'internal/auth'])}\t${(r() * 3).toFixed(3)}s\tcoverage: ${(r() * 100).toFixed(1)}% of statements`,
  (r) => `--- PASS: Test${pick(r, ['TokenRefresh', 'APIKeyRotation', 'SecretStore', 'Checkout', 'Ledger'])}/${pick(r, ['valid', 'expired', 'revoked'])} (${(r() * 2).toFixed(2)}s)`,
  // jvm
  (r) => `[INFO] Downloading from central: https://repo.maven.apache.org/maven2/${pick(r, MVN)}/${ver(r)}/${pick(r, MVN).split('/').pop()}-${ver(r)}.jar`,
  (r) => `[INFO] Downloaded from central: https://repo.maven.apache.org/maven2/${pick(r, MVN)}/${ver(r)}/${pick(r, MVN).split('/').pop()}-${ver(r)}.pom (${num(r, 90)} kB at ${num(r, 900)} kB/s)`,
  (r) => `[INFO] Tests run: ${num(r, 90)}, Failures: 0, Errors: 0, Skipped: ${num(r, 3)}, Time elapsed: ${(r() * 9).toFixed(3)} s - in com.acme.${pick(r, ['auth.TokenServiceTest', 'billing.InvoiceTest', 'keys.KeyRotationTest'])}`,
  (r) => `[INFO] BUILD SUCCESS`,
  (r) => `> Task :${pick(r, ['app', 'core', 'api'])}:${pick(r, ['compileJava', 'compileKotlin', 'test', 'jar', 'signReleaseBundle', 'processResources'])}${pick(r, ['', ' UP-TO-DATE', ' FROM-CACHE', ' NO-SOURCE'])}`,
  (r) => `BUILD SUCCESSFUL in ${num(r, 5)}m ${num(r, 60)}s`,
  (r) => `    <testcase classname="com.acme.${pick(r, ['AuthTest', 'ApiKeyTest', 'CheckoutTest'])}" name="${pick(r, TESTS).replace(/ /g, '_')}" time="${(r() * 2).toFixed(3)}"/>`,
  // docker
  (r) => `#${num(r, 30)} [${pick(r, ['build', 'runtime', 'deps'])} ${num(r, 5)}/${num(r, 12)}] RUN ${pick(r, ['npm ci --omit=dev', 'apt-get update && apt-get install -y --no-install-recommends ca-certificates', 'pip install -r requirements.txt', 'go build -o /out/server ./cmd/server'])}`,
  (r) => `#${num(r, 30)} sha256:${hex(r, 64)} ${num(r, 90)}.${num(r, 9)}MB / ${num(r, 90)}.${num(r, 9)}MB ${(r() * 9).toFixed(1)}s done`,
  (r) => `#${num(r, 30)} writing image sha256:${hex(r, 64)} done`,
  (r) => `#${num(r, 30)} naming to docker.io/acme/${pick(r, ['web', 'worker', 'api'])}:${ver(r)} done`,
  (r) => `Step ${num(r, 20)}/${num(r, 20)} : ${pick(r, ['COPY --from=builder /app/dist /srv/app', 'ARG NPM_TOKEN', 'ENV NODE_ENV=production', 'RUN --mount=type=secret,id=npmrc npm ci'])}`,
  (r) => ` ---> ${pick(r, ['Using cache', `Running in ${hex(r, 12)}`, hex(r, 12)])}`,
  (r) => `${hex(r, 12)}: ${pick(r, ['Pushed', 'Layer already exists', 'Preparing', 'Waiting', 'Mounted from library/node'])}`,
  (r) => `${ver(r)}: digest: sha256:${hex(r, 64)} size: ${num(r, 9000)}`,
  (r) => `The push refers to repository [${ACCOUNT}.dkr.ecr.${pick(r, REGION)}.amazonaws.com/${pick(r, ['web', 'worker'])}]`,
  (r) => `WARNING! Your password will be stored unencrypted in /home/circleci/.docker/config.json.`,
  (r) => `Login Succeeded`,
  (r) => `Digest: sha256:${hex(r, 64)}`,
  (r) => `Status: Downloaded newer image for cimg/${pick(r, ['node', 'python', 'go', 'ruby', 'postgres'])}:${ver(r)}`,
  // terraform / cloud CLIs
  (r) => `${pick(r, TF)}: Refreshing state... [id=${pick(r, [`i-0${hex(r, 16)}`, `sg-0${hex(r, 16)}`, 'ci-deploy-role', `arn:aws:iam::${ACCOUNT}:role/ci`, `subnet-0${hex(r, 16)}`])}]`,
  (r) => `${pick(r, TF)}: Creation complete after ${num(r, 90)}s [id=${pick(r, [`i-0${hex(r, 16)}`, `vol-0${hex(r, 16)}`, `acme-artifacts-${lownum(r, 6)}`])}]`,
  (r) => `${pick(r, TF)}: Still creating... [${num(r, 9) * 10}s elapsed]`,
  (r) => `      + ${pick(r, ['arn', 'id', 'etag', 'version_id', 'secret', 'access_key', 'private_key_pem', 'encrypted_secret', 'ses_smtp_password_v4'])} = ${pick(r, ['(known after apply)', '(sensitive value)'])}`,
  (r) => `      + kms_key_id = "arn:aws:kms:${pick(r, REGION)}:${ACCOUNT}:key/${uuid(r)}"`,
  (r) => `      + source_code_hash = "${digestB64(r, 32)}"`,
  (r) => `      ~ etag = "${hex(r, 32)}" -> (known after apply)`,
  (r) => `      + api_key_source = "HEADER"`,
  (r) => `Plan: ${num(r, 9)} to add, ${num(r, 5)} to change, ${num(r, 3)} to destroy.`,
  (r) => `Apply complete! Resources: ${num(r, 9)} added, ${num(r, 5)} changed, ${num(r, 3)} destroyed.`,
  (r) => `  ID:        ${uuid(r)}`,
  (r) => `upload: dist/${pick(r, ['app.js', 'index.html', 'app.css'])} to s3://acme-artifacts/builds/${num(r, 99999)}/${pick(r, ['app.js', 'index.html'])}`,
  (r) => `{"UserId": "AROA${upnum(r, 17)}:botocore-session-${num(r, 1e9)}", "Account": "${ACCOUNT}", "Arn": "arn:aws:sts::${ACCOUNT}:assumed-role/ci/botocore-session-${num(r, 1e9)}"}`,
  (r) => `Updated property [core/project] to [acme-${lownum(r, 6)}].`,
  // kubernetes / helm
  (r) => `${pick(r, K8S)} ${pick(r, ['configured', 'unchanged', 'created'])}`,
  (r) => `${pick(r, ['web', 'worker', 'api'])}-${lownum(r, 10)}-${lownum(r, 5)}   1/1     Running   0          ${num(r, 59)}s`,
  (r) => `Waiting for deployment "${pick(r, ['web', 'worker'])}" rollout to finish: ${num(r, 3)} of 3 updated replicas are available...`,
  (r) => `REVISION: ${num(r, 90)}`,
  (r) => `LAST DEPLOYED: ${new Date(1_795_000_000_000 + num(r, 86_400_000)).toUTCString()}`,
  // jest / vitest / eslint
  (r) => `  \x1b[32m✓\x1b[39m \x1b[2m${pick(r, TESTS)} (${num(r, 400)} ms)\x1b[22m`,
  (r) => `\x1b[1m\x1b[32mPASS\x1b[39m\x1b[22m ${pick(r, FILES)} (${(r() * 9).toFixed(3)} s)`,
  (r) => `Tests:       ${num(r, 3)} skipped, ${num(r, 900)} passed, ${num(r, 910)} total`,
  (r) => `Snapshots:   ${num(r, 40)} passed, ${num(r, 40)} total`,
  (r) => `${pick(r, FILES)}:${num(r, 400)}:${num(r, 80)}  warning  '${pick(r, ['token', 'apiKey', 'secret', 'err'])}' is assigned a value but never used  @typescript-eslint/no-unused-vars`,
  (r) => `    at ${pick(r, ['Object.<anonymous>', 'processTicksAndRejections', 'TokenService.refresh', 'async Promise.all'])} (/home/circleci/project/${pick(r, FILES)}:${num(r, 300)}:${num(r, 40)})`,
  // coverage tables
  (r) => `-----------------|---------|----------|---------|---------|-------------------`,
  (r) => ` ${pick(r, FILES).padEnd(16)}|   ${(r() * 100).toFixed(2)} |    ${(r() * 100).toFixed(2)} |     ${num(r, 101)} |   ${(r() * 100).toFixed(2)} | ${num(r, 300)}-${num(r, 300)},${num(r, 400)}`,
  (r) => `${pick(r, ['app/auth/tokens.py', 'app/api/keys.py', 'app/billing.py']).padEnd(28)}${String(num(r, 400)).padStart(6)}${String(num(r, 40)).padStart(7)}${String(num(r, 100)).padStart(6)}%`,
  (r) => `TOTAL                       ${num(r, 9000)}    ${num(r, 400)}    ${num(r, 100)}%`,
  // git / ssh
  (r) => `Cloning into '/home/circleci/project'...`,
  (r) => `HEAD is now at ${hex(r, 7)} ${pick(r, ['Fix flaky token refresh test', 'Rotate staging keys', 'Bump lodash', 'Add API key scopes'])}`,
  (r) => `git checkout --force ${hex(r, 40)}`,
  (r) => ` * branch            ${hex(r, 40)} -> FETCH_HEAD`,
  (r) => `Submodule path 'vendor/${pick(r, ['proto', 'schemas'])}': checked out '${hex(r, 40)}'`,
  (r) => `Warning: Permanently added 'github.com' (ED25519) to the list of known hosts.`,
  (r) => `ED25519 key fingerprint is SHA256:${digestB64(r, 32).replace(/=+$/, '')}.`,
  (r) => `remote: Enumerating objects: ${num(r, 9000)}, done.`,
  (r) => `Merge ${hex(r, 40)} into ${hex(r, 40)}`,
  // CircleCI
  (r) => `Found a cache from build ${num(r, 99999)} at v1-deps-${pick(r, ['main', 'feature-auth'])}-${hex(r, 40)}`,
  (r) => `Restoring cache key: v2-${pick(r, ['npm', 'pip', 'gems', 'go-mod'])}-${hex(r, 64)}`,
  (r) => `Size: ${num(r, 900)} MiB`,
  (r) => `  CIRCLE_SHA1=${hex(r, 40)}`,
  (r) => `  CIRCLE_WORKFLOW_ID=${uuid(r)}`,
  (r) => `  CIRCLE_BUILD_URL=https://circleci.com/gh/acme/web/${num(r, 99999)}`,
  (r) => `Uploading /home/circleci/project/${pick(r, ['coverage', 'test-results', 'dist'])} to ${pick(r, ['acme/web', 'acme/api'])}/${num(r, 99999)}/0/${pick(r, ['coverage', 'test-results'])}`,
  (r) => `Using SSH Config Dir '/home/circleci/.ssh'`,
  // application logs from test runs
  (r) => `[${iso(r)}] INFO  request id=${uuid(r)} method=${pick(r, ['GET', 'POST'])} path=/api/v1/${pick(r, ['invoices', 'tokens', 'api-keys', 'sessions'])} status=${pick(r, [200, 201, 204, 401, 404, 500])} duration=${ms(r)}`,
  (r) => `{"level":"${pick(r, ['info', 'debug', 'warn'])}","time":"${iso(r)}","msg":"${pick(r, ['token refreshed', 'api key validated', 'session created', 'secret loaded from vault'])}","trace_id":"${hex(r, 32)}","span_id":"${hex(r, 16)}"}`,
  (r) => `{"level":"info","msg":"issued token","token_type":"Bearer","expires_in":${num(r, 7200)},"scope":"read:invoices write:invoices"}`,
  (r) => `DEBUG auth: validating token for user=${uuid(r)} tenant=${lownum(r, 8)}`,
  (r) => `WARN  api key ${pick(r, ['rotation due in 3 days', 'scoped to read-only', 'last used 12 days ago'])} (key_id=${lownum(r, 12)})`,
  (r) => `time="${iso(r)}" level=info msg="cache hit" key=${pick(r, ['user', 'session', 'invoice'])}:${uuid(r)}`,
  // hashes, digests and binary blobs
  (r) => `${hex(r, 64)}  dist/${pick(r, ['app.tar.gz', 'server-linux-amd64', 'checksums.txt'])}`,
  (r) => `SHA512 (${pick(r, ['release.zip', 'bundle.tgz'])}) = ${hex(r, 128)}`,
  (r) => `integrity sha512-${digestB64(r, 64)}`,
  (r) => `  data: ${binaryB64(r, 57)}`,
  (r) => binaryB64(r, 57),
  (r) => `Uploaded chunk ${num(r, 900)} etag="${hex(r, 32)}-${num(r, 90)}"`,
  (r) => `sha256:${hex(r, 64)}`,
  // lines full of secret-ish words that hold no secret
  (r) => `      + key_name = "ci-deploy-${num(r, 2030)}"`,
  (r) => `      + public_key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${b64(43)} ci@acme"`,
  (r) => `Step ${num(r, 20)}/${num(r, 20)} : ARG API_BASE_URL=https://api.acme.io/v${num(r, 3)}`,
  (r) => `npm error code E401\nnpm error Unable to authenticate, your authentication token seems to be invalid.`,
  (r) => `psql: error: connection to server at "localhost" (127.0.0.1), port 5432 failed: FATAL:  password authentication failed for user "postgres"`,
  (r) => `TokenExpiredError: jwt expired at ${iso(r)}`,
  (r) => `      + secret_string = (sensitive value)`,
  (r) => `signing.keyId=${hex(r, 8).toUpperCase()}`,
  (r) => `Using access key from environment: ${pick(r, ['AWS_ACCESS_KEY_ID', 'AWS_PROFILE'])} (profile ${pick(r, ['ci', 'default'])})`,
  (r) => `DevTools listening on ws://127.0.0.1:${num(r, 60000)}/devtools/browser/${uuid(r)}`,
  (r) => `Authorization: Bearer ****************`,
  (r) => `x-api-version: ${2020 + num(r, 7)}-${String(num(r, 12) + 1).padStart(2, '0')}-01`,
  (r) => `cache_key=v1-${pick(r, ['deps', 'build'])}-${hex(r, 40)} restored=${pick(r, ['true', 'false'])}`,
  (r) => `    Expected: "${pick(r, ['tok', 'key', 'sess'])}_${lownum(r, 12)}"\n    Received: "${pick(r, ['tok', 'key', 'sess'])}_${lownum(r, 12)}"`,
  (r) => `//# sourceMappingURL=data:application/json;charset=utf-8;base64,${Buffer.from(JSON.stringify({ version: 3, sources: [`../${pick(r, FILES)}`], names: ['token', 'apiKey', 'refresh'], mappings: `AAAA,SAAS${b64(6).replace(/[+/]/g, 'A')};AACA,OAAO` })).toString('base64')}`,
  (r) => `> Uploaded ${num(r, 40)} release files to Sentry (org: acme, project: web, release: ${hex(r, 40)})`,
  (r) => `Generating a RSA private key\n${'.'.repeat(num(r, 20))}+++++\nwriting new private key to 'tls/key.pem'`,
  (r) => `The key's randomart image is:`,
  (r) => `|    .o+=${pick(r, ['.', 'o', '+'])}      |`,
  (r) => `kubectl create secret generic app-env --from-env-file=.env.ci --dry-run=client -o yaml | kubectl apply -f -`,
  (r) => `Successfully authenticated as ci-bot (scopes: ${pick(r, ['repo, read:org', 'api', 'read_registry'])})`,
];

export function noiseLine(r) {
  return pick(r, TEMPLATES)(r);
}

/** `n` lines from `seed`, in chunks of `chunk` lines (a step output's worth), each chunk one string. */
export function* noiseChunks(n, seed = 15, chunk = 2000) {
  const r = rng(seed);
  for (let done = 0; done < n; done += chunk) {
    const lines = [];
    for (let i = 0; i < Math.min(chunk, n - done); i++) lines.push(noiseLine(r));
    yield lines.join('\n');
  }
}
