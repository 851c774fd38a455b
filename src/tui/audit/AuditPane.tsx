// The audit pane: every event of the given audit files, oldest first, marked events in colour;
// `/` filters (action:, actor:, since:, until:, is:marked, words), `m` keeps only marked events,
// Enter shows one event in full with its payload pretty-printed. Every cell is sanitized.
// Glues the state hook (use-audit-state.ts) and the input hook (use-audit-input.ts) to the pure AuditView.
import { eventTime } from '../../audit/index.js';
import { cell } from '../../text/cell.js';
import { FilterPrompt } from '../components/FilterPrompt.js';
import { useInputOpen } from '../hooks/use-input-open.js';
import { keyHints, keysOf } from '../keymap.js';
import { layoutColumns } from '../list/columns.js';
import type { Tone } from '../status.js';
import { AuditView } from './AuditView.js';
import { auditCols } from './columns.js';
import { useAuditInput } from './use-audit-input.js';
import { useAuditState, type AuditState } from './use-audit-state.js';

export const AUDIT_PANE = 'audit';

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

const DETAIL_HINT = keyHints('audit', [['back', 'back to the list'], [['cursor.down', 'cursor.up'], `${keysOf('audit', ['page.down', 'page.up'])} scroll`]]);
const IDLE_HINT = keyHints('audit', [['audit.marked', 'marked only'], 'filter', ['open', 'details']]);

export function AuditPane(p: AuditPaneProps) {
  const s = useAuditState({ files: p.files, initialQuery: p.initialQuery, onStatus: p.onStatus, limit: p.limit, width: p.width, height: p.height });
  const reportInputOpen = useInputOpen(p.onInputOpenChange);
  useAuditInput(p.paneId ?? AUDIT_PANE, s, { reportInputOpen, onBack: p.onBack });
  const { view, dispatch } = s;

  const detail = view.detail
    ? { title: cell(`${view.detail.action} · ${eventTime(view.detail)}`, Math.max(10, p.width - 12)), rows: s.detail.rows, top: view.detailTop, height: s.detail.height, hint: DETAIL_HINT }
    : null;
  const prompt = view.promptOpen ? (
    <FilterPrompt
      sigil="/"
      value={view.draft}
      dropControls
      onChange={(text) => dispatch({ type: 'draft', text })}
      onSubmit={(query) => {
        dispatch({ type: 'submit', query });
        reportInputOpen(false);
      }}
    />
  ) : null;
  return (
    <AuditView
      width={p.width}
      height={p.height}
      title={titleOf(p.files, s)}
      cols={layoutColumns(auditCols, p.width)}
      events={s.shown}
      cursor={s.list.cursor}
      top={s.list.top}
      rows={s.rows}
      empty={emptyText(p.files, s, p.width)}
      detail={detail}
      prompt={prompt}
      bottom={{ text: cell(bottomText(s), Math.max(10, p.width)), error: Boolean(s.parsed.error) }}
    />
  );
}

function titleOf(files: string[], s: AuditState): string {
  const named = files.length === 1 ? cell(files[0]!, 60) : `${files.length} files`;
  const reading = s.load.loading ? ` · reading… ${s.load.rowsRead.toLocaleString('en-US')} rows` : '';
  return `Audit log · ${named}${reading}`;
}

function emptyText(files: string[], s: AuditState, width: number): string {
  const { load } = s;
  if (load.loading) return 'reading the audit log…';
  if (load.error) return `could not read it: ${cell(load.error, Math.max(20, width - 20))}`;
  if (files.length === 0) return cell('no audit log loaded: start with --audit FILE (an admin downloads it under Organization Settings › Security › Audit Logs)', width);
  if (load.events.length === 0) return 'the audit log has no events';
  return 'no events match (Esc clears the filter)';
}

function bottomText(s: AuditState): string {
  const { view, load, parsed } = s;
  if (parsed.error) return `filter: ${parsed.error}`;
  const filterText = [view.query ? `filter: ${view.query}` : '', view.markedOnly ? 'marked only' : ''].filter(Boolean).join(' · ');
  const counts = load.events.length ? `${s.shown.length.toLocaleString('en-US')} of ${load.events.length.toLocaleString('en-US')} events${load.truncated ? ' (stopped reading at the limit)' : ''}` : '';
  return [filterText, counts].filter(Boolean).join(' · ') || IDLE_HINT;
}
