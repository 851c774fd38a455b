// Starts the full-screen TUI: alternate screen on, render, and the terminal restored on every
// way out (q, Ctrl-C, SIGTERM/SIGHUP, an uncaught error).
import { render } from 'ink';
import type { InvestigationSource, PipelineWindow } from '../source/source.js';
import { App } from './App.js';
import type { Level } from './state/nav.js';
import type { StatusFeed } from './status.js';
import type { DownloadRunner } from './download/use-download.js';
import type { ExposureApi } from '../exposure/index.js';

const ENTER = '\x1b[?1049h\x1b[H\x1b[2J';
const LEAVE = '\x1b[?25h\x1b[?1049l';

export interface TuiOptions {
  source: InvestigationSource;
  window: PipelineWindow;
  initialStack: Level[];
  status: StatusFeed;
  download?: DownloadRunner;
  auditFiles?: string[];
  exposureApi?: ExposureApi | null;
}

export async function runTui(opts: TuiOptions): Promise<number> {
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
    const app = render(<App source={opts.source} window={opts.window} initialStack={opts.initialStack} status={opts.status} {...(opts.download ? { download: opts.download } : {})} auditFiles={opts.auditFiles ?? []} exposureApi={opts.exposureApi ?? null} />, { exitOnCtrlC: true, patchConsole: true });
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
