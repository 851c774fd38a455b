import type { LogLine, OutputMessage } from '../output/messages.js';
import type { ActionStatus, OutputClock } from './model.js';

/** What one step does on one parallel node; job-factory.ts turns plans into v1.1 actions. */
export interface StepPlan {
  id: number;
  name: string;
  bashCommand: string | null;
  durationMs: number;
  /** null: the step printed nothing (`has_output: false`). */
  output: StepOutput | null;
  noOutputUrl?: 'null' | 'absent';
  /** Defaults: null for steps 0 and 99 (like real payloads), 0 otherwise. */
  exitCode?: number | null;
  /** Defaults to failed when exitCode is non-zero, else success. */
  status?: ActionStatus;
  background?: boolean;
}

export type StepOutput =
  | { kind: 'lines'; lines: (startMs: number) => LogLine[] }
  | { kind: 'messages'; messages: (startMs: number, endMs: number | null, clock: OutputClock) => OutputMessage[] }
  | { kind: 'body'; body: (startMs: number, endMs: number) => Buffer };

export const linesOutput = (lines: () => LogLine[]): StepOutput => ({ kind: 'lines', lines });
