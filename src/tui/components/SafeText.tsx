// The one gate between data and the screen: the only module in src/tui that may import Ink's Text (a test in
// test/tui/safe-text-gate.test.tsx fails otherwise). A string child is sanitized here; a Display passed the sanitizer
// already (it may keep colours); element children are SafeTexts themselves, since nothing else can make a Text.
import { Text, type TextProps } from 'ink';
import { createElement, type ReactElement, type ReactNode } from 'react';
import { Display, screenText } from '../../text/display.js';

export type SafeChild = string | number | boolean | null | undefined | Display | ReactElement;
export type SafeNode = SafeChild | readonly SafeNode[];

export interface SafeTextProps extends Omit<TextProps, 'children'> {
  children?: SafeNode;
}

export function SafeText({ children, ...props }: SafeTextProps) {
  // Children spread as arguments, as JSX passes them, so React asks keys only of arrays the caller built.
  const kids = Array.isArray(children) ? (children as readonly SafeNode[]).map(gate) : [gate(children as SafeNode)];
  return createElement(Text, props, ...kids);
}

function gate(node: SafeNode): ReactNode {
  if (typeof node === 'string') return screenText(node);
  if (typeof node === 'number') return String(node);
  if (node instanceof Display) return node.text;
  if (Array.isArray(node)) return (node as readonly SafeNode[]).map(gate);
  return node as ReactNode;
}
