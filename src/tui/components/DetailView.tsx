// A scrollable block of text (an event's payload, a job's secrets): pure view over rows that are
// already sanitized and cut to the width (see textRows).
import { Box } from 'ink';
import { SafeText } from './SafeText.js';
import { sanitize } from '../../text/sanitize.js';
import { wrapWords } from '../text-fit.js';

export interface DetailViewProps {
  title: string;
  rows: string[];
  top: number;
  /** Rows for text (the title comes on top). */
  height: number;
  width: number;
}

export function DetailView({ title, rows, top, height, width }: DetailViewProps) {
  const shown = rows.slice(top, top + height);
  const more = rows.length > top + height;
  return (
    <Box flexDirection="column" width={width}>
      <SafeText bold wrap="truncate-end">
        {title}
        <SafeText color="gray">{rows.length > height ? ` ${top + 1}-${top + shown.length}/${rows.length}${more ? ' ↓' : ''}` : ''}</SafeText>
      </SafeText>
      {shown.map((r, i) => (
        <SafeText key={top + i} wrap="truncate-end">{r || ' '}</SafeText>
      ))}
    </Box>
  );
}

/**
 * Hostile text → display rows: each line sanitized (controls shown as ^[ etc., no escapes live),
 * cut at 4,000 columns, then wrapped to `width` at spaces (a name such as NPM_TOKEN is never split
 * across rows unless it is wider than a row; text-fit.ts); at most `maxRows` rows in all.
 */
export function textRows(lines: string[], width: number, maxRows = 5000): string[] {
  const out: string[] = [];
  for (const raw of lines) {
    for (const line of sanitize(raw, { keepColor: false, maxLineLength: 4000 }).split('\n')) {
      out.push(...wrapWords(line, width));
      if (out.length >= maxRows) return [...out.slice(0, maxRows), '… (cut: too long to show)'];
    }
  }
  return out;
}

export const maxTopOf = (rows: number, height: number) => Math.max(0, rows - height);
