// Level 1: pipelines of the project in the window, newest first; pages on as the user scrolls.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Pipeline, Workflow } from '../../api/types.js';
import { useLoadedCache } from '../hooks/use-load.js';
import type { PipelinePages } from '../state/loaded-cache.js';
import { ListPane } from '../list/ListPane.js';
import { pipelineCols } from './columns.js';
import { pipelineKey } from '../state/selection.js';
import type { PaneProps } from '../levels/pane-props.js';
import { listBindings } from './list-props.js';

/** Pages read looking for the pipeline a deep link went through before giving up on putting the cursor there. */
const MAX_SELECT_PAGES = 20;

export function PipelinesPane(p: PaneProps) {
  const cache = useLoadedCache();
  const [paged, setPaged] = useState<PipelinePages>(() => cache.pipelines().get() ?? { items: [], done: false, pager: null });
  const [outcomes, setOutcomes] = useState(() => new Map<string, Workflow[]>());
  const busy = useRef(false);
  const [error, setError] = useState<string | null>(null);
  const selectPages = useRef(0);

  const loadMore = useCallback(async (reset = false) => {
    if (busy.current) return;
    busy.current = true;
    try {
      const base: PipelinePages = reset ? { items: [], done: false, pager: null } : cache.pipelines().get() ?? paged;
      if (base.done) return;
      const pager = base.pager ?? p.source.pipelines(p.window);
      setError(null);
      p.status.push(base.items.length ? 'loading more pipelines…' : 'loading pipelines…');
      const page = await pager.next();
      // concat, not spread: a page is data and may be large enough to overflow the argument stack.
      const next: PipelinePages = { items: base.items.concat(page.items), done: page.done, pager };
      cache.pipelines().set(next);
      setPaged(next);
      const cut = p.source.takeWarnings();
      if (cut.length) for (const w of cut) p.status.push(w, 'warn');
      else p.status.push(`${next.items.length} pipelines${next.done ? '' : ' (more below)'}`, 'ok');
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      setError(msg);
      p.status.push(msg, 'error');
    } finally {
      busy.current = false;
    }
  }, [p.source, p.window, cache, paged]);

  useEffect(() => {
    if (!paged.pager && !paged.done) void loadMore();
  }, []);
  // A tall terminal shows more rows than one page: keep loading until the screen is full.
  useEffect(() => {
    if (paged.pager && !paged.done && paged.items.length < p.height) void loadMore();
  }, [paged.items.length, p.height]);

  // Back from a deep link or a jump: page on (a bounded number of pages) until the pipeline it went through is here.
  useEffect(() => {
    const want = p.view.select;
    if (!want || paged.done || !paged.pager || error) return;
    if (paged.items.some((x) => pipelineKey(x) === want)) return;
    if (selectPages.current++ >= MAX_SELECT_PAGES) return;
    void loadMore();
  }, [p.view.select, paged.items.length, paged.pager, error]);

  // Outcome comes from each pipeline's workflows: fetch them for pipelines we have not seen.
  useEffect(() => {
    let live = true;
    const todo = paged.items.filter((x) => !outcomes.has(x.id));
    if (todo.length === 0) return;
    void Promise.all(todo.map(async (x) => [x.id, await p.source.workflows(x.id).catch(() => [] as Workflow[])] as const)).then((pairs) => {
      if (!live) return;
      setOutcomes((prev) => {
        const m = new Map(prev);
        for (const [id, wfs] of pairs) {
          m.set(id, wfs);
          cache.workflows(id).set(wfs);
        }
        return m;
      });
    });
    return () => {
      live = false;
    };
  }, [paged.items]);

  return (
    <ListPane<Pipeline>
      {...listBindings(p)}
      paneId="pipelines"
      title={`Pipelines · ${p.source.label}`}
      items={paged.items}
      cols={pipelineCols(outcomes)}
      keyOf={pipelineKey}
      emptyText={paged.done ? 'no pipelines in this window' : error ? 'could not load the pipelines' : 'loading pipelines…'}
      error={error}
      onCursor={(i, item) => {
        if (!p.active) return;
        p.nav({ type: 'view', depth: p.depth, patch: { cursor: i } });
        p.onHighlight?.(item && { kind: 'pipeline', pipeline: item });
        if (!paged.done && i >= paged.items.length - 5) void loadMore();
      }}
      onOpen={(pipeline) => p.nav({ type: 'push', level: { kind: 'workflows', pipeline } })}
      onRefresh={() => {
        setOutcomes(new Map());
        void loadMore(true);
      }}
    />
  );
}
