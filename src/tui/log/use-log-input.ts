// Log-pane commands → view-state actions. Registered on the command bus; the app resolves keys (keymap.ts), the
// pane never reads raw keys (the open search prompt, a PromptInput, takes its own). The map is typed by the keymap
// table: a command bound in the log pane and missing here does not compile.
import { useEffect, useRef, type Dispatch } from 'react';
import type { LogBuffer } from '../../log/log-buffer.js';
import { usePaneCommands, type PaneHandlers } from '../input/pane-commands.js';
import type { LogAction, LogState, MarkKind, Viewport } from './use-log-state.js';

export interface LogInputContext {
  state: LogState;
  dispatch: Dispatch<LogAction>;
  buffer: LogBuffer | null;
  view: Viewport;
  nodes: readonly number[];
  /** The step has finished: there is nothing to follow. */
  final: boolean;
  hasTimes: boolean;
  onBack(): void;
  reload(): void;
  /** Tell the app the prompt opened or closed, at once (not in an effect), so it re-routes keys before the next one. */
  reportInputOpen(open: boolean): void;
}

const WRAP_FORWARD = 'search hit BOTTOM, continuing at TOP';
const WRAP_BACKWARD = 'search hit TOP, continuing at BOTTOM';

/** Where `n`/`e` continue from: the marked line if it is on screen, else just outside the screen (like less). */
export function searchOrigin(state: LogState, view: Viewport, kind: MarkKind, dir: 1 | -1): number {
  const m = state.mark;
  if (m && m.kind === kind && m.line >= view.top && m.line < view.top + view.lines) return m.line;
  return dir === 1 ? view.top - 1 : view.top + view.lines;
}

function wrapNotice(from: number, to: number, dir: 1 | -1): string | null {
  if (dir === 1) return to <= from ? WRAP_FORWARD : null;
  return to >= from ? WRAP_BACKWARD : null;
}

export function useLogInput(paneId: string, ctx: LogInputContext): { submitSearch(text: string): void } {
  const { state, dispatch, buffer, view } = ctx;

  const search = (query: string, from: number, dir: 1 | -1) => {
    if (!buffer) return;
    const line = buffer.find(query, from, dir);
    const notice = line === null ? `pattern not found: ${query}` : wrapNotice(from, line, dir);
    dispatch({ type: 'searched', query, line, view, notice });
    ctx.reportInputOpen(false);
  };

  // A query submitted before the output arrived (`/text` + Enter typed right after opening) runs when it does.
  const pending = useRef<string | null>(null);
  useEffect(() => {
    if (!buffer || pending.current === null) return;
    const query = pending.current;
    pending.current = null;
    search(query, view.top - 1, 1);
  }, [buffer]);

  const jumpError = (dir: 1 | -1) => {
    if (!buffer) return;
    const from = searchOrigin(state, view, 'error', dir);
    const line = buffer.nextError(from, dir);
    if (line === null) dispatch({ type: 'notice', text: 'no error lines in this output' });
    else dispatch({ type: 'reveal', line, kind: 'error', view, notice: wrapNotice(from, line, dir) });
  };

  const switchNode = (by: 1 | -1) => {
    if (ctx.nodes.length <= 1) return dispatch({ type: 'notice', text: 'this step ran on one node' });
    const at = ctx.nodes.indexOf(state.node);
    const next = ctx.nodes[at + by];
    if (next === undefined) dispatch({ type: 'notice', text: by === 1 ? 'this is the last node' : 'this is the first node' });
    else dispatch({ type: 'node', node: next });
  };

  // The top as the last cursor key left it, until the pane renders again (a new `view`): keys that arrive
  // together each move from there, so the input router sends a burst without a render between (motionsCompose).
  const moved = useRef<{ view: Viewport; top: number } | null>(null);
  const from = () => (moved.current?.view === view ? moved.current.top : view.top);
  const scrollTo = (top: number, how: 'scroll' | 'scrollTo' = 'scroll') => {
    const to = Math.max(0, Math.min(top, view.maxTop));
    moved.current = { view, top: to };
    dispatch(how === 'scroll' ? { type: 'scroll', by: to - view.top, view } : { type: 'scrollTo', top: to, view });
  };

  const page = (dir: 1 | -1, half = false) => {
    const step = half ? Math.floor(view.lines / 2) : view.lines - 1;
    scrollTo(from() + dir * Math.max(1, step));
  };

  const next = (dir: 1 | -1) => {
    if (!state.query) dispatch({ type: 'notice', text: 'no previous search (press /)' });
    else search(state.query, searchOrigin(state, view, 'match', dir), dir);
  };

  const handlers: PaneHandlers<'log'> = {
    'cursor.down': () => scrollTo(from() + 1),
    'cursor.up': () => scrollTo(from() - 1),
    'cursor.top': () => scrollTo(0, 'scrollTo'),
    'cursor.bottom': () => scrollTo(view.maxTop, 'scrollTo'),
    // `10G` (the input router sends the count): line 10 at the top.
    'cursor.line': (count) => scrollTo((count ?? 1) - 1, 'scrollTo'),
    'page.down': () => page(1),
    'page.up': () => page(-1),
    'halfpage.down': () => page(1, true),
    'halfpage.up': () => page(-1, true),
    // The prompt opens while the output is still loading too: what is typed after `/` is the query.
    'log.search': () => {
      dispatch({ type: 'openSearch' });
      ctx.reportInputOpen(true);
    },
    'log.next': () => next(1),
    'log.prev': () => next(-1),
    'log.nextError': () => jumpError(1),
    'log.prevError': () => jumpError(-1),
    'log.wrap': () => dispatch({ type: 'toggle', flag: 'wrap' }),
    'log.timestamps': () => {
      if (!ctx.hasTimes && !state.timestamps) dispatch({ type: 'notice', text: 'this output has no timestamps' });
      else dispatch({ type: 'toggle', flag: 'timestamps' });
    },
    'log.follow': () => {
      if (state.follow) dispatch({ type: 'follow', on: false, view });
      else if (ctx.final) dispatch({ type: 'scrollTo', top: view.maxTop, view });
      else dispatch({ type: 'follow', on: true, view });
      if (ctx.final && !state.follow) dispatch({ type: 'notice', text: 'the step has finished: its output is complete' });
    },
    'log.nextNode': () => switchNode(1),
    'log.prevNode': () => switchNode(-1),
    refresh: () => ctx.reload(),
    back: () => {
      // Esc closes the prompt first (the app routes Esc here while the prompt has the keyboard).
      if (state.searchOpen) {
        dispatch({ type: 'closeSearch' });
        ctx.reportInputOpen(false);
      } else ctx.onBack();
    },
  };
  usePaneCommands(paneId, 'log', handlers, { motionsCompose: true });

  return {
    // An empty prompt repeats the last search, as in less.
    submitSearch(text: string) {
      const query = text || state.query;
      if (!query) {
        dispatch({ type: 'closeSearch' });
        return ctx.reportInputOpen(false);
      }
      if (!buffer) {
        pending.current = query;
        dispatch({ type: 'closeSearch' });
        dispatch({ type: 'notice', text: 'the output is still loading: the search runs once it is in' });
        return ctx.reportInputOpen(false);
      }
      search(query, view.top - 1, 1);
    },
  };
}
