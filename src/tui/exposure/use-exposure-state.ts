// The exposure pane's state: the view state as a reducer (per job or per secret, the fuzzy filter and its
// prompt, the row shown in full with its scroll position), and the hook that joins it to the computed report
// (use-exposure-load.ts), the rows the filter keeps and the list cursor over them.
import { useEffect, useMemo, useReducer, useState } from 'react';
import { effectiveWindow, type ExposureApi, type ExposureInput, type ExposureReport, type ExposureScope, type JobExposure, type SecretExposure } from '../../exposure/index.js';
import { detailRowsOf, listRowsOf } from '../audit/use-audit-state.js';
import { maxTopOf, textRows } from '../components/DetailView.js';
import { fuzzyFilter } from '../list/fuzzy.js';
import { useListState } from '../list/use-list-state.js';
import type { Tone } from '../status.js';
import { jobLines, secretLines } from './columns.js';
import { useExposureLoad } from './use-exposure-load.js';

export type ExposureMode = 'jobs' | 'secrets';

export interface ExposureViewState {
  mode: ExposureMode;
  filter: string;
  promptOpen: boolean;
  draft: string;
  /** Index into the shown rows of the current mode, when one is open in full. */
  detail: number | null;
  detailTop: number;
}

export type ExposureViewAction =
  | { type: 'toggleMode' }
  | { type: 'openPrompt' }
  | { type: 'draft'; text: string }
  | { type: 'submit'; text: string }
  | { type: 'closePrompt' }
  | { type: 'clearFilter' }
  | { type: 'openDetail'; index: number }
  | { type: 'closeDetail' }
  | { type: 'scrollDetail'; to: number; max: number };

export function exposureViewReducer(s: ExposureViewState, a: ExposureViewAction): ExposureViewState {
  switch (a.type) {
    case 'toggleMode': return { ...s, mode: s.mode === 'jobs' ? 'secrets' : 'jobs', detail: null, detailTop: 0 };
    case 'openPrompt': return { ...s, promptOpen: true, draft: s.filter };
    case 'draft': return { ...s, draft: a.text };
    case 'submit': return { ...s, promptOpen: false, filter: a.text.trim(), draft: '' };
    case 'closePrompt': return { ...s, promptOpen: false, draft: '' };
    case 'clearFilter': return { ...s, filter: '' };
    case 'openDetail': return { ...s, detail: a.index, detailTop: 0 };
    case 'closeDetail': return { ...s, detail: null, detailTop: 0 };
    case 'scrollDetail': return { ...s, detailTop: Math.max(0, Math.min(a.to, a.max)) };
  }
}

export function useExposureView(mode: ExposureMode) {
  return useReducer(exposureViewReducer, { mode, filter: '', promptOpen: false, draft: '', detail: null, detailTop: 0 });
}

export interface ExposureStateOptions {
  api: ExposureApi | null;
  project: string | null;
  window: { since?: string; until?: string };
  scope: ExposureScope;
  auditFiles: string[];
  onStatus(msg: string, tone?: Tone): void;
  initialMode?: ExposureMode | undefined;
  compute?: ((input: ExposureInput) => Promise<ExposureReport>) | undefined;
  width: number;
  /** Rows of the whole pane. */
  height: number;
}

const jobText = (j: JobExposure) => `${j.number} ${j.name} ${j.actor ?? ''} ${j.branch ?? ''} ${j.contexts.join(' ')} ${j.secrets.map((s) => s.name).join(' ')}`;
const secretText = (s: SecretExposure) => `${s.name} ${s.kind} ${s.context ?? ''} ${s.jobs.map((j) => j.number).join(' ')}`;

export function useExposureState(o: ExposureStateOptions) {
  // The window is fixed when the pane opens (with no start: the last 7 days from then).
  const [window] = useState(() => effectiveWindow(o.window, o.scope));
  const req = useMemo(() => ({ api: o.api, project: o.project, window, scope: o.scope, auditFiles: o.auditFiles }), [o.api, o.project, window, o.scope, o.auditFiles]);
  const load = useExposureLoad(req, o.onStatus, o.compute);
  const [view, dispatch] = useExposureView(o.initialMode ?? 'jobs');
  const report = load.report;

  const jobs = useMemo(() => fuzzyFilter(report?.jobs ?? [], jobText, view.filter), [report, view.filter]);
  const secrets = useMemo(() => fuzzyFilter(report?.secrets ?? [], secretText, view.filter), [report, view.filter]);
  const count = view.mode === 'jobs' ? jobs.length : secrets.length;

  const rows = listRowsOf(o.height);
  const [list, listDispatch] = useListState(0);
  useEffect(() => listDispatch({ type: 'resize', count, height: rows }), [count, rows]);
  useEffect(() => listDispatch({ type: 'to', index: 0 }), [view.mode, view.filter]);

  const detailRows = useMemo(() => {
    if (view.detail === null) return [];
    const lines = view.mode === 'jobs' ? (jobs[view.detail] ? jobLines(jobs[view.detail]!) : []) : secrets[view.detail] ? secretLines(secrets[view.detail]!) : [];
    return textRows(lines, o.width);
  }, [view.detail, view.mode, jobs, secrets, o.width]);
  const detailHeight = detailRowsOf(o.height);
  const detail = { rows: detailRows, height: detailHeight, max: maxTopOf(detailRows.length, detailHeight) };
  return { load, report, view, dispatch, jobs, secrets, count, rows, list, listDispatch, detail };
}

export type ExposureState = ReturnType<typeof useExposureState>;
