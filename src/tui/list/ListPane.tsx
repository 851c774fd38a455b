// A list pane: view + state hook + input hook, plus the `/` fuzzy filter prompt.
import { Box } from 'ink';
import { SafeText } from '../components/SafeText.js';
import { useEffect, useMemo } from 'react';
import { layoutColumns, type Col } from './columns.js';
import { fuzzyFilter } from './fuzzy.js';
import { ListView } from './ListView.js';
import { PromptInput } from '../components/PromptInput.js';
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
}

export function ListPane<T>(p: ListPaneProps<T>) {
  const shown = useMemo(
    () => fuzzyFilter(p.items, (it) => p.cols.map((c) => c.get(it)).join(' '), p.filter),
    [p.items, p.filter, p.cols],
  );
  const promptRows = p.filterOpen || p.filter ? 1 : 0;
  const rows = Math.max(1, p.height - 2 - promptRows);
  const [state, dispatch] = useListState(p.initialCursor);
  useEffect(() => dispatch({ type: 'resize', count: shown.length, height: rows }), [shown.length, rows]);
  useEffect(() => p.onCursor(state.cursor, shown[state.cursor]), [state.cursor, shown]);

  useListInput(p.paneId, dispatch, {
    open: () => {
      const item = shown[state.cursor];
      if (item !== undefined) p.onOpen(item);
    },
    // Esc closes an open filter prompt first, then clears a kept filter, and only then goes back.
    back: () => {
      if (p.filterOpen) {
        p.onFilterOpen(false);
        p.onFilterChange('');
      } else if (p.filter) p.onFilterChange('');
      else p.onBack();
    },
    filter: () => p.onFilterOpen(true),
    refresh: p.onRefresh,
  }, { count: shown.length, height: rows });

  const cols = layoutColumns(p.cols, p.width);
  return (
    <Box flexDirection="column" width={p.width} height={p.height}>
      <ListView title={p.title} cols={cols} items={shown} keyOf={p.keyOf} cursor={state.cursor} top={state.top} height={rows} active={p.active} emptyText={p.emptyText} />
      {p.filterOpen ? (
        <Box>
          <SafeText color="cyan">/</SafeText>
          <PromptInput
            value={p.filter}
            onChange={(v) => {
              p.onFilterChange(v);
              dispatch({ type: 'to', index: 0 });
            }}
            onSubmit={() => p.onFilterOpen(false)}
          />
        </Box>
      ) : p.filter ? (
        <SafeText color="gray" wrap="truncate-end">filter: {p.filter} (Esc clears)</SafeText>
      ) : null}
    </Box>
  );
}
