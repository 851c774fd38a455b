// What looks like a secret but is not one (gitleaks' global and generic allowlists, security.md §2.1/§2.3):
// placeholders, documentation example keys, hashes, UUIDs, commit SHAs, and words.
import { createHash } from 'node:crypto';

/** `${VAR}`, `$VAR`, `{{ .Values.x }}`, `<your-token>`, `$1`, `%s`, runs of one character, masks. */
const PLACEHOLDER = [
  /^\$\{[^}]*\}$/,
  /^\$[A-Za-z_][A-Za-z0-9_]*$/,
  /^\$\(.*\)$/,
  /^\{\{.*\}\}$/,
  /^<[^<>]*>$/,
  /^\$\d+$/,
  /^%[sdv]$/,
  /^(.)\1*$/,
  /\*{4,}/,
  /^x{4,}/i,
  /(?:^|[^a-z])(?:your|my|some)[_-]?(?:api[_-]?)?(?:key|token|secret|password)/i,
  /^(?:changeme|change[_-]?me|password|passwd|secret|token|dummy|placeholder|redacted|null|none|nil|undefined|true|false|example|sample|test|testing|foobar|fake)$/i,
];

/**
 * The passwords CI service containers are started with (postgres://postgres:postgres@localhost, guest:guest for
 * RabbitMQ, root for MySQL): they open a database that lives as long as the job, not a credential anyone can reuse.
 * Only the URI rules skip them (a regex source for a lookahead); the RCA redaction still masks them.
 */
export const SERVICE_DEFAULT_PASSWORDS = 'postgres|root|admin|guest|mysql|mariadb|redis|rabbitmq|mongo|mongodb|circle_test|circleci|pass|user|ubuntu|docker';

/** AWS's own documentation keys and anything that says it is an example. */
const EXAMPLE = /EXAMPLE/i;

/**
 * Published, well-known values that match a rule but open nothing, kept as SHA-256 so this file holds no key-shaped
 * string: the Azurite / Azure Storage Emulator account key (every local Azure test prints it).
 */
const KNOWN_PUBLIC_SHA256 = new Set(['0011cc25eb4320717494d2703e8cba85743e71b500283c21c8b88147992f9059']);

export const HEX_HASH = /^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{56}|[0-9a-f]{64}|[0-9a-f]{96}|[0-9a-f]{128})$/i;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.some((re) => re.test(value));
}

export function isExample(value: string): boolean {
  if (EXAMPLE.test(value)) return true;
  return value.length >= 40 && value.length <= 128 && KNOWN_PUBLIC_SHA256.has(createHash('sha256').update(value).digest('hex'));
}

/** Key names that contain a keyword but hold no secret (gitleaks' generic-api-key "false friends"). */
const FALSE_FRIEND_KEYS = /(?:author|keyboard|keyframe|keystore_?type|keyword|keys?_?(?:id|name|count|length|size|type|file|path|url)|public_?key|pubkey|csrf_?token|xsrf_?token|api_?version|api_?url|api_?host|api_?base|auth_?(?:type|method|url|mode|domain|provider)|token_?(?:type|url|endpoint|expir\w*|ttl|length)|access_?(?:log|mode|level|control)|secret_?(?:name|ref|id|arn|key_?ref)|sha\d*|hash|checksum|digest|revision|commit|uuid|cache_?key)$/i;

/**
 * Words that hold a generic keyword without meaning a credential (`oauthlib`, `keyring`, `author`): a name that has
 * no keyword left once they are taken out is no secret's name. `OAUTH_TOKEN` keeps its `TOKEN`; `oauthlib` (a
 * package in pip's output) keeps nothing.
 */
const INNOCENT_WORDS =
  /oauth|keyring|keychain|keygrip|keyboard|keyframes?|keywords?|keyspace|keystroke|keypress|keydown|keyup|keymap|hotkey|monkey|turkey|hockey|jockey|donkey|whiskey|author(?!i[sz])|rapid|capital|tokeniz\w*|secretary|accessib\w*|accessor|passport/gi;
const GENERIC_KEYWORD = /access|auth|api|credential|creds|key|passw(?:or)?d|pwd|secret|token/i;

/**
 * AWS unique ids of roles, users, groups, policies and certificates (`"UserId": "AROA…:session"` from
 * `aws sts get-caller-identity`): random upper-case letters that now and then spell KEY, API or PWD.
 */
const AWS_UNIQUE_ID = /^A(?:ROA|IDA|GPA|NPA|NVA|PKA|SCA|IPA)[A-Z0-9]{12,20}$/;

export function isFalseFriendKey(key: string): boolean {
  if (FALSE_FRIEND_KEYS.test(key) || AWS_UNIQUE_ID.test(key)) return true;
  INNOCENT_WORDS.lastIndex = 0;
  if (!INNOCENT_WORDS.test(key)) return false;
  return !GENERIC_KEYWORD.test(key.replace(INNOCENT_WORDS, ' '));
}

/** A file name pip, npm, maven or docker prints (`filename=x-1.2.3-py3-none-any.whl`, `app-1.2.3.tgz`). */
const FILE_NAME = /\.(?:whl|tar\.gz|tgz|tar|zip|jar|war|ear|pom|gem|nupkg|deb|rpm|apk|js|mjs|cjs|ts|tsx|json|ya?ml|toml|py|rb|go|so|dll|exe|xml|html|css|map|txt|log|md|lock|sh|png|jpe?g|svg|gz|bz2|xz|zst)$/i;

/** Values of the generic rule that are clearly not secrets. */
export function isBoringGenericValue(value: string): boolean {
  if (HEX_HASH.test(value) || UUID.test(value)) return true;
  // A name ending in a hash (`v1-deps-<sha256>` cache keys, `sha512-…` is not hex and has its own entropy).
  if (/(?:^|[-_.:])[0-9a-f]{32,}$/i.test(value) || /^[0-9a-f]{32,}[-_.]/i.test(value)) return true;
  // Letters only (a word or identifier), digits only, a version, a path-ish or dotted name.
  if (/^[A-Za-z_.-]+$/.test(value)) return true;
  if (/^[0-9.=_-]+$/.test(value)) return true;
  if (/^v?\d+(?:\.\d+)+(?:[-+][\w.]+)?$/.test(value)) return true;
  if (/^[a-z]+(?:[._-][a-z]+)+$/i.test(value)) return true;
  // A file name, or another assignment (`filename=…`): the secret, if any, is that assignment's value.
  if (FILE_NAME.test(value)) return true;
  if (/^[A-Za-z_][\w.-]{0,40}=[^=]/.test(value)) return true;
  // A lower-case path (`software/amazon/awssdk/s3`, a maven group): base64 of random bytes has upper case too.
  if (/^[a-z0-9._-]+(?:\/[a-z0-9._-]+)+$/.test(value)) return true;
  // Stopword-ish runs gitleaks lists (000000, aaaaaa, …).
  if (/(.)\1{5,}/.test(value)) return true;
  return false;
}
