// Root of the TUI: lays out header, panes, status line and footer; routes keys; nothing else.
// One pane at a time below 120 columns; Miller columns (parent, current, preview) from 120.
import { Box } from 'ink';
import { utcTime } from '../util/time.js';
import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { InvestigationSource, PipelineWindow } from '../source/source.js';
import { CommandBusProvider } from './command-bus.js';
import { Footer } from './components/Footer.js';
import { Header } from './components/Header.js';
import { HelpOverlay } from './components/HelpOverlay.js';
import { MessageHistory } from './components/MessageHistory.js';
import { PreviewPane } from './components/PreviewPane.js';
import { StatusLine } from './components/StatusLine.js';
import { LoadedCacheContext } from './hooks/use-load.js';
import { LoadedCache } from './state/loaded-cache.js';
import type { Selection } from './state/selection.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import { LogPane } from './log/LogPane.js';
import { JobsPane } from './panes/JobsPane.js';
import type { PaneProps } from './panes/pane-props.js';
import { PipelinesPane } from './panes/PipelinesPane.js';
import { StepsPane } from './panes/StepsPane.js';
import { WorkflowsPane } from './panes/WorkflowsPane.js';
import { activePane, currentLevel, initialNav, navReducer, type Level, type LevelView, type NavAction } from './state/nav.js';
import { StatusFeed } from './status.js';
import { useAppInput } from './use-app-input.js';
import { RcaPane } from './rca/RcaPane.js';
import { rcaTarget } from './rca/rca-level.js';
import { jobTarget, rowTarget, windowTarget, type TuiDownloadTarget } from './download/download-target.js';
import { DownloadBar } from './download/DownloadBar.js';
import { useDownload, type DownloadRunner } from './download/use-download.js';
import type { Pipeline } from '../api/types.js';
import type { EnvVarHint } from '../scan/scanner.js';
import { FindingsPane } from './scan/FindingsPane.js';
import { corpusForSource, type CorpusChoice } from './search/corpus-choice.js';
import { highlightFor, logLevelFor, type HitTarget } from './search/open-hit.js';
import { SearchPane } from './search/SearchPane.js';
import type { ExposureApi } from '../exposure/index.js';
import { AuditLevel } from './audit/AuditLevel.js';
import { ExposureLevel } from './exposure/ExposureLevel.js';
import { exposureTargetFor, resolveExposureTarget, scopeKey } from './state/exposure-scope.js';
import { isActionFinal } from '../api/status.js';
import { copyTarget } from './clipboard/copy-target.js';
import { writeClipboard, type ClipboardWriter } from './clipboard/osc52.js';
import { CommandPane } from './panes/CommandPane.js';
import { commandLevelFor } from './panes/step-command.js';
import { Reachability, useReach, watchSource } from './state/reachability.js';

export const WIDE = 120;
/** Header, status line and footer, plus the spare row that keeps Ink off its full-clear path. */
const CHROME_ROWS = 4;

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
      <Shell {...props} />
    </CommandBusProvider>
  );
}

function Shell({ source: given, window = {}, initialStack, status: feed, size, download: runner, auditFiles = [], exposureApi = null, search, envVars, clipboard = writeClipboard }: AppProps) {
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
    download: () => download.start(selectedTarget(level, highlight)),
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

  const bodyRows = Math.max(3, rows - CHROME_ROWS);
  const wide = columns >= WIDE && level.kind !== 'log' && level.kind !== 'rca' && level.kind !== 'audit' && level.kind !== 'exposure' && level.kind !== 'search' && level.kind !== 'findings' && level.kind !== 'command' && level.kind !== 'messages';
  const parentW = wide && nav.stack.length > 1 ? Math.floor(columns * 0.25) : 0;
  const previewW = wide ? Math.floor(columns * 0.3) : 0;
  const mainW = columns - parentW - previewW - (parentW ? 1 : 0) - (previewW ? 1 : 0);

  const common = { source, window, status, height: bodyRows, inputOpen: nav.inputOpen, nav: dispatch, auditFiles, exposureApi, envVars, downloadsDir: search?.out };
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
                  {renderLevel(nav.stack[nav.stack.length - 2]!, { ...common, view: nav.views[nav.views.length - 2]!, depth: nav.stack.length - 2, width: parentW, active: false, nav: ignore })}
                </Box>
              ) : null}
              <Box width={mainW}>
                {renderLevel(level, { ...common, view: nav.views[nav.views.length - 1]!, depth: nav.stack.length - 1, width: mainW, active: true, onHighlight: setHighlight }, dispatch)}
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

const ignore = (_: NavAction) => {};

function selectedTarget(level: Level, selection: Selection | undefined): TuiDownloadTarget | null {
  switch (level.kind) {
    case 'pipelines': return rowTarget(selection, 'pipeline');
    case 'workflows': return rowTarget(selection, 'workflow');
    case 'jobs': return rowTarget(selection, 'job');
    case 'steps': case 'log': case 'command': case 'rca': return jobTarget(level.job);
    default: return null;
  }
}

/** Enter on a search hit or a finding: the log at that line, above the list (Esc comes back to it). */
async function openAt(p: PaneProps, nav: ((a: NavAction) => void) | undefined, target: HitTarget): Promise<void> {
  const level = await logLevelFor(p.source, target);
  if ('why' in level) p.status.push(level.why, 'warn');
  else nav?.({ type: 'push', level });
}

function renderLevel(level: Level, p: PaneProps & { view: LevelView; auditFiles: string[]; exposureApi: ExposureApi | null; envVars?: AppProps['envVars']; downloadsDir?: string | undefined }, nav?: (a: NavAction) => void) {
  const key = levelKey(level);
  switch (level.kind) {
    case 'pipelines': return <PipelinesPane key={key} {...p} />;
    case 'workflows': return <WorkflowsPane key={key} {...p} pipeline={level.pipeline} />;
    case 'jobs': return <JobsPane key={key} {...p} pipeline={level.pipeline} workflow={level.workflow} />;
    case 'steps': return <StepsPane key={key} {...p} pipeline={level.pipeline} workflow={level.workflow} job={level.job} />;
    case 'log':
      return (
        <LogPane
          key={key}
          source={p.source}
          jobNumber={level.job.job_number ?? 0}
          step={level.step.step}
          stepName={level.step.name}
          nodes={Array.from({ length: Math.max(1, level.step.nodes) }, (_, i) => i)}
          initialNode={level.node}
          width={p.width}
          height={p.height}
          onStatus={(m: string) => p.status.push(m)}
          onBack={() => nav?.({ type: 'pop' })}
          onInputOpenChange={(open: boolean) => nav?.({ type: 'input', open })}
          {...(level.jump ? { jumpTo: level.jump } : {})}
          commandSource={p.source}
        />
      );
    case 'command': return <CommandPane key={key} {...p} job={level.job} step={level.step} node={level.node} />;
    case 'rca':
      return (
        <RcaPane
          key={key}
          source={p.source}
          job={level.job}
          width={p.width}
          height={p.height}
          onStatus={(m, tone) => p.status.push(m, tone)}
          onBack={() => nav?.({ type: 'pop' })}
          {...(p.downloadsDir ? { downloads: p.downloadsDir } : {})}
        />
      );
    case 'audit': return <AuditLevel key={key} {...p} files={p.auditFiles} />;
    case 'messages': return <MessageHistory key={key} feed={p.status} width={p.width} height={p.height} />;
    case 'exposure': return <ExposureLevel key={key} {...p} api={p.exposureApi} scope={level.scope} auditFiles={p.auditFiles} />;
    case 'search':
      return (
        <SearchPane
          key={key}
          corpus={level.corpus}
          width={p.width}
          height={p.height}
          active={p.active}
          inputOpen={p.inputOpen}
          onInputOpenChange={(open) => nav?.({ type: 'input', open })}
          onOpen={(hit) => void openAt(p, nav, { ...hit, highlight: highlightFor(hit) })}
          onBack={() => nav?.({ type: 'pop' })}
          onStatus={(m, tone) => p.status.push(m, tone)}
        />
      );
    case 'findings':
      return (
        <FindingsPane
          key={key}
          corpus={level.corpus}
          width={p.width}
          height={p.height}
          active={p.active}
          {...(p.envVars ? { envVars: p.envVars } : {})}
          onOpen={(f, revealed) => void openAt(p, nav, { ...f, ...(revealed ? { highlight: f.secret } : {}), notice: `${f.ruleId}: ${f.masked}` })}
          onBack={() => nav?.({ type: 'pop' })}
          onStatus={(m, tone) => p.status.push(m, tone)}
        />
      );
  }
}

function levelKey(level: Level): string {
  switch (level.kind) {
    case 'pipelines': return 'pipelines';
    case 'workflows': return `workflows:${level.pipeline.id}`;
    case 'jobs': return `jobs:${level.workflow.id}`;
    case 'steps': return `steps:${level.job.job_number}`;
    case 'log': return `log:${level.job.job_number}:${level.step.step}:${level.node}:${level.jump?.line ?? ''}`;
    case 'rca': return `rca:${level.job.job_number}`;
    case 'command': return `command:${level.job.job_number}:${level.step.step}:${level.node}`;
    case 'audit': return 'audit';
    case 'messages': return 'messages';
    case 'exposure': return scopeKey(level.scope);
    case 'search': return 'search';
    case 'findings': return 'findings';
  }
}
