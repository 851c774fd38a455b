// Full screen for `sleuth audit FILE`: alternate screen on, render the audit pane, and the terminal
// restored on every way out (q, Ctrl-C, SIGTERM/SIGHUP, an uncaught error). Same contract as
// run-tui.tsx, for a shell that has no project behind it.
import { render } from 'ink';
import { AuditApp } from './AuditApp.js';

const ENTER = '\x1b[?1049h\x1b[H\x1b[2J';
const LEAVE = '\x1b[?25h\x1b[?1049l';

export async function runAuditTui(opts: { files: string[]; initialQuery?: string }): Promise<number> {
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
    process.stderr.write(`sleuth: the TUI stopped on an unexpected error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  };
  process.once('exit', restore);
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);
  process.once('uncaughtException', onCrash);
  process.once('unhandledRejection', onCrash);
  out.write(ENTER);
  try {
    const app = render(<AuditApp files={opts.files} initialQuery={opts.initialQuery} />, { exitOnCtrlC: true, patchConsole: true });
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
