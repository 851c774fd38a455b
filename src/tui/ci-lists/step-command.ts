// `c`: which step's whole bash_command to show, from where the user is (the rows themselves: state/step-rows.ts).
import type { Level } from '../state/nav.js';
import { selectionOf, type Selection } from '../state/selection.js';

/** `c`: the command level for the highlighted step (steps pane) or the step being read (log pane). */
export function commandLevelFor(level: Level, selection: Selection | undefined): Level | { why: string } {
  if (level.kind === 'log') return { kind: 'command', pipeline: level.pipeline, workflow: level.workflow, job: level.job, step: level.step, node: level.node };
  if (level.kind === 'steps') {
    const step = selectionOf(selection, 'step')?.step;
    if (!step) return { why: 'no step selected' };
    return { kind: 'command', pipeline: level.pipeline, workflow: level.workflow, job: level.job, step, node: 0 };
  }
  return { why: 'c shows a step’s command: open a job’s steps first' };
}
