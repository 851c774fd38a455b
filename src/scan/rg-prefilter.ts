// Which lines ripgrep hands the scanner (`sleuth scan` on ripgrep): two rg runs side by side find the lines any rule
// could match, the Node scanner reads only those. A pattern here must match every line on which the Node core
// (scanner.ts) can report a finding, so the fast path finds what the full scan finds. Per rule, in rg's (Rust) syntax:
// - its keywords, case-insensitive: every built-in rule's match contains one of its keywords on the line it starts on
//   (the scanner only runs a rule on text containing one);
// - for the generic rule, the CircleCI legacy token and the URL rules, whose keywords (`key`, `api`, `token`,
//   `circle`, `://`) sit on nearly half the lines of a real log, the shape of the match from its keyword on, or that
//   shape's beginning cut short by junk (an escape sequence, a control or invisible character), since the scanner
//   reads through junk: where junk sits inside a match, the text between the keyword and the first junk is the
//   start of the shape;
// - each keyword of 4+ characters base64-encoded at the 3 alignments, in lower, UPPER and Capitalised case, so a
//   line of an `env | base64` dump is read too. These go to a second run as case-exact fixed strings: in the regex
//   run, 1,300 of them cost ripgrep its literal search and the run ~4x its time.
// A rule that can match over a line break (a PEM block) cannot be judged line by line: a line with its keyword sends
// the whole file to the full scan, as does a line that may be part of a wrapped base64 blob.
// What stays unseen (the full scan, `--thorough`, finds it): a keyword broken by junk inside it, a keyword of a base64
// blob written in another mix of cases or cut by a line break, a keyword under 4 characters inside base64.
import type { Rule } from './rule.js';
import { GENERIC_RULE_ID } from './rules.js';
import { normaliseText } from './normalise-text.js';

/** What the rg runs look for, and which keywords on a flagged line send the whole file to the full scan. */
export interface Prefilter {
  /** rg regexes, one per line of the regex run's `-f -` input. */
  patterns: string[];
  /** Case-exact fixed strings for the `rg -F` run (base64 fragments of keywords). */
  fixed: string[];
  /** Lower-case keywords of rules that can match over a line break. */
  multiLineKeywords: string[];
}

/** The generic rule's keywords (scanner.ts GENERIC_KEYWORD). */
const GENERIC_KEYWORDS = ['access', 'auth', 'api', 'credential', 'creds', 'key', 'passwd', 'password', 'pwd', 'secret', 'token'];

/** The first character of anything normaliseText() removes, except a CR that ends its line. */
const JUNK_START = String.raw`(?:[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\x{ad}\x{34f}\x{61c}\x{180e}\x{200b}-\x{200f}\x{202a}-\x{202e}\x{2060}-\x{2064}\x{2066}-\x{206f}\x{fe00}-\x{fe0f}\x{feff}\x{e0000}-\x{e007f}\x{e0100}-\x{e01ef}]|\r.)`;
const WORD = '0-9A-Za-z_';
/** URL user-info characters (structural.ts USERINFO), escaped for a Rust class. */
const USERINFO = String.raw`\w.~!$&()*+,;=%\-`;
/** The generic value's end (scanner.ts GENERIC_TAIL's lookahead), consumed: rg only answers "does the line match". */
const VALUE_END = String.raw`(?:[\x60'"\s;,)}\]]|\\[nr]|$)`;

/**
 * Line shapes for rules whose keywords are everywhere in CI output, from the keyword on: `tail`, a superset of what
 * the rule's regex matches after it; `lead`, every beginning of `tail` (what can come between the keyword and junk
 * inside a match). A line is read when a keyword is followed by the tail, or by a lead and then junk.
 */
interface Shape {
  keywords: readonly string[];
  tail: string;
  lead: string;
}
const SHAPES: Record<string, Shape> = {
  // scanner.ts GENERIC_TAIL: more name, quotes, a separator, value of 10+, then the value's end.
  [GENERIC_RULE_ID]: {
    keywords: GENERIC_KEYWORDS,
    tail: String.raw`[ \t${WORD}.\-]*[ \t'"]*(?:=|>|:{1,3}=|\|\||:|=>|\?=|,)[\x60'" \t=]*(?:[${WORD}.=\-]{10,}|[0-9A-Za-z][0-9A-Za-z+/]{11,}={0,3})${VALUE_END}`,
    lead: String.raw`[ \t${WORD}.\-]*[ \t'"]*(?:[=>:|?,][=>:|?,\x60'" \t]*[${WORD}.=\-+/]*)?`,
  },
  // structural basic-auth-url: ://user:password@ (the scheme is a lookbehind there; lookaheads dropped, bounds opened).
  'basic-auth-url': {
    keywords: ['://'],
    tail: String.raw`[${USERINFO}]+:[${USERINFO}]+@`,
    lead: String.raw`[${USERINFO}:]*`,
  },
  // structural database-uri-password: a database scheme, ://, user:password@.
  'database-uri-password': {
    keywords: ['postgres', 'mysql', 'mariadb', 'mongodb', 'redis', 'amqp', 'mssql', 'sqlserver', 'jdbc:', 'clickhouse', 'cockroachdb'],
    tail: String.raw`[a-zA-Z0-9+:]*://[${USERINFO}]*:[${USERINFO}]+@`,
    lead: String.raw`[a-zA-Z0-9+:]*(?:/{1,2}[${USERINFO}:]*)?`,
  },
  // builtin circleci-legacy-token: circle…token|api-key, separator, 40 hex.
  'circleci-legacy-token': {
    keywords: ['circle'],
    tail: String.raw`[${WORD}.\-]*(?i:token|api[_\-]?key)["']?[ \t]*(?:=|:|=>)[ \t]*["']?(?i:[a-f0-9]{40})`,
    lead: String.raw`[${WORD}.\-"' \t=:>]*`,
  },
};

const escapeRust = (s: string): string => s.replace(/[\\.+*?()|[\]{}^$#&\-~]/g, '\\$&');
const anyOf = (kws: readonly string[]): string => kws.map(escapeRust).join('|');

/** Rule source without its lookarounds, nested ones included (what is left is what the match consumes). */
function consumed(source: string): string {
  let out = '';
  let skipDepth = 0;
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    const piece = ch === '\\' ? source.slice(i, i + 2) : ch;
    if (ch === '\\') i++;
    else if (inClass) inClass = ch !== ']';
    else if (ch === '[') inClass = true;
    else if (ch === '(') {
      depth++;
      if (skipDepth === 0 && /^\(\?<?[=!]/.test(source.slice(i, i + 4))) skipDepth = depth;
    } else if (ch === ')') {
      depth--;
      if (skipDepth > depth) {
        skipDepth = 0;
        continue;
      }
    }
    if (skipDepth === 0) out += piece;
  }
  return out;
}

/** True when the rule's match can contain a line break (then its lines cannot be judged one at a time). */
export function canSpanLines(rule: Rule): boolean {
  if (rule.pattern.flags.includes('s')) return true;
  const src = consumed(rule.pattern.source);
  // A negated class spans lines unless it leaves out \n (or all of \s); \s, \W, \D and [\s\S] take a \n.
  const negated = src.match(/\[\^(?:\\.|[^\]\\])*\]/g) ?? [];
  if (negated.some((c) => !/\\s|\\n|\n/.test(c))) return true;
  return /\\s|\\n|\\W|\\D|\[\\S\]|\\S\\s|\\s\\S/.test(src.replace(/\[\^(?:\\.|[^\]\\])*\]/g, ''));
}

/**
 * The prefilter for these rules, or null when one cannot be built (a rule without keywords runs on every text, so
 * every line would be a candidate: the full scan is then as fast and exact).
 */
export function buildPrefilter(rules: readonly Rule[], generic: boolean): Prefilter | null {
  const patterns: string[] = [];
  const multiLineKeywords: string[] = [];
  const literal = new Set<string>();
  const b64 = new Set<string>();
  const shaped: Shape[] = [];
  const take = (id: string, keywords: readonly string[], spans: boolean, base64: boolean): void => {
    const shapeOf = SHAPES[id];
    if (shapeOf && !spans && sameSet(shapeOf.keywords, keywords)) shaped.push(shapeOf);
    else for (const k of keywords) literal.add(k);
    if (spans) multiLineKeywords.push(...keywords);
    if (base64) for (const k of keywords) for (const f of base64Fragments(k)) b64.add(f);
  };
  for (const r of rules) {
    if (r.keywords.length === 0 || r.keywords.some((k) => k === '')) return null;
    take(r.id, r.keywords.map((k) => k.toLowerCase()), canSpanLines(r), r.severity !== 'info');
  }
  if (generic) take(GENERIC_RULE_ID, GENERIC_KEYWORDS, false, true);
  if (literal.size) patterns.push(`(?i:${anyOf([...literal])})`);
  for (const s of shaped) patterns.push(`(?i:${anyOf(s.keywords)})(?:${s.tail}|${s.lead}${JUNK_START})`);
  return { patterns, fixed: [...b64], multiLineKeywords: [...new Set(multiLineKeywords)] };
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((k) => b.includes(k));

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * The base64 characters that are the same whatever surrounds `keyword`, at each of the 3 byte alignments, for the
 * keyword in lower, UPPER and Capitalised case. Keywords under 4 characters give 3 or fewer such characters, which
 * match nearly every base64 blob: those are left out (a documented gap).
 */
export function base64Fragments(keyword: string): string[] {
  if (keyword.length < 4) return [];
  const cases = new Set([keyword.toLowerCase(), keyword.toUpperCase(), keyword[0]!.toUpperCase() + keyword.slice(1).toLowerCase()]);
  const out = new Set<string>();
  for (const k of cases) {
    const bytes = Buffer.from(k, 'utf8');
    for (let align = 0; align < 3; align++) {
      // Bit positions of the keyword in a stream where it starts at byte `align`; a base64 digit is fixed when all
      // 6 of its bits fall inside the keyword.
      const first = align * 8;
      const last = first + bytes.length * 8;
      let frag = '';
      for (let d = 0; d * 6 < last; d++) {
        const from = d * 6;
        if (from < first || from + 6 > last) {
          if (frag) break;
          continue;
        }
        let v = 0;
        for (let b = from; b < from + 6; b++) v = (v << 1) | ((bytes[(b - first) >> 3]! >> (7 - ((b - first) & 7))) & 1);
        frag += B64[v];
      }
      if (frag.length >= 4) out.add(frag);
    }
  }
  return [...out];
}

/**
 * Whether a flagged line must be read with its whole file: it holds a multi-line rule's keyword, or it may be part
 * of a base64 blob wrapped over several lines (scanner.ts base64Runs: a run of 40+ that fills the rest of its line
 * continues on the next line when that whole line is base64).
 */
export function needsWholeFile(line: string, multiLineKeywords: readonly string[]): boolean {
  const t = normaliseText(line).text.replace(/\r$/, '');
  if (multiLineKeywords.length) {
    const lower = t.toLowerCase();
    if (multiLineKeywords.some((k) => lower.includes(k))) return true;
  }
  let run = 0;
  for (let i = t.length - 1; i >= 0 && isB64(t.charCodeAt(i)); i--) run++;
  if (run >= 40) return true;
  return t.length > 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(t);
}

const isB64 = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2f;
