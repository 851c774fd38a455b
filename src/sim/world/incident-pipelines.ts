import { seedOf } from '../ids.js';
import { hugeLogBody } from '../output/huge-log.js';
import { leakingLintLines, LINT_BASH_COMMAND, maliciousUploadMessages, MALICIOUS_BASH_COMMAND } from '../output/hostile-output.js';
import { out } from '../output/messages.js';
import { shardSuites, testLines } from '../output/routine-output.js';
import { DEPLOY_BASH_COMMAND, runningDeployMessages } from '../output/running-deploy.js';
import { matrixJobName, SIM_HUGE_LOG, SIM_MALICIOUS, SIM_MATRIX, SIM_RUNNING, SIM_SHARDS } from '../story.js';
import { MINUTE } from '../time.js';
import { junitBody, maliciousArtifacts } from './artifact-bodies.js';
import { addApprovalJob, addJob, after, finishWorkflow, newPipeline, newWorkflow } from './job-factory.js';
import type { SimPipeline } from './model.js';
import { ACTORS } from './routine-pipelines.js';
import { buildPlan, installStep, runStep, setupSteps, silentStep, testRunStep } from './standard-steps.js';

// The pipelines an investigation is about: the exfiltration (896), a sharded failure
// (897), a wide matrix (898), a huge nightly log (899) and a deploy still running (909).

const MALLORY = { type: 'webhook' as const, login: SIM_MALICIOUS.actor, name: 'Mallory Dev', avatarUrl: 'https://avatars.githubusercontent.com/u/9931337?v=4' };

export function buildMaliciousPipeline(createdMs: number): SimPipeline {
  const p = newPipeline({
    number: SIM_MALICIOUS.pipeline,
    createdMs,
    branch: SIM_MALICIOUS.branch,
    trigger: MALLORY,
    subject: SIM_MALICIOUS.subject,
    body: 'Upload coverage so we can track it in the dashboard.',
  });
  const wf = newWorkflow(p, SIM_MALICIOUS.workflow, 'failed');
  const { jobs } = SIM_MALICIOUS;
  const build = addJob(wf, { number: jobs.build, name: 'build', readyMs: wf.createdMs + 600, plan: (n, j) => buildPlan(j, n) });
  const test = addJob(wf, {
    number: jobs.test,
    name: 'test',
    readyMs: after([build]),
    dependsOn: [build],
    contexts: SIM_MALICIOUS.contexts,
    plan: (node, job) => [
      ...setupSteps(job, node),
      installStep(job, node),
      testRunStep(job, node),
      {
        id: SIM_MALICIOUS.maliciousStep,
        name: 'Upload coverage',
        bashCommand: MALICIOUS_BASH_COMMAND,
        durationMs: 3_410,
        output: { kind: 'messages', messages: (start, end) => maliciousUploadMessages(start, end ?? start) },
      },
      silentStep(job, node, SIM_MALICIOUS.noOutputStep, 'Save cache', 'null', null),
    ],
    artifacts: maliciousArtifacts,
  });
  addJob(wf, {
    number: jobs.lint,
    name: 'lint',
    readyMs: after([build]),
    dependsOn: [build],
    plan: (node, job) => [
      ...setupSteps(job, node),
      installStep(job, node),
      {
        id: SIM_MALICIOUS.lintStep,
        name: 'Run linter',
        bashCommand: LINT_BASH_COMMAND,
        durationMs: 4_870,
        output: { kind: 'lines', lines: leakingLintLines },
        exitCode: 1,
      },
    ],
  });
  addApprovalJob(wf, jobs.approval, SIM_MALICIOUS.approvalJobName, [test]);
  finishWorkflow(wf);
  return p;
}

export function buildShardsPipeline(createdMs: number): SimPipeline {
  const p = newPipeline({ number: SIM_SHARDS.pipeline, createdMs, branch: 'main', trigger: ACTORS.BOB, subject: 'test: shard the suite across 4 nodes' });
  const wf = newWorkflow(p, SIM_SHARDS.workflow, 'failed');
  const build = addJob(wf, { number: SIM_SHARDS.buildJob, name: 'build', readyMs: wf.createdMs + 600, plan: (n, j) => buildPlan(j, n) });
  addJob(wf, {
    number: SIM_SHARDS.job,
    name: SIM_SHARDS.jobName,
    readyMs: after([build]),
    dependsOn: [build],
    parallelism: SIM_SHARDS.parallelism,
    plan: (node, job) => {
      const suites = shardSuites(node, SIM_SHARDS.parallelism);
      const failing = node === SIM_SHARDS.failedNode ? suites[0] : undefined;
      const header = [`Running shard ${node + 1}/${SIM_SHARDS.parallelism} (CIRCLE_NODE_INDEX=${node}): ${suites.length} suites`];
      return [
        ...setupSteps(job, node),
        installStep(job, node),
        testRunStep(job, node, failing ? { suites, header, failingSuite: failing } : { suites, header }, failing ? 1 : 0),
        // `when: always`: results are stored on every node, even the failed one.
        silentStep(job, node, 104, 'Uploading test results', 'absent', null),
      ];
    },
    artifacts: () =>
      Array.from({ length: SIM_SHARDS.parallelism }, (_, node) => ({
        path: 'test-results/junit.xml',
        nodeIndex: node,
        body: junitBody(`payments shard ${node + 1}`, 150, node === SIM_SHARDS.failedNode ? 1 : 0),
        contentType: 'application/xml',
      })),
  });
  finishWorkflow(wf);
  return p;
}

const NODE_VERSIONS = ['18', '20', '22'] as const;
const PG_VERSIONS = ['13', '14', '15', '16', '17'] as const;
const TIMEZONES = ['UTC', 'America/New_York', 'Asia/Tokyo'] as const;

export function buildMatrixPipeline(createdMs: number): SimPipeline {
  const p = newPipeline({ number: SIM_MATRIX.pipeline, createdMs, branch: 'main', trigger: ACTORS.ALICE, subject: 'ci: run the suite against node × postgres × tz' });
  const wf = newWorkflow(p, SIM_MATRIX.workflow, 'success');
  for (let i = 0; i < SIM_MATRIX.jobCount; i++) {
    const number = SIM_MATRIX.firstJob + i;
    const nodeV = NODE_VERSIONS[i % 3] ?? '20';
    const pg = PG_VERSIONS[Math.floor(i / 3) % 5] ?? '16';
    const tz = TIMEZONES[Math.floor(i / 15)] ?? 'UTC';
    addJob(wf, {
      number,
      name: matrixJobName(number),
      readyMs: wf.createdMs + 600 + i * 40,
      image: `cimg/node:${nodeV}.0`,
      plan: (node, job) => [
        ...setupSteps(job, node),
        installStep(job, node),
        runStep(job, node, {
          id: 103,
          name: `Run tests (node ${nodeV}, postgres ${pg}, TZ=${tz})`,
          command: [`TZ=${tz} PGVERSION=${pg} npm test`],
          lines: () => testLines({ seed: seedOf(`matrix:${number}`), header: [`node ${nodeV} · postgres ${pg} · TZ=${tz}`] }),
          minMs: 20_000,
          maxMs: 60_000,
        }),
      ],
    });
  }
  finishWorkflow(wf);
  return p;
}

export function buildNightlyPipeline(createdMs: number): SimPipeline {
  const p = newPipeline({ number: SIM_HUGE_LOG.pipeline, createdMs, branch: 'main', trigger: ACTORS.SCHEDULER, subject: 'chore: release 2.13.4' });
  const wf = newWorkflow(p, SIM_HUGE_LOG.workflow, 'success');
  addJob(wf, {
    number: SIM_HUGE_LOG.job,
    name: SIM_HUGE_LOG.jobName,
    readyMs: wf.createdMs + 600,
    resourceClass: 'large',
    plan: (node, job) => [
      ...setupSteps(job, node),
      {
        id: 102,
        name: 'Start services',
        bashCommand: '#!/bin/bash -eo pipefail\ndocker compose -f docker-compose.it.yml up -d --wait\n',
        durationMs: 31_508,
        output: {
          kind: 'lines',
          lines: () => ['postgres', 'redis', 'sandbox-gateway', 'risk-scorer'].map((s) => out(` Container payments-it-${s}-1  Healthy`)),
        },
      },
      {
        id: SIM_HUGE_LOG.step,
        name: 'Run integration suite',
        bashCommand: '#!/bin/bash -eo pipefail\nnpm run test:integration -- --reporter=verbose\n',
        durationMs: 47 * MINUTE + 12_345,
        output: { kind: 'body', body: hugeLogBody },
      },
      silentStep(job, node, 104, 'Uploading test results', 'absent', null),
    ],
    artifacts: () => [{ path: 'reports/integration-summary.json', nodeIndex: 0, body: '{"suites":63,"tests":18204,"failures":0}\n', contentType: 'application/json' }],
  });
  finishWorkflow(wf);
  return p;
}

export function buildRunningPipeline(createdMs: number): SimPipeline {
  const p = newPipeline({ number: SIM_RUNNING.pipeline, createdMs, branch: 'main', trigger: ACTORS.DEPLOY_BOT, subject: 'release: v2.14.0' });
  const wf = newWorkflow(p, SIM_RUNNING.workflow, 'running');
  addJob(wf, {
    number: SIM_RUNNING.job,
    name: SIM_RUNNING.jobName,
    readyMs: wf.createdMs + 600,
    contexts: ['aws-prod', 'slack-notify'],
    resourceClass: 'small',
    image: 'cimg/deploy:2024.11',
    plan: (node, job) => [
      ...setupSteps(job, node),
      {
        id: 102,
        name: 'Install deploy tooling',
        bashCommand: '#!/bin/bash -eo pipefail\ncurl -fsSL -o /tmp/kubectl.sha256 https://dl.k8s.io/release/v1.31.2/bin/linux/amd64/kubectl.sha256\n',
        durationMs: 4_212,
        output: { kind: 'lines', lines: () => [out('kubectl: OK'), out('Client Version: v1.31.2')] },
      },
      {
        id: SIM_RUNNING.step,
        name: 'Deploy',
        bashCommand: DEPLOY_BASH_COMMAND,
        durationMs: 0,
        status: 'running',
        exitCode: null,
        output: { kind: 'messages', messages: (start, _end, clock) => runningDeployMessages(start, job.pipeline.revision, clock) },
      },
    ],
  });
  return p;
}
