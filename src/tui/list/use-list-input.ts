// List commands → list actions. Registered on the command bus under the pane's id; the map is typed by the keymap
// table (the commands bound in the four list panes).
import type { Dispatch } from 'react';
import { usePaneCommands, type PaneHandlers } from '../input/pane-commands.js';
import type { Command } from '../keymap.js';
import { listMotion, motionHandlers } from './motion.js';
import type { ListAction } from './use-list-state.js';

export interface ListInputHandlers {
  open(): void;
  back(): void;
  filter(): void;
  refresh(): void;
  /** Any other command the pane takes (`:` jump, …); true when used. */
  other?(command: Command): boolean;
}

/** The four CircleCI list levels share this handler. */
export type ListPaneKind = 'pipelines' | 'workflows' | 'jobs' | 'steps';

/**
 * `size` is the list as rendered now: it is sent ahead of every move, because a key can arrive
 * after a render but before the effect that would have told the reducer how long the list is.
 * The reducer moves from its own state, not the rendered one, so a burst of cursor keys needs no render
 * between them (`motionsCompose`).
 */
export function listHandlers(dispatch: Dispatch<ListAction>, h: ListInputHandlers, size: { count: number; height: number }): PaneHandlers<ListPaneKind> {
  const sized = (action: ListAction) => {
    dispatch({ type: 'resize', ...size });
    dispatch(action);
  };
  return {
    ...motionHandlers((c) => sized(listMotion(c)!)),
    // `10G`: row 10 (the input router sends the count).
    'cursor.line': (count) => sized({ type: 'to', index: Math.max(0, (count ?? 1) - 1) }),
    open: () => h.open(),
    back: () => h.back(),
    filter: () => h.filter(),
    refresh: () => h.refresh(),
    jump: () => h.other?.('jump') ?? false,
  };
}

export function useListInput(paneId: string, dispatch: Dispatch<ListAction>, h: ListInputHandlers, size: { count: number; height: number }): void {
  usePaneCommands<ListPaneKind>(paneId, 'pipelines', listHandlers(dispatch, h, size), { motionsCompose: true });
}
