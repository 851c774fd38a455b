// A job's steps as the screens show them: each step's summary plus the bash_command of each node, for the steps
// pane's CMD column, the preview, the log pane's header line and the `c` view. Rows come from one load per job
// (the cache's `stepRows(n)`), shared by the steps pane, the log pane and the preview column. No Ink here.
import { summarizeStep, type StepSummary } from '../../api/step-summary.js';
import type { Step } from '../../api/types.js';
import type { InvestigationSource } from '../../source/source.js';

export interface StepRow extends StepSummary {
  /** The command of each parallel node, by node index (the same on every node, nearly always). */
  commands: Record<number, string | null>;
}

export function stepRow(s: Step): StepRow {
  const commands: Record<number, string | null> = {};
  for (const a of s.actions) commands[a.index] = a.bash_command;
  return { ...summarizeStep(s), commands };
}

export async function loadStepRows(source: Pick<InvestigationSource, 'build'>, jobNumber: number): Promise<StepRow[]> {
  return (await source.build(jobNumber)).steps.map(stepRow);
}

/** The node's command, else the first node's that has one (null when the API gave none). */
export function commandOf(row: Pick<StepRow, 'commands'> | undefined, node = 0): string | null {
  if (!row?.commands) return null;
  const own = row.commands[node];
  if (typeof own === 'string') return own;
  for (const c of Object.values(row.commands)) if (typeof c === 'string') return c;
  return null;
}

/**
 * The command's first line that runs something: blank lines, comments (a `#!` line too) and `set -e…`
 * lines are skipped, so `#!/bin/bash -eo pipefail` does not hide what ran. `+N lines` says there is more;
 * a command of comments only shows its first line.
 */
export function commandPreview(command: string | null): string {
  if (command === null) return '';
  const lines = command.split(/\r?\n/);
  const telling = lines.findIndex((l) => l.trim() !== '' && !l.trim().startsWith('#') && !/^\s*set\s+[-+]\w/.test(l));
  const at = telling < 0 ? lines.findIndex((l) => l.trim() !== '') : telling;
  if (at < 0) return '';
  const rest = lines.slice(at + 1).filter((l) => l.trim() !== '').length;
  return `${lines[at]!.trim()}${rest ? `  (+${rest} line${rest === 1 ? '' : 's'})` : ''}`;
}
