// One line for what is happening: loading, errors, rate-limit waits. Never blanks the panes.
// A message wider than the line is cut at a word and says where the rest is (`!`, the message history). Without
// colour (NO_COLOR, TERM=dumb) an error or a warning also says so in words.
import { SafeText } from './SafeText.js';
import { useEffect, useState } from 'react';
import { cell } from '../../text/cell.js';
import { visibleWidth } from '../../text/sanitize.js';
import type { StatusFeed, StatusMessage } from '../status.js';
import { cutName } from '../text-fit.js';
import { TONE_WORD, toneColor, useStyleMode } from '../theme.js';

/** Said after a cut message when the history has it whole (`key` opens the history). */
export const wholeMessageHint = (key: string) => ` (${key} whole)`;

/** The status line's text: the message, a tone word where colour cannot carry it, cut with a pointer to the history. */
export function statusLineText(msg: StatusMessage, width: number, colour: boolean, historyKey?: string): string {
  const word = !colour && (msg.tone === 'error' || msg.tone === 'warn') ? TONE_WORD[msg.tone]! : '';
  // Only the start can be shown: a huge message is not sanitized whole on every render.
  const text = cell(msg.text.slice(0, 8 * width + 1024), Number.MAX_SAFE_INTEGER);
  const full = word && !text.toLowerCase().startsWith(word) ? `${word}: ${text}` : text;
  const room = Math.max(10, width - 1);
  if (visibleWidth(full) <= room && msg.text.length <= 8 * width + 1024) return full;
  const hint = historyKey ? wholeMessageHint(historyKey) : '';
  return cutName(full, Math.max(5, room - hint.length)) + hint;
}

export function StatusLine({ feed, width, historyKey }: { feed: StatusFeed; width: number; historyKey?: string }) {
  const [msg, setMsg] = useState<StatusMessage | null>(feed.last);
  const colour = useStyleMode() === 'colour';
  useEffect(() => feed.subscribe(setMsg), [feed]);
  if (!msg || !msg.text) return <SafeText color="gray"> </SafeText>;
  return (
    <SafeText color={toneColor[msg.tone]} wrap="truncate-end">
      {statusLineText(msg, width, colour, historyKey)}
    </SafeText>
  );
}
