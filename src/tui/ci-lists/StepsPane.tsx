// Level 4: the steps of a job (v1.1), one row per step across its parallel nodes, with what each ran.
import type { Job, Pipeline, Workflow } from '../../api/types.js';
import { useLoad } from '../hooks/use-load.js';
import { ListPane } from '../list/ListPane.js';
import { stepKey } from '../state/selection.js';
import { stepCols } from './columns.js';
import type { PaneProps } from '../levels/pane-props.js';
import { listBindings, loadError } from './list-props.js';
import { loadStepRows, type StepRow } from '../state/step-rows.js';

export function StepsPane(p: PaneProps & { pipeline: Pipeline; workflow: Workflow; job: Job }) {
  const n = p.job.job_number ?? 0;
  const { data, loading, error, reload } = useLoad((c) => c.stepRows(n), () => loadStepRows(p.source, n), (m) => p.status.push(m, 'error'));
  return (
    <ListPane<StepRow>
      {...listBindings(p)}
      paneId="steps"
      title={`Steps of job ${n} ${p.job.name}`}
      items={data ?? []}
      cols={stepCols}
      keyOf={stepKey}
      emptyText={loadError(error, loading) ? 'could not load the steps' : loading || !data ? 'loading steps…' : 'no steps (the job may not have started)'}
      error={loadError(error, loading)}
      onCursor={(i, item) => {
        if (!p.active) return;
        p.nav({ type: 'view', depth: p.depth, patch: { cursor: i } });
        p.onHighlight?.(item && { kind: 'step', step: item });
      }}
      onOpen={(step) => p.nav({ type: 'push', level: { kind: 'log', pipeline: p.pipeline, workflow: p.workflow, job: p.job, step, node: 0 } })}
      onRefresh={reload}
    />
  );
}
