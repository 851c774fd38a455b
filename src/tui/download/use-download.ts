// The download's state: idle, running with progress, or finished with a one-line outcome.
// The work itself is the data layer's (src/evidence); this hook only starts, follows and cancels it.
import { useCallback, useReducer, useRef } from 'react';
import type { DownloadProgress } from '../../util/progress-text.js';
import type { TuiDownloadTarget } from './download-target.js';

export interface DownloadOutcome { complete: boolean; dir: string; summary: string }

/** Provided by whoever opened the TUI with a live client; absent offline. */
export type DownloadRunner = (target: TuiDownloadTarget, onProgress: (progress: DownloadProgress) => void, signal: AbortSignal) => Promise<DownloadOutcome>;

export type DownloadState =
  | { phase: 'idle' }
  | { phase: 'running'; label: string; progress: DownloadProgress }
  | { phase: 'done'; outcome: DownloadOutcome };

type Action = { type: 'start'; label: string } | { type: 'progress'; progress: DownloadProgress } | { type: 'done'; outcome: DownloadOutcome };

function reducer(s: DownloadState, a: Action): DownloadState {
  switch (a.type) {
    case 'start': return { phase: 'running', label: a.label, progress: { done: 0, total: 0, bytes: 0, startedAt: Date.now() } };
    case 'progress': return s.phase === 'running' ? { ...s, progress: a.progress } : s;
    case 'done': return { phase: 'done', outcome: a.outcome };
  }
}

export function useDownload(runner: DownloadRunner | undefined, say: (msg: string, tone: 'info' | 'error' | 'ok' | 'warn') => void) {
  const [state, dispatch] = useReducer(reducer, { phase: 'idle' } as DownloadState);
  const abort = useRef<AbortController | null>(null);

  const start = useCallback((target: TuiDownloadTarget | null) => {
    if (!runner) return say('downloads need the live API (this is an evidence folder already)', 'warn');
    if (!target) return say('nothing selected to download', 'warn');
    if (abort.current) return say('a download is already running (X cancels it)', 'warn');
    const controller = new AbortController();
    abort.current = controller;
    dispatch({ type: 'start', label: target.label });
    runner(target, (progress) => dispatch({ type: 'progress', progress }), controller.signal).then(
      (outcome) => {
        dispatch({ type: 'done', outcome });
        say(outcome.summary, outcome.complete ? 'ok' : 'warn');
      },
      (e: unknown) => {
        dispatch({ type: 'done', outcome: { complete: false, dir: '', summary: e instanceof Error ? e.message : String(e) } });
        say(`download failed: ${e instanceof Error ? e.message : String(e)}`, 'error');
      },
    ).finally(() => {
      abort.current = null;
    });
  }, [runner, say]);

  const cancel = useCallback(() => {
    if (!abort.current) return say('no download is running', 'info');
    abort.current.abort(new Error('cancelled'));
    say('cancelling the download… (a rerun resumes it)', 'warn');
  }, [say]);

  return { state, start, cancel };
}
