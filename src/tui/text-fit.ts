// Cutting and wrapping names where a reader expects it: a secret called NPM_TOKEN is never shown as `NPM_` on one row
// and `TOKEN` on the next, and a cut name ends at a word or separator boundary with an ellipsis, so a partial word
// (`PRO…` for PROD or PROXY) cannot mislead. Input is hostile: everything is made one visible line by cell() first.
import { cell } from '../text/cell.js';
import { visibleWidth } from '../text/sanitize.js';

const NO_LIMIT = Number.MAX_SAFE_INTEGER;
/** Where a name may be cut: after or before one of these. */
const BOUNDARY = /[\s_\-/.:,@#()[\]]/;
/**
 * A cut at a boundary must keep at least this share of the room, else the name is cut at the last character that
 * fits: `feature/cov…` says more than `feature/…`.
 */
const MIN_KEEP = 0.75;

const widthOf = (chars: string[]) => chars.reduce((n, ch) => n + visibleWidth(ch), 0);

/** `text` in at most `max` columns: whole when it fits, else cut at a boundary (or a character) with `…`. */
export function cutName(text: string, max: number): string {
  const one = cell(text, NO_LIMIT);
  if (visibleWidth(one) <= max) return one;
  if (max <= 1) return max === 1 ? '…' : '';
  return cutChars([...one], max);
}

/** Already one visible line, known to be wider than max. */
function cutChars(chars: string[], max: number): string {
  const room = max - 1;
  let n = 0;
  let w = 0;
  while (n < chars.length && w + visibleWidth(chars[n]!) <= room) w += visibleWidth(chars[n++]!);
  for (let b = n; b > 0; b--) {
    if (!BOUNDARY.test(chars[b] ?? '') && !BOUNDARY.test(chars[b - 1]!)) continue;
    const kept = chars.slice(0, b).join('').trimEnd();
    if (kept && visibleWidth(kept) >= room * MIN_KEEP) return `${kept}…`;
    break;
  }
  return `${chars.slice(0, n).join('')}…`;
}

/** `text` cut (as cutName) and padded to exactly `width` columns. */
export function fitName(text: string, width: number): string {
  const c = cutName(text, width);
  return c + ' '.repeat(Math.max(0, width - visibleWidth(c)));
}

/**
 * One line wrapped to rows of `width` columns, broken at spaces; a word longer than a row is broken at a boundary
 * inside it where one keeps half the row. Rows after the first hang under the line's own indent plus two.
 * The line must already be sanitized (no controls): this only measures and splits.
 */
export function wrapWords(line: string, width: number): string[] {
  const w = Math.max(4, width);
  if (visibleWidth(line) <= w) return [line];
  const spaces = /^ */.exec(line)![0].length;
  const lead = Math.min(spaces, Math.floor(w / 2));
  const hang = ' '.repeat(Math.min(lead + 2, Math.floor(w / 2)));
  const words = line.slice(spaces).split(/(?<= )(?=[^ ])/); // each word keeps the spaces after it
  const rows: string[] = [];
  let row = ' '.repeat(lead);
  const flush = () => {
    rows.push(row.trimEnd());
    row = hang;
  };
  for (const word of words) {
    const bare = word.trimEnd();
    if (visibleWidth(row + bare) <= w) {
      row += word;
      continue;
    }
    if (row.trim()) flush();
    // Still wider than a row: as much as fits, cut at a boundary inside the word when that keeps half the row.
    let rest = [...bare];
    while (widthOf(rest) > w - visibleWidth(row)) {
      const k = breakPoint(rest, w - visibleWidth(row));
      row += rest.slice(0, k).join('');
      rest = rest.slice(k);
      flush();
    }
    row += rest.join('') + word.slice(bare.length);
  }
  if (row.trim()) rows.push(row.trimEnd());
  return rows;
}

/** How many characters of `chars` start the row of `room` columns: up to a boundary when one keeps half the room. */
function breakPoint(chars: string[], room: number): number {
  let n = 0;
  let w = 0;
  while (n < chars.length && w + visibleWidth(chars[n]!) <= room) w += visibleWidth(chars[n++]!);
  for (let b = n; b > 0; b--) {
    // Wrapping loses nothing, so a boundary that keeps half the row will do.
    if (BOUNDARY.test(chars[b - 1]!)) return widthOf(chars.slice(0, b)) >= room / 2 ? b : Math.max(1, n);
  }
  return Math.max(1, n);
}

const CRUMB_SEP = ' › ';
/** A breadcrumb part is not cut below this many columns: it is left out (`…`) instead. */
const CRUMB_FLOOR = 12;

/**
 * Breadcrumb parts in `width` columns, keeping the last part (where the user is) whole as long as anything else can
 * give way: the middle parts are cut at boundaries (longest first, not below a floor), then left out from the left
 * (runs of them shown as one `…`), then the first part (the project) is cut and left out; only then is the last cut.
 */
export function fitCrumbs(parts: readonly string[], width: number): string {
  const full = parts.map((p) => cell(p, NO_LIMIT));
  if (full.length <= 1) return cutName(full[0] ?? '', width);
  const last = full.length - 1;
  const shown: (string | null)[] = full.slice();
  const render = () => shown.filter((p, i) => p !== null || shown[i - 1] !== null).map((p) => p ?? '…').join(CRUMB_SEP);
  const over = () => visibleWidth(render()) - width;
  const shrink = (indices: number[]) => {
    for (let guard = 0; over() > 0 && guard < 2 * indices.length; guard++) {
      const cuttable = indices.filter((i) => shown[i] !== null && visibleWidth(shown[i]!) > CRUMB_FLOOR);
      if (!cuttable.length) return;
      const i = cuttable.reduce((a, b) => (visibleWidth(shown[b]!) > visibleWidth(shown[a]!) ? b : a));
      shown[i] = cutName(full[i]!, Math.max(CRUMB_FLOOR, visibleWidth(shown[i]!) - over()));
    }
  };
  const middle = Array.from({ length: Math.max(0, last - 1) }, (_, i) => i + 1);
  shrink(middle);
  for (const i of middle) if (over() > 0) shown[i] = null;
  shrink([0]);
  if (over() > 0) shown[0] = null;
  if (over() > 0) shown[last] = cutName(full[last]!, Math.max(1, visibleWidth(shown[last]!) - over()));
  const out = render();
  return visibleWidth(out) <= width ? out : cutName(out, width);
}
