import type { Dispatch } from 'react';
import type { InvestigationSource, PipelineWindow } from '../../source/source.js';
import type { LevelView, NavAction } from '../state/nav.js';
import type { StatusFeed } from '../status.js';

/** What every level pane gets from the app. */
export interface PaneProps {
  source: InvestigationSource;
  window: PipelineWindow;
  view: LevelView;
  /** This level's index in the navigation stack. */
  depth: number;
  nav: Dispatch<NavAction>;
  status: StatusFeed;
  width: number;
  height: number;
  /** False when shown as the parent column in the wide layout. */
  active: boolean;
  inputOpen: boolean;
  /** The highlighted row, for the preview column of the wide layout. */
  onHighlight?: (item: unknown) => void;
}

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
  };
}

/** A pane's load through the source, then any list the source cut short said on the status line. */
export function loadWarned<T>(p: PaneProps, load: (source: InvestigationSource) => Promise<T>): () => Promise<T> {
  return async () => {
    const v = await load(p.source);
    for (const w of p.source.takeWarnings()) p.status.push(w, 'warn');
    return v;
  };
}
