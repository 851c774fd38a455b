// A windowed list: only the rows that fit are rendered. Pure view over its props.
// The selected row is in reverse video; on a terminal without attributes (TERM=dumb) a leading `>` marks it.
import { Box } from 'ink';
import { SafeText } from '../components/SafeText.js';
import { fit } from '../../text/cell.js';
import { fitName } from '../text-fit.js';
import { SELECTED_MARK, toneColor, useStyleMode } from '../theme.js';
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

export function ListView<T>({ title, cols: placed, items, keyOf, cursor, top, height, active, emptyText }: ListViewProps<T>) {
  const visible = items.slice(top, top + height);
  const more = items.length > top + height;
  const marked = useStyleMode() === 'plain';
  const cols = marked ? roomForMarker(placed) : placed;
  const lead = (selected: boolean) => (marked ? `${selected ? SELECTED_MARK : ' '} ` : '');
  return (
    <Box flexDirection="column">
      <SafeText bold={active} color={active ? undefined : 'gray'} wrap="truncate-end">
        {title}
        <SafeText color="gray">{items.length ? ` ${cursor + 1}/${items.length}${more ? ' ↓' : ''}` : ''}</SafeText>
      </SafeText>
      <SafeText color="gray" wrap="truncate-end">{lead(false) + cols.map((c) => fit(c.title, c.w, c.align)).join(' ')}</SafeText>
      {visible.length === 0 ? <SafeText color="gray">{emptyText}</SafeText> : null}
      {visible.map((item, i) => {
        const selected = top + i === cursor;
        return (
          <SafeText key={keyOf(item)} inverse={selected && active} underline={selected && !active} wrap="truncate-end">
            {lead(selected)}
            {rowSegments(cols, item).map((seg, si) => (
              <SafeText key={si} color={seg.tone ? toneColor[seg.tone] : undefined}>
                {seg.text}
              </SafeText>
            ))}
          </SafeText>
        );
      })}
    </Box>
  );
}

/** One row's cells, neighbours of the same tone joined into one text: fewer elements for Ink to lay out per frame. */
function rowSegments<T>(cols: PlacedCol<T>[], item: T): { tone: ReturnType<NonNullable<PlacedCol<T>['tone']>>; text: string }[] {
  const segs: { tone: ReturnType<NonNullable<PlacedCol<T>['tone']>>; text: string }[] = [];
  cols.forEach((c, ci) => {
    const tone = c.tone?.(item);
    // Numbers (right-aligned) are cut as they are; names and words at a boundary (text-fit.ts).
    const text = (c.align === 'right' ? fit(c.get(item), c.w, c.align) : fitName(c.get(item), c.w)) + (ci < cols.length - 1 ? ' ' : '');
    const last = segs[segs.length - 1];
    if (last && last.tone === tone) last.text += text;
    else segs.push({ tone, text });
  });
  return segs;
}

/** Two columns for the marker: taken from the widest column (rows leave one column spare, see layoutColumns). */
function roomForMarker<T>(cols: PlacedCol<T>[]): PlacedCol<T>[] {
  if (!cols.length) return cols;
  const widest = cols.reduce((wi, c, i) => (c.w > cols[wi]!.w ? i : wi), 0);
  return cols.map((c, i) => (i === widest ? { ...c, w: Math.max(1, c.w - 1) } : c));
}
