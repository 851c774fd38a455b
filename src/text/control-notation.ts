// How invisible or dangerous characters are spelled out visibly (`^[`, `^M`, `<U+202E>`).

const CARET_BY_CODE: readonly string[] = Array.from({ length: 0x20 }, (_, code) => `^${String.fromCharCode(code + 0x40)}`);

/** Caret notation for a C0 control (0x00–0x1F) or DEL (0x7F): `^@`, `^G`, `^[`, `^?`. */
export function caretNotation(code: number): string {
  if (code === 0x7f) return '^?';
  return CARET_BY_CODE[code] ?? codePointNotation(code);
}

/** `<U+XXXX>` notation (at least four upper-case hex digits) for C1 controls and invisible Unicode. */
export function codePointNotation(codePoint: number): string {
  return `<U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}>`;
}
