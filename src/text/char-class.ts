// Classifies Unicode code points for display: narrow, wide (CJK / emoji), combining, or hidden (must be shown as <U+XXXX>).

export const CharKind = {
  /** Ordinary printable character, one terminal column. */
  Narrow: 1,
  /** East Asian wide / fullwidth or emoji presentation, two columns. */
  Wide: 2,
  /** Non-spacing or enclosing combining mark (Mn, Me), zero columns, attaches to the previous base. */
  Combining: 3,
  /** Control, format, unassigned or otherwise invisible character: never emitted raw. */
  Hidden: 4,
} as const;
export type CharKind = (typeof CharKind)[keyof typeof CharKind];

/**
 * Hidden: controls (Cc), format characters (Cf: bidi controls, zero-width characters, soft hyphen, U+FEFF,
 * tag characters, U+180E …), unassigned (Cn), surrogates (Cs), line/paragraph separators (Zl, Zp), plus
 * invisible "filler" letters and marks used to smuggle text: combining grapheme joiner, Hangul fillers,
 * Khmer inherent vowels, Mongolian variation selectors, and variation selectors other than VS15/VS16.
 */
const HIDDEN =
  /^[\p{Cc}\p{Cf}\p{Cn}\p{Cs}\p{Zl}\p{Zp}\u034F\u115F\u1160\u17B4\u17B5\u180B-\u180F\u3164\uFE00-\uFE0D\uFFA0\u{E0100}-\u{E01EF}]$/u;
const COMBINING = /^[\p{Mn}\p{Me}]$/u;
const EMOJI_PRESENTATION = /^\p{Emoji_Presentation}$/u;

/** East Asian Wide / Fullwidth blocks (simplified from EastAsianWidth.txt). Emoji are covered by EMOJI_PRESENTATION. */
const WIDE_RANGES: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x16fe0, 0x16fe4],
  [0x16ff0, 0x16ff1],
  [0x17000, 0x18cd5],
  [0x18d00, 0x18d08],
  [0x1aff0, 0x1b2fb],
  [0x1f200, 0x1f2ff],
  [0x20000, 0x2fffd],
  [0x30000, 0x3fffd],
];

function isWideRange(codePoint: number): boolean {
  for (const [first, last] of WIDE_RANGES) {
    if (codePoint < first) return false;
    if (codePoint <= last) return true;
  }
  return false;
}

function computeKind(codePoint: number): CharKind {
  if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0)) return CharKind.Hidden;
  if (codePoint < 0x7f) return CharKind.Narrow;
  const char = String.fromCodePoint(codePoint);
  if (HIDDEN.test(char)) return CharKind.Hidden;
  if (COMBINING.test(char)) return CharKind.Combining;
  if (isWideRange(codePoint) || EMOJI_PRESENTATION.test(char)) return CharKind.Wide;
  return CharKind.Narrow;
}

/** Lazily filled lookup table over all of Unicode (1.1 MB); 0 = not computed yet. */
let kindCache: Uint8Array | undefined;

export function charKind(codePoint: number): CharKind {
  if (codePoint < 0 || codePoint > 0x10ffff) return CharKind.Hidden;
  kindCache ??= new Uint8Array(0x110000);
  const cached = kindCache[codePoint];
  if (cached) return cached as CharKind;
  const kind = computeKind(codePoint);
  kindCache[codePoint] = kind;
  return kind;
}

/** Terminal columns taken by one code point (0 for combining marks and anything that is not printable). */
export function codePointWidth(codePoint: number): 0 | 1 | 2 {
  switch (charKind(codePoint)) {
    case CharKind.Narrow:
      return 1;
    case CharKind.Wide:
      return 2;
    default:
      return 0;
  }
}

/**
 * Cyrillic, Greek and Armenian letters drawn like a Latin letter in common terminal fonts (a subset of Unicode's
 * confusables.txt): `https://аpp.circleci.com` with a Cyrillic а reads as app.circleci.com (security.md J4).
 */
const LATIN_LOOKALIKES = new Set([
  // Cyrillic: а е о р с у х ѕ і ј һ ӏ ԁ ԛ ԝ, А В Е К М Н О Р С Т Х Ѕ І Ј Ү Ӏ Ԛ Ԝ
  0x0430, 0x0435, 0x043e, 0x0440, 0x0441, 0x0443, 0x0445, 0x0455, 0x0456, 0x0458, 0x04bb, 0x04cf, 0x0501, 0x051b, 0x051d,
  0x0410, 0x0412, 0x0415, 0x041a, 0x041c, 0x041d, 0x041e, 0x0420, 0x0421, 0x0422, 0x0425, 0x0405, 0x0406, 0x0408, 0x04ae,
  0x04c0, 0x051a, 0x051c,
  // Greek: Α Β Ε Ζ Η Ι Κ Μ Ν Ο Ρ Τ Υ Χ ο
  0x0391, 0x0392, 0x0395, 0x0396, 0x0397, 0x0399, 0x039a, 0x039c, 0x039d, 0x039f, 0x03a1, 0x03a4, 0x03a5, 0x03a7, 0x03bf,
  // Armenian: օ
  0x0585,
]);

export function isLatinLookalike(codePoint: number): boolean {
  return LATIN_LOOKALIKES.has(codePoint);
}

/**
 * Whether an ASCII character leaves a look-alike after it in a Latin word, a name or a host: a letter or digit, `_`,
 * or the `.`, `/` and `@` of a URL. (Not `-` or `:`, which Cyrillic and Greek prose uses between its own words.)
 */
export function continuesLatin(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x5f || code === 0x2e || code === 0x2f || code === 0x40;
}
