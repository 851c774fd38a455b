// What the app gives every level's pane (levels/registry.tsx renders them): one props shape for the CI lists, the
// log, audit, exposure, search and the rest.
import type { Dispatch } from 'react';
import type { InvestigationSource, PipelineWindow } from '../../source/source.js';
import type { LevelView, NavAction } from '../state/nav.js';
import type { Selection } from '../state/selection.js';
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
  /** The highlighted row (undefined: an empty list): what `d`, `x`, `y`, `c`, `R` and the preview act on. */
  onHighlight?: (selection: Selection | undefined) => void;
}
