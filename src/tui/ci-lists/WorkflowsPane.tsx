// Level 2: the workflows of one pipeline.
import type { Pipeline, Workflow } from '../../api/types.js';
import { useLoad } from '../hooks/use-load.js';
import { ListPane } from '../list/ListPane.js';
import { workflowCols } from './columns.js';
import type { PaneProps } from '../levels/pane-props.js';
import { listBindings, loadError, loadWarned } from './list-props.js';
import { workflowKey } from '../state/selection.js';

export function WorkflowsPane(p: PaneProps & { pipeline: Pipeline }) {
  const { data, loading, error, reload } = useLoad((c) => c.workflows(p.pipeline.id), loadWarned(p, (s) => s.workflows(p.pipeline.id)), (m) => p.status.push(m, 'error'));
  return (
    <ListPane<Workflow>
      {...listBindings(p)}
      paneId="workflows"
      title={`Workflows of pipeline ${p.pipeline.number}`}
      items={data ?? []}
      cols={workflowCols}
      keyOf={workflowKey}
      emptyText={loadError(error, loading) ? 'could not load the workflows' : loading || !data ? 'loading workflows…' : 'no workflows'}
      error={loadError(error, loading)}
      onCursor={(i, item) => {
        if (!p.active) return;
        p.nav({ type: 'view', depth: p.depth, patch: { cursor: i } });
        p.onHighlight?.(item && { kind: 'workflow', workflow: item });
      }}
      onOpen={(workflow) => p.nav({ type: 'push', level: { kind: 'jobs', pipeline: p.pipeline, workflow } })}
      onRefresh={reload}
    />
  );
}
