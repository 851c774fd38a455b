// Runs an Ink app on the alternate screen and restores the terminal on every way out
// (q, Ctrl-C, SIGTERM/SIGHUP, an uncaught error). Shared by the main TUI and `sleuth audit FILE`.
import { render } from 'ink';
import type { ReactElement } from 'react';
import { redactRegistered } from '../api/redact.js';
import { screenText } from '../text/display.js';

// Bracketed paste on (?2004h): a paste arrives marked, and the input router types it into a prompt literally
// instead of acting on its newlines and letters (input/tokenize.ts).
const ENTER = '\x1b[?1049h\x1b[?2004h\x1b[H\x1b[2J';
const LEAVE = '\x1b[?2004l\x1b[?25h\x1b[?1049l';

export async function runFullScreen(element: ReactElement): Promise<number> {
  const out = process.stdout;
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    out.write(LEAVE);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    restore();
    process.exit(signal === 'SIGTERM' ? 143 : 129);
  };
  const onCrash = (e: unknown) => {
    restore();
    // The message may quote data or a credential: scrubbed first, then one visible line.
    const message = redactRegistered(e instanceof Error ? e.message : String(e));
    process.stderr.write(`sleuth: the TUI stopped on an unexpected error: ${screenText(message)}\n`);
    process.exit(1);
  };
  process.once('exit', restore);
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);
  process.once('uncaughtException', onCrash);
  process.once('unhandledRejection', onCrash);
  out.write(ENTER);
  try {
    const app = render(element, { exitOnCtrlC: true, patchConsole: true });
    await app.waitUntilExit();
    return 0;
  } finally {
    restore();
    process.off('exit', restore);
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
  }
}
