// Ink's stdin event stream, not useInput: Ink 6.8's useInput hands a read of several keys ("jjj", "/abc\r") as one string and ESC+letter as one meta key, so this listens to Ink's stdin event stream (every byte, in order) and splits it itself (tokenize.ts).
//
// The app's and the audit shell's only key reader. Keys are routed one at a time (key-router.ts); a key
// that may change what the next one meets waits for React to commit it first (bus.settled()): a `j`
// after a `/` goes to the prompt the `/` opened, a `j` after Enter moves in the pane Enter opened, and
// `5j` in the log moves from the view each step left. Text for a prompt and cursor keys for a pane whose
// motions compose go straight on, so a burst of `j`s is one render, not twenty.
import { useApp, useStdin } from 'ink';
import { useEffect, useRef, useState } from 'react';
import { useCommandBus } from '../command-bus.js';
import { KeyRouter, type RouteContext } from './key-router.js';
import { KeyTokenizer, type InputToken } from './tokenize.js';

/** How long the rest of a cut escape sequence may take to arrive before the bytes count as typed. */
export const SEQUENCE_HOLD_MS = 100;
/** A paste whose end marker never comes is delivered after this long without more bytes. */
export const PASTE_HOLD_MS = 1000;

export type InputRoute = Omit<RouteContext, 'quit'>;

/** Routes every key; returns the count being typed (`5` of `5j`), to show while it is typed. */
export function useInputRouter(route: InputRoute): string {
  const { exit } = useApp();
  const { internal_eventEmitter: events, setRawMode, isRawModeSupported } = useStdin();
  const bus = useCommandBus();
  const [count, setCount] = useState('');
  const router = useRef<KeyRouter | null>(null);
  router.current ??= new KeyRouter(bus, setCount);
  // Kept current during render: the pump reads it after each commit.
  const ctx = useRef<RouteContext | null>(null);
  ctx.current = { ...route, quit: () => exit() };

  useEffect(() => {
    if (isRawModeSupported) setRawMode(true);
    return () => {
      if (isRawModeSupported) setRawMode(false);
    };
  }, [isRawModeSupported, setRawMode]);

  useEffect(() => {
    const tokenizer = new KeyTokenizer();
    const r = router.current!;
    const queue: InputToken[] = [];
    let pumping = false;
    let live = true;
    const pump = async () => {
      if (pumping) return;
      pumping = true;
      try {
        while (live && (r.busy || queue.length > 0)) {
          const stepping = r.busy;
          const after = stepping ? r.step(ctx.current!) : r.route(queue[0]!, ctx.current!);
          if (!stepping && after !== 'wait') queue.shift();
          if (after === 'continue') continue;
          await bus.settled();
          r.committed();
        }
      } finally {
        pumping = false;
      }
    };
    const take = (tokens: InputToken[]) => {
      // Esc while a long count is still moving stops it there (and does nothing else).
      const esc = tokens.findIndex((t) => t.kind === 'key' && t.name === 'Esc');
      if (r.busy && esc !== -1) {
        r.cancelSteps();
        tokens.splice(esc, 1);
      }
      queue.push(...tokens);
      void pump();
    };

    let timer: NodeJS.Timeout | NodeJS.Immediate | null = null;
    const stop = () => {
      if (timer === null) return;
      clearTimeout(timer as NodeJS.Timeout);
      clearImmediate(timer as NodeJS.Immediate);
      timer = null;
    };
    // What a read left unfinished waits for the next read: a lone ESC one tick (then it is Esc), part
    // of a sequence briefly, a paste until its end marker or a second without bytes.
    const hold = () => {
      const pending = tokenizer.pending;
      if (pending === 'none') return;
      const flush = () => {
        timer = null;
        take(tokenizer.flush());
      };
      if (pending === 'escape') timer = setImmediate(flush);
      else timer = setTimeout(flush, pending === 'paste' ? PASTE_HOLD_MS : SEQUENCE_HOLD_MS);
    };
    const onInput = (data: string) => {
      stop();
      take(tokenizer.push(data));
      hold();
    };
    events.on('input', onInput);
    return () => {
      live = false;
      stop();
      events.off('input', onInput);
    };
  }, [events, bus]);

  return count;
}
