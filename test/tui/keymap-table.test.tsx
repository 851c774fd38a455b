// The keymap as a table (in the manner of gemini-cli's keyMatchers.test.ts): for every pane, no key is bound
// twice; every command a key reaches there is acted on, by the router, by the app, or by that pane's own
// handler map (each hook mounted or called as the app would, with test doubles); every hint the footer or a
// pane writes names a key that works there. Each check first proves on a broken case that it would fail.
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import type { ReactElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { CommandBusProvider, useCommandBus, type Bus } from '../../src/tui/command-bus.js';
import { HelpOverlay } from '../../src/tui/components/HelpOverlay.js';
import { MessageHistory } from '../../src/tui/components/MessageHistory.js';
import { useScroll } from '../../src/tui/components/use-scroll.js';
import { handlerOf } from '../../src/tui/input/pane-commands.js';
import {
  APP_COMMANDS, bindingsFor, footerHints, KEYMAP, keyHint, keyHints, OPTIONAL_PANE_COMMANDS, PANE_KINDS, paneCommands, resolveKey, ROUTER_COMMANDS,
  type Binding, type Command, type PaneKind,
} from '../../src/tui/keymap.js';
import { listHandlers } from '../../src/tui/list/use-list-input.js';
import { initialLogState } from '../../src/tui/log/use-log-state.js';
import { useLogInput } from '../../src/tui/log/use-log-input.js';
import { rcaHandlers } from '../../src/tui/rca/use-rca-input.js';
import { findingsHandlers } from '../../src/tui/scan/use-findings-input.js';
import { initialSearchState } from '../../src/tui/search/use-search-state.js';
import { searchHandlers } from '../../src/tui/search/use-search-input.js';
import { AuditPane } from '../../src/tui/audit/AuditPane.js';
import { ExposurePane } from '../../src/tui/exposure/ExposurePane.js';
import { CommandPane } from '../../src/tui/ci-lists/CommandPane.js';
import { StatusFeed } from '../../src/tui/status.js';
import type { Job } from '../../src/api/types.js';
import type { StepSummary } from '../../src/api/step-summary.js';
import type { InvestigationSource } from '../../src/source/source.js';
import { waitForFrame } from '../helpers/ink.js';

const noop = () => {};
const never = () => new Promise<never>(noop);
const mounted: { unmount(): void }[] = [];
afterEach(() => {
  for (const m of mounted.splice(0)) m.unmount();
});

/** Duplicated keys of a table in one pane: `key → commands` for each key bound more than once. */
function doubles(rows: readonly Binding[]): string[] {
  const byKey = new Map<string, Command[]>();
  for (const b of rows) for (const k of b.keys) byKey.set(k, [...(byKey.get(k) ?? []), b.command]);
  return [...byKey].filter(([, cs]) => cs.length > 1).map(([k, cs]) => `${k} → ${cs.join(', ')}`);
}

describe('the keymap table', () => {
  it('a key twice in one pane would be seen', () => {
    const broken: Binding[] = [...bindingsFor('log'), { keys: ['n'], command: 'search.mode', panes: ['log'], help: 'x' }];
    expect(doubles(broken)).toEqual(['n → log.next, search.mode']);
  });

  it.each(PANE_KINDS)('%s: no key is bound twice', (pane) => {
    expect(doubles(bindingsFor(pane))).toEqual([]);
  });

  it('every command has a key, except cursor.line (the router sends it with a count)', () => {
    const bound = new Set<Command>(KEYMAP.map((b) => b.command));
    const all: Command[] = [...new Set([...bound, ...ROUTER_COMMANDS, ...APP_COMMANDS, ...OPTIONAL_PANE_COMMANDS])];
    expect(all.filter((c) => !bound.has(c))).toEqual(['cursor.line']);
  });

  it('every key resolves, in each pane it is bound in, to its own command', () => {
    for (const pane of PANE_KINDS) {
      for (const b of bindingsFor(pane)) for (const k of b.keys) expect(resolveKey(pane, k), `${pane}: ${k}`).toBe(b.command);
    }
  });
});

/** The handler each pane registers, as the bus calls it. */
type Handle = (command: Command) => boolean;

function grabBus(into: { bus: Bus | null }) {
  return function Grab() {
    into.bus = useCommandBus();
    return null;
  };
}

/** Mounts `ui` in a command bus and returns how the bus would call the handler registered under `paneId`. */
async function mounted_(paneId: string, ui: ReactElement, ready: (frame: string) => boolean): Promise<Handle> {
  const grabbed: { bus: Bus | null } = { bus: null };
  const Grab = grabBus(grabbed);
  const r = render(
    <CommandBusProvider>
      <Grab />
      {ui}
    </CommandBusProvider>,
  );
  mounted.push(r);
  // Drawn means committed: the handler is registered in a layout effect of that commit.
  await waitForFrame(r.lastFrame, ready, `${paneId} drawn`);
  return (command) => grabbed.bus!.dispatch(paneId, command);
}

function LogProbe() {
  useLogInput('log', {
    state: initialLogState(0),
    dispatch: noop,
    buffer: null,
    view: { top: 0, maxTop: 50, lines: 10 },
    nodes: [0],
    final: false,
    hasTimes: true,
    onBack: noop,
    reload: noop,
    reportInputOpen: noop,
  });
  return null;
}

function ScrollProbe({ pane }: { pane: PaneKind }) {
  useScroll(pane, 100, 10);
  return null;
}

const job = { job_number: 5015, name: 'test' } as Job;
const step = { step: 104, name: 'deploy', nodes: 1 } as StepSummary;
const neverSource = { build: never } as unknown as InvestigationSource;

/** Every pane's handler, with test doubles for what it calls: the pure maps called, the hooks mounted. */
const HANDLERS: Record<PaneKind, () => Promise<Handle>> = {
  pipelines: async () => handlerOf(listHandlers(noop, { open: noop, back: noop, filter: noop, refresh: noop, other: (c) => c === 'jump' }, { count: 10, height: 5 })),
  workflows: async () => HANDLERS.pipelines(),
  jobs: async () => HANDLERS.pipelines(),
  steps: async () => HANDLERS.pipelines(),
  log: () => mounted_('log', <><LogProbe /><Text>log probe</Text></>, (f) => f.includes('log probe')),
  rca: async () => handlerOf(rcaHandlers({ state: { phase: { kind: 'idle' } } as never, dispatch: noop, rows: 40, visible: 10, onBack: noop, reload: noop, startSend: noop, confirm: noop, cancel: noop })),
  help: () => mounted_('help', <HelpOverlay pane="jobs" width={80} height={10} />, (f) => f.includes('Keys (jobs)')),
  messages: () => mounted_('messages', <MessageHistory feed={new StatusFeed()} width={80} height={10} />, (f) => f.includes('Messages')),
  audit: () => mounted_('audit', <AuditPane files={[]} width={80} height={12} onStatus={noop} onBack={noop} />, (f) => f.includes('Audit log')),
  exposure: () => mounted_('exposure', <ExposurePane api={null} project={null} window={{}} scope={{ kind: 'window' }} auditFiles={[]} width={80} height={12} onStatus={noop} onBack={noop} />, (f) => f.includes('Exposure')),
  search: async () => handlerOf(searchHandlers({ state: initialSearchState(), dispatch: noop, promptOpen: false, openPrompt: noop, openHit: noop, reindex: noop, onBack: noop })),
  findings: async () => handlerOf(findingsHandlers({ state: { list: { cursor: 0, top: 0, count: 0, height: 1 }, reveal: false, showInfo: false }, dispatch: noop, open: noop, rescan: noop, onBack: noop })),
  command: () => mounted_('command', <CommandPane source={neverSource} job={job} step={step} node={0} width={80} height={10} nav={noop} status={new StatusFeed()} />, (f) => f.includes('Command of deploy')),
};

describe("every command bound in a pane is acted on there", () => {
  it('the router and the app take quit, help and the commands that open a level; panes take the rest', () => {
    for (const pane of PANE_KINDS) {
      for (const c of paneCommands(pane)) expect([...ROUTER_COMMANDS, ...APP_COMMANDS, ...OPTIONAL_PANE_COMMANDS] as Command[], `${pane}: ${c}`).not.toContain(c);
    }
  });

  it('a command left out of a handler map would be seen', async () => {
    const rca = await HANDLERS.rca();
    expect(rca('rca.send')).toBe(true);
    // The same map without it: the bus says it was not used.
    const { 'rca.send': _dropped, ...rest } = rcaHandlers({ state: { phase: { kind: 'idle' } } as never, dispatch: noop, rows: 40, visible: 10, onBack: noop, reload: noop, startSend: noop, confirm: noop, cancel: noop });
    expect(handlerOf(rest)('rca.send')).toBe(false);
    // And a command bound elsewhere is not taken here.
    expect(rca('search.mode')).toBe(false);
  });

  it.each(PANE_KINDS)('%s: its handler takes every command bound there that is the pane\'s', async (pane) => {
    const handle = await HANDLERS[pane]();
    const unbound = (KEYMAP.map((b) => b.command) as Command[]).find((c) => !bindingsFor(pane).some((b) => b.command === c) && c !== 'quit' && c !== 'help')!;
    expect(handle(unbound), `${pane} takes ${unbound}, which is not bound there`).toBe(false);
    const missing = paneCommands(pane).filter((c) => !handle(c));
    expect(missing, `${pane} does not act on`).toEqual([]);
  });
});

describe('every hint names a key that works there', () => {
  it('an unbound command in a hint would be seen', () => {
    expect(() => keyHint('log', 'search.mode')).toThrow(/no key for search.mode in the log pane/);
  });

  it.each(PANE_KINDS)('%s: each footer hint is a key bound in the pane, with the first word of its help', (pane) => {
    for (const part of footerHints(pane, 1000).split(' · ')) {
      const [key, word] = [part.slice(0, part.indexOf(' ')), part.slice(part.indexOf(' ') + 1)];
      const command = resolveKey(pane, key);
      expect(command, `${pane}: "${part}"`).not.toBeNull();
      expect(bindingsFor(pane).find((b) => b.command === command && b.keys[0] === key)?.help.startsWith(word), `${pane}: "${part}"`).toBe(true);
    }
  });

  it('in-pane hints are the keymap\'s keys (spelled as before)', () => {
    expect(keyHints('search', ['open', 'search.edit', 'search.mode', 'back'])).toBe('Enter open · / edit · m mode · Esc back');
    expect(keyHints('audit', [['audit.marked', 'marked only'], 'filter', ['open', 'details']])).toBe('m marked only · / filter · Enter details');
    expect(keyHints('rca', [['rca.send', 'send to Exlogare (asks first)'], [['cursor.down', 'cursor.up'], 'scroll'], ['refresh', 'reload'], 'back'])).toBe(
      'S send to Exlogare (asks first) · j/k scroll · r reload · Esc back',
    );
  });
});
