// A windowed list: only the rows that fit are rendered. Pure view over its props.
import { Box, Text } from 'ink';
import { fit } from '../../text/cell.js';
import { toneColor } from '../theme.js';
import type { PlacedCol } from './columns.js';

export interface ListViewProps<T> {
  title: string;
  cols: PlacedCol<T>[];
  items: T[];
  keyOf: (item: T) => string;
  cursor: number;
  top: number;
  /** Rows available for items (title and column header come on top of this). */
  height: number;
  active: boolean;
  emptyText: string;
}

export function ListView<T>({ title, cols, items, keyOf, cursor, top, height, active, emptyText }: ListViewProps<T>) {
  const visible = items.slice(top, top + height);
  const more = items.length > top + height;
  return (
    <Box flexDirection="column">
      <Text bold={active} color={active ? undefined : 'gray'} wrap="truncate-end">
        {title}
        <Text color="gray">{items.length ? ` ${cursor + 1}/${items.length}${more ? ' ↓' : ''}` : ''}</Text>
      </Text>
      <Text color="gray" wrap="truncate-end">{cols.map((c) => fit(c.title, c.w, c.align)).join(' ')}</Text>
      {visible.length === 0 ? <Text color="gray">{emptyText}</Text> : null}
      {visible.map((item, i) => {
        const selected = top + i === cursor;
        return (
          <Text key={keyOf(item)} inverse={selected && active} underline={selected && !active} wrap="truncate-end">
            {cols.map((c, ci) => {
              const tone = c.tone?.(item);
              return (
                <Text key={ci} color={tone ? toneColor[tone] : undefined}>
                  {fit(c.get(item), c.w, c.align)}
                  {ci < cols.length - 1 ? ' ' : ''}
                </Text>
              );
            })}
          </Text>
        );
      })}
    </Box>
  );
}
