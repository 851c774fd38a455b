import { SafeText } from './SafeText.js';
import { footerHints, type PaneKind } from '../keymap.js';

export function Footer({ pane, width, inputOpen }: { pane: PaneKind; width: number; inputOpen: boolean }) {
  const text = inputOpen ? 'type to filter/search · Enter keep · Esc cancel' : footerHints(pane, width - 1);
  return <SafeText color="gray" wrap="truncate-end">{text}</SafeText>;
}
