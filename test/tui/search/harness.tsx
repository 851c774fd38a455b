// Drives the search and findings panes the way the app does: commands through the command bus, typed text to the
// open prompt through the bus, the app's prompt state (inputOpen) held here.
import { render } from 'ink-testing-library';
import { useState } from 'react';
import type { Finding } from '../../../src/scan/scan-corpus.js';
import type { Corpus } from '../../../src/search/corpus.js';
import type { SearchHit } from '../../../src/search/types.js';
import { CommandBusProvider, useCommandBus, type Bus } from '../../../src/tui/command-bus.js';
import { LoadedCacheContext } from '../../../src/tui/hooks/use-load.js';
import { LoadedCache } from '../../../src/tui/state/loaded-cache.js';
import type { Command } from '../../../src/tui/keymap.js';
import { FindingsPane } from '../../../src/tui/scan/FindingsPane.js';
import { SearchPane } from '../../../src/tui/search/SearchPane.js';
import { settle, waitForFrame } from '../../helpers/ink.js';

function GrabBus({ into }: { into: { bus: Bus | null } }) {
  into.bus = useCommandBus();
  return null;
}

export interface Recorded {
  opened: SearchHit[];
  found: { finding: Finding; revealed: boolean }[];
  backs: number;
  status: string[];
  inputOpen: boolean[];
}

export function mountSearch(corpus: Corpus | null, opts: { cache?: LoadedCache; height?: number; width?: number } = {}) {
  const grabbed: { bus: Bus | null } = { bus: null };
  const rec: Recorded = { opened: [], found: [], backs: 0, status: [], inputOpen: [] };
  const cache = opts.cache ?? new LoadedCache();
  function Host() {
    const [open, setOpen] = useState(true);
    return (
      <SearchPane
        corpus={corpus}
        width={opts.width ?? 100}
        height={opts.height ?? 12}
        active
        inputOpen={open}
        debounceMs={0}
        onInputOpenChange={(o) => {
          rec.inputOpen.push(o);
          setOpen(o);
        }}
        onOpen={(h) => rec.opened.push(h)}
        onBack={() => (rec.backs += 1)}
        onStatus={(m) => rec.status.push(m)}
      />
    );
  }
  const r = render(
    <CommandBusProvider>
      <LoadedCacheContext.Provider value={cache}>
        <GrabBus into={grabbed} />
        <Host />
      </LoadedCacheContext.Provider>
    </CommandBusProvider>,
  );
  return { ...r, rec, cache, ...driver(grabbed, 'search', r.lastFrame) };
}

export function mountFindings(corpus: Corpus | null, opts: { height?: number; width?: number } = {}) {
  const grabbed: { bus: Bus | null } = { bus: null };
  const rec: Recorded = { opened: [], found: [], backs: 0, status: [], inputOpen: [] };
  const r = render(
    <CommandBusProvider>
      <LoadedCacheContext.Provider value={new LoadedCache()}>
        <GrabBus into={grabbed} />
        <FindingsPane
          corpus={corpus}
          width={opts.width ?? 110}
          height={opts.height ?? 12}
          active
          onOpen={(finding, revealed) => rec.found.push({ finding, revealed })}
          onBack={() => (rec.backs += 1)}
          onStatus={(m) => rec.status.push(m)}
        />
      </LoadedCacheContext.Provider>
    </CommandBusProvider>,
  );
  return { ...r, rec, ...driver(grabbed, 'findings', r.lastFrame) };
}

function driver(grabbed: { bus: Bus | null }, paneId: string, lastFrame: () => string | undefined) {
  return {
    async send(...commands: string[]) {
      for (const c of commands) {
        grabbed.bus?.dispatch(paneId, c as Command);
        await settle();
      }
    },
    async type(text: string) {
      for (const ch of text) grabbed.bus?.sendPrompt({ type: 'text', text: ch });
      await settle();
    },
    async enter() {
      grabbed.bus?.sendPrompt({ type: 'submit' });
      await settle();
    },
    frame: (test: (f: string) => boolean, what?: string) => waitForFrame(lastFrame, test, what),
  };
}

/** The frame with colour codes removed. */
export const plain = (f: string) => f.replace(/\x1b\[[0-9;:]*m/g, '');
