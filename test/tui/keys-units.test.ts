// The pure parts behind the keys: what `x` scopes to, `:` parsing, the cursor's row kept across a filter, the
// rows a deep link went through, and the footer's conditions.
import { describe, expect, it } from 'vitest';
import type { Job, Pipeline, Workflow } from '../../src/api/types.js';
import { footerHints } from '../../src/tui/keymap.js';
import { listReducer } from '../../src/tui/list/use-list-state.js';
import { exposureTargetFor, resolveExposureTarget, scopeKey, scopeLabel } from '../../src/tui/state/exposure-scope.js';
import type { StepRow } from '../../src/tui/state/step-rows.js';
import { parseJump } from '../../src/tui/state/jump.js';
import { initialNav, type Level } from '../../src/tui/state/nav.js';

const pipeline = { id: 'p896', number: 896, trigger: { type: 'webhook' } } as unknown as Pipeline;
const workflow = { id: 'w1', name: 'build-test', pipeline_id: 'p896' } as unknown as Workflow;
const job = { id: 'j', job_number: 5015, type: 'build', name: 'test', dependencies: [] } as unknown as Job;
const approval = { ...job, id: 'a', job_number: null, type: 'approval', name: 'hold-deploy' } as unknown as Job;

describe('what x looks at', () => {
  it('the highlighted pipeline, workflow or job; the job of a step or log; the window with nothing highlighted', () => {
    expect(exposureTargetFor({ kind: 'pipelines' }, { kind: 'pipeline', pipeline })).toEqual({ scope: { kind: 'pipeline', pipelineId: 'p896', number: 896 } });
    expect(exposureTargetFor({ kind: 'pipelines' }, undefined)).toEqual({ scope: { kind: 'window' } });
    expect(exposureTargetFor({ kind: 'workflows', pipeline }, { kind: 'workflow', workflow })).toEqual({ workflow });
    expect(exposureTargetFor({ kind: 'workflows', pipeline }, undefined)).toEqual({ scope: { kind: 'pipeline', pipelineId: 'p896', number: 896 } });
    expect(exposureTargetFor({ kind: 'jobs', pipeline, workflow }, { kind: 'job', job })).toEqual({ scope: { kind: 'jobs', numbers: [5015] } });
    expect(exposureTargetFor({ kind: 'jobs', pipeline, workflow }, { kind: 'job', job: approval })).toEqual({ workflow });
    expect(exposureTargetFor({ kind: 'steps', pipeline, workflow, job }, { kind: 'step', step: { step: 104 } as StepRow })).toEqual({ scope: { kind: 'jobs', numbers: [5015] } });
    expect(exposureTargetFor({ kind: 'log', pipeline, workflow, job })).toEqual({ scope: { kind: 'jobs', numbers: [5015] } });
    // A row left over from the level below is not this level's: the workflow's pipeline, not the job.
    expect(exposureTargetFor({ kind: 'workflows', pipeline }, { kind: 'job', job })).toEqual({ scope: { kind: 'pipeline', pipelineId: 'p896', number: 896 } });
    expect(scopeLabel({ kind: 'jobs', numbers: [5015] })).toBe('job 5015');
    expect(scopeKey({ kind: 'pipeline', pipelineId: 'p896' })).toBe('exposure:pipeline:p896');
  });

  it('a workflow is the jobs it ran, approval jobs left out, labelled with its name', async () => {
    const jobsOf = async (id: string) => (id === 'w1' ? [job, approval, { ...job, job_number: 5016 }] : []);
    expect(await resolveExposureTarget({ workflow }, jobsOf)).toEqual({ scope: { kind: 'jobs', numbers: [5015, 5016] }, label: 'workflow build-test' });
  });
});

describe(': parsing', () => {
  it('a number, p/j prefixes, a #; anything else is refused with how to say it', () => {
    expect(parseJump('896')).toEqual({ kind: 'either', n: 896 });
    expect(parseJump(' p896 ')).toEqual({ kind: 'pipeline', n: 896 });
    expect(parseJump('job #5015')).toEqual({ kind: 'job', n: 5015 });
    expect(parseJump('j5015')).toEqual({ kind: 'job', n: 5015 });
    for (const bad of ['', 'x896', '896a', '-1', '1e3', '9'.repeat(13)]) expect(parseJump(bad), bad).toHaveProperty('why');
  });
});

describe('the list cursor', () => {
  it('place: the list grows back and the cursor goes to its row in one step (no clamp to the filtered length)', () => {
    const filtered = { cursor: 0, top: 0, count: 1, height: 10 };
    expect(listReducer(filtered, { type: 'place', index: 13, count: 60 })).toMatchObject({ cursor: 13, count: 60, top: 4 });
    // (harness check) a move on the filtered length would have stayed at 0.
    expect(listReducer(filtered, { type: 'to', index: 13 })).toMatchObject({ cursor: 0 });
  });

  it('a deep link stack: every level below the top selects the row that leads up', () => {
    const step = { step: 104, name: 'Upload coverage', status: 'success', exit_code: 0, run_time_millis: 1, nodes: 1, has_output: true, background: false };
    const stack: Level[] = [
      { kind: 'pipelines' },
      { kind: 'workflows', pipeline },
      { kind: 'jobs', pipeline, workflow },
      { kind: 'steps', pipeline, workflow, job },
      { kind: 'log', pipeline, workflow, job, step, node: 0 },
    ];
    expect(initialNav(stack).views.map((v) => v.select)).toEqual(['p896', 'w1', 'j', '104', undefined]);
    expect(initialNav().views).toEqual([{ cursor: 0, filter: '' }]);
  });
});

describe('footer conditions', () => {
  it('d only where a download can run, F only where follow applies', () => {
    expect(footerHints('jobs', 500, { download: false })).not.toMatch(/\bd download\b/);
    expect(footerHints('jobs', 500, { download: true })).toMatch(/\bd download\b/);
    expect(footerHints('log', 500, { follow: false })).not.toContain('F follow');
    expect(footerHints('log', 80, { follow: true })).toContain('F follow');
  });
});
