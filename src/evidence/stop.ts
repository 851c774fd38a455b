// Stopping a download (Ctrl-C, SIGTERM, the TUI's quit) must not wait for the network: an API
// call in flight takes no signal, and an answer that stalls half sent would hold the stop for
// minutes, until a second Ctrl-C killed the process before it recorded itself. So the run stops
// waiting at once, abandons what is in flight (the session's close ends it) and records itself.

export const STOPPED: unique symbol = Symbol('stopped');

/** `work`, or STOPPED as soon as `signal` aborts (the work goes on, abandoned: its result and errors are dropped). */
export function unlessStopped<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T | typeof STOPPED> {
  if (!signal) return work;
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.resolve(STOPPED);
  }
  return new Promise<T | typeof STOPPED>((resolve, reject) => {
    const onAbort = (): void => {
      work.catch(() => undefined);
      resolve(STOPPED);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
