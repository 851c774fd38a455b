// Routes resolved commands to whichever pane is active. The app owns the only useInput (see
// use-app-input.ts); a pane registers its handler here and returns true when it used the command.
import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react';
import type { Command } from './keymap.js';

export type CommandHandler = (command: Command) => boolean;

interface Bus {
  register(paneId: string, handler: { current: CommandHandler }): () => void;
  dispatch(paneId: string, command: Command): boolean;
}

function createBus(): Bus {
  const handlers = new Map<string, { current: CommandHandler }>();
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
