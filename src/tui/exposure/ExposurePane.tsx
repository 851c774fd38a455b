// The exposure pane (`x`): which secrets the jobs in scope could read. `v` switches between per
// job ("#5015 test could read 8 secrets, audit: aws-prod read") and per secret (most exposed
// first), `/` filters, Enter shows a row in full. Every name is sanitized for display.
// Glues the state hook (use-exposure-state.ts) and the input hook (use-exposure-input.ts) to the pure ExposureView.
import { windowText, type ExposureApi, type ExposureInput, type ExposureReport, type ExposureScope } from '../../exposure/index.js';
import { FilterPrompt } from '../components/FilterPrompt.js';
import { useInputOpen } from '../hooks/use-input-open.js';
import { keyHint, keyHints } from '../keymap.js';
import type { Tone } from '../status.js';
import { cutName } from '../text-fit.js';
import { ExposureView } from './ExposureView.js';
import { scopeLabel } from '../state/exposure-scope.js';
import { useExposureInput } from './use-exposure-input.js';
import { useExposureState, type ExposureMode, type ExposureState } from './use-exposure-state.js';

export const EXPOSURE_PANE = 'exposure';

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

/** `v per secret` in the jobs view, `v per job` in the secrets view. */
const otherView = (mode: ExposureMode) => keyHint('exposure', 'exposure.view', `per ${mode === 'jobs' ? 'secret' : 'job'}`);

export function ExposurePane(p: ExposurePaneProps) {
  const s = useExposureState({ api: p.api, project: p.project, window: p.window, scope: p.scope, auditFiles: p.auditFiles, onStatus: p.onStatus, initialMode: p.initialMode, compute: p.compute, width: p.width, height: p.height });
  const reportInputOpen = useInputOpen(p.onInputOpenChange);
  useExposureInput(p.paneId ?? EXPOSURE_PANE, s, { reportInputOpen, onBack: p.onBack });
  const { view, dispatch, report } = s;

  const scopeText = report ? windowText(report) : scopeLabel(p.scope);
  const detail =
    view.detail !== null
      ? {
          title: cutName(`Exposure · ${scopeText}`, Math.max(10, p.width - 12)),
          rows: s.detail.rows,
          top: view.detailTop,
          height: s.detail.height,
          hint: keyHints('exposure', [['back', 'back to the list'], [['cursor.down', 'cursor.up'], 'scroll']]) + ` · ${otherView(view.mode)}`,
        }
      : null;
  const head = report ? ` · ${report.jobs.length} job${report.jobs.length === 1 ? '' : 's'} ran · ${report.secrets.length} secret${report.secrets.length === 1 ? '' : 's'}` : '';
  const title = `Exposure ${view.mode === 'jobs' ? 'per job' : 'per secret'} · ${scopeText}${head}`;
  const gap = report?.warnings[0] ? `gap: ${report.warnings[0]}` : '';
  const bottom = [view.filter ? `filter: ${view.filter}` : '', otherView(view.mode), auditText(report), gap].filter(Boolean).join(' · ');
  const prompt = view.promptOpen ? (
    <FilterPrompt
      sigil="/"
      value={view.draft}
      dropControls
      onChange={(text) => dispatch({ type: 'draft', text })}
      onSubmit={(text) => {
        dispatch({ type: 'submit', text });
        reportInputOpen(false);
      }}
    />
  ) : null;

  return (
    <ExposureView
      width={p.width}
      height={p.height}
      title={cutName(title, Math.max(10, p.width - 12))}
      list={view.mode === 'jobs' ? { mode: 'jobs', items: s.jobs } : { mode: 'secrets', items: s.secrets }}
      cursor={s.list.cursor}
      top={s.list.top}
      rows={s.rows}
      empty={emptyText(p, s)}
      detail={detail}
      prompt={prompt}
      bottom={{ text: cutName(bottom, Math.max(10, p.width)), warn: Boolean(gap) }}
    />
  );
}

/** Said whole (the list wraps its empty text); an error is cut at a boundary after three rows of it. */
function emptyText(p: ExposurePaneProps, s: ExposureState): string {
  if (!p.api || !p.project) return 'exposure needs the CircleCI API (env vars and contexts): not available for an evidence folder';
  if (s.load.loading) return cutName(s.load.progress || 'working…', p.width);
  if (s.load.error) return `could not compute it: ${cutName(s.load.error, Math.max(20, 3 * p.width - 22))}`;
  if (s.view.filter) return 'nothing matches (Esc clears the filter)';
  return s.view.mode === 'jobs' ? 'no job ran in scope' : 'no job in scope could read a stored secret';
}

function auditText(report: ExposureReport | null): string {
  if (!report) return '';
  if (!report.audit) return 'no audit log';
  const joined = report.audit.joined_by_job_id + report.audit.joined_by_time;
  return `audit: ${joined} context read${joined === 1 ? '' : 's'} joined${report.audit.unjoined.length ? `, ${report.audit.unjoined.length} unexplained` : ''}`;
}
