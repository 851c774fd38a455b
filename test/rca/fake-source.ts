// An InvestigationSource with one made-up job, for summaries of outputs the simulator does not have
// (hostile bytes in a failing step, a 12 MiB log, several failing steps).
import type { BuildDetails, JobDetails, Step, StepAction } from '../../src/api/types.js';
import type { InvestigationSource, LoadedOutput } from '../../src/source/source.js';

export interface FakeStep {
  step: number;
  name: string;
  status?: string;
  exit_code?: number | null;
  command?: string | null;
  /** Output per node (node 0 when a string). */
  output: string | string[] | null;
  timedout?: boolean;
  infrastructure_fail?: boolean;
}

function action(s: FakeStep, node: number, text: string | null): StepAction {
  const status = s.status ?? 'success';
  return {
    step: s.step, index: node, name: s.name, bash_command: s.command ?? null, status,
    exit_code: s.exit_code === undefined ? (status === 'success' ? 0 : 1) : s.exit_code,
    start_time: '2026-11-20T10:00:00.000Z', end_time: '2026-11-20T10:00:05.000Z', run_time_millis: 5000,
    background: false, parallel: true, has_output: text !== null, output_url: null, truncated: false,
    failed: status === 'failed', timedout: Boolean(s.timedout), canceled: status === 'canceled', infrastructure_fail: Boolean(s.infrastructure_fail),
    type: null, allocation_id: null,
  };
}

export function fakeSource(job: { number: number; name: string; status: string; workflowId?: string | null; branch?: string | null }, steps: FakeStep[]): InvestigationSource & { reads: string[] } {
  const reads: string[] = [];
  const outputs = new Map<string, string>();
  const built: Step[] = steps.map((s) => {
    const per = s.output === null ? [null] : Array.isArray(s.output) ? s.output : [s.output];
    per.forEach((t, node) => t !== null && outputs.set(`${s.step}/${node}`, t));
    return { step: s.step, name: s.name, actions: per.map((t, node) => action(s, node, t)) };
  });
  const parallel = Math.max(...built.map((s) => s.actions.length));
  const build: BuildDetails = {
    build_num: job.number, job_name: job.name, lifecycle: 'finished', outcome: job.status, status: job.status, parallel,
    branch: job.branch === undefined ? 'main' : job.branch, vcs_tag: null, vcs_revision: '0123456789abcdef0123456789abcdef01234567', subject: 'fix', build_url: `https://circleci.example/gh/acme/app/${job.number}`,
    start_time: '2026-11-20T10:00:00.000Z', stop_time: '2026-11-20T10:01:00.000Z', build_time_millis: 60_000,
    failed: job.status === 'failed', canceled: false, timedout: false, infrastructure_fail: false,
    workflows: job.workflowId === null ? null : { workflow_id: job.workflowId ?? '11111111-2222-4333-8444-555555555555', workflow_name: 'ci', job_name: job.name, job_id: null },
    executor: 'docker', resource_class: 'medium', steps: built,
  };
  const no = (): never => {
    throw new Error('not in the fake source');
  };
  return {
    kind: 'live',
    label: 'fake',
    project: 'gh/acme/app',
    evidenceDir: null,
    reads,
    pipelines: () => ({ next: async () => ({ items: [], done: true }) }),
    pipelineByNumber: async () => no(),
    pipelineById: async () => no(),
    workflows: async () => [],
    workflow: async () => no(),
    jobs: async () => [],
    jobDetails: async (): Promise<JobDetails | null> => null,
    build: async () => structuredClone(build),
    locateJob: async () => null,
    takeWarnings: () => [],
    stepOutput: async (_n: number, step: number, node: number): Promise<LoadedOutput> => {
      reads.push(`${step}/${node}`);
      const text = outputs.get(`${step}/${node}`);
      if (text === undefined) throw new Error(`no output for step ${step} node ${node}`);
      return { text, format: 'json', truncated: false, times: [], final: true };
    },
  };
}
