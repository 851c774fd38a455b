// The audit pane: every event of the given audit files, oldest first, marked events in colour;
// `/` filters (action:, actor:, since:, until:, is:marked, words), `m` keeps only marked events,
// Enter shows one event in full with its payload pretty-printed. Every cell is sanitized.
import { Box } from 'ink';
import { SafeText } from '../components/SafeText.js';
import { useEffect, useMemo } from 'react';
import { compileFilter, eventLines, eventTime, parseQuery, type AuditEvent } from '../../audit/index.js';
import { cell } from '../../text/cell.js';
import { parseTimeArg } from '../../util/time.js';
import { useCommandHandler } from '../command-bus.js';
import { PromptInput } from '../components/PromptInput.js';
import { layoutColumns } from '../list/columns.js';
import { ListView } from '../list/ListView.js';
import { listMotion } from '../list/motion.js';
import { useListState } from '../list/use-list-state.js';
import type { Tone } from '../status.js';
import { auditCols } from './columns.js';
import { detailCommand, DetailView, maxTopOf, textRows } from './DetailView.js';
import { AUDIT_PANE } from './keys.js';
import { useAuditLoad } from './use-audit-load.js';
import { useAuditView } from './use-audit-state.js';
import { CONTROLS, useInputOpen } from '../hooks/use-input-open.js';

export interface AuditPaneProps {
  /** Audit-log files or directories (CSV downloads, S3 JSON); none: the pane says how to get one. */
  files: string[];
  width: number;
  /** Rows of the whole pane. */
  height: number;
  /** Filter line to start with, e.g. from `sleuth audit FILE --action context.secrets --tui`. */
  initialQuery?: string;
  onStatus(msg: string, tone?: Tone): void;
  onBack(): void;
  /** The filter prompt opened/closed: while open it takes every key (Esc comes as `back`). */
  onInputOpenChange?(open: boolean): void;
  /** Command-bus id (default 'audit'). */
  paneId?: string;
  /** Stop reading after this many events (default 200,000). */
  limit?: number;
}

const keyOf = (e: AuditEvent) => `${e.source.file}:${e.source.line}`;

export function AuditPane(p: AuditPaneProps) {
  const paneId = p.paneId ?? AUDIT_PANE;
  const load = useAuditLoad(p.files, p.onStatus, p.limit);
  const [view, dispatch] = useAuditView(p.initialQuery ?? '');
  const reportInputOpen = useInputOpen(p.onInputOpenChange);

  const parsed = useMemo(() => parseQuery(view.query, (s) => parseTimeArg(s)), [view.query]);
  const shown = useMemo(() => {
    const f = compileFilter({ ...parsed.filter, ...(view.markedOnly ? { marked: true } : {}) });
    return load.events.filter((e) => f.all(e));
  }, [load.events, parsed, view.markedOnly]);

  const rows = Math.max(1, p.height - 3);
  const [list, listDispatch] = useListState(0);
  useEffect(() => listDispatch({ type: 'resize', count: shown.length, height: rows }), [shown.length, rows]);
  useEffect(() => listDispatch({ type: 'to', index: 0 }), [view.query, view.markedOnly]);

  const detailRows = useMemo(() => (view.detail ? textRows(eventLines(view.detail), p.width) : []), [view.detail, p.width]);
  const detailHeight = Math.max(1, p.height - 2);
  const detailMax = maxTopOf(detailRows.length, detailHeight);

  useCommandHandler(paneId, (command) => {
    const c = command as string;
    if (view.detail) {
      return detailCommand(c, { top: view.detailTop, height: detailHeight, max: detailMax }, {
        scroll: (to) => dispatch({ type: 'scrollDetail', to, max: detailMax }),
        close: () => dispatch({ type: 'closeDetail' }),
      });
    }
    const motion = listMotion(c);
    if (motion) {
      listDispatch(motion);
      return true;
    }
    switch (c) {
      case 'open': {
        const e = shown[list.cursor];
        if (e) dispatch({ type: 'openDetail', event: e });
        return true;
      }
      case 'filter':
        dispatch({ type: 'openPrompt' });
        reportInputOpen(true);
        return true;
      case 'audit.marked': dispatch({ type: 'toggleMarked' }); return true;
      case 'refresh': load.reload(); return true;
      case 'back':
        // Esc closes the prompt, then clears the filter, and only then leaves the pane.
        if (view.promptOpen) {
          dispatch({ type: 'closePrompt' });
          reportInputOpen(false);
        } else if (view.query || view.markedOnly) {
          dispatch({ type: 'clearQuery' });
          if (view.markedOnly) dispatch({ type: 'toggleMarked' });
        } else p.onBack();
        return true;
      default:
        return false;
    }
  });

  if (view.detail) {
    const e = view.detail;
    return (
      <Box flexDirection="column" width={p.width} height={p.height}>
        <DetailView title={cell(`${e.action} · ${eventTime(e)}`, Math.max(10, p.width - 12))} rows={detailRows} top={view.detailTop} height={detailHeight} width={p.width} />
        <SafeText color="gray" wrap="truncate-end">Esc back to the list · j/k PgDn/PgUp scroll</SafeText>
      </Box>
    );
  }

  const files = p.files.length === 1 ? cell(p.files[0]!, 60) : `${p.files.length} files`;
  const reading = load.loading ? ` · reading… ${load.rowsRead.toLocaleString('en-US')} rows` : '';
  const title = `Audit log · ${files}${reading}`;
  const empty = load.loading
    ? 'reading the audit log…'
    : load.error
      ? `could not read it: ${cell(load.error, Math.max(20, p.width - 20))}`
      : p.files.length === 0
        ? cell('no audit log loaded: start with --audit FILE (an admin downloads it under Organization Settings › Security › Audit Logs)', p.width)
        : load.events.length === 0
          ? 'the audit log has no events'
          : 'no events match (Esc clears the filter)';
  const filterText = [view.query ? `filter: ${view.query}` : '', view.markedOnly ? 'marked only' : ''].filter(Boolean).join(' · ');
  const counts = load.events.length ? `${shown.length.toLocaleString('en-US')} of ${load.events.length.toLocaleString('en-US')} events${load.truncated ? ' (stopped reading at the limit)' : ''}` : '';
  const bottom = parsed.error ? `filter: ${parsed.error}` : [filterText, counts].filter(Boolean).join(' · ') || 'm marked only · / filter · Enter details';

  return (
    <Box flexDirection="column" width={p.width} height={p.height}>
      <ListView title={title} cols={layoutColumns(auditCols, p.width)} items={shown} keyOf={keyOf} cursor={list.cursor} top={list.top} height={rows} active emptyText={empty} />
      {view.promptOpen ? (
        <Box>
          <SafeText color="cyan">/</SafeText>
          <PromptInput
            value={view.draft}
            onChange={(t) => dispatch({ type: 'draft', text: t.replace(CONTROLS, '') })}
            onSubmit={(t) => {
              dispatch({ type: 'submit', query: t.replace(CONTROLS, '') });
              reportInputOpen(false);
            }}
          />
        </Box>
      ) : (
        <SafeText color={parsed.error ? 'red' : 'gray'} wrap="truncate-end">{cell(bottom, Math.max(10, p.width))}</SafeText>
      )}
    </Box>
  );
}
