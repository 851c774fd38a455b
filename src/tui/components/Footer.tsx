import { SafeText } from './SafeText.js';
import { footerHints, type FooterContext, type PaneKind } from '../keymap.js';

/** `count`: a count prefix being typed (`5` of `5j`), shown first, as vim shows it, until its command comes. */
export function Footer({ pane, width, inputOpen, count = '', can = {} }: { pane: PaneKind; width: number; inputOpen: boolean; count?: string; can?: FooterContext }) {
  const lead = count ? `count ${count} · Esc cancels · ` : '';
  const text = inputOpen ? 'type to filter/search · Enter keep · Esc cancel' : lead + footerHints(pane, width - 1 - lead.length, can);
  return <SafeText color="gray" wrap="truncate-end">{text}</SafeText>;
}
