// The audit pane's state: the view state as a reducer (the filter line and its prompt, marked-only, the event
// shown in full with its scroll position), and the hook that joins it to what was read (use-audit-load.ts),
// the events the filter keeps and the list cursor over them (use-list-state's).
import { useEffect, useMemo, useReducer } from 'react';
import { compileFilter, eventLines, parseQuery, type AuditEvent } from '../../audit/index.js';
import { parseTimeArg } from '../../util/time.js';
import { useListState } from '../list/use-list-state.js';
import type { Tone } from '../status.js';
import { maxTopOf, textRows } from '../components/DetailView.js';
import { useAuditLoad } from './use-audit-load.js';

export interface AuditViewState {
  /** Applied filter line (see parseQuery). */
  query: string;
  promptOpen: boolean;
  draft: string;
  markedOnly: boolean;
  detail: AuditEvent | null;
  detailTop: number;
}

export type AuditViewAction =
  | { type: 'openPrompt' }
  | { type: 'draft'; text: string }
  | { type: 'submit'; query: string }
  | { type: 'closePrompt' }
  | { type: 'clearQuery' }
  | { type: 'toggleMarked' }
  | { type: 'openDetail'; event: AuditEvent }
  | { type: 'closeDetail' }
  | { type: 'scrollDetail'; to: number; max: number };

export function initialAuditView(query: string): AuditViewState {
  return { query, promptOpen: false, draft: '', markedOnly: false, detail: null, detailTop: 0 };
}

export function auditViewReducer(s: AuditViewState, a: AuditViewAction): AuditViewState {
  switch (a.type) {
    case 'openPrompt': return { ...s, promptOpen: true, draft: s.query };
    case 'draft': return { ...s, draft: a.text };
    case 'submit': return { ...s, promptOpen: false, query: a.query.trim(), draft: '' };
    case 'closePrompt': return { ...s, promptOpen: false, draft: '' };
    case 'clearQuery': return { ...s, query: '' };
    case 'toggleMarked': return { ...s, markedOnly: !s.markedOnly };
    case 'openDetail': return { ...s, detail: a.event, detailTop: 0 };
    case 'closeDetail': return { ...s, detail: null, detailTop: 0 };
    case 'scrollDetail': return { ...s, detailTop: Math.max(0, Math.min(a.to, a.max)) };
  }
}

export function useAuditView(query: string) {
  return useReducer(auditViewReducer, query, initialAuditView);
}

export interface AuditStateOptions {
  files: string[];
  initialQuery?: string | undefined;
  onStatus(msg: string, tone?: Tone): void;
  limit?: number | undefined;
  width: number;
  /** Rows of the whole pane. */
  height: number;
}

/** Rows the list gets: the pane less its title, header and bottom line. */
export const listRowsOf = (height: number) => Math.max(1, height - 3);
/** Rows the detail view scrolls: the pane less its title and hint line. */
export const detailRowsOf = (height: number) => Math.max(1, height - 2);

export function useAuditState(o: AuditStateOptions) {
  const load = useAuditLoad(o.files, o.onStatus, o.limit);
  const [view, dispatch] = useAuditView(o.initialQuery ?? '');
  const parsed = useMemo(() => parseQuery(view.query, (s) => parseTimeArg(s)), [view.query]);
  const shown = useMemo(() => {
    const f = compileFilter({ ...parsed.filter, ...(view.markedOnly ? { marked: true } : {}) });
    return load.events.filter((e) => f.all(e));
  }, [load.events, parsed, view.markedOnly]);

  const rows = listRowsOf(o.height);
  const [list, listDispatch] = useListState(0);
  useEffect(() => listDispatch({ type: 'resize', count: shown.length, height: rows }), [shown.length, rows]);
  useEffect(() => listDispatch({ type: 'to', index: 0 }), [view.query, view.markedOnly]);

  const detailRows = useMemo(() => (view.detail ? textRows(eventLines(view.detail), o.width) : []), [view.detail, o.width]);
  const detailHeight = detailRowsOf(o.height);
  const detail = { rows: detailRows, height: detailHeight, max: maxTopOf(detailRows.length, detailHeight) };
  return { load, view, dispatch, parsed, shown, rows, list, listDispatch, detail };
}

export type AuditState = ReturnType<typeof useAuditState>;
