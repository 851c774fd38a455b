// Go RE2 syntax (gitleaks' rule files) to a JavaScript RegExp source. Where the two differ:
//  - flag groups: a leading `(?i)` alone becomes the `i` flag; any other case switch (`(?i:…)`, `(?-i:…)`, `(?i)`
//    mid-pattern) is expanded: letters in a case-insensitive scope become `[aA]`, class ranges gain their other case.
//    `(?s)` and `(?m)` are expanded the same way (`.` → `[\s\S]` or `[^\n]`, `^`/`$` → lookarounds), so the result
//    never needs the `s` or `m` flag and `^`/`$` keep RE2's meaning (start and end of the text);
//  - `(?P<name>` → `(?<name>`; `\A` → `^`, `\z` → `$`; POSIX classes (`[[:alpha:]]`); `\Q…\E`; `\x{…}`; octal;
//  - `\p{…}` needs the `u` flag; the output is written so it means the same with or without `u` (every escape of a
//    character that is not JavaScript syntax is written as `\xHH`/`\uHHHH`, lone braces are escaped);
//  - JavaScript backtracks where RE2 does not: unbounded repeats are bounded (`*` → `{0,4096}`), and a repeated
//    group that itself holds a variable repeat or an alternation (`(a+)+`, `(a|ab)*`) is refused.
// Anything else (lookaround, backreferences, `(?U)`) throws Re2Error with the reason; the caller reports the rule.

import { CATEGORY, classChar, JS_SYNTAX, otherCase, otherCaseRanges, plainChar, POSIX, SIMPLE_ESCAPES } from './re2-chars.js';

export class Re2Error extends Error {}

/** `*`, `+` and `{n,}` become `{…,MAX_UNBOUNDED_REPEAT}`: longer than any secret, short enough to bound backtracking. */
export const MAX_UNBOUNDED_REPEAT = 4096;
/** An outer repeat up to this many times may hold a variable one (`(?:-[0-9]{10,13}){3}`). */
const SMALL_OUTER_REPEAT = 32;
/** RE2's own limit on a counted repeat. */
const RE2_MAX_COUNT = 1000;

export interface JsPattern {
  source: string;
  /** Some of `iu`; the caller adds `g` (and the scanner `d`). */
  flags: string;
}

interface Scope {
  i: boolean;
  s: boolean;
  m: boolean;
}

interface Frame {
  scope: Scope;
  /** The group holds a repeat whose count varies (or holds a group that does). */
  variable: boolean;
  alternation: boolean;
}

/** Translates one RE2 pattern. Throws Re2Error when it has no faithful JavaScript form. */
export function re2ToJs(pattern: string): JsPattern {
  const first = new Translator(pattern, false);
  first.run();
  // Only a leading `(?i)` switched case: the `i` flag says it shorter and runs faster than `[aA]` classes.
  if (first.leadingI && first.otherCaseSwitches === 0) {
    const flagged = new Translator(pattern, true);
    flagged.run();
    return { source: flagged.out, flags: `i${flagged.needU ? 'u' : ''}` };
  }
  return { source: first.out, flags: first.needU ? 'u' : '' };
}

class Translator {
  out = '';
  needU = false;
  leadingI = false;
  otherCaseSwitches = 0;
  #pos = 0;
  readonly #frames: Frame[] = [];

  constructor(private readonly src: string, private readonly iFlag: boolean) {}

  run(): void {
    this.#frames.push({ scope: { i: false, s: false, m: false }, variable: false, alternation: false });
    this.#sequence();
    if (this.#pos < this.src.length) throw new Re2Error(`unmatched ) at ${this.#pos}`);
  }

  get #frame(): Frame {
    return this.#frames[this.#frames.length - 1]!;
  }

  /** Atoms up to `)` or the end. `lastGroup` is the frame of the group just closed, for the repeat check. */
  #sequence(): void {
    let canRepeat = false;
    let lastGroup: Frame | null = null;
    while (this.#pos < this.src.length) {
      const c = this.src[this.#pos]!;
      if (c === ')') return;
      if (c === '|') {
        this.out += '|';
        this.#frame.alternation = true;
        this.#pos++;
        canRepeat = false;
        continue;
      }
      if (c === '*' || c === '+' || c === '?' || (c === '{' && this.#countAhead())) {
        if (!canRepeat) throw new Re2Error(`missing argument to repetition operator at ${this.#pos}`);
        this.#repeat(lastGroup);
        canRepeat = false;
        lastGroup = null;
        continue;
      }
      lastGroup = null;
      canRepeat = true;
      if (c === '(') {
        const g = this.#group();
        if (g === 'flags') canRepeat = false;
        else lastGroup = g;
      } else if (c === '[') this.#charClass();
      else if (c === '\\') canRepeat = this.#escape();
      else if (c === '.') {
        this.out += this.#frame.scope.s ? '[\\s\\S]' : '[^\\n]';
        this.#pos++;
      } else if (c === '^' || c === '$') {
        // Without `m` both mean the text's ends in RE2 and (no `m` flag here, ever) in JavaScript.
        this.out += this.#frame.scope.m ? (c === '^' ? '(?<![^\\n])' : '(?![^\\n])') : c;
        this.#pos++;
      } else {
        const cp = this.src.codePointAt(this.#pos)!;
        this.#pos += cp > 0xffff ? 2 : 1;
        this.#literal(cp);
      }
    }
  }

  /** `{` starts a count (`{2}`, `{2,}`, `{2,5}`); anything else is a literal brace, as in RE2. */
  #countAhead(): boolean {
    return /^\{\d+(?:,\d*)?\}/.test(this.src.slice(this.#pos, this.#pos + 16));
  }

  #repeat(group: Frame | null): void {
    const rest = this.src.slice(this.#pos);
    const m = /^(?:([*+?])|\{(\d+)(?:(,)(\d*))?\})(\?)?/.exec(rest)!;
    this.#pos += m[0].length;
    let min: number;
    let max: number;
    if (m[1]) [min, max] = m[1] === '*' ? [0, Infinity] : m[1] === '+' ? [1, Infinity] : [0, 1];
    else {
      min = Number(m[2]);
      max = m[3] ? (m[4] ? Number(m[4]) : Infinity) : min;
      if (min > RE2_MAX_COUNT || (max !== Infinity && max > RE2_MAX_COUNT)) throw new Re2Error(`repeat count above ${RE2_MAX_COUNT}`);
      if (max < min) throw new Re2Error(`invalid repeat count {${min},${max}}`);
    }
    const lazy = m[5] ? '?' : '';
    if (group && (max === Infinity || max > SMALL_OUTER_REPEAT) && (group.variable || group.alternation)) {
      throw new Re2Error('a repeated group holds a variable repeat or an alternation: it can backtrack exponentially in JavaScript (RE2 runs it in linear time)');
    }
    if (min !== max) this.#frame.variable = true;
    if (m[1] === '?') this.out += `?${lazy}`;
    else if (max === Infinity) this.out += `{${min},${Math.max(min, MAX_UNBOUNDED_REPEAT)}}${lazy}`;
    else this.out += `{${min}${min === max ? '' : `,${max}`}}${lazy}`;
  }

  /** Returns the closed group's frame, or 'flags' for a `(?i)` that only changed the scope. */
  #group(): Frame | 'flags' {
    const at = this.#pos;
    const rest = this.src.slice(at);
    let open: string;
    let scope = { ...this.#frame.scope };
    const named = /^\(\?P?<([A-Za-z0-9_]+)>/.exec(rest);
    const flags = /^\(\?([a-zA-Z]*)(?:-([a-zA-Z]*))?([:)])/.exec(rest);
    if (/^\(\?P?<[=!]/.test(rest) || /^\(\?[=!]/.test(rest)) throw new Re2Error('lookaround is not RE2 syntax');
    if (named) {
      if (!/^[A-Za-z_]/.test(named[1]!)) throw new Re2Error(`group name ${named[1]} must start with a letter or _ in JavaScript`);
      open = `(?<${named[1]}>`;
      this.#pos += named[0].length;
    } else if (flags) {
      const [whole, on = '', off = '', end] = flags;
      if (whole === '(?:') {
        open = '(?:';
      } else {
        for (const f of on + off) if (!'ims'.includes(f)) throw new Re2Error(f === 'U' ? 'the ungreedy flag (?U) has no JavaScript form' : `unknown flag ${f}`);
        for (const f of on) scope[f as keyof Scope] = true;
        for (const f of off) scope[f as keyof Scope] = false;
        if ((on + off).includes('i')) {
          if (at === 0 && end === ')' && off === '') this.leadingI = true;
          else this.otherCaseSwitches++;
        }
        if (this.iFlag && !scope.i) throw new Re2Error('internal: case switched off under the i flag');
        if (end === ')') {
          // `(?i)` in the middle: the rest of the enclosing group.
          this.#frame.scope = scope;
          this.#pos += whole.length;
          return 'flags';
        }
        open = '(?:';
      }
      this.#pos += whole.length;
    } else if (rest.startsWith('(?')) {
      throw new Re2Error(`unknown group syntax ${rest.slice(0, 4)}`);
    } else {
      open = '(';
      this.#pos++;
      scope = { ...this.#frame.scope };
    }
    this.out += open;
    const frame: Frame = { scope, variable: false, alternation: false };
    this.#frames.push(frame);
    this.#sequence();
    if (this.src[this.#pos] !== ')') throw new Re2Error(`missing ) for the group at ${at}`);
    this.#pos++;
    this.out += ')';
    this.#frames.pop();
    if (frame.variable) this.#frame.variable = true;
    return frame;
  }

  /** An escape outside a class. Returns whether it can be repeated (a zero-width assertion cannot in RE2). */
  #escape(): boolean {
    const c = this.src[this.#pos + 1];
    if (c === undefined) throw new Re2Error('trailing backslash');
    if ('dDwWsS'.includes(c)) {
      this.out += `\\${c}`;
      this.#pos += 2;
      return true;
    }
    if (c === 'b' || c === 'B') {
      this.out += `\\${c}`;
      this.#pos += 2;
      return false;
    }
    if (c === 'A' || c === 'z') {
      this.out += c === 'A' ? '^' : '$';
      this.#pos += 2;
      return false;
    }
    if (c === 'Q') {
      const end = this.src.indexOf('\\E', this.#pos + 2);
      const text = this.src.slice(this.#pos + 2, end === -1 ? undefined : end);
      this.#pos = end === -1 ? this.src.length : end + 2;
      for (const ch of text) this.#literal(ch.codePointAt(0)!);
      return text.length > 0;
    }
    if (c === 'p' || c === 'P') {
      this.out += this.#unicodeClass();
      return true;
    }
    this.#literal(this.#escapedChar());
    return true;
  }

  /** `\pL`, `\p{Greek}`, `\p{^L}`, `\PL`. */
  #unicodeClass(): string {
    let negate = this.src[this.#pos + 1] === 'P';
    let name: string;
    if (this.src[this.#pos + 2] === '{') {
      const end = this.src.indexOf('}', this.#pos + 3);
      if (end === -1) throw new Re2Error('unterminated \\p{');
      name = this.src.slice(this.#pos + 3, end);
      this.#pos = end + 1;
    } else {
      name = this.src[this.#pos + 2] ?? '';
      this.#pos += 3;
    }
    if (name.startsWith('^')) {
      negate = !negate;
      name = name.slice(1);
    }
    if (!/^[A-Za-z_]+$/.test(name)) throw new Re2Error(`unknown Unicode class ${name}`);
    this.needU = true;
    if (name === 'Any') return negate ? '[^\\s\\S]' : '[\\s\\S]';
    return `\\${negate ? 'P' : 'p'}{${CATEGORY.test(name) ? name : `Script=${name}`}}`;
  }

  /** A single escaped character (`\x41`, `\x{263a}`, `\101`, `\n`, `\.`), as a code point; moves past it. */
  #escapedChar(): number {
    const rest = this.src.slice(this.#pos);
    const c = rest[1]!;
    let m: RegExpExecArray | null;
    if ((m = /^\\x\{([0-9A-Fa-f]{1,6})\}/.exec(rest)) || (m = /^\\x([0-9A-Fa-f]{2})/.exec(rest))) {
      this.#pos += m[0].length;
      const cp = parseInt(m[1]!, 16);
      if (cp > 0x10ffff) throw new Re2Error('\\x{…} beyond Unicode');
      return cp;
    }
    if ((m = /^\\([0-7]{1,3})/.exec(rest))) {
      // RE2 has no backreferences; `\1`-`\7` alone is an error there, `\0`, `\01`, `\101` are octal.
      if (m[1]!.length === 1 && m[1] !== '0') throw new Re2Error('backreferences are not RE2 syntax');
      this.#pos += m[0].length;
      return parseInt(m[1]!, 8);
    }
    if (c in SIMPLE_ESCAPES) {
      this.#pos += 2;
      return SIMPLE_ESCAPES[c]!;
    }
    if (/[\p{P}\p{S} ]/u.test(c) && c.charCodeAt(0) < 0x80) {
      this.#pos += 2;
      return c.charCodeAt(0);
    }
    throw new Re2Error(`unknown escape \\${c}`);
  }

  /** One literal character outside a class: `[aA]` in a case-insensitive scope (unless the `i` flag does it). */
  #literal(cp: number): void {
    if (cp > 0xffff) this.needU = true;
    const ch = String.fromCodePoint(cp);
    const other = otherCase(ch);
    if (this.#frame.scope.i && !this.iFlag && other) this.out += `[${classChar(cp)}${classChar(other.codePointAt(0)!)}]`;
    else this.out += JS_SYNTAX.has(ch) ? `\\${ch}` : plainChar(cp);
  }

  #charClass(): void {
    const at = this.#pos;
    this.#pos++;
    let body = '';
    let negate = false;
    if (this.src[this.#pos] === '^') {
      negate = true;
      this.#pos++;
    }
    const fold = this.#frame.scope.i && !this.iFlag;
    const ranges: [number, number][] = [];
    let first = true;
    while (this.#pos < this.src.length && (this.src[this.#pos] !== ']' || first)) {
      first = false;
      const rest = this.src.slice(this.#pos);
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(rest);
      if (posix) {
        const set = POSIX[posix[2]!];
        if (!set) throw new Re2Error(`unknown POSIX class [:${posix[2]}:]`);
        if (posix[1]) throw new Re2Error(`a negated POSIX class [:^${posix[2]}:] inside brackets has no JavaScript form`);
        body += set;
        if (fold && (posix[2] === 'lower' || posix[2] === 'upper')) body += 'A-Za-z';
        this.#pos += posix[0].length;
        continue;
      }
      if (rest.startsWith('\\')) {
        const c = rest[1];
        if (c !== undefined && 'dDwWsS'.includes(c)) {
          body += `\\${c}`;
          this.#pos += 2;
          if (this.src[this.#pos] === '-' && this.src[this.#pos + 1] !== ']') throw new Re2Error(`invalid character class range at ${this.#pos}`);
          continue;
        }
        if (c === 'p' || c === 'P') {
          const u = this.#unicodeClass();
          if (u.startsWith('[')) throw new Re2Error('\\p{Any} inside brackets');
          body += u;
          continue;
        }
      }
      const lo = this.#classAtom();
      let hi = lo;
      if (this.src[this.#pos] === '-' && this.src[this.#pos + 1] !== ']' && this.#pos + 1 < this.src.length) {
        this.#pos++;
        hi = this.#classAtom();
        if (hi < lo) throw new Re2Error(`invalid character class range at ${this.#pos}`);
      }
      ranges.push([lo, hi]);
    }
    if (this.src[this.#pos] !== ']') throw new Re2Error(`missing ] for the class at ${at}`);
    this.#pos++;
    for (const [lo, hi] of ranges) {
      body += lo === hi ? classChar(lo) : `${classChar(lo)}-${classChar(hi)}`;
      if (fold) for (const [a, b] of otherCaseRanges(lo, hi)) body += a === b ? classChar(a) : `${classChar(a)}-${classChar(b)}`;
    }
    this.out += `[${negate ? '^' : ''}${body}]`;
  }

  /** One character inside a class, literal or escaped, as a code point. */
  #classAtom(): number {
    if (this.src[this.#pos] === '\\') {
      const c = this.src[this.#pos + 1];
      if (c !== undefined && /[A-Za-z]/.test(c) && !'xafntrv'.includes(c)) throw new Re2Error(`\\${c} inside brackets has no JavaScript form`);
      return this.#escapedChar();
    }
    const cp = this.src.codePointAt(this.#pos)!;
    this.#pos += cp > 0xffff ? 2 : 1;
    if (cp > 0xffff) this.needU = true;
    return cp;
  }
}
