// The global search pane's state as a reducer: the query, the mode, the results and the cursor over them (the
// cursor part is the list panes' own reducer). Pure; the pane runs the searches and dispatches what they found.
import { useReducer } from 'react';
import type { SearchHit } from '../../search/types.js';
import { listReducer, type ListAction, type ListState } from '../list/use-list-state.js';
import type { SearchModeChoice } from './search-session.js';

export interface SearchState {
  query: string;
  mode: SearchModeChoice;
  /** What the shown results answer (the query may have moved on while a search runs). */
  ran: { query: string; mode: 'exact' | 'fuzzy' } | null;
  results: SearchHit[];
  /** An exact search is streaming in. */
  running: boolean;
  list: ListState;
  notice: string | null;
}

export type SearchAction =
  | { type: 'query'; text: string }
  | { type: 'mode' }
  | { type: 'results'; ran: { query: string; mode: 'exact' | 'fuzzy' }; hits: SearchHit[]; running: boolean; notice?: string | null }
  | { type: 'more'; query: string; hits: SearchHit[] }
  | { type: 'done'; query: string; notice: string | null }
  | { type: 'notice'; text: string | null }
  | { type: 'list'; action: ListAction };

const NEXT_MODE: Record<SearchModeChoice, SearchModeChoice> = { auto: 'exact', exact: 'fuzzy', fuzzy: 'auto' };
/** Rows kept in the list at most (an exact search of a common string would grow it without end). */
export const MAX_RESULTS = 2000;

export function initialSearchState(seed: Partial<Pick<SearchState, 'query' | 'mode'>> = {}): SearchState {
  return {
    query: seed.query ?? '',
    mode: seed.mode ?? 'auto',
    ran: null,
    results: [],
    running: false,
    list: { cursor: 0, top: 0, count: 0, height: 1 },
    notice: null,
  };
}

const withCount = (list: ListState, count: number, cursor = list.cursor): ListState => listReducer({ ...list, count }, { type: 'to', index: cursor });

const FIELD_RANK: Record<SearchHit['field'], number> = { output: 0, bash_command: 1, artifact: 2 };
const byNumber = (a: number | null, b: number | null): number => (a ?? Number.MAX_SAFE_INTEGER) - (b ?? Number.MAX_SAFE_INTEGER);
const byText = (a: string | null | undefined, b: string | null | undefined): number => ((a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0);

/** The evidence folder's order (workflow, job, step outputs by step and node, then commands, then artifacts), then the cache's. */
export function folderOrder(a: SearchHit, b: SearchHit): number {
  return (
    byText(a.origin === 'cache' ? 'b' : 'a', b.origin === 'cache' ? 'b' : 'a') ||
    byText(a.project, b.project) ||
    byText(a.workflowId, b.workflowId) ||
    byNumber(a.job, b.job) ||
    FIELD_RANK[a.field] - FIELD_RANK[b.field] ||
    byNumber(a.step, b.step) ||
    byNumber(a.node, b.node) ||
    byText(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column
  );
}

export function searchReducer(s: SearchState, a: SearchAction): SearchState {
  switch (a.type) {
    case 'query':
      return { ...s, query: a.text, notice: null };
    case 'mode':
      return { ...s, mode: NEXT_MODE[s.mode], notice: null };
    case 'results': {
      const hits = a.hits.slice(0, MAX_RESULTS);
      return { ...s, ran: a.ran, results: hits, running: a.running, list: withCount(s.list, hits.length, 0), notice: a.notice ?? null };
    }
    case 'more': {
      if (!s.ran || s.ran.query !== a.query || s.results.length >= MAX_RESULTS) return s;
      // Files come in the order ripgrep finishes them: keep the list in folder order. A cursor on the first row stays
      // on the first row (the user has not picked anything yet); one the user moved down stays on the hit it is on.
      const selected = s.list.cursor > 0 ? s.results[s.list.cursor] : undefined;
      const results = [...s.results, ...a.hits].sort(folderOrder).slice(0, MAX_RESULTS);
      const cursor = selected ? Math.max(0, results.indexOf(selected)) : 0;
      return { ...s, results, list: withCount(s.list, results.length, cursor) };
    }
    case 'done':
      if (!s.ran || s.ran.query !== a.query) return s;
      return { ...s, running: false, notice: a.notice };
    case 'notice':
      return { ...s, notice: a.text };
    case 'list':
      return { ...s, list: listReducer(s.list, a.action) };
  }
}

export function useSearchState(seed?: Partial<Pick<SearchState, 'query' | 'mode'>>) {
  return useReducer(searchReducer, seed, initialSearchState);
}
