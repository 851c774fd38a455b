// Drives an RcaPane the way the app does: commands go through the command bus under the pane's id, and loads are
// cached per mount (a LoadedCache each, as App has one), so a second pane for the same job number reads its own source.
import { render } from 'ink-testing-library';
import { CommandBusProvider, useCommandBus } from '../../../src/tui/command-bus.js';
import { LoadedCacheContext } from '../../../src/tui/hooks/use-load.js';
import { LoadedCache } from '../../../src/tui/state/loaded-cache.js';
import type { Command } from '../../../src/tui/keymap.js';
import { RcaPane, type RcaPaneProps } from '../../../src/tui/rca/RcaPane.js';
import type { RcaCommand } from '../../../src/tui/rca/use-rca-input.js';
import { settle } from '../../helpers/ink.js';

type Bus = ReturnType<typeof useCommandBus>;

function GrabBus({ into }: { into: { bus: Bus | null } }) {
  into.bus = useCommandBus();
  return null;
}

export function mountRcaPane(props: Omit<RcaPaneProps, 'width' | 'height' | 'onStatus' | 'onBack'> & Partial<RcaPaneProps>) {
  const grabbed: { bus: Bus | null } = { bus: null };
  const status: { msg: string; tone: string }[] = [];
  let backs = 0;
  const r = render(
    <LoadedCacheContext.Provider value={new LoadedCache()}>
      <CommandBusProvider>
        <GrabBus into={grabbed} />
        <RcaPane width={100} height={30} onStatus={(msg, tone = 'info') => status.push({ msg, tone })} onBack={() => (backs += 1)} {...props} />
      </CommandBusProvider>
    </LoadedCacheContext.Provider>,
  );
  return {
    ...r,
    status,
    backs: () => backs,
    /** Dispatch commands as the app would, letting React render between them. */
    async send(...commands: (Command | RcaCommand)[]) {
      for (const c of commands) {
        grabbed.bus?.dispatch('rca', c as Command);
        await settle();
      }
    },
  };
}
