// The log pane's one-row status: `line 1200/314159 · 38% · /NEEDLE 1 of 1 · wrap off · node index 0 of 4 · following`.
import { sanitize } from '../../text/sanitize.js';
import { nodeLabel } from '../node-label.js';

export interface StatusParts {
  top: number;
  /** Last line on screen. */
  bottom: number;
  lineCount: number;
  query: string;
  /** The current match's rank and the count of matching lines (null when no match is selected). */
  match: { ordinal: number | null; count: number; capped: boolean } | null;
  /** The current error line's rank (null when no error line is selected). */
  error: { ordinal: number | null; count: number } | null;
  wrap: boolean;
  node: number;
  nodeCount: number;
  following: boolean;
  notice: string | null;
}

const safe = (s: string, max: number) => sanitize(s, { keepColor: false, maxLineLength: max });

export function statusText(s: StatusParts): string {
  const parts: string[] = [];
  if (s.lineCount === 0) parts.push('no lines');
  else {
    const pct = Math.round(((Math.min(s.bottom, s.lineCount - 1) + 1) / s.lineCount) * 100);
    parts.push(`line ${s.top + 1}/${s.lineCount}`, `${pct}%`);
  }
  if (s.query) {
    const q = `/${safe(s.query, 40)}`;
    if (s.match) {
      const total = `${s.match.count}${s.match.capped ? '+' : ''}`;
      parts.push(`${q} ${s.match.ordinal ?? '?'} of ${total}`);
    } else {
      parts.push(q);
    }
  }
  if (s.error) parts.push(`error ${s.error.ordinal ?? '?'} of ${s.error.count}`);
  parts.push(`wrap ${s.wrap ? 'on' : 'off'}`);
  if (s.nodeCount > 1) parts.push(nodeLabel(s.node, s.nodeCount));
  if (s.following) parts.push('following');
  if (s.notice) parts.push(safe(s.notice, 80));
  return parts.join(' · ');
}
