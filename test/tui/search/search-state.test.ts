// Hits stream in the order ripgrep finishes files, not the folder's: the reducer keeps the list in folder order and
// the cursor where the user expects it (the first row until they move; then the hit they are on).
import { describe, expect, it } from 'vitest';
import type { SearchHit } from '../../../src/search/types.js';
import { initialSearchState, searchReducer, type SearchState } from '../../../src/tui/search/use-search-state.js';

const hit = (job: number, step: number): SearchHit => ({
  file: `wf/job-${job}/step-${step}.txt`,
  workflowId: 'wf',
  job,
  step,
  node: null,
  field: 'output',
  line: 1,
  column: 1,
  match: 'x',
  encoding: 'raw',
  via: [],
  context: { text: 'x', start: 0, end: 1, cutBefore: false, cutAfter: false },
});

const ran = { query: 'TOKEN', mode: 'exact' as const };
function started(first: SearchHit): SearchState {
  let s = searchReducer(initialSearchState(), { type: 'query', text: 'TOKEN' });
  s = searchReducer(s, { type: 'list', action: { type: 'resize', count: 0, height: 10 } });
  return searchReducer(s, { type: 'results', ran, hits: [first], running: true });
}
const selected = (s: SearchState) => [s.results[s.list.cursor]?.job, s.results[s.list.cursor]?.step];

describe('search results arriving out of folder order', () => {
  it('an untouched cursor stays on the first row, which is the first hit in folder order', () => {
    let s = started(hit(5016, 103));
    expect(selected(s)).toEqual([5016, 103]);
    s = searchReducer(s, { type: 'more', query: 'TOKEN', hits: [hit(5015, 104)] });
    expect(s.results.map((h) => h.job)).toEqual([5015, 5016]);
    expect(selected(s)).toEqual([5015, 104]);
  });

  it('a cursor the user moved stays on its hit while earlier hits are inserted above it', () => {
    let s = started(hit(5016, 103));
    s = searchReducer(s, { type: 'more', query: 'TOKEN', hits: [hit(5020, 1)] });
    s = searchReducer(s, { type: 'list', action: { type: 'move', by: 1 } });
    expect(selected(s)).toEqual([5020, 1]);
    s = searchReducer(s, { type: 'more', query: 'TOKEN', hits: [hit(5015, 104)] });
    expect(s.results.map((h) => h.job)).toEqual([5015, 5016, 5020]);
    expect(selected(s)).toEqual([5020, 1]);
  });

  it('hits of a query the user has moved on from are dropped', () => {
    let s = started(hit(5016, 103));
    s = searchReducer(s, { type: 'more', query: 'OTHER', hits: [hit(5015, 104)] });
    expect(s.results.map((h) => h.job)).toEqual([5016]);
  });
});
