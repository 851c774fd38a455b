// The log pane: one step's output for one parallel node. Glues the output loader, the view-state reducer and the
// command handler to the pure LogView; only the visible rows are read from the buffer and sanitized per frame.
import { SafeText } from '../components/SafeText.js';
import { FilterPrompt } from '../components/FilterPrompt.js';
import { useInputOpen } from '../hooks/use-input-open.js';
import { useEffect, useMemo, useRef } from 'react';
import type { InvestigationSource } from '../../source/source.js';
import { cell } from '../../text/cell.js';
import { useLoad } from '../hooks/use-load.js';
import { commandOf, commandPreview, loadStepRows } from '../state/step-rows.js';
import { ordinalOf } from '../../log/offset-index.js';
import { sanitize } from '../../text/sanitize.js';
import { clockOf } from './clock.js';
import { nodeLabel } from '../node-label.js';
import { gutterWidth, layoutRows, matchParts, maxTopLine, textWidth, visibleLineCount, type LayoutOptions } from './log-layout.js';
import { statusText } from './log-status.js';
import { LogView, type LogViewProps, type ViewRow } from './LogView.js';
import { useLogInput } from './use-log-input.js';
import { useLogOutput, type OutputSource } from './use-log-output.js';
import { useLogState, type Viewport } from './use-log-state.js';

export interface LogPaneProps {
  /** Only stepOutput() is used: any InvestigationSource fits. */
  source: OutputSource;
  jobNumber: number;
  step: number;
  stepName: string;
  /** Parallel node indexes this step ran on (`]`/`[` move between them). */
  nodes: number[];
  initialNode?: number;
  width: number;
  /** Rows of the whole pane: title + log rows + status row. */
  height: number;
  onStatus(msg: string): void;
  onBack(): void;
  /**
   * The search prompt opened (true) or closed (false). While open it takes every key: the app must stop routing
   * keys to commands, except Esc, which it sends as `back` (that closes the prompt). The prompt is opened by the
   * `log.search` command.
   */
  onInputOpenChange?(open: boolean): void;
  /** Command-bus id; 'log' unless two log panes are shown at once. */
  paneId?: string;
  /**
   * Open at this 0-based line with it marked, once the output has loaded (the global search and the findings list
   * jump here). With `query` the matched text is highlighted and becomes the search `n`/`N` repeat; `notice` goes
   * on the status row. Applied once per mount.
   */
  jumpTo?: { line: number; query?: string; notice?: string };
  /** Where the step's command comes from (the build); with it a row under the title shows its first telling line. */
  commandSource?: Pick<InvestigationSource, 'build'>;
}

/** Title row and status row. */
const CHROME_ROWS = 2;
/** Control characters never belong in a typed query (a paste could carry escape sequences). */
const CONTROLS = /[\x00-\x1f\x7f-\x9f]/g;

export function LogPane(p: LogPaneProps) {
  const [state, dispatch] = useLogState(p.initialNode ?? p.nodes[0] ?? 0);
  const out = useLogOutput(p.source, p.jobNumber, p.step, state.node, state.follow, p.onStatus);
  const { buffer, version } = out;
  const command = useCommandLine(p, state.node);
  const rows = Math.max(1, p.height - CHROME_ROWS - (command === null ? 0 : 1));
  const opts: LayoutOptions = { width: p.width, rows, wrap: state.wrap, timestamps: state.timestamps };

  // `version` stands for the buffer's text, which changes in place while following.
  const maxTop = useMemo(() => (buffer ? maxTopLine(buffer, opts) : 0), [buffer, version, rows, p.width, state.wrap, state.timestamps]);
  const top = state.follow ? maxTop : Math.min(state.top, maxTop);
  const laid = useMemo(() => (buffer ? layoutRows(buffer, top, opts) : []), [buffer, version, top, rows, p.width, state.wrap, state.timestamps]);
  const reportInputOpen = useInputOpen(p.onInputOpenChange);
  const view: Viewport = { top, maxTop, lines: state.wrap ? Math.max(1, visibleLineCount(laid)) : rows };

  useJump(p.jumpTo, buffer, out.loading, view, dispatch);

  const { submitSearch } = useLogInput(p.paneId ?? 'log', {
    state,
    dispatch,
    buffer,
    view,
    nodes: p.nodes,
    final: out.final,
    hasTimes: out.hasTimes,
    onBack: p.onBack,
    reload: out.reload,
    reportInputOpen,
  });

  const count = buffer?.lineCount ?? 0;
  const errors = buffer && out.errorsReady ? buffer.errorLines() : null;
  const mark = state.mark;
  const digits = String(Math.max(1, count)).length;
  const cols = textWidth(count, opts);
  const lines: ViewRow[] = laid.map((row) => {
    const marked = mark !== null && mark.line === row.line;
    const number = String(row.line + 1).padStart(digits);
    const gutter = row.first
      ? `${state.timestamps ? `${clockOf(buffer?.lineTime(row.line) ?? null)} ` : ''}${number} `
      : ' '.repeat(gutterWidth(count, state.timestamps));
    const parts =
      buffer && marked && mark.kind === 'match' && !state.wrap ? (matchParts(buffer, row.line, state.query, cols) ?? undefined) : undefined;
    return { key: row.key, gutter, text: row.text, marked, error: errors !== null && ordinalOf(errors, row.line) !== null, parts };
  });

  const bottom = laid.length ? (laid[laid.length - 1]?.line ?? top) : top;
  const matchStats = buffer && state.query && mark?.kind === 'match' ? buffer.matchStats(state.query) : null;
  const status = out.loading
    ? 'loading output…'
    : statusText({
        top,
        bottom,
        lineCount: count,
        query: state.query,
        match: matchStats && mark ? { ...matchStats, ordinal: buffer?.matchOrdinal(state.query, mark.line) ?? null } : null,
        error: errors && mark?.kind === 'error' ? { ordinal: ordinalOf(errors, mark.line), count: errors.length } : null,
        wrap: state.wrap,
        node: state.node,
        nodeCount: p.nodes.length,
        following: state.follow && !out.final,
        notice: state.notice,
      });

  const prompt = state.searchOpen ? (
    <FilterPrompt sigil="/" value={state.draft} dropControls onChange={(text) => dispatch({ type: 'draft', text })} onSubmit={submitSearch} />
  ) : null;

  const title = sanitize(`${p.stepName} · job ${p.jobNumber} step ${p.step}${p.nodes.length > 1 ? ` · ${nodeLabel(state.node, p.nodes.length)}` : ''}`, {
    keepColor: false,
    maxLineLength: Math.max(1, p.width),
  });

  return (
    <LogView
      width={p.width}
      rows={rows}
      title={title}
      note={out.truncated ? '[output truncated by CircleCI]' : null}
      command={command}
      lines={lines}
      message={messageFor(out, count)}
      status={status}
      prompt={prompt}
    />
  );
}

/** The command row's text (cut to the width before its hint), `…` while the build loads; null without a command source. */
function useCommandLine(p: LogPaneProps, node: number): string | null {
  const build = p.commandSource;
  const { data, error } = useLoad((c) => (build ? c.stepRows(p.jobNumber) : null), () => loadStepRows(build!, p.jobNumber));
  if (!build) return null;
  if (error) return '(command not loaded)';
  if (!data) return '…';
  const preview = commandPreview(commandOf(data.find((r) => r.step === p.step), node));
  if (!preview) return '(no command)';
  // Cut before the hint, so the hint stays on screen at 80 columns.
  const hint = ' · c shows all';
  return `${cell(preview, Math.max(8, p.width - 2 - hint.length))}${hint}`;
}

function messageFor(out: ReturnType<typeof useLogOutput>, count: number): LogViewProps['message'] {
  if (out.loading) return { text: 'loading output…', tone: 'muted' };
  if (out.error) return { text: `could not load the output: ${out.error}`, tone: 'error' };
  if (out.format === 'none' || (count === 0 && out.final)) return { text: '(this step printed nothing)', tone: 'muted' };
  if (count === 0) return { text: '(no output yet; F follows the running step)', tone: 'muted' };
  return null;
}

/** Applies `jumpTo` once, as soon as the buffer has loaded (the line is clamped to the log). */
function useJump(jump: LogPaneProps['jumpTo'], buffer: ReturnType<typeof useLogOutput>['buffer'], loading: boolean, view: Viewport, dispatch: ReturnType<typeof useLogState>[1]): void {
  const done = useRef(false);
  useEffect(() => {
    if (!jump || done.current || loading || !buffer) return;
    done.current = true;
    if (buffer.lineCount === 0) return;
    const line = Math.max(0, Math.min(jump.line, buffer.lineCount - 1));
    const notice = jump.notice ?? null;
    if (jump.query) dispatch({ type: 'searched', query: jump.query.replace(CONTROLS, ''), line, view, notice });
    else dispatch({ type: 'reveal', line, kind: 'match', view, notice });
  }, [jump, buffer, loading, view.maxTop]);
}

