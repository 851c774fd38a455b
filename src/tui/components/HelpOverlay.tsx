// `?`: every key that works in the pane the user came from.
import { Box } from 'ink';
import { SafeText } from './SafeText.js';
import { bindingsFor, type PaneKind } from '../keymap.js';

export function HelpOverlay({ pane, width, height }: { pane: PaneKind; width: number; height: number }) {
  const rows = bindingsFor(pane);
  const col = Math.min(22, Math.floor(width / 3));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <SafeText bold>Keys ({pane}) · Esc or ? closes</SafeText>
      {rows.slice(0, Math.max(1, height - 1)).map((b) => (
        <SafeText key={`${b.command}:${b.keys[0]}`} wrap="truncate-end">
          <SafeText color="cyan">{b.keys.join(' ').padEnd(col)}</SafeText>
          {b.help}
        </SafeText>
      ))}
    </Box>
  );
}
