// `?`: every key that works in the pane the user came from, read from the one keymap table (keymap.ts). At 80x24
// they do not all fit: the overlay scrolls (j/k, PgDn/PgUp, g/G) and its last row says how much is below. A help
// text wider than the screen wraps under itself.
import { Box } from 'ink';
import { SafeText } from './SafeText.js';
import { bindingsFor, type Binding, type PaneKind } from '../keymap.js';
import { wrapWords } from '../text-fit.js';
import { moreBelow, useScroll } from './use-scroll.js';

/** The pane id the app routes keys to while the overlay is shown. */
export const HELP_PANE: PaneKind = 'help';

interface HelpRow { keys: string; help: string; key: string }

/** One row per binding, more when its help text wraps (the keys column is left blank on those). */
export function helpRows(rows: readonly Binding[], width: number): { rows: HelpRow[]; keysWidth: number } {
  const keysWidth = Math.min(22, Math.floor(width / 3));
  const out: HelpRow[] = [];
  for (const b of rows) {
    const lines = wrapWords(b.help, Math.max(10, width - keysWidth));
    lines.forEach((help, i) => out.push({ keys: i === 0 ? b.keys.join(' ') : '', help: i === 0 ? help : help.trimStart(), key: `${b.command}:${b.keys[0]}:${i}` }));
  }
  return { rows: out, keysWidth };
}

export function HelpOverlay({ pane, width, height }: { pane: PaneKind; width: number; height: number }) {
  const { rows, keysWidth } = helpRows(bindingsFor(pane), width);
  // Title and the "more below" row around the keys.
  const body = Math.max(1, height - 2);
  const top = useScroll(HELP_PANE, rows.length, body);
  const shown = rows.slice(top, top + body);
  const range = rows.length > body ? ` · ${top + 1}-${top + shown.length} of ${rows.length}` : '';
  return (
    <Box flexDirection="column" width={width} height={height}>
      <SafeText bold wrap="truncate-end">{`Keys (${pane})${range} · Esc or ? closes`}</SafeText>
      {shown.map((r) => (
        <SafeText key={r.key} wrap="truncate-end">
          <SafeText color="cyan">{r.keys.padEnd(keysWidth)}</SafeText>
          {r.help}
        </SafeText>
      ))}
      <SafeText color="gray" wrap="truncate-end">{moreBelow(top, body, rows.length) || ' '}</SafeText>
    </Box>
  );
}
