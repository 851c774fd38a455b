// The level registry, the screen layout, the typed cache and the typed selection: the tables the app reads.
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import type { StepSummary } from '../../../src/api/step-summary.js';
import type { Job, Pipeline, Workflow } from '../../../src/api/types.js';
import { rowTarget, windowTarget } from '../../../src/tui/download/download-target.js';
import { LoadedCacheContext, useLoad } from '../../../src/tui/hooks/use-load.js';
import { screenLayout, WIDE_COLUMNS } from '../../../src/tui/levels/layout.js';
import { entryFor, LEVELS } from '../../../src/tui/levels/registry.js';
import { featureSlot, LoadedCache } from '../../../src/tui/state/loaded-cache.js';
import type { Level } from '../../../src/tui/state/nav.js';
import { selectionOf, type Selection } from '../../../src/tui/state/selection.js';
import { waitForFrame } from '../../helpers/ink.js';

const pipeline = { id: 'p896', number: 896, created_at: '2026-11-20T10:00:00.000Z' } as Pipeline;
const workflow = { id: 'w1', name: 'build-test' } as Workflow;
const job = { id: 'j', job_number: 5015, name: 'test', type: 'build' } as Job;
const approval = { ...job, job_number: null, type: 'approval' } as Job;
const step = { step: 104, name: 'Run tests', nodes: 1, status: 'failed' } as StepSummary;

const everyLevel: Level[] = [
  { kind: 'pipelines' },
  { kind: 'workflows', pipeline },
  { kind: 'jobs', pipeline, workflow },
  { kind: 'steps', pipeline, workflow, job },
  { kind: 'log', pipeline, workflow, job, step, node: 0 },
  { kind: 'command', pipeline, workflow, job, step, node: 0 },
  { kind: 'rca', pipeline, workflow, job },
  { kind: 'audit' },
  { kind: 'exposure', scope: { kind: 'window' } },
  { kind: 'search', corpus: null },
  { kind: 'findings', corpus: null },
  { kind: 'messages' },
];

describe('the level registry', () => {
  it('has one entry per kind of level, and the list above covers them all', () => {
    expect(new Set(everyLevel.map((l) => l.kind))).toEqual(new Set(Object.keys(LEVELS)));
  });

  it('only the four CircleCI lists get the Miller columns', () => {
    const wide = everyLevel.filter((l) => entryFor(l).millerColumns).map((l) => l.kind);
    expect(wide).toEqual(['pipelines', 'workflows', 'jobs', 'steps']);
  });

  it('gives each level on a path its own id, so another level of the same kind mounts fresh', () => {
    const ids = everyLevel.map((l) => entryFor(l).id(l));
    expect(new Set(ids).size).toBe(ids.length);
    expect(entryFor({ kind: 'steps', pipeline, workflow, job })).toBe(LEVELS.steps);
    expect(LEVELS.steps.id({ kind: 'steps', pipeline, workflow, job: { ...job, job_number: 5016 } })).not.toBe(LEVELS.steps.id({ kind: 'steps', pipeline, workflow, job }));
  });

  it('d: the highlighted row of a list, the job of a job-level view, nothing elsewhere', () => {
    const at = (l: Level, s?: Selection) => entryFor(l).downloadTarget(l, s);
    expect(at({ kind: 'pipelines' }, { kind: 'pipeline', pipeline })).toEqual({ kind: 'pipeline', number: 896, label: 'pipeline 896' });
    expect(at({ kind: 'workflows', pipeline }, { kind: 'workflow', workflow })).toEqual({ kind: 'workflow', id: 'w1', label: 'workflow build-test' });
    expect(at({ kind: 'jobs', pipeline, workflow }, { kind: 'job', job })).toEqual({ kind: 'job', number: 5015, label: 'job 5015' });
    expect(at({ kind: 'jobs', pipeline, workflow }, { kind: 'job', job: approval })).toBeNull();
    for (const l of everyLevel.filter((x) => ['steps', 'log', 'command', 'rca'].includes(x.kind))) expect(at(l)).toEqual({ kind: 'job', number: 5015, label: 'job 5015' });
    for (const l of everyLevel.filter((x) => ['audit', 'exposure', 'search', 'findings', 'messages'].includes(x.kind))) expect(at(l, { kind: 'job', job })).toBeNull();
    // Right after Enter on a pipeline the selection is still that pipeline: the workflows level does not take it for a workflow.
    expect(at({ kind: 'workflows', pipeline }, { kind: 'pipeline', pipeline })).toBeNull();
    expect(at({ kind: 'pipelines' })).toBeNull();
  });
});

describe('the screen layout', () => {
  it('one column below 120, or for a level without Miller columns', () => {
    expect(screenLayout({ columns: WIDE_COLUMNS - 1, rows: 30 }, true, 3)).toEqual({ bodyRows: 26, parent: 0, main: 119, preview: 0 });
    expect(screenLayout({ columns: 160, rows: 30 }, false, 3)).toEqual({ bodyRows: 26, parent: 0, main: 160, preview: 0 });
  });

  it('from 120: parent (a quarter, once there is one), current, preview (30%), one column of gap each', () => {
    expect(screenLayout({ columns: 120, rows: 30 }, true, 1)).toEqual({ bodyRows: 26, parent: 0, main: 120 - 36 - 1, preview: 36 });
    expect(screenLayout({ columns: 160, rows: 30 }, true, 2)).toEqual({ bodyRows: 26, parent: 40, main: 160 - 40 - 48 - 2, preview: 48 });
  });

  it('keeps at least three body rows', () => {
    expect(screenLayout({ columns: 80, rows: 4 }, true, 1).bodyRows).toBe(3);
  });
});

describe('the typed cache', () => {
  it('two accessors for the same thing share a slot; different things do not', () => {
    const cache = new LoadedCache();
    cache.workflows('p896').set([workflow]);
    expect(cache.workflows('p896').get()).toEqual([workflow]);
    expect(cache.workflows('p897').get()).toBeUndefined();
    expect(cache.jobs('p896').get()).toBeUndefined();
    expect(cache.workflows('p896').id).toBe(cache.workflows('p896').id);
    const ids = [cache.pipelines(), cache.workflows('1'), cache.jobs('1'), cache.jobDetails(1), cache.stepRows(1), cache.outputHead(1, 1), cache.failureSummary(1), cache.feature(featureSlot<string>()), cache.feature(featureSlot<string>())].map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('a feature keeps its own object in its own slot', () => {
    const cache = new LoadedCache();
    const mine = featureSlot<{ n: number }>();
    cache.feature(mine).set({ n: 1 });
    expect(cache.feature(mine).get()?.n).toBe(1);
    expect(cache.feature(featureSlot<{ n: number }>()).get()).toBeUndefined();
  });

  it('keeps a null (a job without details) apart from "not loaded", and forgets on request', () => {
    const cache = new LoadedCache();
    expect(cache.jobDetails(5015).get()).toBeUndefined();
    cache.jobDetails(5015).set(null);
    expect(cache.jobDetails(5015).get()).toBeNull();
    cache.jobDetails(5015).forget();
    expect(cache.jobDetails(5015).get()).toBeUndefined();
  });

  it('useLoad serves a filled slot at once and never shows one slot’s data as another’s', async () => {
    const cache = new LoadedCache();
    cache.workflows('a').set([{ ...workflow, name: 'from-a' }]);
    let release: (w: Workflow[]) => void = () => {};
    const slowB = new Promise<Workflow[]>((r) => (release = r));
    let show: (id: string) => void = () => {};
    function Probe() {
      const [id, setId] = useState('a');
      show = setId;
      const { data, loading } = useLoad((c) => c.workflows(id), () => (id === 'b' ? slowB : Promise.resolve([])));
      return <Text>{`${id}:${loading ? 'loading' : 'idle'}:${data ? data.map((w) => w.name).join(',') : 'none'}`}</Text>;
    }
    const r = render(
      <LoadedCacheContext.Provider value={cache}>
        <Probe />
      </LoadedCacheContext.Provider>,
    );
    await waitForFrame(r.lastFrame, (f) => f === 'a:idle:from-a', 'cached slot a');
    show('b');
    // (negative check first) the frame changes to slot b, and while b loads it is not a's list.
    const frame = await waitForFrame(r.lastFrame, (f) => f.startsWith('b:'), 'slot b');
    expect(frame).not.toContain('from-a');
    release([{ ...workflow, name: 'from-b' }]);
    await waitForFrame(r.lastFrame, (f) => f === 'b:idle:from-b', 'slot b loaded');
    expect(cache.workflows('b').get()?.map((w) => w.name)).toEqual(['from-b']);
    r.unmount();
  });
});

describe('the typed selection', () => {
  it('a level reads only its own kind of row', () => {
    const s: Selection = { kind: 'job', job };
    expect(selectionOf(s, 'job')?.job).toBe(job);
    expect(selectionOf(s, 'pipeline')).toBeUndefined();
    expect(selectionOf(undefined, 'job')).toBeUndefined();
    expect(rowTarget(s, 'workflow')).toBeNull();
  });

  it('D: the window given, else from the oldest pipeline loaded', () => {
    expect(windowTarget({}, [])).toBeNull();
    expect(windowTarget({}, [{ ...pipeline, created_at: '2026-11-21T00:00:00.000Z' }, pipeline])).toMatchObject({ kind: 'window', since: pipeline.created_at });
    expect(windowTarget({ since: '2026-01-01T00:00:00.000Z', until: '2026-02-01T00:00:00.000Z' }, [pipeline])).toMatchObject({ kind: 'window', since: '2026-01-01T00:00:00.000Z', until: '2026-02-01T00:00:00.000Z' });
  });
});
