// The one gate between data and the screen: the only module in src/tui that may import Ink's Text (a test in
// test/tui/safe-text-gate.test.tsx fails otherwise). A string child is sanitized here; a Display passed the sanitizer
// already (it may keep colours); element children are SafeTexts themselves, since nothing else can make a Text.
import { Text, type TextProps } from 'ink';
import { createElement, type ReactElement, type ReactNode } from 'react';
import { Display, screenText } from '../../text/display.js';
import { attributeCodes, SGR_SEQUENCE, useStyleMode } from '../theme.js';

export type SafeChild = string | number | boolean | null | undefined | Display | ReactElement;
export type SafeNode = SafeChild | readonly SafeNode[];

export interface SafeTextProps extends Omit<TextProps, 'children'> {
  children?: SafeNode;
}

export function SafeText({ children, ...props }: SafeTextProps) {
  const mode = useStyleMode();
  const colour = mode === 'colour';
  const one = (node: SafeNode) => gate(node, colour);
  // Children spread as arguments, as JSX passes them, so React asks keys only of arrays the caller built.
  const kids = Array.isArray(children) ? (children as readonly SafeNode[]).map(one) : [one(children as SafeNode)];
  if (colour) return createElement(Text, props, ...kids);
  // No colour (theme.ts, StyleMode): colours dropped; in mono the attributes are written here, since chalk drops them.
  const { color: _c, backgroundColor: _b, bold, dimColor, italic, underline, strikethrough, inverse, ...rest } = props;
  const codes = mode === 'mono' && children !== undefined && children !== null ? attributeCodes({ bold, dimColor, italic, underline, strikethrough, inverse }) : null;
  return codes?.open ? createElement(Text, rest, codes.open, ...kids, codes.close) : createElement(Text, rest, ...kids);
}

function gate(node: SafeNode, colour: boolean): ReactNode {
  if (typeof node === 'string') return screenText(node);
  if (typeof node === 'number') return String(node);
  if (node instanceof Display) return colour ? node.text : node.text.replace(SGR_SEQUENCE, '');
  if (Array.isArray(node)) return (node as readonly SafeNode[]).map((n) => gate(n, colour));
  return node as ReactNode;
}
