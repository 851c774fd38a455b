// A list pane: view + state hook + input hook, plus the `/` fuzzy filter prompt and the `:` jump prompt.
import { Box } from 'ink';
import { SafeText } from '../components/SafeText.js';
import { useEffect, useLayoutEffect, useMemo, useState } from 'react';
import { cell } from '../../text/cell.js';
import { layoutColumns, type Col } from './columns.js';
import { fuzzyFilter } from './fuzzy.js';
import { ListView } from './ListView.js';
import { FilterPrompt } from '../components/FilterPrompt.js';
import { useListInput } from './use-list-input.js';
import { useListState } from './use-list-state.js';

export interface ListPaneProps<T> {
  paneId: string;
  title: string;
  items: T[];
  cols: Col<T>[];
  keyOf: (item: T) => string;
  width: number;
  height: number;
  active: boolean;
  emptyText: string;
  initialCursor: number;
  filter: string;
  filterOpen: boolean;
  onFilterChange(text: string): void;
  onFilterOpen(open: boolean): void;
  onCursor(index: number, item: T | undefined): void;
  onOpen(item: T): void;
  onBack(): void;
  onRefresh(): void;
  /** The last load failed: shown in red under the list, with `r` to retry. */
  error?: string | null;
  /** Put the cursor on the row with this key once it is in the list (then `onSelected`). */
  select?: string | undefined;
  onSelected?(): void;
  /** `:` jump prompt submitted (`896`, `j5015`); absent: `:` does nothing here. */
  onJump?(text: string): void;
}

type PromptKind = 'filter' | 'jump';

export function ListPane<T>(p: ListPaneProps<T>) {
  const shown = useMemo(
    () => fuzzyFilter(p.items, (it) => p.cols.map((c) => c.get(it)).join(' '), p.filter),
    [p.items, p.filter, p.cols],
  );
  const [kind, setKind] = useState<PromptKind>('filter');
  const [jumpText, setJumpText] = useState('');
  const jumpOpen = p.filterOpen && kind === 'jump';
  const filterOpen = p.filterOpen && kind === 'filter';
  const promptRows = p.filterOpen || p.filter ? 1 : 0;
  const errorRows = p.error ? 1 : 0;
  const rows = Math.max(1, p.height - 2 - promptRows - errorRows);
  const [state, dispatch] = useListState(p.initialCursor);
  useEffect(() => dispatch({ type: 'resize', count: shown.length, height: rows }), [shown.length, rows]);
  // A layout effect: the app's keys act on the highlighted row (`c`, `d`, `x`, `y`), and a key that comes
  // right after a move must see the row the move landed on, not wait for the passive effects to flush.
  // On the row itself, not `shown`: a list re-filtered to the same rows must not report (and re-render) again.
  const current = shown[state.cursor];
  useLayoutEffect(() => p.onCursor(state.cursor, current), [state.cursor, current]);
  useSelect(p, shown, rows, dispatch);

  /** Clears the filter with the cursor still on the row it was on (now at its place in the whole list). */
  const clearFilterKeepingRow = () => {
    const item = shown[state.cursor];
    p.onFilterChange('');
    if (item === undefined) return;
    const key = p.keyOf(item);
    const index = p.items.findIndex((it) => p.keyOf(it) === key);
    if (index >= 0) dispatch({ type: 'place', index, count: p.items.length });
  };

  useListInput(p.paneId, dispatch, {
    open: () => {
      const item = shown[state.cursor];
      if (item !== undefined) p.onOpen(item);
    },
    // Esc closes an open prompt first (a filter prompt clears its filter), then clears a kept filter, and only then goes back.
    back: () => {
      if (jumpOpen) p.onFilterOpen(false);
      else if (filterOpen) {
        p.onFilterOpen(false);
        if (p.filter) clearFilterKeepingRow();
      } else if (p.filter) clearFilterKeepingRow();
      else p.onBack();
    },
    filter: () => {
      setKind('filter');
      p.onFilterOpen(true);
    },
    refresh: p.onRefresh,
    other: (command) => {
      if (command !== 'jump' || !p.onJump) return false;
      setKind('jump');
      setJumpText('');
      p.onFilterOpen(true);
      return true;
    },
  }, { count: shown.length, height: rows });

  const cols = layoutColumns(p.cols, p.width);
  return (
    <Box flexDirection="column" width={p.width} height={p.height}>
      <ListView title={p.title} cols={cols} items={shown} keyOf={p.keyOf} cursor={state.cursor} top={state.top} height={rows} active={p.active} emptyText={p.emptyText} />
      {p.error ? (
        <SafeText color="red" wrap="truncate-end">
          {cell(`✗ ${p.error}`, Math.max(10, p.width - 12))} · r retries
        </SafeText>
      ) : null}
      {jumpOpen ? (
        <FilterPrompt
          sigil=":"
          value={jumpText}
          onChange={setJumpText}
          onSubmit={(text) => {
            p.onFilterOpen(false);
            p.onJump?.(text);
          }}
          note="  pipeline or job number (p896, j5015) · Enter go · Esc cancel"
        />
      ) : filterOpen ? (
        <FilterPrompt
          sigil="/"
          value={p.filter}
          onChange={(v) => {
            p.onFilterChange(v);
            dispatch({ type: 'to', index: 0 });
          }}
          onSubmit={() => p.onFilterOpen(false)}
        />
      ) : p.filter ? (
        <SafeText color="gray" wrap="truncate-end">filter: {p.filter} (Esc clears)</SafeText>
      ) : null}
    </Box>
  );
}

/** Moves the cursor to `p.select` as soon as that row is shown, once; a list without it keeps the cursor. */
function useSelect<T>(p: ListPaneProps<T>, shown: T[], rows: number, dispatch: ReturnType<typeof useListState>[1]): void {
  useEffect(() => {
    if (p.select === undefined) return;
    const index = shown.findIndex((it) => p.keyOf(it) === p.select);
    if (index < 0) return;
    dispatch({ type: 'resize', count: shown.length, height: rows });
    dispatch({ type: 'to', index });
    p.onSelected?.();
  }, [p.select, shown]);
}
