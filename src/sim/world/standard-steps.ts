import { between, seedOf, seededRandom } from '../ids.js';
import type { LogLine } from '../output/messages.js';
import {
  buildLines,
  checkoutLines,
  exitLines,
  installLines,
  lintLines,
  prepareEnvLines,
  spinUpLines,
  testLines,
  type TestRunOptions,
} from '../output/routine-output.js';
import { secretNamesFor } from './credentials.js';
import type { SimJob } from './model.js';
import { linesOutput, type StepPlan } from './step-plan.js';

// The steps most jobs share (0 / 99 / 101 / 102) and the usual run steps.

export const CHECKOUT_SCRIPT =
  '#!/bin/sh\nset -e\n\n# Workaround old docker images with incorrect $HOME\n# check https://github.com/docker/docker/issues/2968 for details\nif [ "${HOME}" = "/" ]\nthen\n  export HOME=$(getent passwd $(id -un) | cut -d: -f6)\nfi\n\n# checkout script elided\ngit checkout --force -B "$CIRCLE_BRANCH" "$CIRCLE_SHA1"\n';

const bash = (...lines: string[]): string => `#!/bin/bash -eo pipefail\n${lines.join('\n')}\n`;

export function rngFor(job: SimJob, node: number, salt: string): () => number {
  return seededRandom(seedOf(`${salt}:${job.number}:${node}`));
}

/** Steps 0, 99 and 101: present in every build job, on every node. */
export function setupSteps(job: SimJob, node: number): StepPlan[] {
  const r = rngFor(job, node, 'setup');
  return [
    {
      id: 0,
      name: 'Spin up environment',
      bashCommand: null,
      durationMs: between(r(), 6_000, 19_000),
      output: linesOutput(() => spinUpLines(job, node)),
    },
    {
      id: 99,
      name: 'Preparing environment variables',
      bashCommand: null,
      durationMs: between(r(), 60, 400),
      output: linesOutput(() => prepareEnvLines(job, node, secretNamesFor(job.contexts))),
    },
    {
      id: 101,
      name: 'Checkout code',
      bashCommand: CHECKOUT_SCRIPT,
      durationMs: between(r(), 900, 4_000),
      output: linesOutput(() => checkoutLines(job)),
    },
  ];
}

export function installStep(job: SimJob, node: number): StepPlan {
  const r = rngFor(job, node, 'install');
  return {
    id: 102,
    name: 'Install dependencies',
    bashCommand: bash('npm ci'),
    durationMs: between(r(), 12_000, 31_000),
    output: linesOutput(() => installLines(seedOf(`install:${job.number}:${node}`))),
  };
}

export interface RunStepOptions {
  id: number;
  name: string;
  command: string[];
  lines: () => LogLine[];
  minMs: number;
  maxMs: number;
  exitCode?: number;
}

export function runStep(job: SimJob, node: number, o: RunStepOptions): StepPlan {
  const r = rngFor(job, node, `run:${o.id}`);
  const code = o.exitCode ?? 0;
  return {
    id: o.id,
    name: o.name,
    bashCommand: bash(...o.command),
    durationMs: between(r(), o.minMs, o.maxMs),
    output: linesOutput(() => (code === 0 ? o.lines() : [...o.lines(), ...exitLines(code)])),
    exitCode: code,
  };
}

/** A step that printed nothing: `has_output: false`, output_url null or absent. */
export function silentStep(job: SimJob, node: number, id: number, name: string, style: 'null' | 'absent', command: string | null): StepPlan {
  const r = rngFor(job, node, `silent:${id}`);
  return { id, name, bashCommand: command, durationMs: between(r(), 400, 6_000), output: null, noOutputUrl: style };
}

export function buildPlan(job: SimJob, node: number): StepPlan[] {
  return [
    ...setupSteps(job, node),
    installStep(job, node),
    runStep(job, node, {
      id: 103,
      name: 'Build',
      command: ['npm run build'],
      lines: () => buildLines(seedOf(`build:${job.number}`)),
      minMs: 6_000,
      maxMs: 14_000,
    }),
    silentStep(job, node, 104, 'Saving cache', 'absent', null),
  ];
}

export function testRunStep(job: SimJob, node: number, test: Omit<TestRunOptions, 'seed'> = {}, exitCode = 0): StepPlan {
  return runStep(job, node, {
    id: 103,
    name: 'Run tests',
    command: ['npm test'],
    lines: () => testLines({ seed: seedOf(`test:${job.number}:${node}`), ...test }),
    minMs: 25_000,
    maxMs: 95_000,
    exitCode,
  });
}

export function testPlan(job: SimJob, node: number): StepPlan[] {
  return [
    ...setupSteps(job, node),
    installStep(job, node),
    testRunStep(job, node),
    silentStep(job, node, 104, 'Uploading test results', 'absent', null),
  ];
}

export function lintPlan(job: SimJob, node: number): StepPlan[] {
  return [
    ...setupSteps(job, node),
    installStep(job, node),
    runStep(job, node, {
      id: 103,
      name: 'Run linter',
      command: ['npm run lint'],
      lines: () => lintLines(seedOf(`lint:${job.number}`)),
      minMs: 5_000,
      maxMs: 20_000,
    }),
  ];
}
