import { stableUuid } from './ids.js';

// The fixed scenario the simulator serves. Everything is derived from these constants
// and from labels fed to stableUuid(), so tests can name any object of the story.

export const SIM_ANCHOR = '2026-11-20T12:00:00Z';
export const SIM_ANCHOR_MS = Date.parse(SIM_ANCHOR);

export const SIM_PROJECT = 'gh/acme/payments';
export const SIM_PROJECT_V1_SLUG = 'github/acme/payments';
export const SIM_ORG = 'acme';
export const SIM_ORG_SLUG = 'gh/acme';
export const SIM_REPO = 'payments';
export const SIM_VCS_URL = 'https://github.com/acme/payments';

export const SIM_ME = Object.freeze({
  id: stableUuid('user:sim-responder'),
  login: 'sim-responder',
  name: 'Sim Responder',
});
export const SIM_ORG_ID = stableUuid('org:acme');
export const SIM_PROJECT_ID = stableUuid('project:gh/acme/payments');

/** 60 pipelines, newest first in lists; pipeline n is created at anchor − (909 − n) × 2 h. */
export const SIM_PIPELINES = Object.freeze({ first: 850, last: 909, count: 60, intervalHours: 2 });

/** Routine pipelines: workflow build-test, jobs build/test/lint numbered 4000 + (n − 850) × 4 + k. */
export const SIM_ROUTINE = Object.freeze({
  workflow: 'build-test',
  jobBase: 4000,
  jobsPerPipeline: 4,
  jobNames: Object.freeze(['build', 'test', 'lint'] as const),
});

export function routineJobNumber(pipelineNumber: number, k: number): number {
  return SIM_ROUTINE.jobBase + (pipelineNumber - SIM_PIPELINES.first) * SIM_ROUTINE.jobsPerPipeline + k;
}

/** Pipeline 896: a feature branch that adds an exfiltrating "Upload coverage" step. */
export const SIM_MALICIOUS = Object.freeze({
  pipeline: 896,
  branch: 'feature/coverage-upload',
  actor: 'mallory-dev',
  subject: 'ci: add coverage upload',
  workflow: 'build-test',
  jobs: Object.freeze({ build: 5013, test: 5015, lint: 5016, approval: 5017 }),
  approvalJobName: 'hold-deploy',
  /** Step id of "Upload coverage" in job 5015 (env | base64 | curl + terminal-attack corpus). */
  maliciousStep: 104,
  /** Step id of "Save cache" in job 5015: has_output false, output_url null. */
  noOutputStep: 105,
  /** Step id of "Run linter" in job 5016 (exit 1, leaks a GitHub token). */
  lintStep: 103,
  contexts: Object.freeze(['aws-prod', 'npm-publish']),
  exfilUrl: 'https://evil.example/collect',
});

/** Pipeline 897: test-shards with parallelism 4, node 2 failed. */
export const SIM_SHARDS = Object.freeze({
  pipeline: 897,
  workflow: 'build-test',
  buildJob: 5020,
  job: 5021,
  jobName: 'test-shards',
  parallelism: 4,
  failedNode: 2,
  step: 103,
});

/** Pipeline 898: workflow "matrix" with 45 jobs matrix-0 … matrix-44 (5030 … 5074). */
export const SIM_MATRIX = Object.freeze({ pipeline: 898, workflow: 'matrix', firstJob: 5030, jobCount: 45 });

export function matrixJobName(jobNumber: number): string {
  return `matrix-${jobNumber - SIM_MATRIX.firstJob}`;
}

/** Pipeline 899: nightly integration job with a ~20 MB step output. */
export const SIM_HUGE_LOG = Object.freeze({
  pipeline: 899,
  workflow: 'nightly',
  job: 5080,
  jobName: 'integration',
  step: 103,
  lines: 314_159,
  /** 1-based line number (lines split on "\n" after concatenating every message). */
  needleLine: 271_828,
  needle: 'NEEDLE-4f1c2e line 271828',
});

/** Pipeline 909 (newest): deploy still running; step 103 grows one line per 500 ms of wall time. */
export const SIM_RUNNING = Object.freeze({
  pipeline: 909,
  workflow: 'deploy',
  job: 5199,
  jobName: 'deploy-staging',
  step: 103,
  lineIntervalMs: 500,
  /** Lines printed before the first timed progress line. */
  headerLines: 3,
});

export const SIM_CONTEXT_NAMES = Object.freeze(['aws-prod', 'npm-publish', 'slack-notify'] as const);

export function simPipelineId(number: number): string {
  return stableUuid(`pipeline:${number}`);
}
export function simWorkflowId(pipelineNumber: number, name: string): string {
  return stableUuid(`workflow:${pipelineNumber}:${name}`);
}
export function simJobId(jobNumber: number): string {
  return stableUuid(`job:${jobNumber}`);
}
export function simContextId(name: string): string {
  return stableUuid(`context:${name}`);
}
export function simUserId(login: string): string {
  return stableUuid(`user:${login}`);
}
