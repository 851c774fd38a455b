import { SafeText } from './SafeText.js';
import { footerHints, type FooterContext, type PaneKind } from '../keymap.js';

export function Footer({ pane, width, inputOpen, can = {} }: { pane: PaneKind; width: number; inputOpen: boolean; can?: FooterContext }) {
  const text = inputOpen ? 'type to filter/search · Enter keep · Esc cancel' : footerHints(pane, width - 1, can);
  return <SafeText color="gray" wrap="truncate-end">{text}</SafeText>;
}
