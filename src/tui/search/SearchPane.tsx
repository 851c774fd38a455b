// The global search pane (`s`): every downloaded job at once. Results come as you type: fuzzy (prefiltered, then
// ranked by fuse.js) over an in-memory index of every line, or exact (the value and its base64/hex/URL/JSON forms)
// streamed over the files for anything that looks like a token; `m` cycles auto / exact / fuzzy. Enter opens the
// log at the hit. Glues the session (data), the reducer and the command handler to the pure SearchView.
import { SafeText } from '../components/SafeText.js';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Corpus } from '../../search/corpus.js';
import type { SearchHit } from '../../search/types.js';
import { cell } from '../../text/cell.js';
import { FilterPrompt } from '../components/FilterPrompt.js';
import { useLoadedCache } from '../hooks/use-load.js';
import { keyHints, keysOf } from '../keymap.js';
import { featureSlot, type LoadedCache } from '../state/loaded-cache.js';
import { hitRow } from './hit-row.js';
import { effectiveMode, SearchSession, type IndexProgress } from './search-session.js';
import { SearchView } from './SearchView.js';
import { useSearchInput } from './use-search-input.js';
import { initialSearchState, useSearchState, type SearchState } from './use-search-state.js';

export interface SearchPaneProps {
  /** The files searched: an evidence folder, the disk cache, or both; null when nothing has been downloaded. */
  corpus: Corpus | null;
  width: number;
  /** Rows of the whole pane. */
  height: number;
  active: boolean;
  /** The app's prompt state: while true the query prompt is shown and takes every key. */
  inputOpen: boolean;
  onInputOpenChange(open: boolean): void;
  /** Enter on a hit: the app opens the log at it. */
  onOpen(hit: SearchHit): void;
  onBack(): void;
  onStatus(msg: string, tone?: 'info' | 'error' | 'warn' | 'ok'): void;
  paneId?: string;
  /** Pause after a keystroke before searching (default 80 ms). */
  debounceMs?: number;
}

const CHROME_ROWS = 3;
const IDLE_HINT = keyHints('search', ['open', 'search.edit', 'search.mode', 'back']);
/** The index outlives the pane (a log opened from a hit, then back), and so does the prompt as the user left it. */
const SESSION = featureSlot<SearchSession>();
const SEED = featureSlot<Pick<SearchState, 'query' | 'mode'>>();

export function SearchPane(p: SearchPaneProps) {
  const cache = useLoadedCache();
  const session = useSession(p.corpus, cache);
  const seed = cache.feature(SEED).get();
  const [state, dispatch] = useSearchState(seed);
  const progress = useProgress(session);
  const rows = Math.max(1, p.height - CHROME_ROWS);
  const promptOpen = p.active && p.inputOpen;

  useEffect(() => dispatch({ type: 'list', action: { type: 'resize', count: state.results.length, height: rows } }), [rows]);
  useEffect(() => {
    cache.feature(SEED).set({ query: state.query, mode: state.mode });
  }, [state.query, state.mode]);
  useQueryRunner(session, state, dispatch, progress, p.debounceMs ?? 80);

  const openHit = useCallback(
    (i: number) => {
      const hit = state.results[i];
      if (!hit) return;
      // An artifact hit goes on: the app says where the file is.
      if (hit.field !== 'artifact' && (hit.job === null || hit.step === null)) return p.onStatus('this hit is not in a step output', 'warn');
      p.onOpen(hit);
    },
    [state.results, p.onOpen, p.onStatus],
  );

  useSearchInput(p.paneId ?? 'search', {
    state,
    dispatch,
    promptOpen,
    openPrompt: p.onInputOpenChange,
    openHit,
    reindex: () => {
      if (!p.corpus) return;
      cache.feature(SESSION).forget();
      p.onStatus('reading the downloaded output again…');
      session.current?.stop();
      session.reset();
    },
    onBack: p.onBack,
  });

  const mode = effectiveMode(state.mode, state.query);
  const modeLabel = state.mode === 'auto' ? `auto→${mode}` : state.mode;
  const queryLine = promptOpen ? (
    <FilterPrompt sigil="search: " value={state.query} onChange={(text) => dispatch({ type: 'query', text })} onSubmit={() => p.onInputOpenChange(false)} note={`  [${modeLabel}]`} />
  ) : (
    <SafeText wrap="truncate-end">
      <SafeText color="cyan">{'search: '}</SafeText>
      {cell(state.query, Math.max(1, p.width - 30)) || <SafeText color="gray">{`(press ${keysOf('search', 'search.edit')} to type)`}</SafeText>}
      <SafeText color="gray">{`  [${modeLabel}]`}</SafeText>
    </SafeText>
  );

  const top = state.list.top;
  const visible = useMemo(() => state.results.slice(top, top + rows).map((h, i) => hitRow(h, top + i, p.width, Boolean(p.corpus?.mixed))), [state.results, top, rows, p.width, p.corpus]);
  const title = `Search every downloaded job · ${cell(p.corpus?.label ?? 'nothing downloaded', 50)}${state.results.length ? ` · ${state.results.length}${state.running ? '…' : ''} hit${state.results.length === 1 ? '' : 's'}` : ''}`;

  return (
    <SearchView
      width={p.width}
      rows={rows}
      title={cell(title, p.width)}
      queryLine={queryLine}
      hits={visible}
      selected={state.list.cursor - top}
      active={p.active && !promptOpen}
      message={messageFor(p.corpus, state, progress, mode)}
      status={cell(statusFor(state, progress, promptOpen), Math.max(1, p.width))}
    />
  );
}

/** One session per corpus, kept in the app's cache so it outlives the pane (a log opened from it, then back). */
function useSession(corpus: Corpus | null, cache: LoadedCache) {
  const [nonce, setNonce] = useState(0);
  const ref = useRef<SearchSession | null>(null);
  const held = cache.feature(SESSION).get();
  let s: SearchSession | null = null;
  if (corpus) {
    // The app makes a corpus each time `s` is pressed: the same folders keep their (expensive) index.
    s = held && sameCorpus(held.corpus, corpus) ? held : new SearchSession(corpus);
    if (s !== held) cache.feature(SESSION).set(s);
  }
  ref.current = s;
  useEffect(() => {
    if (s) void s.index().catch(() => undefined);
  }, [s, nonce]);
  return Object.assign(ref, { reset: () => setNonce((n) => n + 1) });
}

function useProgress(session: { current: SearchSession | null }): IndexProgress | null {
  const s = session.current;
  const [p, setP] = useState<IndexProgress | null>(s?.progress ?? null);
  useEffect(() => {
    if (!s) return;
    setP(s.progress);
    // At most ~8 updates a second: each one re-renders the pane.
    let last = 0;
    let timer: NodeJS.Timeout | null = null;
    const off = s.onProgress((next) => {
      const now = Date.now();
      if (next.done || now - last > 120) {
        last = now;
        setP(next);
      } else if (!timer) {
        timer = setTimeout(() => {
          timer = null;
          last = Date.now();
          setP(s.progress);
        }, 120);
      }
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [s]);
  return p;
}

/** Runs the query (debounced): fuzzy at once from the index, exact streamed from the files (the previous one aborted). */
function useQueryRunner(
  session: { current: SearchSession | null },
  state: SearchState,
  dispatch: ReturnType<typeof useSearchState>[1],
  progress: IndexProgress | null,
  debounceMs: number,
): void {
  const q = state.query.trim();
  const mode = effectiveMode(state.mode, q);
  // Fuzzy results are refreshed as the index grows (coarsely), exact ones do not depend on it.
  const growth = mode === 'fuzzy' ? `${progress?.done}:${Math.floor((progress?.files ?? 0) / 100)}` : '';
  useEffect(() => {
    const s = session.current;
    if (!s) return;
    if (!q) {
      dispatch({ type: 'results', ran: { query: '', mode }, hits: [], running: false });
      return;
    }
    const abort = new AbortController();
    const timer = setTimeout(() => {
      if (mode === 'fuzzy') {
        dispatch({ type: 'results', ran: { query: q, mode }, hits: s.fuzzy(q), running: false });
        return;
      }
      dispatch({ type: 'results', ran: { query: q, mode }, hits: [], running: true });
      void s
        .exact(q, (hits) => dispatch({ type: 'more', query: q, hits }), abort.signal)
        .then((r) => {
          if (abort.signal.aborted) return;
          const notice = 'unmaskable' in r ? `not searched: ${r.unmaskable}` : r.capped ? 'stopped after 2000 hits' : null;
          dispatch({ type: 'done', query: q, notice });
        })
        .catch((e: unknown) => dispatch({ type: 'done', query: q, notice: e instanceof Error ? e.message : String(e) }));
    }, debounceMs);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [q, mode, growth, session.current]);
}

function messageFor(corpus: Corpus | null, s: SearchState, progress: IndexProgress | null, mode: 'exact' | 'fuzzy'): { text: string; tone: 'muted' | 'error' } | null {
  if (!corpus) return { text: 'Nothing downloaded to search: press d or D on a list to download evidence, or run `sleuth open DIR`.', tone: 'muted' };
  if (s.results.length) return null;
  if (!s.query.trim()) return { text: 'Type to search every step output and step command. A pasted token is also found base64-, hex-, URL- or JSON-encoded.', tone: 'muted' };
  if (s.notice) return { text: s.notice, tone: 'muted' };
  if (s.running || s.ran?.query !== s.query.trim()) return { text: 'searching…', tone: 'muted' };
  if (mode === 'fuzzy' && progress && !progress.done) return { text: `no match yet (reading ${progress.files}/${progress.total} files…)`, tone: 'muted' };
  return { text: 'no match', tone: 'muted' };
}

function statusFor(s: SearchState, progress: IndexProgress | null, promptOpen: boolean): string {
  const parts: string[] = [];
  // Hits stream in while the files are searched: say the list is still growing.
  if (s.running) parts.push('searching…');
  if (progress && !progress.done) parts.push(`reading ${progress.files}/${progress.total} files`);
  else if (progress) parts.push(`${progress.files} files`);
  if (progress?.notes.length) parts.push(progress.notes[progress.notes.length - 1]!);
  if (s.results.length) parts.push(`${s.list.cursor + 1}/${s.results.length}`);
  // In the prompt Enter and Esc are the prompt's own keys (input/key-router.ts), not keymap rows.
  parts.push(promptOpen ? 'Enter keep · Esc done' : IDLE_HINT);
  return parts.join(' · ');
}

export const sameCorpus = (a: Corpus, b: Corpus): boolean => a === b || (a.label === b.label && a.root === b.root && a.kind === b.kind);

export { initialSearchState };
