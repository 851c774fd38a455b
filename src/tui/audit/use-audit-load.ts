// Reads the audit files for the pane: progress while reading, then every matching event in memory
// (up to a limit), oldest first. The pane filters what it holds; reading again needs `r`.
import { useCallback, useEffect, useRef, useState } from 'react';
import { byTime, hasTrouble, readAudit, summaryLine, type AuditEvent, type AuditStats } from '../../audit/index.js';
import type { Tone } from '../status.js';

/** Events the pane keeps; past this it stops reading and says so (the CLI streams any number). */
export const PANE_EVENT_LIMIT = 200_000;

export interface AuditLoad {
  events: AuditEvent[];
  stats: AuditStats | null;
  loading: boolean;
  rowsRead: number;
  error: string | null;
  truncated: boolean;
  reload(): void;
}

export function useAuditLoad(files: string[], onStatus: (msg: string, tone?: Tone) => void, limit = PANE_EVENT_LIMIT): AuditLoad {
  const [state, setState] = useState<Omit<AuditLoad, 'reload'>>({ events: [], stats: null, loading: files.length > 0, rowsRead: 0, error: null, truncated: false });
  const [nonce, setNonce] = useState(0);
  const statusRef = useRef(onStatus);
  statusRef.current = onStatus;
  const key = files.join('\u0000');

  useEffect(() => {
    if (files.length === 0) {
      setState({ events: [], stats: null, loading: false, rowsRead: 0, error: null, truncated: false });
      return;
    }
    const ctl = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null, rowsRead: 0 }));
    statusRef.current(`reading ${files.length === 1 ? files[0] : `${files.length} audit files`}…`);
    const reader = readAudit(files, { signal: ctl.signal, onProgress: (rows) => !ctl.signal.aborted && setState((s) => ({ ...s, rowsRead: rows })) });
    void (async () => {
      const events: AuditEvent[] = [];
      let truncated = false;
      try {
        outer: for await (const batch of reader.batches()) {
          for (const e of batch) {
            if (events.length >= limit) {
              truncated = true;
              break outer;
            }
            events.push(e);
          }
        }
        if (ctl.signal.aborted) return;
        events.sort(byTime);
        setState({ events, stats: reader.stats, loading: false, rowsRead: reader.stats.rows, error: null, truncated });
        const cut = truncated ? ` · stopped at ${limit.toLocaleString('en-US')} events: narrow with sleuth audit --action/--since` : '';
        statusRef.current(`${summaryLine(reader.stats)}${cut}`, hasTrouble(reader.stats) || truncated ? 'warn' : 'ok');
      } catch (e) {
        if (ctl.signal.aborted) return;
        const msg = e instanceof Error ? e.message : String(e);
        setState((s) => ({ ...s, loading: false, error: msg }));
        statusRef.current(msg, 'error');
      }
    })();
    return () => ctl.abort();
  }, [key, nonce]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { ...state, reload };
}
