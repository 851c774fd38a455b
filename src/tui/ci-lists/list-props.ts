// What the four CircleCI list panes share: their props from the level's remembered view, `:` jumps, and how a load's
// warnings and errors reach the status line.
import type { InvestigationSource } from '../../source/source.js';
import type { PaneProps } from '../levels/pane-props.js';
import { parseJump, resolveJump } from '../state/jump.js';

/** List-pane props that only depend on the level's remembered view and the nav dispatch. */
export function listBindings(p: PaneProps) {
  return {
    width: p.width,
    height: p.height,
    active: p.active,
    initialCursor: p.view.cursor,
    filter: p.view.filter,
    filterOpen: p.active && p.inputOpen,
    onFilterChange: (filter: string) => p.nav({ type: 'view', depth: p.depth, patch: { filter } }),
    onFilterOpen: (open: boolean) => p.nav({ type: 'input', open }),
    onBack: () => p.nav({ type: 'pop' }),
    select: p.view.select,
    onSelected: () => p.nav({ type: 'view', depth: p.depth, patch: { select: undefined } }),
    onJump: (text: string) => void jump(p, text),
  };
}

/** `:` submitted: resolve the number, then open it (the status line says where, or why not). */
async function jump(p: PaneProps, text: string): Promise<void> {
  const target = parseJump(text);
  if ('why' in target) return p.status.push(target.why, 'warn');
  p.status.push(`looking for ${text.trim()}…`);
  const r = await resolveJump(p.source, target);
  if ('why' in r) return p.status.push(r.why, 'warn');
  // No "went to" line: the app clears the status line when the level changes; the breadcrumb says where.
  p.nav({ type: 'reset', stack: r.stack });
}

/** A pane's load through the source, then any list the source cut short said on the status line. */
export function loadWarned<T>(p: PaneProps, load: (source: InvestigationSource) => Promise<T>): () => Promise<T> {
  return async () => {
    const v = await load(p.source);
    for (const w of p.source.takeWarnings()) p.status.push(w, 'warn');
    return v;
  };
}

/** The error to show in the pane: the last load's, while no new load is running. */
export function loadError(error: string | null | undefined, loading: boolean): string | null {
  return error && !loading ? error : null;
}
