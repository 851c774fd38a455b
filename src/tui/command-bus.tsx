// Routes resolved commands to whichever pane is active. The input router (input/use-input-router.ts)
// is the only reader of keys; a pane registers its handler here and returns true when it used the command.
// Prompt keys travel the same way: the router sends them to the open prompt, and keys typed before
// the prompt has mounted wait in a queue instead of being lost.
// `settled()` is the router's barrier between two keys: it resolves once React has committed what the
// key before changed (a new pane, an open prompt, a moved view). Handlers and prompts register in
// layout effects, so by then they are in place for the next key.
import { createContext, useContext, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { Command } from './keymap.js';

/**
 * Returns true when the pane used the command. `count` comes only with 'cursor.line' (`10G`: line 10);
 * a pane that does not know lines returns false for it and the router goes there step by step.
 */
export type CommandHandler = (command: Command, count?: number) => boolean;
export type PromptEvent =
  | { type: 'text'; text: string }
  /** Bracketed paste: kept literally, controls included (shown through the display gate, never acted on). */
  | { type: 'paste'; text: string }
  | { type: 'backspace' }
  /** Ctrl-U: everything before the cursor (the prompt's end). */
  | { type: 'clear' }
  /** Ctrl-W: the word before the cursor, and the spaces after it. */
  | { type: 'deleteWord' }
  | { type: 'submit' };
export type PromptHandler = (e: PromptEvent) => void;

export interface HandlerOptions {
  /**
   * Its cursor commands (cursor.*, page.*, halfpage.*) move from where the last one left, even before the
   * pane renders again (the position lives in a reducer or a ref, not in the rendered view): the router
   * then sends a burst of them without waiting for a commit after each.
   */
  motionsCompose?: boolean;
}

export interface Bus {
  register(paneId: string, handler: { current: CommandHandler }, options?: HandlerOptions): () => void;
  /** Whether the pane's handler said its cursor commands compose (see HandlerOptions). */
  motionsCompose(paneId: string): boolean;
  dispatch(paneId: string, command: Command, count?: number): boolean;
  setPrompt(handler: PromptHandler | null): void;
  sendPrompt(e: PromptEvent): void;
  clearPrompt(): void;
  /** Resolves once React has committed (and run the effects of) what was changed before the call; at once without a provider. */
  settled(): Promise<void>;
  /** The provider's hook into `settled`: asks for a render, whose commit resolves the waiters. */
  attachSettle(request: (() => void) | null): void;
  /** The provider committed: every waiter that asked before it is served. */
  committed(): void;
}

export function createBus(): Bus {
  const handlers = new Map<string, { current: CommandHandler }>();
  const composing = new Set<{ current: CommandHandler }>();
  let prompt: PromptHandler | null = null;
  let queue: PromptEvent[] = [];
  let requestRender: (() => void) | null = null;
  let waiters: (() => void)[] = [];
  return {
    register(paneId, handler, options = {}) {
      handlers.set(paneId, handler);
      if (options.motionsCompose) composing.add(handler);
      return () => {
        composing.delete(handler);
        if (handlers.get(paneId) === handler) handlers.delete(paneId);
      };
    },
    motionsCompose(paneId) {
      const handler = handlers.get(paneId);
      return handler !== undefined && composing.has(handler);
    },
    dispatch(paneId, command, count) {
      const handler = handlers.get(paneId);
      if (!handler) return false;
      return count === undefined ? handler.current(command) : handler.current(command, count);
    },
    setPrompt(handler) {
      prompt = handler;
      if (!handler) return;
      const pending = queue;
      queue = [];
      for (const e of pending) handler(e);
    },
    sendPrompt(e) {
      if (prompt) prompt(e);
      else queue.push(e);
    },
    clearPrompt() {
      queue = [];
    },
    async settled() {
      // Twice: the effects of the first commit may queue updates of their own (the highlighted row the
      // app keeps for `d`), which the second commit takes in.
      for (let round = 0; round < 2 && requestRender; round++) {
        const done = new Promise<void>((resolve) => waiters.push(resolve));
        requestRender();
        await done;
      }
    },
    attachSettle(request) {
      requestRender = request;
      if (request) return;
      // Unmounted: nothing will commit again; let whoever waits go on.
      for (const w of waiters.splice(0)) w();
    },
    committed() {
      for (const w of waiters.splice(0)) w();
    },
  };
}

/**
 * Renders nothing; a state update here is queued with the same priority as the panes' own updates, so
 * React commits them together. Its effect runs after that commit's layout effects (handlers, prompts)
 * and, as the provider's last child, after the effects of everything above it.
 */
function SettleProbe({ bus }: { bus: Bus }) {
  const [, setTick] = useState(0);
  useLayoutEffect(() => {
    bus.attachSettle(() => setTick((n) => n + 1));
    return () => bus.attachSettle(null);
  }, [bus]);
  useEffect(() => bus.committed());
  return null;
}

const BusContext = createContext<Bus | null>(null);

export function CommandBusProvider({ children, bus }: { children: ReactNode; bus?: Bus }) {
  const ref = useRef<Bus>(bus ?? createBus());
  return (
    <BusContext.Provider value={ref.current}>
      {children}
      <SettleProbe bus={ref.current} />
    </BusContext.Provider>
  );
}

export function useCommandBus(): Bus {
  const bus = useContext(BusContext);
  if (!bus) throw new Error('useCommandBus outside CommandBusProvider');
  return bus;
}

/** Register this pane's command handler; the latest closure is always the one called. */
export function useCommandHandler(paneId: string, handler: CommandHandler, options: HandlerOptions = {}): void {
  const bus = useCommandBus();
  const ref = useRef(handler);
  ref.current = handler;
  const compose = options.motionsCompose === true;
  useLayoutEffect(() => bus.register(paneId, ref, { motionsCompose: compose }), [bus, paneId, compose]);
}
