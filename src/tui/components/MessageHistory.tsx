// `!`: the status line's recent messages in full. The status line cuts a message to its width and the next message
// replaces it; here the last errors, warnings and results (status.ts keeps 200) are listed newest first, each with
// its time and its tone as a word, the text wrapped between words. Scrolls like the help overlay.
import { Box } from 'ink';
import { useEffect, useMemo, useState } from 'react';
import { SafeText } from './SafeText.js';
import { textRows } from './DetailView.js';
import { HISTORY_LIMIT, type StatusFeed, type StatusMessage } from '../status.js';
import { TONE_WORD, toneColor } from '../theme.js';
import { utcTime } from '../../util/time.js';
import { moreBelow, useScroll } from './use-scroll.js';

export const MESSAGES_PANE = 'messages';

export interface MessageRow { key: string; text: string; tone: StatusMessage['tone'] | null }

/** Newest first: a row with the time and the tone word, then the message wrapped under it, indented. */
export function messageRows(messages: readonly StatusMessage[], width: number): MessageRow[] {
  const rows: MessageRow[] = [];
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    const repeats = m.repeats && m.repeats > 1 ? ` · ${m.repeats} times in a row` : '';
    rows.push({ key: `${i}:h`, text: `${TONE_WORD[m.tone] ?? m.tone} · ${utcTime(m.at)}${repeats}`, tone: m.tone });
    textRows([m.text], Math.max(10, width - 2)).forEach((r, j) => rows.push({ key: `${i}:${j}`, text: `  ${r}`, tone: null }));
  }
  return rows;
}

export function MessageHistory({ feed, width, height }: { feed: StatusFeed; width: number; height: number }) {
  const [messages, setMessages] = useState<readonly StatusMessage[]>(() => [...feed.history()]);
  useEffect(() => feed.subscribe(() => setMessages([...feed.history()])), [feed]);
  const rows = useMemo(() => messageRows(messages, width), [messages, width]);
  const body = Math.max(1, height - 2);
  const top = useScroll(MESSAGES_PANE, rows.length, body);
  const shown = rows.slice(top, top + body);
  const count = `${messages.length} message${messages.length === 1 ? '' : 's'} (the last ${HISTORY_LIMIT} are kept)`;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <SafeText bold wrap="truncate-end">{`Messages, newest first · ${count} · Esc or ! closes`}</SafeText>
      {rows.length === 0 ? <SafeText color="gray">no message yet</SafeText> : null}
      {shown.map((r) =>
        r.tone ? (
          <SafeText key={r.key} bold color={toneColor[r.tone]} wrap="truncate-end">{r.text}</SafeText>
        ) : (
          <SafeText key={r.key} wrap="truncate-end">{r.text}</SafeText>
        ),
      )}
      <SafeText color="gray" wrap="truncate-end">{moreBelow(top, body, rows.length) || ' '}</SafeText>
    </Box>
  );
}
