import { Text } from 'ink';
import { footerHints, type PaneKind } from '../keymap.js';

export function Footer({ pane, width, inputOpen }: { pane: PaneKind; width: number; inputOpen: boolean }) {
  const text = inputOpen ? 'type to filter/search · Enter keep · Esc cancel' : footerHints(pane, width - 1);
  return <Text color="gray" wrap="truncate-end">{text}</Text>;
}
