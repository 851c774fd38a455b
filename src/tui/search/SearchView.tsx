// The search pane drawn from precomputed rows: a title, the query line (the prompt while editing), exactly `rows`
// result rows, and a status row. Pure view: every string it gets is already sanitized and fitted.
import { Box } from 'ink';
import { SafeText } from '../components/SafeText.js';
import type { ReactNode } from 'react';
import { SELECTED_MARK, useStyleMode } from '../theme.js';

export interface HitRow {
  key: string;
  /** `5015/104 n2 :12` — job, step, node, line (fixed width). */
  where: string;
  /** `[base64]`, `[cmd]`, `[cache]`, … (may be empty). */
  tag: string;
  before: string;
  match: string;
  after: string;
}

export interface SearchViewProps {
  width: number;
  /** Result rows (the pane is rows + 3 high). */
  rows: number;
  title: string;
  /** The query line: the open prompt, or the query as last typed. */
  queryLine: ReactNode;
  hits: HitRow[];
  /** Index in `hits` of the selected row, or -1. */
  selected: number;
  active: boolean;
  message: { text: string; tone: 'muted' | 'error' } | null;
  status: string;
}

export function SearchView({ width, rows, title, queryLine, hits, selected, active, message, status }: SearchViewProps) {
  return (
    <Box flexDirection="column" width={width} height={rows + 3}>
      <SafeText bold={active} wrap="truncate-end">
        {title}
      </SafeText>
      <Box height={1} overflow="hidden">
        {queryLine}
      </Box>
      <Box flexDirection="column" height={rows} overflow="hidden">
        {message ? (
          <SafeText color={message.tone === 'error' ? 'red' : 'gray'} wrap="truncate-end">
            {message.text}
          </SafeText>
        ) : (
          hits.map((h, i) => <HitRowView key={h.key} row={h} selected={i === selected && active} />)
        )}
      </Box>
      <SafeText color="gray" wrap="truncate-end">
        {status}
      </SafeText>
    </Box>
  );
}

function HitRowView({ row, selected }: { row: HitRow; selected: boolean }) {
  // Where no attribute shows (TERM=dumb), a leading mark says which hit is selected (the label's last column is a pad).
  const where = useStyleMode() === 'plain' ? `${selected ? SELECTED_MARK : ' '}${row.where.slice(0, -1)}` : row.where;
  return (
    <SafeText wrap="truncate-end" inverse={selected}>
      <SafeText color="cyan">{where}</SafeText>
      {row.tag ? <SafeText color="yellow">{`${row.tag} `}</SafeText> : null}
      <SafeText>{row.before}</SafeText>
      <SafeText bold color={selected ? undefined : 'red'} underline>
        {row.match || ' '}
      </SafeText>
      <SafeText>{row.after}</SafeText>
    </SafeText>
  );
}
