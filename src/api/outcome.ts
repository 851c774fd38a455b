// A pipeline's outcome is not its `state` (that is setup state): summarise its workflows.
import type { Workflow } from './types.js';

const ORDER = ['failed', 'error', 'failing', 'unauthorized', 'running', 'on_hold', 'canceled', 'not_run', 'success'];

export function pipelineOutcome(workflows: Workflow[] | undefined): string {
  if (!workflows) return '…';
  if (workflows.length === 0) return 'no workflows';
  const statuses = new Set(workflows.map((w) => w.status));
  for (const s of ORDER) if (statuses.has(s)) return s;
  return workflows[0]!.status;
}
