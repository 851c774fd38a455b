// The audit pane drawn from what its state hook worked out: the event list (or one event in full) and a bottom
// line, which is the filter prompt while it is open. Pure view: every string it gets is already sanitized
// (cell, textRows) and cut to the width.
import { Box } from 'ink';
import type { ReactNode } from 'react';
import type { AuditEvent } from '../../audit/index.js';
import { SafeText } from '../components/SafeText.js';
import type { PlacedCol } from '../list/columns.js';
import { ListView } from '../list/ListView.js';
import { DetailView } from '../components/DetailView.js';

export interface AuditViewProps {
  width: number;
  height: number;
  title: string;
  cols: PlacedCol<AuditEvent>[];
  events: AuditEvent[];
  cursor: number;
  top: number;
  /** Rows of the list. */
  rows: number;
  empty: string;
  /** One event in full, instead of the list. */
  detail: { title: string; rows: string[]; top: number; height: number; hint: string } | null;
  /** The open filter prompt, shown instead of the bottom line. */
  prompt: ReactNode | null;
  bottom: { text: string; error: boolean };
}

const keyOf = (e: AuditEvent) => `${e.source.file}:${e.source.line}`;

export function AuditView(v: AuditViewProps) {
  if (v.detail) {
    return (
      <Box flexDirection="column" width={v.width} height={v.height}>
        <DetailView title={v.detail.title} rows={v.detail.rows} top={v.detail.top} height={v.detail.height} width={v.width} />
        <SafeText color="gray" wrap="truncate-end">{v.detail.hint}</SafeText>
      </Box>
    );
  }
  return (
    <Box flexDirection="column" width={v.width} height={v.height}>
      <ListView title={v.title} cols={v.cols} items={v.events} keyOf={keyOf} cursor={v.cursor} top={v.top} height={v.rows} active emptyText={v.empty} />
      {v.prompt ?? <SafeText color={v.bottom.error ? 'red' : 'gray'} wrap="truncate-end">{v.bottom.text}</SafeText>}
    </Box>
  );
}
