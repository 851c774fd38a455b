// The fixed strings ripgrep is given for an exact search: the byte strings the Node core's one pass looks for
// (ExactSearcher.prefilterPatterns), in the form `rg -F -f -` takes them, one per line. rg must name every file the
// core can find a hit in, so each line is the pattern itself or a part of it (a part matches wherever the whole
// does: the core then rejects what is only a part).

/** A pattern shorter than this after cutting (a line of a multi-line value) would name nearly every file. */
const MIN_PART_BYTES = 4;

/**
 * The patterns file for raw files (txt, artifacts), or null when rg cannot take them (the Node core then searches).
 * rg reads patterns as UTF-8 lines: a pattern with a line break is cut to its longest line-free part, and a piece
 * cut mid-character (the core's 24-byte pieces are byte slices) is trimmed to whole characters.
 */
export function rawPatternLines(patterns: readonly Buffer[]): Buffer | null {
  const lines = new Set<string>();
  for (const p of patterns) {
    const part = longestLinePart(wholeCharacters(p));
    if (part.length < Math.min(MIN_PART_BYTES, p.length) || part.length === 0) return null;
    lines.add(part.toString('latin1'));
  }
  return Buffer.from([...lines].map((l) => `${l}\n`).join(''), 'latin1');
}

/**
 * The patterns for one walk over every file, step-info.json included. The core searches a step-info.json after
 * undoing JSON escapes; a file whose bytes hold neither `\u` nor `\/` is written in the one canonical escaping
 * (JSON.stringify's: `\"`, `\\`, `\n`, `\t`, …), so a string the core could find in a decoded command is in the
 * file as its JSON-escaped form. Each pattern goes in as it is and escaped (mostly the same bytes); a step-info
 * file written another way (ESCAPES) goes to the core whatever rg finds.
 */
export function walkPatternLines(patterns: readonly Buffer[]): Buffer | null {
  const both: Buffer[] = [];
  for (const p of patterns) {
    const whole = wholeCharacters(p);
    both.push(whole, Buffer.from(JSON.stringify(whole.toString('utf8')).slice(1, -1), 'utf8'));
  }
  return rawPatternLines(both);
}

/** A step-info.json holding either is not in canonical escaping: the core reads it whatever rg found. */
export const ESCAPES: readonly Buffer[] = [Buffer.from('\\u'), Buffer.from('\\/')];

/** p without a leading partial character and a trailing incomplete one (a valid UTF-8 sub-slice of a valid slice). */
function wholeCharacters(p: Buffer): Buffer {
  let start = 0;
  while (start < p.length && (p[start]! & 0xc0) === 0x80) start++;
  let end = p.length;
  // Walk back over at most 3 continuation bytes to the lead byte of the last character; drop it if it is cut short.
  let lead = end - 1;
  while (lead > start && (p[lead]! & 0xc0) === 0x80 && end - lead < 4) lead--;
  if (lead >= start && lead < end) {
    const b = p[lead]!;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    if (end - lead < need) end = lead;
  }
  return p.subarray(start, end);
}

/** The longest run without CR or LF (rg cannot take a line break inside a pattern, and drops a line's trailing CR). */
function longestLinePart(p: Buffer): Buffer {
  let best = p.subarray(0, 0);
  let from = 0;
  for (let i = 0; i <= p.length; i++) {
    if (i === p.length || p[i] === 0x0a || p[i] === 0x0d) {
      if (i - from > best.length) best = p.subarray(from, i);
      from = i + 1;
    }
  }
  return best;
}
