// The RCA pane (`R` on a job): the local failure summary, and `S` to send the failed log to Exlogare after a
// confirmation inside the TUI showing size, redactions and destination. Glues the summary loader, the state
// reducer and the command handler to the pure RcaView. Nothing is sent without `y` on the confirmation. The send
// goes through the RCA service (src/rca/send-service.ts), as `sleuth rca --send` does: same redaction, same record.
import os from 'node:os';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { VERSION } from '../../util/version.js';
import type { Job } from '../../api/types.js';
import type { ExlogareTransportTuning } from '../../rca/exlogare/transport.js';
import type { Redactor } from '../../rca/redaction.js';
import { safe, summaryRows, type RcaRow } from '../../rca/render.js';
import { humanBytes } from '../../rca/send-facts.js';
import { RcaSendService } from '../../rca/send-service.js';
import { collectJob } from '../../rca/summary.js';
import type { InvestigationSource } from '../../source/source.js';
import { useLoad } from '../hooks/use-load.js';
import { keyHint, keyHints, keysOf } from '../keymap.js';
import { RcaView } from './RcaView.js';
import { useRcaInput } from './use-rca-input.js';
import { isBusy, useRcaState } from './use-rca-state.js';
import { wrapRows } from './wrap.js';

export interface RcaPaneProps {
  source: InvestigationSource;
  job: Job;
  width: number;
  /** Rows of the whole pane: title + content + hint. */
  height: number;
  onStatus(msg: string, tone?: 'info' | 'error' | 'warn' | 'ok'): void;
  onBack(): void;
  /** Where EXLOGARE_URL / EXLOGARE_TOKEN, the CircleCI token and XDG_STATE_HOME are read (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** The home directory (default os.homedir()): the state directory's default and `~/…` in messages. */
  home?: string;
  /** The folder `d`/`D` download into (live): a send is recorded there once it holds the job. */
  downloads?: string;
  /** The shape-based redaction pass (default the secret scanner). */
  redactor?: Redactor;
  /** Exlogare retry timing (tests). */
  tuning?: ExlogareTransportTuning;
  paneId?: string;
}

const CHROME_ROWS = 2;
const HINT = keyHints('rca', [['rca.send', 'send to Exlogare (asks first)'], [['cursor.down', 'cursor.up'], 'scroll'], ['refresh', 'reload'], 'back']);
const CONFIRM_KEYS = `${keyHint('rca', 'rca.confirm', 'send')} · ${keysOf('rca', 'rca.cancel')} or ${keyHint('rca', 'back', 'cancel')}`;

export function RcaPane(p: RcaPaneProps) {
  const n = p.job.job_number ?? 0;
  const { data, loading, error, reload } = useLoad((cache) => cache.failureSummary(n), () => collectJob(p.source, n), (m) => p.onStatus(m, 'error'));
  const [state, dispatch] = useRcaState();
  const rows = Math.max(1, p.height - CHROME_ROWS);
  const live = useRef(true);
  useEffect(
    () => () => {
      live.current = false;
    },
    [],
  );

  const lines = useMemo<RcaRow[]>(() => {
    const summary = data ? summaryRows(data.summary) : [];
    const ph = state.phase;
    const rule: RcaRow = { text: '─'.repeat(Math.max(1, Math.min(40, p.width))), tone: 'muted' };
    // Where the send is recorded gets a row of its own, so a narrow pane never breaks the path.
    const recorded = (record: string | null | undefined): RcaRow[] => (record ? [{ text: `recorded in ${record}`, tone: 'muted' }] : []);
    if (ph.kind === 'sent') return [...wrapRows([{ text: 'Exlogare RCA', tone: 'title' }, { text: ph.note, tone: 'muted' }, ...recorded(ph.record), ...ph.rows], p.width), { text: '', tone: 'text' }, rule, ...summary];
    if (ph.kind === 'failed') return [...wrapRows([{ text: ph.message, tone: 'error' }, ...recorded(ph.record)], p.width), { text: '', tone: 'text' }, rule, ...summary];
    return summary;
  }, [data, state.phase, p.width]);

  const say = useCallback((msg: string, tone: 'info' | 'error' | 'warn' | 'ok' = 'info') => p.onStatus(msg, tone), [p.onStatus]);

  const startSend = useCallback(() => {
    if (isBusy(state.phase) || state.phase.kind === 'confirm') return;
    if (!data) return say(loading ? 'the summary is still loading' : 'no summary to send', 'warn');
    dispatch({ type: 'phase', phase: { kind: 'preparing' } });
    void (async () => {
      try {
        const service = new RcaSendService({
          env: p.env ?? process.env,
          home: p.home ?? os.homedir(),
          tool: `circle-sleuth/${VERSION}`,
          ...(p.redactor ? { scanner: p.redactor } : {}),
          ...(p.tuning ? { tuning: p.tuning } : {}),
        });
        const place = await service.placeFor({ evidence: p.source.evidenceDir, downloads: p.downloads ?? null, ...(p.source.project ? { project: p.source.project } : {}), job: n });
        await service.ready(place);
        const plan = service.prepare(data, place);
        if (live.current) dispatch({ type: 'phase', phase: { kind: 'confirm', service, plan, facts: service.facts(plan, data) } });
      } catch (e) {
        if (!live.current) return;
        dispatch({ type: 'phase', phase: { kind: 'idle' } });
        say(`not sent: ${e instanceof Error ? e.message : String(e)}`, 'error');
      }
    })();
  }, [state.phase, data, loading, n, p.env, p.home, p.downloads, p.source, p.redactor, p.tuning, say]);

  const confirm = useCallback(() => {
    const ph = state.phase;
    if (ph.kind !== 'confirm') return;
    dispatch({ type: 'phase', phase: { kind: 'sending', facts: ph.facts } });
    const { service, plan } = ph;
    void (async () => {
      let out;
      try {
        out = await service.send(plan);
      } catch (e) {
        // Refused before anything left (the record can no longer be written, the token went away).
        if (live.current) dispatch({ type: 'phase', phase: { kind: 'failed', message: `not sent: ${safe(service.scrub(e instanceof Error ? e.message : String(e)), 400)}` } });
        return;
      }
      if (!live.current) return;
      const record = out.recordPath ? safe(service.shownPath(out.recordPath), 400) : null;
      const where = record ? ` · recorded in ${record}` : '';
      const sent = `sent ${humanBytes(plan.prepared.bytes)} to ${safe(service.cfg.destination, 120)}, ${plan.prepared.redactions} secret${plan.prepared.redactions === 1 ? '' : 's'} redacted${out.status !== null ? ` → ${out.status}` : ''}`;
      if (out.recordError) say(`the send was not recorded: ${out.recordError}`, 'warn');
      if (out.ok && out.view) {
        dispatch({ type: 'phase', phase: { kind: 'sent', status: out.status ?? 0, rows: out.view.rows, note: sent, record } });
        say(`${sent}${where}`, 'ok');
      } else {
        const msg = safe(out.error?.message ?? 'no answer', 400);
        dispatch({ type: 'phase', phase: { kind: 'failed', message: out.status === null ? `not delivered: ${msg}` : msg, record } });
        say(`${out.status === null ? 'the send failed' : `Exlogare answered ${out.status}`}${where}`, 'error');
      }
    })();
  }, [state.phase, say]);

  const cancel = useCallback(() => {
    if (state.phase.kind !== 'confirm') return;
    dispatch({ type: 'phase', phase: { kind: 'idle' } });
    say('not sent');
  }, [state.phase, say]);

  useRcaInput(p.paneId ?? 'rca', { state, dispatch, rows: lines.length, visible: rows, onBack: p.onBack, reload, startSend, confirm, cancel });

  const ph = state.phase;
  const confirmBox = ph.kind === 'confirm' ? { facts: ph.facts, sending: false, keys: CONFIRM_KEYS } : ph.kind === 'sending' ? { facts: ph.facts, sending: true, keys: CONFIRM_KEYS } : null;
  const message = !data ? (error ? { text: `could not summarize job ${n}: ${safe(error, 300)}`, tone: 'error' as const } : { text: `reading job ${n}…`, tone: 'muted' as const }) : null;
  const hint = ph.kind === 'preparing' ? 'preparing the payload: redacting secrets…' : loading && data ? 'reloading…' : HINT;
  return (
    <RcaView
      width={p.width}
      rows={rows}
      title={`Failure summary · job ${n} ${safe(p.job.name, 60)}`}
      lines={lines.slice(state.top, state.top + rows)}
      message={message}
      confirm={confirmBox}
      hint={hint}
    />
  );
}
