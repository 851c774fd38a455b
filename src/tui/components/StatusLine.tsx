// One line for what is happening: loading, errors, rate-limit waits. Never blanks the panes.
import { SafeText } from './SafeText.js';
import { useEffect, useState } from 'react';
import { cell } from '../../text/cell.js';
import type { StatusFeed, StatusMessage } from '../status.js';
import { toneColor } from '../theme.js';

export function StatusLine({ feed, width }: { feed: StatusFeed; width: number }) {
  const [msg, setMsg] = useState<StatusMessage | null>(feed.last);
  useEffect(() => feed.subscribe(setMsg), [feed]);
  if (!msg || !msg.text) return <SafeText color="gray"> </SafeText>;
  return (
    <SafeText color={toneColor[msg.tone]} wrap="truncate-end">
      {cell(msg.text, Math.max(10, width - 1))}
    </SafeText>
  );
}
