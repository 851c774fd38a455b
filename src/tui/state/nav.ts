// Where the user is: a stack of levels from the pipeline list down to one step's log.
// Each level remembers its cursor and filter, so going back lands where the user left.
import type { Job, Pipeline, Workflow } from '../../api/types.js';
import type { StepSummary } from '../../api/step-summary.js';
import type { PaneKind } from '../keymap.js';
import type { Corpus } from '../../search/corpus.js';
import type { ExposureScope } from '../../exposure/index.js';
import { jobKey, pipelineKey, stepKey, workflowKey } from './selection.js';

export type Level =
  | { kind: 'pipelines' }
  | { kind: 'workflows'; pipeline: Pipeline }
  | { kind: 'jobs'; pipeline: Pipeline; workflow: Workflow }
  | { kind: 'steps'; pipeline: Pipeline; workflow: Workflow; job: Job }
  | { kind: 'log'; pipeline: Pipeline; workflow: Workflow; job: Job; step: StepSummary; node: number; jump?: { line: number; query?: string; notice?: string } }
  /** `c`: a step's whole bash_command, scrollable. */
  | { kind: 'command'; pipeline: Pipeline; workflow: Workflow; job: Job; step: StepSummary; node: number }
  /** `R`: the failure summary of a job (rca/rca-level.ts says which job). */
  | { kind: 'rca'; pipeline: Pipeline; workflow: Workflow; job: Job }
  | { kind: 'audit' }
  /** `label` names a scope the exposure view has no word for (a workflow, as the jobs it ran). */
  | { kind: 'exposure'; scope: ExposureScope; label?: string }
  | { kind: 'search'; corpus: Corpus | null }
  | { kind: 'findings'; corpus: Corpus | null }
  /** `!`: the status line's last messages in full. */
  | { kind: 'messages' };

export interface LevelView {
  cursor: number;
  filter: string;
  /** Put the cursor on the row with this key once the list has it (the row a deep link or a jump went through). */
  select?: string;
}

export interface NavState {
  stack: Level[];
  views: LevelView[];
  help: boolean;
  /** A text input (filter, search) is open: it takes every key. */
  inputOpen: boolean;
}

export type NavAction =
  | { type: 'push'; level: Level }
  | { type: 'pop' }
  | { type: 'reset'; stack: Level[] }
  /** `depth` names the level (its index in the stack): an effect may land after a push or pop. */
  | { type: 'view'; depth: number; patch: Partial<LevelView> }
  | { type: 'help'; open?: boolean }
  | { type: 'input'; open: boolean };

const fresh = (): LevelView => ({ cursor: 0, filter: '' });

/** The row of the level below `next` that opens `next` (null when `next` is not one of the drill-down levels). */
function rowKeyLeadingTo(next: Level): string | null {
  switch (next.kind) {
    case 'workflows': return pipelineKey(next.pipeline);
    case 'jobs': return workflowKey(next.workflow);
    case 'steps': return jobKey(next.job);
    case 'log': return stepKey(next.step);
    default: return null;
  }
}

/** Each level below the top starts on the row that leads to the level above it: back lands where the link went. */
export function initialNav(stack: Level[] = [{ kind: 'pipelines' }]): NavState {
  const views = stack.map((_, i): LevelView => {
    const select = i + 1 < stack.length ? rowKeyLeadingTo(stack[i + 1]!) : null;
    return select === null ? fresh() : { ...fresh(), select };
  });
  return { stack, views, help: false, inputOpen: false };
}

export function navReducer(s: NavState, a: NavAction): NavState {
  switch (a.type) {
    case 'push':
      return { ...s, stack: [...s.stack, a.level], views: [...s.views, fresh()], inputOpen: false };
    case 'pop':
      if (s.stack.length <= 1) return s;
      return { ...s, stack: s.stack.slice(0, -1), views: s.views.slice(0, -1), inputOpen: false };
    case 'reset':
      return initialNav(a.stack);
    case 'view': {
      if (a.depth < 0 || a.depth >= s.views.length) return s;
      const views = s.views.slice();
      views[a.depth] = { ...views[a.depth]!, ...a.patch };
      return { ...s, views };
    }
    case 'help':
      return { ...s, help: a.open ?? !s.help };
    case 'input':
      return { ...s, inputOpen: a.open };
  }
}

export const currentLevel = (s: NavState): Level => s.stack[s.stack.length - 1]!;
export const currentView = (s: NavState): LevelView => s.views[s.views.length - 1] ?? fresh();
export const activePane = (s: NavState): PaneKind => (s.help ? 'help' : currentLevel(s).kind);
