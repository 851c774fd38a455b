// The log pane drawn from precomputed rows: a title row, exactly `rows` log rows, and a status (or prompt) row.
// Pure view: every string it gets is already sanitized; each row is one terminal row (truncate-end).
import { Box } from 'ink';
import { SafeText } from '../components/SafeText.js';
import type { ReactNode } from 'react';
import type { Display } from '../../text/display.js';
import type { MatchParts } from './log-layout.js';
import { SELECTED_MARK, useStyleMode } from '../theme.js';

export interface ViewRow {
  key: string;
  /** Line number (and time) for the first row of a line, blanks for the rows a wrapped line continues on. */
  gutter: string;
  text: Display;
  /** Selected line (search match or error): shown in inverse. */
  marked: boolean;
  /** The line looks like an error: red gutter. */
  error: boolean;
  /** The selected search match, split so the matched text stands out. */
  parts?: MatchParts | undefined;
}

export interface LogViewProps {
  width: number;
  /** Terminal rows for log lines (the pane is rows + 2 high, + 1 with the command row). */
  rows: number;
  title: string;
  /** A warning beside the title, e.g. truncated output. */
  note: string | null;
  /** The step's command, first telling line (already sanitized), on a row under the title; null: no such row. */
  command?: string | null;
  lines: ViewRow[];
  /** Shown instead of lines (loading, error, empty output). */
  message: { text: string; tone: 'muted' | 'error' } | null;
  status: string;
  /** The search prompt, replacing the status row while open. */
  prompt: ReactNode | null;
}

export function LogView({ width, rows, title, note, command = null, lines, message, status, prompt }: LogViewProps) {
  return (
    <Box flexDirection="column" width={width} height={rows + 2 + (command === null ? 0 : 1)}>
      <SafeText bold wrap="truncate-end">
        {title}
        {note ? <SafeText color="yellow">{`  ${note}`}</SafeText> : null}
      </SafeText>
      {command === null ? null : (
        <SafeText color="gray" wrap="truncate-end">
          {'$ '}
          <SafeText color="cyan">{command}</SafeText>
        </SafeText>
      )}
      <Box flexDirection="column" height={rows} overflow="hidden">
        {message ? (
          <SafeText color={message.tone === 'error' ? 'red' : 'gray'} wrap="truncate-end">
            {message.text}
          </SafeText>
        ) : (
          lines.map((row) => <LogRowView key={row.key} row={row} />)
        )}
      </Box>
      <Box height={1} overflow="hidden">
        {prompt ?? (
          <SafeText color="gray" wrap="truncate-end">
            {status}
          </SafeText>
        )}
      </Box>
    </Box>
  );
}

function LogRowView({ row }: { row: ViewRow }) {
  // Where no attribute shows (TERM=dumb), the selected line is marked in the gutter's last column (always a space).
  const plain = useStyleMode() === 'plain';
  const gutter = row.marked && plain ? `${row.gutter.slice(0, -1)}${SELECTED_MARK}` : row.gutter;
  return (
    <SafeText wrap="truncate-end">
      <SafeText color={row.error ? 'red' : 'gray'}>{gutter}</SafeText>
      {row.parts ? (
        <>
          <SafeText inverse>{row.parts.before}</SafeText>
          <SafeText backgroundColor="yellow" color="black" bold>
            {row.parts.match}
          </SafeText>
          <SafeText inverse>{row.parts.after || ' '}</SafeText>
        </>
      ) : row.marked ? (
        <SafeText inverse>{row.text.length ? row.text : ' '}</SafeText>
      ) : (
        // An unmarked line needs no element of its own: one less per row for Ink to lay out every frame.
        row.text
      )}
    </SafeText>
  );
}
