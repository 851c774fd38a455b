// Routes resolved commands to whichever pane is active. The app owns the only useInput (see
// use-app-input.ts); a pane registers its handler here and returns true when it used the command.
// Prompt keys travel the same way: the app sends them to the open prompt, and keys typed before
// the prompt has mounted (fast typing, a slow render) wait in a queue instead of being lost.
import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react';
import type { Command } from './keymap.js';

export type CommandHandler = (command: Command) => boolean;
export type PromptEvent = { type: 'text'; text: string } | { type: 'backspace' } | { type: 'submit' };
export type PromptHandler = (e: PromptEvent) => void;

export interface Bus {
  register(paneId: string, handler: { current: CommandHandler }): () => void;
  dispatch(paneId: string, command: Command): boolean;
  setPrompt(handler: PromptHandler | null): void;
  sendPrompt(e: PromptEvent): void;
  clearPrompt(): void;
}

export function createBus(): Bus {
  const handlers = new Map<string, { current: CommandHandler }>();
  let prompt: PromptHandler | null = null;
  let queue: PromptEvent[] = [];
  return {
    register(paneId, handler) {
      handlers.set(paneId, handler);
      return () => {
        if (handlers.get(paneId) === handler) handlers.delete(paneId);
      };
    },
    dispatch(paneId, command) {
      return handlers.get(paneId)?.current(command) ?? false;
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
  };
}

const BusContext = createContext<Bus | null>(null);

export function CommandBusProvider({ children, bus }: { children: ReactNode; bus?: Bus }) {
  const ref = useRef<Bus>(bus ?? createBus());
  return <BusContext.Provider value={ref.current}>{children}</BusContext.Provider>;
}

export function useCommandBus(): Bus {
  const bus = useContext(BusContext);
  if (!bus) throw new Error('useCommandBus outside CommandBusProvider');
  return bus;
}

/** Register this pane's command handler; the latest closure is always the one called. */
export function useCommandHandler(paneId: string, handler: CommandHandler): void {
  const bus = useCommandBus();
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => bus.register(paneId, ref), [bus, paneId]);
}
