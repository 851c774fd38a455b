// Drives a LogPane the way the app does: commands go through the command bus, text goes to the open prompt's stdin.
import { render } from 'ink-testing-library';
import type { LoadedOutput } from '../../../src/source/source.js';
import { CommandBusProvider, useCommandBus } from '../../../src/tui/command-bus.js';
import type { Command } from '../../../src/tui/keymap.js';
import { LogPane, type LogPaneProps } from '../../../src/tui/log/LogPane.js';
import type { OutputSource } from '../../../src/tui/log/use-log-output.js';
import { settle, waitForFrame } from '../../helpers/ink.js';

type Bus = ReturnType<typeof useCommandBus>;

function GrabBus({ into }: { into: { bus: Bus | null } }) {
  into.bus = useCommandBus();
  return null;
}

export function output(text: string, over: Partial<LoadedOutput> = {}): LoadedOutput {
  return { text, format: 'json', truncated: false, times: [], final: true, ...over };
}

/** A test double of the one source method the pane calls: outputs per node, or a function of the call count. */
export function stubSource(byNode: Record<number, LoadedOutput | ((call: number) => LoadedOutput | Promise<LoadedOutput>)>) {
  const calls: { job: number; step: number; node: number }[] = [];
  const source: OutputSource = {
    async stepOutput(job, step, node) {
      calls.push({ job, step, node });
      const o = byNode[node];
      if (o === undefined) throw new Error(`no output for node ${node}`);
      return typeof o === 'function' ? o(calls.filter((c) => c.node === node).length) : o;
    },
  };
  return { source, calls };
}

export function mountLogPane(props: Partial<LogPaneProps> & Pick<LogPaneProps, 'source'>) {
  const grabbed: { bus: Bus | null } = { bus: null };
  const status: string[] = [];
  const inputOpen: boolean[] = [];
  let backs = 0;
  const r = render(
    <CommandBusProvider>
      <GrabBus into={grabbed} />
      <LogPane
        jobNumber={42}
        step={103}
        stepName="Run tests"
        nodes={[0]}
        width={80}
        height={12}
        onStatus={(m) => status.push(m)}
        onBack={() => (backs += 1)}
        onInputOpenChange={(open) => inputOpen.push(open)}
        {...props}
      />
    </CommandBusProvider>,
  );
  return {
    ...r,
    status,
    inputOpen,
    backs: () => backs,
    /** Dispatch a command as the app would, then let React render and effects run. */
    async send(...commands: Command[]) {
      for (const c of commands) {
        grabbed.bus?.dispatch('log', c);
        await settle();
      }
    },
    /** Type into the open prompt as the app does: keys go through the bus (queued until the prompt mounts). */
    async type(text: string) {
      for (const ch of text) grabbed.bus?.sendPrompt({ type: 'text', text: ch });
      await waitForFrame(r.lastFrame, (f) => (f.split('\n').at(-1) ?? '').includes(`/${text}`), `prompt showing ${text}`);
    },
    /** Enter in the open prompt. */
    async enter() {
      grabbed.bus?.sendPrompt({ type: 'submit' });
      await settle();
    },
  };
}
