// One result row for the search and findings panes: hostile text made one safe visible line, cut so the match is
// always on screen (the text before it is cut from the left).
import { cell } from '../../text/cell.js';
import { visibleWidth } from '../../text/sanitize.js';
import type { SearchHit } from '../../search/types.js';
import type { HitRow } from './SearchView.js';
import { nodeLabel } from '../node-label.js';

/** `5015/104 :12` for a hit (job/step :line); a parallel node is named in the tag (nodeTag). */
export function whereLabel(h: Pick<SearchHit, 'job' | 'step' | 'line'>, width = 18): string {
  const s = `${h.job ?? '?'}/${h.step ?? '?'} :${h.line}`;
  return `${cell(s, width - 1)}`.padEnd(width);
}

/** The last `max` visible columns of `text`, with `…` in front when cut. */
export function cutLeft(text: string, max: number): string {
  const one = cell(text, Number.MAX_SAFE_INTEGER);
  if (visibleWidth(one) <= max) return one;
  if (max <= 1) return max === 1 ? '…' : '';
  const chars = [...one];
  let out = '';
  let w = 0;
  for (let i = chars.length - 1; i >= 0; i--) {
    const cw = visibleWidth(chars[i]!);
    if (w + cw > max - 1) break;
    out = chars[i]! + out;
    w += cw;
  }
  return `…${out}`;
}

/** `node index 2` for a hit on a parallel node other than the first (the one rule for nodes: node-label.ts). */
export const nodeTag = (h: Pick<SearchHit, 'node'>): string => (h.node ? nodeLabel(h.node) : '');

/** Where a hit was read, when the pane searches an evidence folder and the cache together. */
export const originTag = (h: Pick<SearchHit, 'origin'>, mixed: boolean): string => (mixed && h.origin ? h.origin : '');

export function tagFor(h: Pick<SearchHit, 'encoding' | 'via' | 'field' | 'node' | 'origin'>, mixed = false): string {
  const parts: string[] = [];
  if (originTag(h, mixed)) parts.push(originTag(h, mixed));
  if (nodeTag(h)) parts.push(nodeTag(h));
  if (h.field === 'bash_command') parts.push('cmd');
  if (h.field === 'artifact') parts.push('artifact');
  if (h.encoding !== 'raw' && h.encoding !== 'fuzzy' && h.encoding !== 'regex') parts.push(h.encoding);
  if (h.via.length) parts.push(`via ${h.via.join('+')}`);
  return parts.length ? `[${parts.join(' ')}]` : '';
}

/** `mixed`: the corpus joins an evidence folder and the cache, so the tag says which one each hit is in. */
export function hitRow(h: SearchHit, index: number, width: number, mixed = false): HitRow {
  const where = whereLabel(h);
  const tag = tagFor(h, mixed);
  const avail = Math.max(10, width - where.length - (tag ? tag.length + 1 : 0));
  const c = h.context;
  const match = cell(c.text.slice(c.start, c.end), Math.max(4, avail - 8));
  const room = Math.max(0, Math.min(Math.floor(avail / 3), avail - visibleWidth(match) - 4));
  const before = cutLeft(`${c.cutBefore ? '…' : ''}${c.text.slice(0, c.start)}`, room);
  const after = cell(c.text.slice(c.end), Math.max(1, avail - visibleWidth(before) - visibleWidth(match)));
  return { key: `${index}:${h.file}:${h.line}:${h.column}:${h.encoding}`, where, tag, before, match, after };
}
