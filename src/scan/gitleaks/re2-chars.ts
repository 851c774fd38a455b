// Character-level pieces of the RE2 → JavaScript translation (re2-to-js.ts): POSIX classes, Unicode class names,
// case folding of single characters and ranges, and writing a character so it means the same with or without `u`.

export const POSIX: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7f',
  blank: '\\t ',
  cntrl: '\\x00-\\x1f\\x7f',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\x0b\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

/** Unicode general categories JavaScript takes as `\p{X}`; any other name is a script (`\p{Script=Greek}`). */
export const CATEGORY = /^(?:L|Lu|Ll|Lt|Lm|Lo|M|Mn|Mc|Me|N|Nd|Nl|No|P|Pc|Pd|Ps|Pe|Pi|Pf|Po|S|Sm|Sc|Sk|So|Z|Zs|Zl|Zp|C|Cc|Cf|Cs|Co|Cn)$/;
export const SIMPLE_ESCAPES: Record<string, number> = { a: 7, f: 12, t: 9, n: 10, r: 13, v: 11 };
export const JS_SYNTAX = new Set([...'\\^$.*+?()[]{}|/']);

/** The other case of a single character, when it has exactly one (`a` ↔ `A`; not `ß`). */
export function otherCase(ch: string): string | null {
  const lo = ch.toLowerCase();
  const up = ch.toUpperCase();
  const other = ch === lo ? up : lo;
  return other !== ch && [...other].length === 1 ? other : null;
}

/** The ASCII letters of [lo, hi] in the other case, as ranges (`a-f` → `A-F`). */
export function otherCaseRanges(lo: number, hi: number): [number, number][] {
  const out: [number, number][] = [];
  const add = (from: number, to: number, shift: number) => {
    const a = Math.max(lo, from);
    const b = Math.min(hi, to);
    if (a <= b) out.push([a + shift, b + shift]);
  };
  add(0x61, 0x7a, -32);
  add(0x41, 0x5a, 32);
  if (lo === hi && lo > 0x7f) {
    const other = otherCase(String.fromCodePoint(lo));
    if (other) out.push([other.codePointAt(0)!, other.codePointAt(0)!]);
  }
  return out;
}

/** A character as it can be written in a JavaScript class with or without `u`. */
export function classChar(cp: number): string {
  const ch = String.fromCodePoint(cp);
  if ('\\]^-['.includes(ch)) return `\\${ch}`;
  return plainChar(cp);
}

/** Printable ASCII as is, everything else as `\xHH`, `\uHHHH` or `\u{…}` (valid with and without `u`). */
export function plainChar(cp: number): string {
  if (cp >= 0x20 && cp < 0x7f) return String.fromCharCode(cp);
  if (cp < 0x100) return `\\x${cp.toString(16).padStart(2, '0')}`;
  if (cp <= 0xffff) return `\\u${cp.toString(16).padStart(4, '0')}`;
  return `\\u{${cp.toString(16)}}`;
}
