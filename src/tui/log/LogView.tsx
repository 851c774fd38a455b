// The log pane drawn from precomputed rows: a title row, exactly `rows` log rows, and a status (or prompt) row.
// Pure view: every string it gets is already sanitized; each row is one terminal row (truncate-end).
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { MatchParts } from './log-layout.js';

export interface ViewRow {
  key: string;
  /** Line number (and time) for the first row of a line, blanks for the rows a wrapped line continues on. */
  gutter: string;
  text: string;
  /** Selected line (search match or error): shown in inverse. */
  marked: boolean;
  /** The line looks like an error: red gutter. */
  error: boolean;
  /** The selected search match, split so the matched text stands out. */
  parts?: MatchParts | undefined;
}

export interface LogViewProps {
  width: number;
  /** Terminal rows for log lines (the pane is rows + 2 high). */
  rows: number;
  title: string;
  /** A warning beside the title, e.g. truncated output. */
  note: string | null;
  lines: ViewRow[];
  /** Shown instead of lines (loading, error, empty output). */
  message: { text: string; tone: 'muted' | 'error' } | null;
  status: string;
  /** The search prompt, replacing the status row while open. */
  prompt: ReactNode | null;
}

export function LogView({ width, rows, title, note, lines, message, status, prompt }: LogViewProps) {
  return (
    <Box flexDirection="column" width={width} height={rows + 2}>
      <Text bold wrap="truncate-end">
        {title}
        {note ? <Text color="yellow">{`  ${note}`}</Text> : null}
      </Text>
      <Box flexDirection="column" height={rows} overflow="hidden">
        {message ? (
          <Text color={message.tone === 'error' ? 'red' : 'gray'} wrap="truncate-end">
            {message.text}
          </Text>
        ) : (
          lines.map((row) => <LogRowView key={row.key} row={row} />)
        )}
      </Box>
      <Box height={1} overflow="hidden">
        {prompt ?? (
          <Text color="gray" wrap="truncate-end">
            {status}
          </Text>
        )}
      </Box>
    </Box>
  );
}

function LogRowView({ row }: { row: ViewRow }) {
  return (
    <Text wrap="truncate-end">
      <Text color={row.error ? 'red' : 'gray'}>{row.gutter}</Text>
      {row.parts ? (
        <>
          <Text inverse>{row.parts.before}</Text>
          <Text backgroundColor="yellow" color="black" bold>
            {row.parts.match}
          </Text>
          <Text inverse>{row.parts.after || ' '}</Text>
        </>
      ) : (
        <Text inverse={row.marked}>{row.text || ' '}</Text>
      )}
    </Text>
  );
}
