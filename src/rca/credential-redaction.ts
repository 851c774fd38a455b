// Credentials by context, for what is sent to Exlogare: the secret scanner (src/scan) finds secrets by their shape,
// which misses a short or wordy password. Here the surroundings say it: an assignment whose name says password,
// secret, token, key, credential or auth (`DB_PASSWORD=…`, `export X_TOKEN=…`, `--password=…`, `password: "…"`,
// `"api_key": "…"`), and the password inside a URI (`postgres://app:…@db`). Only the value is replaced, by
// `[REDACTED:<what>]`, line by line: the rest of the log, and its lines, stay as they were.
import { isFalseFriendKey, isPlaceholder } from '../scan/allowlist.js';
import { shannonEntropy } from '../scan/entropy.js';

export interface CredentialRedaction {
  text: string;
  count: number;
}

type Label = 'password' | 'secret' | 'credential' | 'auth' | 'token' | 'key';

const mark = (label: Label): string => `[REDACTED:${label}]`;

/** Lines worth a closer look (cheap, case-insensitive). */
const NAME_HINT = /pass|pwd|secret|token|key|credential|auth/i;

// A name (maybe quoted, maybe `--flag`), a separator, the blanks after it. The value is read by hand (valueSpan).
const ASSIGNMENT = /(?<![\w.$-])(?:(\\?["'])((?:--?)?[A-Za-z_][\w.-]{0,100})\1|((?:--?)?[A-Za-z_][\w.-]{0,100}))[ \t]*(=>|:=|=(?![=~])|:(?![:/]))[ \t]*/g;

// Whole-name checks run on snake_case (`apiKey` → `api_key`).
const STRONG = /passw(?:or)?d|passphrase|pwd|secret|credential|authorization/;
const WEAK_TOKEN = /(?:^|[_.-])[a-z0-9]*token(?=$|[_.-])/;
const WEAK_KEY = /(?:^|[_.-])(?:api|access|secret|private|signing|master|license|encryption|deploy|client|session|app|account|service|sas|storage|subscription)?key(?=$|[_.-])/;
const WEAK_AUTH = /(?:^|[_.-])auth(?=$|[_.-])/;
/** Names that say *about* a secret, not the secret: its file, path, name, length, type… */
const ABOUT = /(?:^|[_.-])(?:files?|path|dir|url|uri|endpoint|host|user|username|names?|ids?|env|vars?|length|len|count|size|type|mode|min|max|ttl|expiry|expires|expiration|timeout|policy|rotation|version|enabled|required|header|prefix|field|hint|location|arn)$/;
/** The shell's working directory, printed by every `env`. */
const SHELL_PWD = /^(?:OLD)?PWD$/;

/** What the name says the value is, or null when it says nothing secret. */
export function secretLabel(rawName: string): Label | null {
  const bare = rawName.replace(/^-+/, '');
  if (SHELL_PWD.test(bare) || isFalseFriendKey(bare)) return null;
  const name = bare.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  if (ABOUT.test(name)) return null;
  const strong = STRONG.exec(name)?.[0];
  if (strong) return strong.startsWith('pas') || strong === 'pwd' ? 'password' : strong === 'authorization' ? 'auth' : (strong as Label);
  if (WEAK_TOKEN.test(name)) return 'token';
  if (WEAK_KEY.test(name)) return 'key';
  if (WEAK_AUTH.test(name)) return 'auth';
  return null;
}

const REDACTED_ALREADY = /\[REDACTED[:\]]|\[redacted by circle-sleuth\]/;

/** `${VAR}`, `$VAR`, `{{…}}`, `****`, `<redacted>`, `xxx`, empty, true/false, null… and what is already redacted. */
export function isPlaceholderValue(value: string): boolean {
  const v = value.trim();
  return v === '' || /^x{3}$/i.test(v) || isPlaceholder(v) || REDACTED_ALREADY.test(v);
}

/** What may stand before a YAML `name: value` that fills its line: indentation, a list dash. */
const BARE_LINE_START = /^[ \t]*(?:-[ \t]+)?$/;

const AUTH_SCHEME = /^(?:bearer|basic|token|digest|negotiate|ntlm)[ \t]+(?=\S)/i;

interface Span {
  start: number;
  end: number;
  label: Label;
}

/** Index of the quote closing the one at `open` (backslash escapes honoured for `"`), or -1. */
function closingQuote(line: string, open: number): number {
  const q = line[open]!;
  for (let i = open + 1; i < line.length; i++) {
    const c = line[i];
    if (c === '\\' && q === '"') i++;
    else if (c === q) return i;
  }
  return -1;
}

/**
 * The value after a separator at `at`: a quoted string (to its closing quote), else one shell word, or, on a line
 * that is only `name: value` (YAML), the rest of the line. Null when nothing value-like follows (`{`, `[`, end).
 */
function valueSpan(line: string, at: number, m: RegExpExecArray): { start: number; end: number } | null {
  const c = line[at];
  if (c === undefined) return null;
  if (line.startsWith('\\"', at)) {
    const close = line.indexOf('\\"', at + 2);
    return { start: at + 2, end: close < 0 ? line.trimEnd().length : close };
  }
  // A command substitution computes the value: nothing literal to hide.
  if (c === '`' || line.startsWith('$(', at)) return null;
  if (c === '"' || c === "'") {
    const close = closingQuote(line, at);
    return { start: at + 1, end: close < 0 ? line.trimEnd().length : close };
  }
  if ('{[('.includes(c)) return null;
  const nameQuoted = m[1] !== undefined;
  const sep = m[4]!;
  // `key:value` with no blank is a label or a path, not an assignment; `"key":value` is JSON.
  if (sep === ':' && !nameQuoted && !/[ \t]$/.test(m[0])) return null;
  // `Authorization: Bearer abc`: the scheme stays, the credential after it goes.
  const start = at + (AUTH_SCHEME.exec(line.slice(at, at + 20))?.[0].length ?? 0);
  let end: number;
  const bare = sep === ':' && BARE_LINE_START.test(line.slice(0, m.index));
  if (bare) {
    end = line.trimEnd().length;
  } else {
    // In a query string a value ends at `&`.
    const word = '?&'.includes(line[m.index - 1] ?? ' ') ? /[^\s"'`&#]+/y : /[^\s"'`]+/y;
    word.lastIndex = start;
    end = word.exec(line) ? word.lastIndex : start;
  }
  const whole = line.slice(start, end);
  while (end > start && /[,;)}\]>]/.test(line[end - 1]!)) end--;
  if (end <= start || isPlaceholderValue(whole)) return null;
  // Inline `… password: the …` is prose more often than a secret: there a single plain word is not taken.
  if (sep === ':' && !nameQuoted && !bare && start === at && /^[A-Z]?[a-z]+$/.test(line.slice(start, end))) return null;
  return { start, end };
}

function assignmentSpans(line: string): Span[] {
  const spans: Span[] = [];
  ASSIGNMENT.lastIndex = 0;
  for (let m = ASSIGNMENT.exec(line); m; m = ASSIGNMENT.exec(line)) {
    const sepEnd = m.index + m[0].length;
    const label = secretLabel(m[2] ?? m[3]!);
    const v = label ? valueSpan(line, sepEnd, m) : null;
    if (label && v && !isPlaceholderValue(line.slice(v.start, v.end))) {
      spans.push({ ...v, label });
      ASSIGNMENT.lastIndex = Math.max(v.end, sepEnd);
    } else {
      ASSIGNMENT.lastIndex = sepEnd;
    }
  }
  return spans;
}

/** `scheme://authority`: the authority stops at a path, query, fragment, blank or quote. */
const URI = /\b[a-z][a-z0-9+.-]{0,30}:\/\/([^\s/?#"'<>`\\]+)/gi;

function uriSpans(line: string): Span[] {
  const spans: Span[] = [];
  URI.lastIndex = 0;
  for (let m = URI.exec(line); m; m = URI.exec(line)) {
    const authority = m[1]!;
    const at = authority.lastIndexOf('@');
    if (at <= 0) continue;
    const userinfo = authority.slice(0, at);
    const base = m.index + m[0].length - authority.length;
    // The first `:` outside a `[REDACTED:…]` marker splits user from password.
    const split = /^((?:\[[^\]]*\]|[^:[])*):(.*)$/s.exec(userinfo);
    if (split) {
      const pass = split[2]!;
      if (!isPlaceholderValue(pass)) spans.push({ start: base + split[1]!.length + 1, end: base + userinfo.length, label: 'password' });
    } else if (userinfo.length >= 16 && shannonEntropy(userinfo) >= 3.5 && !isPlaceholderValue(userinfo)) {
      // `https://<token>@github.com`: a token used as the user name.
      spans.push({ start: base, end: base + userinfo.length, label: 'token' });
    }
  }
  return spans;
}

function apply(line: string, spans: Span[]): string {
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += line.slice(at, s.start) + mark(s.label);
    at = s.end;
  }
  return out + line.slice(at);
}

/** Replaces credentials found by context, line by line; `count` is the number of values replaced. */
export function redactCredentials(text: string): CredentialRedaction {
  let count = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    const hasUri = line.includes('://');
    if (!hasUri && !NAME_HINT.test(line)) continue;
    if (hasUri) {
      const spans = uriSpans(line);
      if (spans.length) {
        line = apply(line, spans);
        count += spans.length;
      }
    }
    if (NAME_HINT.test(line)) {
      const spans = assignmentSpans(line);
      if (spans.length) {
        line = apply(line, spans);
        count += spans.length;
      }
    }
    lines[i] = line;
  }
  return { text: count ? lines.join('\n') : text, count };
}
