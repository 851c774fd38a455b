// `?`: every key that works in the pane the user came from.
import { Box, Text } from 'ink';
import { bindingsFor, type PaneKind } from '../keymap.js';

export function HelpOverlay({ pane, width, height }: { pane: PaneKind; width: number; height: number }) {
  const rows = bindingsFor(pane);
  const col = Math.min(22, Math.floor(width / 3));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold>Keys ({pane}) · Esc or ? closes</Text>
      {rows.slice(0, Math.max(1, height - 1)).map((b) => (
        <Text key={`${b.command}:${b.keys[0]}`} wrap="truncate-end">
          <Text color="cyan">{b.keys.join(' ').padEnd(col)}</Text>
          {b.help}
        </Text>
      ))}
    </Box>
  );
}
