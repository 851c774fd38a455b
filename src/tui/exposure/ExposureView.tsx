// The exposure pane drawn from what its state hook worked out: the jobs or the secrets in scope (or one row in
// full) and a bottom line, which is the filter prompt while it is open. Pure view: every string it gets is
// already sanitized (cutName, textRows) and cut to the width.
import { Box } from 'ink';
import type { ReactNode } from 'react';
import type { JobExposure, SecretExposure } from '../../exposure/index.js';
import { DetailView } from '../components/DetailView.js';
import { SafeText } from '../components/SafeText.js';
import { layoutColumns } from '../list/columns.js';
import { ListView } from '../list/ListView.js';
import { jobCols, secretCols } from './columns.js';

export interface ExposureViewProps {
  width: number;
  height: number;
  title: string;
  list: { mode: 'jobs'; items: JobExposure[] } | { mode: 'secrets'; items: SecretExposure[] };
  cursor: number;
  top: number;
  /** Rows of the list. */
  rows: number;
  empty: string;
  /** One row in full, instead of the list. */
  detail: { title: string; rows: string[]; top: number; height: number; hint: string } | null;
  /** The open filter prompt, shown instead of the bottom line. */
  prompt: ReactNode | null;
  bottom: { text: string; warn: boolean };
}

export function ExposureView(v: ExposureViewProps) {
  if (v.detail) {
    return (
      <Box flexDirection="column" width={v.width} height={v.height}>
        <DetailView title={v.detail.title} rows={v.detail.rows} top={v.detail.top} height={v.detail.height} width={v.width} />
        <SafeText color="gray" wrap="truncate-end">{v.detail.hint}</SafeText>
      </Box>
    );
  }
  const at = { cursor: v.cursor, top: v.top, height: v.rows, active: true, emptyText: v.empty, title: v.title };
  return (
    <Box flexDirection="column" width={v.width} height={v.height}>
      {v.list.mode === 'jobs' ? (
        <ListView {...at} cols={layoutColumns(jobCols, v.width)} items={v.list.items} keyOf={(j) => j.id || String(j.number)} />
      ) : (
        <ListView {...at} cols={layoutColumns(secretCols, v.width)} items={v.list.items} keyOf={(s) => `${s.kind}:${s.context ?? ''}:${s.name}`} />
      )}
      {v.prompt ?? <SafeText color={v.bottom.warn ? 'yellow' : 'gray'} wrap="truncate-end">{v.bottom.text}</SafeText>}
    </Box>
  );
}
