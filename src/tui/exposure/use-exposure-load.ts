// Computes the exposure report for the pane (progress on the status line; `r` computes again).
import { useCallback, useEffect, useRef, useState } from 'react';
import { computeExposure, type ExposureApi, type ExposureInput, type ExposureReport, type ExposureScope } from '../../exposure/index.js';
import type { Tone } from '../status.js';

export interface ExposureLoad {
  report: ExposureReport | null;
  loading: boolean;
  progress: string;
  error: string | null;
  reload(): void;
}

export interface ExposureRequest {
  api: ExposureApi | null;
  project: string | null;
  window: { since?: string; until?: string };
  scope: ExposureScope;
  auditFiles: string[];
}

export function useExposureLoad(req: ExposureRequest, onStatus: (m: string, tone?: Tone) => void, compute: (i: ExposureInput) => Promise<ExposureReport> = computeExposure): ExposureLoad {
  const [state, setState] = useState<Omit<ExposureLoad, 'reload'>>({ report: null, loading: Boolean(req.api && req.project), progress: '', error: null });
  const [nonce, setNonce] = useState(0);
  const statusRef = useRef(onStatus);
  statusRef.current = onStatus;
  const key = JSON.stringify([req.project, req.window, req.scope, req.auditFiles]);

  useEffect(() => {
    const { api, project } = req;
    if (!api || !project) {
      setState({ report: null, loading: false, progress: '', error: null });
      return;
    }
    let live = true;
    setState((s) => ({ ...s, loading: true, error: null, progress: 'starting…' }));
    compute({
      api,
      project,
      window: req.window,
      scope: req.scope,
      auditFiles: req.auditFiles,
      onProgress: (m) => live && setState((s) => ({ ...s, progress: m })),
    }).then(
      (report) => {
        if (!live) return;
        setState({ report, loading: false, progress: '', error: null });
        const n = report.secrets.length;
        statusRef.current(`${report.jobs.length} job${report.jobs.length === 1 ? '' : 's'} ran · ${n} secret${n === 1 ? '' : 's'} reachable${report.warnings.length ? ` · ${report.warnings.length} gap${report.warnings.length === 1 ? '' : 's'} (see details)` : ''}`, report.warnings.length ? 'warn' : 'ok');
      },
      (e: unknown) => {
        if (!live) return;
        const msg = e instanceof Error ? e.message : String(e);
        setState({ report: null, loading: false, progress: '', error: msg });
        statusRef.current(msg, 'error');
      },
    );
    return () => {
      live = false;
    };
  }, [key, nonce, req.api]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { ...state, reload };
}
