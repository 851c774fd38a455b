// Where base64 blobs sit in a text (one line, or wrapped `base64 -w 76` style), and whether decoded bytes read as
// text: the scanner decodes such blobs and scans them again.

/** 1: a base64 character; 2: also glues a run to a word (`_`, `-`, `=`). */
const B64 = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z0-9+/]/.test(ch)) B64[c] = 1;
  else if (ch === '_' || ch === '-' || ch === '=') B64[c] = 2;
}
const isB64 = (c: number): boolean => c < 128 && B64[c] === 1;
const isWordish = (c: number): boolean => c < 128 && B64[c] !== 0;

/**
 * Runs of base64 characters (with up to two `=`), not glued to other word characters. A run that fills the rest of
 * its line and is at least 40 long continues on the next line when that whole line is base64 (`base64 -w 76`).
 * A plain loop, not a regex: a 10 MB run would overflow the regex engine's backtrack stack.
 */
export function base64Runs(t: string): [number, number][] {
  const out: [number, number][] = [];
  const len = t.length;
  let i = 0;
  while (i < len) {
    // Skip to the next base64 character that starts a word (the common case: one table look-up per character).
    let c = t.charCodeAt(i);
    if (c >= 128 || B64[c] !== 1) {
      i++;
      continue;
    }
    if (i > 0) {
      const p = t.charCodeAt(i - 1);
      if (p < 128 && B64[p] !== 0) {
        // Inside a word: jump to its end.
        while (i < len && (c = t.charCodeAt(i)) < 128 && B64[c] !== 0) i++;
        continue;
      }
    }
    const start = i;
    let end = runEnd(t, i);
    let segStart = start;
    // Wrapped continuation lines.
    for (;;) {
      const eol = t.charCodeAt(end) === 0x0d && t.charCodeAt(end + 1) === 0x0a ? end + 2 : t.charCodeAt(end) === 0x0a ? end + 1 : -1;
      if (eol === -1 || end - segStart < 40 || t.charCodeAt(end - 1) === 0x3d) break;
      const next = runEnd(t, eol);
      const after = t.charCodeAt(next);
      if (next === eol || !(next >= len || after === 0x0a || after === 0x0d)) break;
      segStart = eol;
      end = next;
    }
    if (end - start >= 24 && (end >= len || !isWordish(t.charCodeAt(end)))) out.push([start, end]);
    i = Math.max(end, i + 1);
  }
  return out;
}

function runEnd(t: string, from: number): number {
  let j = from;
  while (j < t.length && isB64(t.charCodeAt(j))) j++;
  let pad = 0;
  while (pad < 2 && t.charCodeAt(j) === 0x3d) {
    j++;
    pad++;
  }
  return j;
}

export function mostlyText(s: string): boolean {
  if (s.length < 12) return false;
  let good = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0x20 && c < 0x7f) || c === 0x0a || c === 0x09 || c === 0x0d) good++;
  }
  return good / s.length >= 0.9;
}
