// One entry per kind of level on the navigation stack: how it is drawn (its pane and the props it takes from the
// app), its identity (a new level of the same kind mounts fresh), whether it uses the Miller columns on a wide
// terminal, and what `d` downloads from it. The app (App.tsx) only looks levels up here. Each pane handles its own
// keys through keymap.ts and its input hook.
import { Fragment, type ReactNode } from 'react';
import type { ExposureApi } from '../../exposure/index.js';
import type { EnvVarHint } from '../../scan/scanner.js';
import { AuditLevel } from '../audit/AuditLevel.js';
import { MessageHistory } from '../components/MessageHistory.js';
import { jobTarget, rowTarget, type TuiDownloadTarget } from '../download/download-target.js';
import { ExposureLevel } from '../exposure/ExposureLevel.js';
import { LogPane } from '../log/LogPane.js';
import { CommandPane } from '../ci-lists/CommandPane.js';
import { JobsPane } from '../ci-lists/JobsPane.js';
import type { PaneProps } from './pane-props.js';
import { PipelinesPane } from '../ci-lists/PipelinesPane.js';
import { StepsPane } from '../ci-lists/StepsPane.js';
import { WorkflowsPane } from '../ci-lists/WorkflowsPane.js';
import { RcaPane } from '../rca/RcaPane.js';
import { FindingsPane } from '../scan/FindingsPane.js';
import { highlightFor, logLevelFor, type HitTarget } from '../search/open-hit.js';
import { SearchPane } from '../search/SearchPane.js';
import { scopeKey } from '../state/exposure-scope.js';
import type { Level } from '../state/nav.js';
import type { Selection } from '../state/selection.js';

/** What the app gives every level: the list panes' props plus what the other panes read. */
export interface LevelProps extends PaneProps {
  auditFiles: string[];
  exposureApi: ExposureApi | null;
  envVars?: (() => Promise<readonly EnvVarHint[]>) | undefined;
  /** The live `--out` folder `d`/`D` download into. */
  downloadsDir?: string | undefined;
}

export type LevelKind = Level['kind'];
type LevelOf<K extends LevelKind> = Extract<Level, { kind: K }>;

export interface LevelEntry<L extends Level> {
  /** Parent, current and preview columns on a wide terminal; false: the level takes the whole width. */
  millerColumns: boolean;
  /** The level's identity: a level with another id (another job's steps) is a fresh pane. */
  id(level: L): string;
  render(level: L, p: LevelProps): ReactNode;
  /** What `d` downloads from here (null: nothing). */
  downloadTarget(level: L, selection: Selection | undefined): TuiDownloadTarget | null;
}

const nothingToDownload = (): null => null;
const itsJob = (level: { job: LevelOf<'steps'>['job'] }) => jobTarget(level.job);

export const LEVELS: { [K in LevelKind]: LevelEntry<LevelOf<K>> } = {
  pipelines: {
    millerColumns: true,
    id: () => 'pipelines',
    render: (_, p) => <PipelinesPane {...p} />,
    downloadTarget: (_, s) => rowTarget(s, 'pipeline'),
  },
  workflows: {
    millerColumns: true,
    id: (l) => `workflows:${l.pipeline.id}`,
    render: (l, p) => <WorkflowsPane {...p} pipeline={l.pipeline} />,
    downloadTarget: (_, s) => rowTarget(s, 'workflow'),
  },
  jobs: {
    millerColumns: true,
    id: (l) => `jobs:${l.workflow.id}`,
    render: (l, p) => <JobsPane {...p} pipeline={l.pipeline} workflow={l.workflow} />,
    downloadTarget: (_, s) => rowTarget(s, 'job'),
  },
  steps: {
    millerColumns: true,
    id: (l) => `steps:${l.job.job_number}`,
    render: (l, p) => <StepsPane {...p} pipeline={l.pipeline} workflow={l.workflow} job={l.job} />,
    downloadTarget: itsJob,
  },
  log: {
    millerColumns: false,
    id: (l) => `log:${l.job.job_number}:${l.step.step}:${l.node}:${l.jump?.line ?? ''}`,
    render: (l, p) => (
      <LogPane
        source={p.source}
        jobNumber={l.job.job_number ?? 0}
        step={l.step.step}
        stepName={l.step.name}
        nodes={Array.from({ length: Math.max(1, l.step.nodes) }, (_, i) => i)}
        initialNode={l.node}
        width={p.width}
        height={p.height}
        onStatus={(m: string) => p.status.push(m)}
        onBack={() => p.nav({ type: 'pop' })}
        onInputOpenChange={(open: boolean) => p.nav({ type: 'input', open })}
        {...(l.jump ? { jumpTo: l.jump } : {})}
        commandSource={p.source}
      />
    ),
    downloadTarget: itsJob,
  },
  command: {
    millerColumns: false,
    id: (l) => `command:${l.job.job_number}:${l.step.step}:${l.node}`,
    render: (l, p) => <CommandPane {...p} job={l.job} step={l.step} node={l.node} />,
    downloadTarget: itsJob,
  },
  rca: {
    millerColumns: false,
    id: (l) => `rca:${l.job.job_number}`,
    render: (l, p) => (
      <RcaPane
        source={p.source}
        job={l.job}
        width={p.width}
        height={p.height}
        onStatus={(m, tone) => p.status.push(m, tone)}
        onBack={() => p.nav({ type: 'pop' })}
        {...(p.downloadsDir ? { downloads: p.downloadsDir } : {})}
      />
    ),
    downloadTarget: itsJob,
  },
  audit: {
    millerColumns: false,
    id: () => 'audit',
    render: (_, p) => <AuditLevel {...p} files={p.auditFiles} />,
    downloadTarget: nothingToDownload,
  },
  messages: {
    millerColumns: false,
    id: () => 'messages',
    render: (_, p) => <MessageHistory feed={p.status} width={p.width} height={p.height} />,
    downloadTarget: nothingToDownload,
  },
  exposure: {
    millerColumns: false,
    id: (l) => scopeKey(l.scope),
    render: (l, p) => <ExposureLevel {...p} api={p.exposureApi} scope={l.scope} auditFiles={p.auditFiles} />,
    downloadTarget: nothingToDownload,
  },
  search: {
    millerColumns: false,
    id: () => 'search',
    render: (l, p) => (
      <SearchPane
        corpus={l.corpus}
        width={p.width}
        height={p.height}
        active={p.active}
        inputOpen={p.inputOpen}
        onInputOpenChange={(open) => p.nav({ type: 'input', open })}
        onOpen={(hit) => void openAt(p, { ...hit, highlight: highlightFor(hit) })}
        onBack={() => p.nav({ type: 'pop' })}
        onStatus={(m, tone) => p.status.push(m, tone)}
      />
    ),
    downloadTarget: nothingToDownload,
  },
  findings: {
    millerColumns: false,
    id: () => 'findings',
    render: (l, p) => (
      <FindingsPane
        corpus={l.corpus}
        width={p.width}
        height={p.height}
        active={p.active}
        {...(p.envVars ? { envVars: p.envVars } : {})}
        onOpen={(f, revealed) => void openAt(p, { ...f, ...(revealed ? { highlight: f.secret } : {}), notice: `${f.ruleId}: ${f.masked}` })}
        onBack={() => p.nav({ type: 'pop' })}
        onStatus={(m, tone) => p.status.push(m, tone)}
      />
    ),
    downloadTarget: nothingToDownload,
  },
};

/** The entry for `level`, typed for it (the map is indexed by the level's own kind). */
export function entryFor<L extends Level>(level: L): LevelEntry<L> {
  return LEVELS[level.kind] as unknown as LevelEntry<L>;
}

/** The level's pane, keyed by its id so another level of the same kind mounts fresh. */
export function renderLevel(level: Level, p: LevelProps): ReactNode {
  const entry = entryFor(level);
  return <Fragment key={entry.id(level)}>{entry.render(level, p)}</Fragment>;
}

/** Enter on a search hit or a finding: the log at that line, above the list (Esc comes back to it). */
async function openAt(p: LevelProps, target: HitTarget): Promise<void> {
  const level = await logLevelFor(p.source, target);
  if ('why' in level) p.status.push(level.why, 'warn');
  else p.nav({ type: 'push', level });
}
