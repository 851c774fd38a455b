// Root of the TUI: lays out header, levels, status line and footer, and routes the app's own keys. What each level
// shows, whether it gets the Miller columns and what `d` downloads there come from the level registry
// (levels/registry.tsx); the column widths from levels/layout.ts.
import { Box } from 'ink';
import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { isActionFinal } from '../api/status.js';
import type { ExposureApi } from '../exposure/index.js';
import type { EnvVarHint } from '../scan/scanner.js';
import type { InvestigationSource, PipelineWindow } from '../source/source.js';
import { copyTarget } from './clipboard/copy-target.js';
import { writeClipboard, type ClipboardWriter } from './clipboard/osc52.js';
import { CommandBusProvider } from './command-bus.js';
import { Footer } from './components/Footer.js';
import { Header } from './components/Header.js';
import { HelpOverlay } from './components/HelpOverlay.js';
import { PreviewPane } from './components/PreviewPane.js';
import { StatusLine } from './components/StatusLine.js';
import { windowTarget } from './download/download-target.js';
import { DownloadBar } from './download/DownloadBar.js';
import { useDownload, type DownloadRunner } from './download/use-download.js';
import { LoadedCacheContext } from './hooks/use-load.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import { screenLayout } from './levels/layout.js';
import { entryFor, renderLevel, type LevelProps } from './levels/registry.js';
import { commandLevelFor } from './ci-lists/step-command.js';
import { rcaTarget } from './rca/rca-level.js';
import { corpusForSource, type CorpusChoice } from './search/corpus-choice.js';
import { exposureTargetFor, resolveExposureTarget } from './state/exposure-scope.js';
import { LoadedCache } from './state/loaded-cache.js';
import { activePane, currentLevel, initialNav, navReducer, type Level, type NavAction } from './state/nav.js';
import { Reachability, useReach, watchSource } from './state/reachability.js';
import type { Selection } from './state/selection.js';
import { StatusFeed } from './status.js';
import { useAppInput } from './use-app-input.js';

export interface AppProps {
  source: InvestigationSource;
  window?: PipelineWindow;
  initialStack?: Level[];
  status?: StatusFeed;
  /** Evidence download (`d`, `D`); absent when browsing an evidence folder. */
  download?: DownloadRunner;
  /** Where `s`/`S` read when live: the --out evidence folder and the disk cache (`sleuth open DIR` reads DIR). */
  search?: CorpusChoice;
  /** Project env vars (`xxxx1234`) for the findings view's "last 4 match" (live, when the token may list them). */
  envVars?: () => Promise<readonly EnvVarHint[]>;
  /** Fixed size for tests (ink-testing-library has no rows). */
  size?: { columns: number; rows: number };
  /** Audit-log files for the audit pane (`a`) and the exposure join (`x`). */
  auditFiles?: string[];
  /** The live API for the exposure pane (`x`); absent when browsing an evidence folder. */
  exposureApi?: ExposureApi | null;
  /** Where `y`/`Y` put what they copy (tests record it); default OSC 52 to the terminal. */
  clipboard?: ClipboardWriter;
}

export function App(props: AppProps) {
  return (
    <CommandBusProvider>
      <InvestigationScreen {...props} />
    </CommandBusProvider>
  );
}

/** The app under its command bus: the navigation stack, the cache, the selection and the screen around them. */
function InvestigationScreen({ source: given, window = {}, initialStack, status: feed, size, download: runner, auditFiles = [], exposureApi = null, search, envVars, clipboard = writeClipboard }: AppProps) {
  // Every call through the source tells the header whether the host answered (the badge says `unreachable`).
  const reachability = useRef(new Reachability()).current;
  const source = useMemo(() => watchSource(given, reachability), [given, reachability]);
  const reach = useReach(reachability);
  const measured = useTerminalSize();
  const { columns, rows } = size ?? measured;
  const [nav, dispatch] = useReducer(navReducer, initialStack, initialNav);
  const status = useRef(feed ?? new StatusFeed()).current;
  const cache = useRef(new LoadedCache()).current;
  const [highlight, setHighlight] = useState<Selection | undefined>(undefined);
  const pane = activePane(nav);
  const level = currentLevel(nav);
  const download = useDownload(runner, (m, tone) => status.push(m, tone));
  const count = useAppInput(pane, nav.inputOpen, dispatch, {
    download: () => download.start(entryFor(level).downloadTarget(level, highlight)),
    'download.window': () => download.start(windowTarget(window, cache.pipelines().get()?.items ?? [])),
    'download.cancel': download.cancel,
    'search.open': () => {
      dispatch({ type: 'push', level: { kind: 'search', corpus: corpusForSource(source, search) } });
      dispatch({ type: 'input', open: true });
    },
    'scan.open': () => dispatch({ type: 'push', level: { kind: 'findings', corpus: corpusForSource(source, search) } }),
    'audit.show': () => level.kind !== 'audit' && dispatch({ type: 'push', level: { kind: 'audit' } }),
    'messages.show': () => dispatch(level.kind === 'messages' ? { type: 'pop' } : { type: 'push', level: { kind: 'messages' } }),
    'exposure.show': () => {
      if (level.kind === 'exposure') return;
      void resolveExposureTarget(exposureTargetFor(level, highlight), (id) => source.jobs(id)).then(
        (t) => dispatch({ type: 'push', level: { kind: 'exposure', scope: t.scope, ...(t.label ? { label: t.label } : {}) } }),
        (e: unknown) => status.push(`exposure: ${e instanceof Error ? e.message : String(e)}`, 'error'),
      );
    },
    'step.command': () => {
      const t = commandLevelFor(level, highlight);
      if ('why' in t) status.push(t.why, 'warn');
      else dispatch({ type: 'push', level: t });
    },
    'copy.id': () => copy('id'),
    'copy.url': () => copy('url'),
    'rca.open': () => {
      const t = rcaTarget(level, highlight);
      if ('why' in t) status.push(t.why, 'warn');
      else dispatch({ type: 'push', level: t });
    },
  });
  /** `y`/`Y`: only on the key, only text copy-target.ts built from checked ids; the status line says what. */
  function copy(want: 'id' | 'url') {
    const t = copyTarget(level, highlight, want, source.project);
    if ('why' in t) return status.push(t.why, 'warn');
    clipboard(t.text);
    status.push(`copied ${t.what} to the clipboard: ${t.text}`, 'ok');
  }
  // A message about the level just left would mislead on the next one.
  useEffect(() => status.push(''), [nav.stack.length]);

  const { bodyRows, parent: parentW, main: mainW, preview: previewW } = screenLayout({ columns, rows }, entryFor(level).millerColumns, nav.stack.length);
  const common = { source, window, status, height: bodyRows, inputOpen: nav.inputOpen, nav: dispatch, auditFiles, exposureApi, envVars, downloadsDir: search?.out };
  const levelProps = (depth: number, width: number, active: boolean): LevelProps => ({ ...common, view: nav.views[depth]!, depth, width, active, ...(active ? { onHighlight: setHighlight } : { nav: ignore }) });
  return (
    <LoadedCacheContext.Provider value={cache}>
      <Box flexDirection="column" width={columns} height={rows - 1}>
        <Header label={source.label} level={level} kind={source.kind} width={columns} reach={reach} />
        <Box height={bodyRows}>
          {nav.help ? (
            <HelpOverlay pane={level.kind} width={columns} height={bodyRows} />
          ) : (
            <>
              {parentW ? (
                <Box width={parentW} marginRight={1}>
                  {renderLevel(nav.stack[nav.stack.length - 2]!, levelProps(nav.stack.length - 2, parentW, false))}
                </Box>
              ) : null}
              <Box width={mainW}>
                {renderLevel(level, levelProps(nav.stack.length - 1, mainW, true))}
              </Box>
              {previewW ? (
                <Box width={previewW} marginLeft={1}>
                  <PreviewPane source={source} level={level} selection={highlight} width={previewW} height={bodyRows} />
                </Box>
              ) : null}
            </>
          )}
        </Box>
        {download.state.phase === 'running' ? (
          <DownloadBar label={download.state.label} progress={download.state.progress} width={columns} />
        ) : (
          <StatusLine feed={status} width={columns} historyKey="!" />
        )}
        <Footer pane={pane} width={columns} inputOpen={nav.inputOpen} count={count} can={{ download: Boolean(runner), follow: level.kind === 'log' && !isActionFinal(level.step.status) }} />
      </Box>
    </LoadedCacheContext.Provider>
  );
}

/** The parent column is shown, not driven: what it would dispatch goes nowhere. */
const ignore = (_: NavAction) => {};
