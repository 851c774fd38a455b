// The RCA pane's state: where the view is scrolled, and where a send stands (preparing → confirm → sending →
// sent/failed). Pure reducer; the pane runs the async work and dispatches the results.
import { useReducer } from 'react';
import type { RcaRow } from '../../rca/render.js';
import type { SendFact } from '../../rca/send-facts.js';
import type { PlannedSend, RcaSendService } from '../../rca/send-service.js';

export type SendPhase =
  | { kind: 'idle' }
  | { kind: 'preparing' }
  | { kind: 'confirm'; service: RcaSendService; plan: PlannedSend; facts: SendFact[] }
  | { kind: 'sending'; facts: SendFact[] }
  | { kind: 'sent'; status: number; rows: RcaRow[]; note: string; record: string | null }
  | { kind: 'failed'; message: string; record?: string | null };

export interface RcaState {
  top: number;
  phase: SendPhase;
}

export type RcaAction =
  | { type: 'scroll'; by: number; max: number }
  | { type: 'to'; top: number; max: number }
  | { type: 'phase'; phase: SendPhase };

export function rcaReducer(s: RcaState, a: RcaAction): RcaState {
  switch (a.type) {
    case 'scroll':
      return { ...s, top: Math.max(0, Math.min(a.max, s.top + a.by)) };
    case 'to':
      return { ...s, top: Math.max(0, Math.min(a.max, a.top)) };
    case 'phase':
      // A reply is shown from its first line.
      return { ...s, phase: a.phase, top: a.phase.kind === 'sent' || a.phase.kind === 'failed' ? 0 : s.top };
  }
}

export function useRcaState() {
  return useReducer(rcaReducer, { top: 0, phase: { kind: 'idle' } });
}

/** A send is in flight or waiting for an answer: the pane must not start another. */
export const isBusy = (p: SendPhase): boolean => p.kind === 'preparing' || p.kind === 'sending';
