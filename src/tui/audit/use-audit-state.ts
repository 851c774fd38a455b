// The audit pane's view state as a reducer: the filter line (and its prompt), marked-only, and the
// event shown in full with its scroll position. The list cursor is use-list-state's.
import { useReducer } from 'react';
import type { AuditEvent } from '../../audit/index.js';

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
