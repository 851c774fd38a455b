// Level 4: the steps of a job (v1.1), one row per step across its parallel nodes.
import { summarizeStep, type StepSummary } from '../../api/step-summary.js';
import type { Job, Pipeline, Workflow } from '../../api/types.js';
import { useLoad } from '../hooks/use-load.js';
import { ListPane } from '../list/ListPane.js';
import { stepCols } from './columns.js';
import { listBindings, type PaneProps } from './pane-props.js';

export function StepsPane(p: PaneProps & { pipeline: Pipeline; workflow: Workflow; job: Job }) {
  const n = p.job.job_number ?? 0;
  const { data, loading, reload } = useLoad(`steps:${n}`, async () => (await p.source.build(n)).steps.map(summarizeStep), (m) => p.status.push(m, 'error'));
  return (
    <ListPane<StepSummary>
      {...listBindings(p)}
      paneId="steps"
      title={`Steps of job ${n} ${p.job.name}`}
      items={data ?? []}
      cols={stepCols}
      keyOf={(s) => String(s.step)}
      emptyText={loading || !data ? 'loading steps…' : 'no steps (the job may not have started)'}
      onCursor={(i, item) => {
        if (!p.active) return;
        p.nav({ type: 'view', depth: p.depth, patch: { cursor: i } });
        p.onHighlight?.(item);
      }}
      onOpen={(step) => p.nav({ type: 'push', level: { kind: 'log', pipeline: p.pipeline, workflow: p.workflow, job: p.job, step, node: 0 } })}
      onRefresh={reload}
    />
  );
}
