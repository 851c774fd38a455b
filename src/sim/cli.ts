import { SIM_PROJECT, startSimulator, type SimHandle, type SimOptions } from './index.js';

// `sleuth sim`: run the simulator in the foreground until SIGINT/SIGTERM.

export interface SimCommandOptions extends SimOptions {
  /** Where the two banner lines go (default process.stdout). */
  out?: { write(s: string): unknown };
  /** Called with 0 after a signal closed the servers (default process.exit). */
  exit?: (code: number) => void;
}

export interface RunningSim extends SimHandle {
  /** Settles once the servers are closed (by a signal or by close()). */
  closed: Promise<void>;
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

export async function runSimCommand(opts: SimCommandOptions = {}): Promise<RunningSim> {
  const { out = process.stdout, exit = (code: number) => process.exit(code), ...simOptions } = opts;
  const handle = await startSimulator(simOptions);
  out.write(`CircleCI simulator listening on ${handle.apiUrl}\n`);
  out.write(`CIRCLE_HOST=${handle.apiUrl} CIRCLE_TOKEN=anything sleuth pipelines --project ${SIM_PROJECT}\n`);

  let markClosed: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => {
    markClosed = resolve;
  });
  const close = async (): Promise<void> => {
    for (const s of SIGNALS) process.off(s, onSignal);
    await handle.close();
    markClosed();
  };
  const onSignal = (): void => {
    void close().then(() => exit(0));
  };
  for (const s of SIGNALS) process.once(s, onSignal);
  return { ...handle, close, closed, requests: handle.requests, options: handle.options };
}
