// The log pane's view state as a reducer: where it is scrolled, what is marked, the toggles, the search prompt.
// The log itself is not here (see LogBuffer); actions carry the few layout numbers they need (the current top,
// the last useful top, how many lines fit), so the reducer stays pure and cheap.
import { useReducer } from 'react';

export type MarkKind = 'match' | 'error';

export interface LogState {
  /** First line shown, as last set (the pane clamps it to the current log). */
  top: number;
  /** The selected search match or error line. */
  mark: { line: number; kind: MarkKind } | null;
  wrap: boolean;
  timestamps: boolean;
  follow: boolean;
  /** Last search run. */
  query: string;
  searchOpen: boolean;
  draft: string;
  /** One-off remark for the status row ("pattern not found"); cleared by the next action. */
  notice: string | null;
  node: number;
}

export interface Viewport {
  /** The top line as currently shown. */
  top: number;
  maxTop: number;
  /** Lines that fit (fewer than rows when wrapping). */
  lines: number;
}

export type LogAction =
  | { type: 'scroll'; by: number; view: Viewport }
  | { type: 'scrollTo'; top: number; view: Viewport }
  /** Select a line (search hit, error) and scroll it into view. */
  | { type: 'reveal'; line: number; kind: MarkKind; view: Viewport; notice?: string | null }
  | { type: 'searched'; query: string; line: number | null; view: Viewport; notice: string | null }
  | { type: 'toggle'; flag: 'wrap' | 'timestamps'; notice?: string | null }
  | { type: 'follow'; on: boolean; view: Viewport; notice?: string | null }
  | { type: 'openSearch' }
  | { type: 'draft'; text: string }
  | { type: 'closeSearch' }
  | { type: 'notice'; text: string | null }
  | { type: 'node'; node: number };

export function initialLogState(node: number): LogState {
  return { top: 0, mark: null, wrap: false, timestamps: false, follow: false, query: '', searchOpen: false, draft: '', notice: null, node };
}

const clamp = (n: number, max: number) => Math.max(0, Math.min(n, max));

/** Top line that shows `line`: unchanged when already visible, else the line a third of the way down. */
export function topFor(line: number, view: Viewport): number {
  if (line >= view.top && line < view.top + view.lines) return view.top;
  return clamp(line - Math.floor(view.lines / 3), view.maxTop);
}

export function logReducer(s: LogState, a: LogAction): LogState {
  switch (a.type) {
    case 'scroll': {
      const top = clamp(a.view.top + a.by, a.view.maxTop);
      // Moving up stops following, like any key in less's F mode; moving down keeps it.
      return { ...s, top, follow: s.follow && a.by >= 0, notice: null };
    }
    case 'scrollTo': {
      const top = clamp(a.top, a.view.maxTop);
      return { ...s, top, follow: s.follow && top >= a.view.maxTop, notice: null };
    }
    case 'reveal':
      return { ...s, mark: { line: a.line, kind: a.kind }, top: topFor(a.line, a.view), follow: false, notice: a.notice ?? null };
    case 'searched':
      if (a.line === null) return { ...s, query: a.query, searchOpen: false, draft: '', notice: a.notice };
      return {
        ...s,
        query: a.query,
        searchOpen: false,
        draft: '',
        mark: { line: a.line, kind: 'match' },
        top: topFor(a.line, a.view),
        follow: false,
        notice: a.notice,
      };
    case 'toggle':
      return { ...s, [a.flag]: !s[a.flag], notice: a.notice ?? null };
    case 'follow':
      return { ...s, follow: a.on, top: a.on ? a.view.maxTop : s.top, notice: a.notice ?? null };
    case 'openSearch':
      return { ...s, searchOpen: true, draft: '', notice: null };
    case 'draft':
      return { ...s, draft: a.text };
    case 'closeSearch':
      return { ...s, searchOpen: false, draft: '', notice: null };
    case 'notice':
      return { ...s, notice: a.text };
    case 'node':
      return { ...initialLogState(a.node), wrap: s.wrap, timestamps: s.timestamps, query: s.query };
  }
}

export function useLogState(node: number) {
  return useReducer(logReducer, node, initialLogState);
}
