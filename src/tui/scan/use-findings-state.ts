// The findings view's state: the cursor over the findings (the list panes' reducer), whether secrets are shown in
// clear, and whether values CircleCI already masked are listed.
import { useReducer } from 'react';
import { listReducer, type ListAction, type ListState } from '../list/use-list-state.js';

export interface FindingsState {
  list: ListState;
  reveal: boolean;
  showInfo: boolean;
}

export type FindingsAction = { type: 'list'; action: ListAction } | { type: 'reveal' } | { type: 'info' };

export function findingsReducer(s: FindingsState, a: FindingsAction): FindingsState {
  switch (a.type) {
    case 'list':
      return { ...s, list: listReducer(s.list, a.action) };
    case 'reveal':
      return { ...s, reveal: !s.reveal };
    case 'info':
      return { ...s, showInfo: !s.showInfo };
  }
}

export function useFindingsState(initial: Partial<FindingsState> = {}) {
  return useReducer(findingsReducer, { list: { cursor: 0, top: 0, count: 0, height: 1 }, reveal: false, showInfo: true, ...initial });
}
