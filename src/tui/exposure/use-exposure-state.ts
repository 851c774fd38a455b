// The exposure pane's view state: per job or per secret, the fuzzy filter (and its prompt), and the
// row shown in full with its scroll position.
import { useReducer } from 'react';

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
