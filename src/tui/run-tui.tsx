// Starts the full-screen TUI (see full-screen.ts for the alternate screen and its restoring).
import { runFullScreen } from './full-screen.js';
import type { InvestigationSource, PipelineWindow } from '../source/source.js';
import { App } from './App.js';
import type { Level } from './state/nav.js';
import type { StatusFeed } from './status.js';
import type { DownloadRunner } from './download/use-download.js';
import type { ExposureApi } from '../exposure/index.js';
import type { EnvVarHint } from '../scan/scanner.js';
import type { CorpusChoice } from './search/corpus-choice.js';

export interface TuiOptions {
  source: InvestigationSource;
  window: PipelineWindow;
  initialStack: Level[];
  status: StatusFeed;
  download?: DownloadRunner;
  auditFiles?: string[];
  exposureApi?: ExposureApi | null;
  /** Live: what `s`/`S` read (the --out folder and the disk cache). */
  search?: CorpusChoice;
  envVars?: () => Promise<readonly EnvVarHint[]>;
}

export function runTui(opts: TuiOptions): Promise<number> {
  return runFullScreen(
    <App
      source={opts.source}
      window={opts.window}
      initialStack={opts.initialStack}
      status={opts.status}
      {...(opts.download ? { download: opts.download } : {})}
      auditFiles={opts.auditFiles ?? []}
      exposureApi={opts.exposureApi ?? null}
      {...(opts.search ? { search: opts.search } : {})}
      {...(opts.envVars ? { envVars: opts.envVars } : {})}
    />,
  );
}
