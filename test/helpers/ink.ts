// Driving Ink views in tests: wait for handlers to attach, write a key, wait for the frame to change.
// (ink-notes §7: useInput subscribes in an effect and re-subscribes after every render.)

export const tick = (ms = 15) => new Promise((r) => setTimeout(r, ms));

export const KEYS = {
  up: '\x1b[A', down: '\x1b[B', right: '\x1b[C', left: '\x1b[D',
  enter: '\r', esc: '\x1b', backspace: '\x7f', pageDown: '\x1b[6~', pageUp: '\x1b[5~',
  ctrlD: '\x04', ctrlU: '\x15',
} as const;

/**
 * Polls the last frame until `test` holds. The ceiling only fails a test that would hang: the wait ends at the first
 * frame that passes, and a busy 2-core machine can take seconds to load and draw (vitest.config.ts gives tests more).
 */
export async function waitForFrame(lastFrame: () => string | undefined, test: (f: string) => boolean, what = 'frame', timeoutMs = 30_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  let f = '';
  while (Date.now() < until) {
    f = lastFrame() ?? '';
    if (test(f)) return f;
    await tick(10);
  }
  throw new Error(`timed out waiting for ${what}; last frame:\n${f}`);
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * After a key: let React render it and re-subscribe the input handlers. Ink's legacy root flushes passive effects
 * (where useInput subscribes) on the scheduler's next setImmediate. The pause alone is not enough on a busy machine:
 * when rendering takes longer than the pause, the timer fires first and the next key would meet the old handler. So the
 * pause is followed by event-loop turns, which come after React's pending work whatever the machine's speed.
 */
export async function settle(ms = 25): Promise<void> {
  await tick(ms);
  for (let i = 0; i < 5; i++) await turn();
}

/** Write keys one at a time with a pause between, as a person would. */
export async function press(stdin: { write(s: string): void }, ...keys: string[]): Promise<void> {
  for (const k of keys) {
    stdin.write(k);
    // A lone Esc is flushed on the next setImmediate; give React a turn to re-subscribe handlers.
    await settle(k === '\x1b' ? 40 : 25);
  }
}
