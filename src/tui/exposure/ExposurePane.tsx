// The exposure pane (`x`): which secrets the jobs in scope could read. `v` switches between per
// job ("#5015 test could read 8 secrets, audit: aws-prod read") and per secret (most exposed
// first), `/` filters, Enter shows a row in full. Every name is sanitized for display.
import { Box } from 'ink';
import { SafeText } from '../components/SafeText.js';
import { useEffect, useMemo, useState } from 'react';
import { effectiveWindow, windowText, type ExposureApi, type ExposureInput, type ExposureReport, type ExposureScope, type JobExposure, type SecretExposure } from '../../exposure/index.js';
import { cutName } from '../text-fit.js';
import { useCommandHandler } from '../command-bus.js';
import { PromptInput } from '../components/PromptInput.js';
import { layoutColumns } from '../list/columns.js';
import { fuzzyFilter } from '../list/fuzzy.js';
import { ListView } from '../list/ListView.js';
import { listMotion } from '../list/motion.js';
import { useListState } from '../list/use-list-state.js';
import type { Tone } from '../status.js';
import { detailCommand, DetailView, maxTopOf, textRows } from '../audit/DetailView.js';
import { EXPOSURE_PANE } from '../audit/keys.js';
import { CONTROLS, useInputOpen } from '../hooks/use-input-open.js';
import { jobCols, jobLines, secretCols, secretLines } from './columns.js';
import { scopeLabel } from '../state/exposure-scope.js';
import { useExposureLoad } from './use-exposure-load.js';
import { useExposureView, type ExposureMode } from './use-exposure-state.js';

export interface ExposurePaneProps {
  /** The live API (CircleCiClient fits); null for an evidence folder, which has no secrets inventory. */
  api: ExposureApi | null;
  /** Project slug; null when the source has none. */
  project: string | null;
  /** The app's window; with no start, the last 7 days. */
  window: { since?: string; until?: string };
  scope: ExposureScope;
  /** Audit files whose context reads are joined to the jobs. */
  auditFiles: string[];
  width: number;
  height: number;
  onStatus(msg: string, tone?: Tone): void;
  onBack(): void;
  onInputOpenChange?(open: boolean): void;
  paneId?: string;
  initialMode?: ExposureMode;
  /** Injected in tests. */
  compute?: (input: ExposureInput) => Promise<ExposureReport>;
}

const jobText = (j: JobExposure) => `${j.number} ${j.name} ${j.actor ?? ''} ${j.branch ?? ''} ${j.contexts.join(' ')} ${j.secrets.map((s) => s.name).join(' ')}`;
const secretText = (s: SecretExposure) => `${s.name} ${s.kind} ${s.context ?? ''} ${s.jobs.map((j) => j.number).join(' ')}`;

export function ExposurePane(p: ExposurePaneProps) {
  const paneId = p.paneId ?? EXPOSURE_PANE;
  const [window] = useState(() => effectiveWindow(p.window, p.scope));
  const req = useMemo(() => ({ api: p.api, project: p.project, window, scope: p.scope, auditFiles: p.auditFiles }), [p.api, p.project, window, p.scope, p.auditFiles]);
  const load = useExposureLoad(req, p.onStatus, p.compute);
  const [view, dispatch] = useExposureView(p.initialMode ?? 'jobs');
  const reportInputOpen = useInputOpen(p.onInputOpenChange);
  const report = load.report;

  const jobs = useMemo(() => fuzzyFilter(report?.jobs ?? [], jobText, view.filter), [report, view.filter]);
  const secrets = useMemo(() => fuzzyFilter(report?.secrets ?? [], secretText, view.filter), [report, view.filter]);
  const count = view.mode === 'jobs' ? jobs.length : secrets.length;

  const rows = Math.max(1, p.height - 3);
  const [list, listDispatch] = useListState(0);
  useEffect(() => listDispatch({ type: 'resize', count, height: rows }), [count, rows]);
  useEffect(() => listDispatch({ type: 'to', index: 0 }), [view.mode, view.filter]);

  const detailRows = useMemo(() => {
    if (view.detail === null) return [];
    const lines = view.mode === 'jobs' ? (jobs[view.detail] ? jobLines(jobs[view.detail]!) : []) : secrets[view.detail] ? secretLines(secrets[view.detail]!) : [];
    return textRows(lines, p.width);
  }, [view.detail, view.mode, jobs, secrets, p.width]);
  const detailHeight = Math.max(1, p.height - 2);
  const detailMax = maxTopOf(detailRows.length, detailHeight);

  useCommandHandler(paneId, (command) => {
    const c = command as string;
    if (view.detail !== null) {
      if (c === 'exposure.view') {
        dispatch({ type: 'toggleMode' });
        return true;
      }
      return detailCommand(c, { top: view.detailTop, height: detailHeight, max: detailMax }, {
        scroll: (to) => dispatch({ type: 'scrollDetail', to, max: detailMax }),
        close: () => dispatch({ type: 'closeDetail' }),
      });
    }
    const motion = listMotion(c);
    if (motion) {
      listDispatch(motion);
      return true;
    }
    switch (c) {
      case 'open':
        if (list.cursor < count) dispatch({ type: 'openDetail', index: list.cursor });
        return true;
      case 'exposure.view': dispatch({ type: 'toggleMode' }); return true;
      case 'filter':
        dispatch({ type: 'openPrompt' });
        reportInputOpen(true);
        return true;
      case 'refresh': load.reload(); return true;
      case 'back':
        if (view.promptOpen) {
          dispatch({ type: 'closePrompt' });
          reportInputOpen(false);
        } else if (view.filter) dispatch({ type: 'clearFilter' });
        else p.onBack();
        return true;
      default:
        return false;
    }
  });

  const scopeText = report ? windowText(report) : scopeLabel(p.scope);
  if (view.detail !== null) {
    return (
      <Box flexDirection="column" width={p.width} height={p.height}>
        <DetailView title={cutName(`Exposure · ${scopeText}`, Math.max(10, p.width - 12))} rows={detailRows} top={view.detailTop} height={detailHeight} width={p.width} />
        <SafeText color="gray" wrap="truncate-end">Esc back to the list · j/k scroll · v per {view.mode === 'jobs' ? 'secret' : 'job'}</SafeText>
      </Box>
    );
  }

  const head = report ? ` · ${report.jobs.length} job${report.jobs.length === 1 ? '' : 's'} ran · ${report.secrets.length} secret${report.secrets.length === 1 ? '' : 's'}` : '';
  const title = `Exposure ${view.mode === 'jobs' ? 'per job' : 'per secret'} · ${scopeText}${head}`;
  // Said whole (the list wraps its empty text); an error is cut at a boundary after three rows of it.
  const empty = !p.api || !p.project
    ? 'exposure needs the CircleCI API (env vars and contexts): not available for an evidence folder'
    : load.loading
      ? cutName(load.progress || 'working…', p.width)
      : load.error
        ? `could not compute it: ${cutName(load.error, Math.max(20, 3 * p.width - 22))}`
        : view.filter
          ? 'nothing matches (Esc clears the filter)'
          : view.mode === 'jobs' ? 'no job ran in scope' : 'no job in scope could read a stored secret';
  const audit = report?.audit ? `audit: ${report.audit.joined_by_job_id + report.audit.joined_by_time} context read${report.audit.joined_by_job_id + report.audit.joined_by_time === 1 ? '' : 's'} joined${report.audit.unjoined.length ? `, ${report.audit.unjoined.length} unexplained` : ''}` : report ? 'no audit log' : '';
  const gap = report?.warnings[0] ? `gap: ${report.warnings[0]}` : '';
  const bottom = [view.filter ? `filter: ${view.filter}` : '', `v per ${view.mode === 'jobs' ? 'secret' : 'job'}`, audit, gap].filter(Boolean).join(' · ');

  return (
    <Box flexDirection="column" width={p.width} height={p.height}>
      {view.mode === 'jobs' ? (
        <ListView title={cutName(title, Math.max(10, p.width - 12))} cols={layoutColumns(jobCols, p.width)} items={jobs} keyOf={(j) => j.id || String(j.number)} cursor={list.cursor} top={list.top} height={rows} active emptyText={empty} />
      ) : (
        <ListView title={cutName(title, Math.max(10, p.width - 12))} cols={layoutColumns(secretCols, p.width)} items={secrets} keyOf={(s) => `${s.kind}:${s.context ?? ''}:${s.name}`} cursor={list.cursor} top={list.top} height={rows} active emptyText={empty} />
      )}
      {view.promptOpen ? (
        <Box>
          <SafeText color="cyan">/</SafeText>
          <PromptInput
            value={view.draft}
            onChange={(t) => dispatch({ type: 'draft', text: t.replace(CONTROLS, '') })}
            onSubmit={(t) => {
              dispatch({ type: 'submit', text: t.replace(CONTROLS, '') });
              reportInputOpen(false);
            }}
          />
        </Box>
      ) : (
        <SafeText color={gap ? 'yellow' : 'gray'} wrap="truncate-end">{cutName(bottom, Math.max(10, p.width))}</SafeText>
      )}
    </Box>
  );
}
