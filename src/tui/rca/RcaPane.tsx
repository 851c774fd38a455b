// The RCA pane (`R` on a job): the local failure summary, and `S` to send the failed log to Exlogare after a
// confirmation inside the TUI showing size, redactions and destination. Glues the summary loader, the state
// reducer and the command handler to the pure RcaView. Nothing is sent without `y` on the confirmation.
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { VERSION } from '../../cli/context.js';
import type { Job } from '../../api/types.js';
import { sendPrepared } from '../../rca/exlogare/client.js';
import { requireExlogareToken, resolveExlogare } from '../../rca/exlogare/config.js';
import { prepareSend } from '../../rca/exlogare/prepare.js';
import { exlogareTransport, type ExlogareTransportTuning } from '../../rca/exlogare/transport.js';
import { combine, scannerRedactor, type Redactor } from '../../rca/redaction.js';
import { checkRecordable } from '../../rca/send-record.js';
import { safe, summaryRows, type RcaRow } from '../../rca/render.js';
import { humanBytes, sendFacts } from '../../rca/send-facts.js';
import { collectJob } from '../../rca/summary.js';
import type { InvestigationSource } from '../../source/source.js';
import { useLoad } from '../hooks/use-load.js';
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
  /** Where EXLOGARE_URL / EXLOGARE_TOKEN are read (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Redaction (default the secret scanner). */
  redactor?: Redactor;
  /** Exlogare retry timing (tests). */
  tuning?: ExlogareTransportTuning;
  paneId?: string;
}

const CHROME_ROWS = 2;
const HINT = 'S send to Exlogare (asks first) · j/k scroll · r reload · Esc back';

/** The evidence folder a send is recorded in: the folder being browsed, if any. */
function evidenceDirOf(source: InvestigationSource): string | null {
  const dir = (source as { dir?: unknown }).dir;
  return source.kind === 'offline' && typeof dir === 'string' ? dir : null;
}

export function RcaPane(p: RcaPaneProps) {
  const n = p.job.job_number ?? 0;
  const { data, loading, error, reload } = useLoad(`rca:${n}`, () => collectJob(p.source, n), (m) => p.onStatus(m, 'error'));
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
    if (ph.kind === 'sent') return [...wrapRows([{ text: 'Exlogare RCA', tone: 'title' }, { text: ph.note, tone: 'muted' }, ...ph.rows], p.width), { text: '', tone: 'text' }, rule, ...summary];
    if (ph.kind === 'failed') return [...wrapRows([{ text: ph.message, tone: 'error' }], p.width), { text: '', tone: 'text' }, rule, ...summary];
    return summary;
  }, [data, state.phase, p.width]);

  const say = useCallback((msg: string, tone: 'info' | 'error' | 'warn' | 'ok' = 'info') => p.onStatus(msg, tone), [p.onStatus]);

  const startSend = useCallback(() => {
    if (isBusy(state.phase) || state.phase.kind === 'confirm') return;
    if (!data) return say(loading ? 'the summary is still loading' : 'no summary to send', 'warn');
    dispatch({ type: 'phase', phase: { kind: 'preparing' } });
    void (async () => {
      try {
        const cfg = resolveExlogare(p.env ?? process.env);
        requireExlogareToken(cfg);
        const record = evidenceDirOf(p.source);
        if (record) await checkRecordable(record);
        const scanner = p.redactor ?? scannerRedactor;
        const prepared = prepareSend(data, { redact: combine(scanner, [cfg.token]), destination: cfg.destination });
        if (live.current) dispatch({ type: 'phase', phase: { kind: 'confirm', prepared, facts: sendFacts(prepared, data.summary.job) } });
      } catch (e) {
        if (!live.current) return;
        dispatch({ type: 'phase', phase: { kind: 'idle' } });
        say(`not sent: ${e instanceof Error ? e.message : String(e)}`, 'error');
      }
    })();
  }, [state.phase, data, loading, p.env, p.redactor, say]);

  const confirm = useCallback(() => {
    const ph = state.phase;
    if (ph.kind !== 'confirm') return;
    dispatch({ type: 'phase', phase: { kind: 'sending', facts: ph.facts } });
    void (async () => {
      const cfg = resolveExlogare(p.env ?? process.env);
      let transport;
      try {
        transport = exlogareTransport(cfg, requireExlogareToken(cfg), { env: p.env ?? process.env, userAgent: `circle-sleuth/${VERSION}`, ...(p.tuning ? { tuning: p.tuning } : {}) });
      } catch (e) {
        if (live.current) dispatch({ type: 'phase', phase: { kind: 'failed', message: `not sent: ${e instanceof Error ? e.message : String(e)}` } });
        return;
      }
      try {
        const out = await sendPrepared(ph.prepared, { transport, cfg, evidenceDir: evidenceDirOf(p.source), tool: `circle-sleuth/${VERSION}` });
        if (!live.current) return;
        const sent = `sent ${humanBytes(ph.prepared.bytes)} to ${safe(cfg.destination, 120)}, ${ph.prepared.redactions} secret${ph.prepared.redactions === 1 ? '' : 's'} redacted${out.status !== null ? ` → ${out.status}` : ''}${out.recordPath ? ' · recorded in the evidence folder' : ''}`;
        if (out.recordError) say(`the send was not recorded: ${out.recordError}`, 'warn');
        if (out.ok && out.view) {
          dispatch({ type: 'phase', phase: { kind: 'sent', status: out.status ?? 0, rows: out.view.rows, note: sent } });
          say(sent, 'ok');
        } else {
          const msg = safe(out.error?.message ?? 'no answer', 400);
          dispatch({ type: 'phase', phase: { kind: 'failed', message: out.status === null ? `not delivered: ${msg}` : msg } });
          say(out.status === null ? 'the send failed' : `Exlogare answered ${out.status}`, 'error');
        }
      } finally {
        await transport.close();
      }
    })();
  }, [state.phase, p.env, p.tuning, p.source, say]);

  const cancel = useCallback(() => {
    if (state.phase.kind !== 'confirm') return;
    dispatch({ type: 'phase', phase: { kind: 'idle' } });
    say('not sent');
  }, [state.phase, say]);

  useRcaInput(p.paneId ?? 'rca', { state, dispatch, rows: lines.length, visible: rows, onBack: p.onBack, reload, startSend, confirm, cancel });

  const ph = state.phase;
  const confirmBox = ph.kind === 'confirm' ? { facts: ph.facts, sending: false } : ph.kind === 'sending' ? { facts: ph.facts, sending: true } : null;
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
