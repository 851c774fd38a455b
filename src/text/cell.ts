// One table cell or list column from hostile text: sanitized to a single visible line, then cut
// or padded to an exact width (wide characters counted as two columns).
import { sanitize, visibleWidth } from './sanitize.js';

export function cell(text: string, max = 80): string {
  const one = sanitize(text, { keepColor: false, markControls: false }).replace(/\n/g, '⏎');
  return visibleWidth(one) <= max ? one : cut(one, max);
}

function cut(s: string, max: number): string {
  if (max <= 0) return '';
  let out = '';
  let w = 0;
  for (const ch of s) {
    const cw = visibleWidth(ch);
    if (w + cw > max - 1) break;
    out += ch;
    w += cw;
  }
  return `${out}…`;
}

/** Exactly `width` columns: cut with an ellipsis or padded with spaces. */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const c = cell(text, width);
  const gap = ' '.repeat(Math.max(0, width - visibleWidth(c)));
  return align === 'right' ? gap + c : c + gap;
}
