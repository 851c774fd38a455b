// A pane's command handler as a map from command to action, typed by the keymap table: the map of pane P must
// have an entry for every command bound in P that is the pane's to act on (keymap.ts PaneCommand<P>), and may
// have none for a command bound elsewhere. TypeScript sees a missing one; test/tui/keymap-table.test.tsx
// mounts every pane's input hook and sees it too.
import { useCommandHandler, type HandlerOptions } from '../command-bus.js';
import type { Command, OptionalPaneCommand, PaneCommand, PaneKind } from '../keymap.js';

/** Acts on the command. Only a literal `false` says it was not used here (the router then falls back): an action
 * that returns what a callback returned (void) counts as used. */
export type CommandAction = (count?: number) => boolean | void;

export type PaneHandlers<P extends PaneKind> = { [C in PaneCommand<P>]: CommandAction } & { [C in OptionalPaneCommand]?: CommandAction };

/** The bus handler for a map: the command's action, false for a command the map does not take. */
export function handlerOf(handlers: Partial<Record<Command, CommandAction>>): (command: Command, count?: number) => boolean {
  return (command, count) => {
    const act = handlers[command];
    return act ? act(count) !== false : false;
  };
}

/** Registers pane P's handler map on the command bus under `paneId` (the latest map is always the one used); `kind` names
 * the pane whose keymap rows type the map (a map shared by several panes names one of them and is typed by all). */
export function usePaneCommands<P extends PaneKind>(paneId: string, _kind: P, handlers: PaneHandlers<P>, options?: HandlerOptions): void {
  useCommandHandler(paneId, handlerOf(handlers as Partial<Record<Command, CommandAction>>), options);
}
