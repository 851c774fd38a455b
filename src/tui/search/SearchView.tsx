// The search pane drawn from precomputed rows: a title, the query line (the prompt while editing), exactly `rows`
// result rows, and a status row. Pure view: every string it gets is already sanitized and fitted.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';

export interface HitRow {
  key: string;
  /** `5015/104 n2 :12` — job, step, node, line (fixed width). */
  where: string;
  /** `[base64]`, `[cmd]`, … (may be empty). */
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
      <Text bold={active} wrap="truncate-end">
        {title}
      </Text>
      <Box height={1} overflow="hidden">
        {queryLine}
      </Box>
      <Box flexDirection="column" height={rows} overflow="hidden">
        {message ? (
          <Text color={message.tone === 'error' ? 'red' : 'gray'} wrap="truncate-end">
            {message.text}
          </Text>
        ) : (
          hits.map((h, i) => <HitRowView key={h.key} row={h} selected={i === selected && active} />)
        )}
      </Box>
      <Text color="gray" wrap="truncate-end">
        {status}
      </Text>
    </Box>
  );
}

function HitRowView({ row, selected }: { row: HitRow; selected: boolean }) {
  return (
    <Text wrap="truncate-end" inverse={selected}>
      <Text color="cyan">{row.where}</Text>
      {row.tag ? <Text color="yellow">{`${row.tag} `}</Text> : null}
      <Text>{row.before}</Text>
      <Text bold color={selected ? undefined : 'red'} underline>
        {row.match || ' '}
      </Text>
      <Text>{row.after}</Text>
    </Text>
  );
}
