// Drives the audit and exposure panes the way the app does: commands through the command bus,
// prompt keys through bus.sendPrompt (queued until the prompt mounts).
import { render } from 'ink-testing-library';
import type { ReactElement } from 'react';
import { CommandBusProvider, useCommandBus, type Bus } from '../../../src/tui/command-bus.js';
import type { Tone } from '../../../src/tui/status.js';
import { settle, waitForFrame } from '../../helpers/ink.js';

function GrabBus({ into }: { into: { bus: Bus | null } }) {
  into.bus = useCommandBus();
  return null;
}

export interface PaneCallbacks {
  onStatus(msg: string, tone?: Tone): void;
  onBack(): void;
  onInputOpenChange(open: boolean): void;
}

export function mountPane(paneId: string, make: (cb: PaneCallbacks) => ReactElement) {
  const grabbed: { bus: Bus | null } = { bus: null };
  const status: { msg: string; tone: Tone | undefined }[] = [];
  const inputOpen: boolean[] = [];
  let backs = 0;
  const cb: PaneCallbacks = {
    onStatus: (msg, tone) => status.push({ msg, tone }),
    onBack: () => (backs += 1),
    onInputOpenChange: (open) => inputOpen.push(open),
  };
  const r = render(
    <CommandBusProvider>
      <GrabBus into={grabbed} />
      {make(cb)}
    </CommandBusProvider>,
  );
  return {
    ...r,
    status,
    inputOpen,
    backs: () => backs,
    async send(...commands: string[]) {
      for (const c of commands) {
        grabbed.bus?.dispatch(paneId, c as never);
        await settle();
      }
    },
    async type(text: string) {
      for (const ch of text) grabbed.bus?.sendPrompt({ type: 'text', text: ch });
      await waitForFrame(r.lastFrame, (f) => (f.split('\n').at(-1) ?? '').includes(`/${text}`), `prompt showing ${text}`);
    },
    async enter() {
      grabbed.bus?.sendPrompt({ type: 'submit' });
      await settle();
    },
  };
}
