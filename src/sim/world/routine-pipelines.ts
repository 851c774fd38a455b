import { junitBody } from './artifact-bodies.js';
import { addJob, after, finishWorkflow, newPipeline, newWorkflow, type PipelineSpec } from './job-factory.js';
import type { SimPipeline, SimTrigger } from './model.js';
import { buildPlan, lintPlan, testPlan } from './standard-steps.js';
import { routineJobNumber, SIM_ROUTINE } from '../story.js';

// The background noise of the project: green build-test pipelines on main and a few
// feature branches, triggered by people, a bot and a schedule.

type Actor = Omit<SimTrigger, 'receivedMs'>;

const ALICE: Actor = { type: 'webhook', login: 'alice', name: 'Alice Nguyen', avatarUrl: 'https://avatars.githubusercontent.com/u/5811201?v=4' };
const BOB: Actor = { type: 'webhook', login: 'bob', name: 'Bob Okafor', avatarUrl: 'https://avatars.githubusercontent.com/u/7730114?v=4' };
const DEPLOY_BOT: Actor = { type: 'api', login: 'deploy-bot', name: 'Deploy Bot', avatarUrl: null };
const SCHEDULER: Actor = { type: 'scheduled_pipeline', login: 'acme-scheduler', name: 'Scheduled pipelines', avatarUrl: null };

export const ACTORS = { ALICE, BOB, DEPLOY_BOT, SCHEDULER } as const;

const ROTATION: readonly Actor[] = [ALICE, BOB, ALICE, DEPLOY_BOT, BOB, ALICE, SCHEDULER, BOB];

const SUBJECTS = [
  'fix(ledger): round half-even when splitting refunds',
  'chore(deps): bump undici from 6.21.0 to 6.21.1',
  'feat(cards): support network tokens for recurring charges',
  'docs: document payout retry policy',
  'refactor(risk): extract velocity window into its own module',
  'fix(webhooks): verify Adyen HMAC before parsing body',
  'test: cover idempotency key collisions',
  'perf(api): cache FX quotes for 30s',
  'chore: release 2.13.4',
  'feat(payouts): add SEPA instant rail behind a flag',
  'fix(checkout): handle 3DS challenge timeout',
  'ci: pin cimg/node to 20.18',
] as const;

const FEATURE_BRANCHES = ['feature/sepa-instant', 'feature/network-tokens', 'feature/fx-cache', 'feature/refund-rounding'] as const;

function at<T>(list: readonly T[], i: number): T {
  const item = list[((i % list.length) + list.length) % list.length];
  if (item === undefined) throw new Error('empty list');
  return item;
}

export function routinePipelineSpec(number: number, createdMs: number): PipelineSpec {
  const trigger = at(ROTATION, number);
  const human = trigger.type === 'webhook';
  const branch = human && number % 5 === 2 ? at(FEATURE_BRANCHES, Math.floor(number / 5)) : 'main';
  return { number, createdMs, branch, trigger, subject: at(SUBJECTS, number * 7) };
}

export function buildRoutinePipeline(number: number, createdMs: number): SimPipeline {
  const p = newPipeline(routinePipelineSpec(number, createdMs));
  const wf = newWorkflow(p, SIM_ROUTINE.workflow, 'success');
  const build = addJob(wf, { number: routineJobNumber(number, 0), name: 'build', readyMs: wf.createdMs + 600, plan: (n, j) => buildPlan(j, n) });
  addJob(wf, {
    number: routineJobNumber(number, 1),
    name: 'test',
    readyMs: after([build]),
    dependsOn: [build],
    plan: (n, j) => testPlan(j, n),
    artifacts: () => [{ path: 'test-results/junit.xml', nodeIndex: 0, body: junitBody('payments', 611, 0), contentType: 'application/xml' }],
  });
  addJob(wf, { number: routineJobNumber(number, 2), name: 'lint', readyMs: after([build]), dependsOn: [build], plan: (n, j) => lintPlan(j, n) });
  finishWorkflow(wf);
  return p;
}
