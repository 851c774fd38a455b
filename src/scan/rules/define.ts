// Building blocks the built-in rule families share. Every tail is bounded (`{m,n}`, never `+`/`*` on the secret):
// JavaScript regexes backtrack where gitleaks' RE2 does not.

/**
 * The token ends at a quote, space, `;`, `,`, a bracket, `&` or `#` (the next URL query parameter or fragment), an
 * escaped newline (`\n` in JSON) or the line end.
 */
export const END = String.raw`(?=[\x60'"\s;,)}\]<>&#]|\\[nrt]|$)`;

/**
 * A token that starts with a word character, not glued to a word character or `-` on the left (`\b` alone lets
 * `npm-key-…` through on the `-`). The `\b` first: checked at every position, it is cheaper than the lookbehind.
 */
export const START = String.raw`\b(?<![\w-])`;

export const re = (source: string, flags = 'g'): RegExp => new RegExp(source, flags);

/**
 * `<name> <separator> <value>` for secrets that only a name tells apart (a 32-hex Datadog key looks like an MD5):
 * `DD_API_KEY=…`, `"dd_api_key": "…"`, `dd-api-key: …`, `--dd-api-key …`, `DD-API-KEY: …` (a header).
 * `name` is a regex source matched case-insensitively by the caller's `i` flag; `value` is the secret's group.
 */
export function assigned(name: string, value: string): string {
  return String.raw`(?:${name})[\w.-]{0,20}?["']?[ \t]{0,3}(?:=|:=|=>|:|[ \t])[ \t]{0,3}["']?(${value})${END}`;
}

/**
 * Characters between a context word and its secret on the same line: printable ASCII and tab. A positive class on
 * purpose: ripgrep's prefilter (rg-prefilter.ts) judges a rule line by line only when it cannot match a line break,
 * and reads any negated class (`[^\n]`) as one that might.
 */
export const SAME_LINE = String.raw`[\t -~]`;

