import { between, pick, seededRandom, stableHex } from '../ids.js';
import { SIM_ORG, SIM_PROJECT, SIM_REPO } from '../story.js';
import type { SimJob } from '../world/model.js';
import { badge, bold, dim, green, red, yellow } from './ansi.js';
import { err, out, type LogLine } from './messages.js';

// Plausible console output for the ordinary steps of a job. Each generator is pure:
// the same job/node/seed always prints the same lines.

export const PACKAGE_VERSION = '2.14.0';

export function spinUpLines(job: SimJob, node: number): LogLine[] {
  const digest = stableHex(`image:${job.image}`, 64);
  const agent = stableHex('build-agent', 8);
  const r = seededRandom(job.number * 31 + node);
  return [
    out(`Build-agent version 1.0.289012-${agent} (2026-11-18T09:41:12+0000)`),
    out('System information:'),
    out(' Server Version: 27.3.1'),
    out(' Storage Driver: overlay2'),
    out('  Backing Filesystem: xfs'),
    out(' Cgroup Driver: systemd'),
    out(' Cgroup Version: 2'),
    out(' Kernel Version: 6.8.0-1019-aws'),
    out(' Operating System: Ubuntu 24.04.1 LTS'),
    out(' OSType: linux'),
    out(' Architecture: x86_64'),
    out(''),
    out(`Starting container ${job.image}`),
    out(`  image is cached as ${job.image}, but refreshing...`),
    out(`${job.image.split(':')[1] ?? 'latest'}: Pulling from ${job.image.split(':')[0] ?? job.image}`),
    out(`Digest: sha256:${digest}`),
    out(`Status: Image is up to date for ${job.image}`),
    out(`  pull stats: download ${between(r(), 80, 400)}.${between(r(), 0, 9)}MiB in ${between(r(), 1, 5)}.${between(r(), 0, 9)}s`),
    out(`  time to create container: ${between(r(), 300, 1900)}ms`),
    out(`  using image ${job.image.split(':')[0] ?? job.image}@sha256:${digest}`),
    out(`Time to upload agent and config: ${between(r(), 400, 900)}.${between(r(), 0, 9)}ms`),
    out(`Time to start containers: ${between(r(), 300, 700)}.${between(r(), 0, 9)}ms`),
  ];
}

export function prepareEnvLines(job: SimJob, node: number, secretNames: readonly string[]): LogLine[] {
  const env = stableHex(`bash-env:${job.id}`, 24);
  const lines: LogLine[] = [
    out('Using build environment variables:'),
    out(`  BASH_ENV=/tmp/.bash_env-${env}-${node}-build`),
    out('  CI=true'),
    out('  CIRCLECI=true'),
    out(`  CIRCLE_BRANCH=${job.pipeline.branch}`),
    out(`  CIRCLE_BUILD_NUM=${job.number}`),
    out(`  CIRCLE_BUILD_URL=https://circleci.com/${SIM_PROJECT}/${job.number}`),
    out('  CIRCLE_COMPARE_URL='),
    out(`  CIRCLE_JOB=${job.name}`),
    out(`  CIRCLE_NODE_INDEX=${node}`),
    out(`  CIRCLE_NODE_TOTAL=${job.parallelism}`),
    out(`  CIRCLE_PIPELINE_ID=${job.pipeline.id}`),
    out(`  CIRCLE_PROJECT_REPONAME=${SIM_REPO}`),
    out(`  CIRCLE_PROJECT_USERNAME=${SIM_ORG}`),
    out(`  CIRCLE_REPOSITORY_URL=git@github.com:${SIM_ORG}/${SIM_REPO}.git`),
    out(`  CIRCLE_SHA1=${job.pipeline.revision}`),
    out(`  CIRCLE_SHELL_ENV=/tmp/.bash_env-${env}-${node}-build`),
    out(`  CIRCLE_USERNAME=${job.pipeline.trigger.login}`),
    out(`  CIRCLE_WORKFLOW_ID=${job.workflow.id}`),
    out(`  CIRCLE_WORKFLOW_JOB_ID=${job.id}`),
    out(`  CIRCLE_WORKFLOW_WORKSPACE_ID=${job.workflow.id}`),
    out('  CIRCLE_WORKING_DIRECTORY=~/project'),
    out(''),
    out('Using environment variables from project settings and/or contexts:'),
  ];
  for (const name of secretNames) lines.push(out(`  ${name}=**REDACTED**`));
  lines.push(out(''), out('The redacted variables listed above will be masked in run step output.'));
  return lines;
}

export function checkoutLines(job: SimJob): LogLine[] {
  const rev = job.pipeline.revision;
  return [
    out("Using SSH Config Dir '/home/circleci/.ssh'"),
    out('git version 2.47.0'),
    out(`Cloning git repository - Sha: ${rev}`),
    err("Cloning into '.'..."),
    err("Warning: Permanently added 'github.com' (ED25519) to the list of known hosts."),
    out(`Checking out branch ${job.pipeline.branch}`),
    out(`HEAD is now at ${rev.slice(0, 7)} ${job.pipeline.subject}`),
  ];
}

export function installLines(seed: number): LogLine[] {
  const r = seededRandom(seed);
  const added = between(r(), 1100, 1300);
  return [
    err('npm warn deprecated inflight@1.0.6: This module is not supported, and leaks memory. Do not use it.'),
    err('npm warn deprecated glob@7.2.3: Glob versions prior to v9 are no longer supported'),
    out(''),
    out(`added ${added} packages, and audited ${added + 1} packages in ${between(r(), 12, 31)}s`),
    out(''),
    out(`${between(r(), 180, 240)} packages are looking for funding`),
    out('  run `npm fund` for details'),
    out(''),
    out(`found ${green('0')} vulnerabilities`),
  ];
}

export function buildLines(seed: number): LogLine[] {
  const r = seededRandom(seed);
  return [
    out(''),
    out(`> payments@${PACKAGE_VERSION} build`),
    out('> tsc -p tsconfig.build.json && node scripts/bundle.mjs'),
    out(''),
    out(`bundle: dist/server.js  ${between(r(), 1100, 1300)}.${between(r(), 0, 9)} kB`),
    out(`bundle: dist/worker.js  ${between(r(), 300, 340)}.${between(r(), 0, 9)} kB`),
    out(green(`✔ built in ${between(r(), 5, 11)}.${between(r(), 10, 99)}s`)),
  ];
}

const SUITES = [
  'src/ledger/rounding.test.ts',
  'src/ledger/settlement.test.ts',
  'src/ledger/fx.test.ts',
  'src/cards/authorize.test.ts',
  'src/cards/capture.test.ts',
  'src/cards/3ds.test.ts',
  'src/refunds/partial.test.ts',
  'src/refunds/chargeback.test.ts',
  'src/webhooks/stripe.test.ts',
  'src/webhooks/adyen.test.ts',
  'src/api/checkout.test.ts',
  'src/api/payouts.test.ts',
  'src/api/idempotency.test.ts',
  'src/risk/velocity.test.ts',
  'src/risk/geo.test.ts',
  'src/util/money.test.ts',
] as const;

export interface TestRunOptions {
  seed: number;
  /** When set, this suite fails with an assertion diff. */
  failingSuite?: string;
  suites?: readonly string[];
  header?: string[];
}

/** Jest output; like real Jest, results go to stderr. */
export function testLines(opts: TestRunOptions): LogLine[] {
  const r = seededRandom(opts.seed);
  const suites = opts.suites ?? SUITES;
  const lines: LogLine[] = [
    out(''),
    out(`> payments@${PACKAGE_VERSION} test`),
    out('> jest --ci --reporters=default --reporters=jest-junit'),
    out(''),
    ...(opts.header ?? []).map((h) => out(h)),
  ];
  let tests = 0;
  let failedTests = 0;
  for (const suite of suites) {
    const ok = suite !== opts.failingSuite;
    const slash = suite.lastIndexOf('/') + 1;
    lines.push(err(`${badge(ok)} ${dim(suite.slice(0, slash))}${bold(suite.slice(slash))} (${between(r(), 1, 9)}.${between(r(), 0, 9)} s)`));
    tests += between(r(), 8, 40);
    if (!ok) {
      failedTests += 1;
      lines.push(
        err(`  ${red('●')} Settlement › reconciles partial refunds`),
        err(''),
        err(`    expect(${red('received')}).toBe(${green('expected')}) // Object.is equality`),
        err(''),
        err(`    Expected: ${green('1999')}`),
        err(`    Received: ${red('2000')}`),
        err(''),
        err(`      ${dim('at Object.<anonymous> (')}${suite}:${between(r(), 20, 200)}:${between(r(), 5, 40)}${dim(')')}`),
        err(''),
      );
    }
  }
  const failedSuites = opts.failingSuite && suites.includes(opts.failingSuite) ? 1 : 0;
  lines.push(
    err(''),
    err(
      `${bold('Test Suites:')} ${failedSuites ? `${red(bold(`${failedSuites} failed`))}, ` : ''}${green(bold(`${suites.length - failedSuites} passed`))}, ${suites.length} total`,
    ),
    err(`${bold('Tests:')}       ${failedTests ? `${red(bold(`${failedTests} failed`))}, ` : ''}${green(bold(`${tests - failedTests} passed`))}, ${tests} total`),
    err(`${bold('Snapshots:')}   ${green(bold(`${between(r(), 5, 30)} passed`))}`),
    err(`${bold('Time:')}        ${between(r(), 20, 90)}.${between(r(), 100, 999)} s`),
    err(dim('Ran all test suites.')),
  );
  return lines;
}

/** Suites of one shard of a parallel test job: every node gets a different slice. */
export function shardSuites(node: number, total: number): string[] {
  return SUITES.filter((_, i) => i % total === node);
}

export function lintLines(seed: number): LogLine[] {
  const r = seededRandom(seed);
  const warn = between(r(), 0, 3);
  return [
    out(''),
    out(`> payments@${PACKAGE_VERSION} lint`),
    out('> eslint . --max-warnings=10'),
    out(''),
    ...(warn > 0
      ? [
          out(`/home/circleci/project/${pick(SUITES, r()).replace('.test', '')}`),
          out(`  ${between(r(), 3, 90)}:${between(r(), 1, 30)}  ${yellow('warning')}  Unexpected console statement  no-console`),
          out(''),
          out(yellow(`✖ ${warn} problem${warn > 1 ? 's' : ''} (0 errors, ${warn} warning${warn > 1 ? 's' : ''})`)),
        ]
      : []),
  ];
}

export function exitLines(code: number): LogLine[] {
  return [out(''), out(`Exited with code exit status ${code}`)];
}
