// Level 3: every job of a workflow, with executor, parallelism and contexts from job details.
import { useEffect, useState } from 'react';
import type { Job, JobDetails, Pipeline, Workflow } from '../../api/types.js';
import { useLoad, useLoadedCache } from '../hooks/use-load.js';
import { ListPane } from '../list/ListPane.js';
import { jobCols } from './columns.js';
import type { PaneProps } from '../levels/pane-props.js';
import { listBindings, loadError, loadWarned } from './list-props.js';
import { jobKey } from '../state/selection.js';

export function JobsPane(p: PaneProps & { pipeline: Pipeline; workflow: Workflow }) {
  const cache = useLoadedCache();
  const { data, loading, error, reload } = useLoad((c) => c.jobs(p.workflow.id), loadWarned(p, (s) => s.jobs(p.workflow.id)), (m) => p.status.push(m, 'error'));
  const [details, setDetails] = useState(() => new Map<number, JobDetails | null>());

  useEffect(() => {
    if (!data) return;
    let live = true;
    for (const j of data) {
      const n = j.job_number;
      if (n === null || j.type === 'approval') continue;
      const cached = cache.jobDetails(n);
      const known = cached.get();
      if (known !== undefined) {
        setDetails((m) => new Map(m).set(n, known));
        continue;
      }
      void p.source.jobDetails(n).catch(() => null).then((d) => {
        cached.set(d);
        if (live) setDetails((m) => new Map(m).set(n, d));
      });
    }
    return () => {
      live = false;
    };
  }, [data]);

  return (
    <ListPane<Job>
      {...listBindings(p)}
      paneId="jobs"
      title={`Jobs of ${p.workflow.name}`}
      items={data ?? []}
      cols={jobCols(details)}
      keyOf={jobKey}
      emptyText={loadError(error, loading) ? 'could not load the jobs' : loading || !data ? 'loading jobs…' : 'no jobs'}
      error={loadError(error, loading)}
      onCursor={(i, item) => {
        if (!p.active) return;
        p.nav({ type: 'view', depth: p.depth, patch: { cursor: i } });
        p.onHighlight?.(item && { kind: 'job', job: item });
      }}
      onOpen={(job) => {
        if (job.type === 'approval' || job.job_number === null) {
          p.status.push(`${job.name} is an approval job: it has no steps (${job.status})`, 'warn');
          return;
        }
        p.nav({ type: 'push', level: { kind: 'steps', pipeline: p.pipeline, workflow: p.workflow, job } });
      }}
      onRefresh={reload}
    />
  );
}
