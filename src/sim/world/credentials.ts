import { maskValue, SIM_LEAKS } from '../leaked-secrets.js';
import { simContextId } from '../story.js';
import type { SimContext, SimEnvVar } from './model.js';

// Project env vars and org contexts. Values are masked the way the API masks them
// (xxxx + last four), and the last four match what the hostile jobs leaked.

export const PROJECT_ENV_VARS: readonly SimEnvVar[] = [
  { name: 'AWS_ACCESS_KEY_ID', value: maskValue(SIM_LEAKS.awsAccessKeyId), createdAt: '#joda/inst 2024-11-02T09:15:44+0000' },
  { name: 'AWS_SECRET_ACCESS_KEY', value: maskValue(SIM_LEAKS.awsSecretAccessKey), createdAt: '#joda/inst 2024-11-02T09:16:02+0000' },
  { name: 'NPM_TOKEN', value: maskValue(SIM_LEAKS.npmToken), createdAt: '2025-06-14T08:02:11.000Z' },
  // Older variables carry no timestamp at all.
  { name: 'SLACK_WEBHOOK', value: maskValue(SIM_LEAKS.slackWebhook), createdAt: undefined },
  { name: 'GITHUB_TOKEN', value: maskValue(SIM_LEAKS.githubToken), createdAt: '#joda/inst 2026-03-09T17:44:05+0000' },
];

function context(name: string, createdAt: string, vars: Array<[string, string, string]>): SimContext {
  return {
    id: simContextId(name),
    name,
    createdAt,
    vars: vars.map(([variable, c, u]) => ({ variable, createdAt: c, updatedAt: u })),
  };
}

export const CONTEXTS: readonly SimContext[] = [
  context('aws-prod', '2023-06-01T10:00:00.000Z', [
    ['AWS_ACCESS_KEY_ID', '2023-06-01T10:01:00.000Z', '2025-02-20T16:45:03.110Z'],
    ['AWS_SECRET_ACCESS_KEY', '2023-06-01T10:01:30.000Z', '2025-02-20T16:45:09.870Z'],
  ]),
  context('npm-publish', '2024-01-15T08:30:12.345Z', [['NPM_TOKEN', '2024-01-15T08:31:40.002Z', '2025-06-14T08:02:11.000Z']]),
  context('slack-notify', '2024-09-03T14:21:07.000Z', [['SLACK_WEBHOOK_URL', '2024-09-03T14:22:19.512Z', '2024-09-03T14:22:19.512Z']]),
];

/** Names CircleCI lists as **REDACTED** in "Preparing environment variables". */
export function secretNamesFor(contextNames: readonly string[]): string[] {
  const names = new Set(PROJECT_ENV_VARS.map((v) => v.name));
  for (const c of CONTEXTS) if (contextNames.includes(c.name)) for (const v of c.vars) names.add(v.variable);
  return [...names].sort();
}
