import { SIM_RUNNING } from '../story.js';
import { iso } from '../time.js';
import type { OutputClock } from '../world/model.js';
import type { OutputMessage } from './messages.js';

// The only wall-clock-dependent output: job 5199's "Deploy" step never finishes and
// prints one more line every 500 ms since the simulator started.

export const DEPLOY_BASH_COMMAND =
  '#!/bin/bash -eo pipefail\nkubectl apply -f k8s/staging/ --prune -l app=payments\nkubectl rollout status deployment/payments-api --timeout=30m\n';

export function runningDeployLineCount(clock: OutputClock): number {
  const elapsed = Math.max(0, clock.now - clock.simStartedAt);
  return SIM_RUNNING.headerLines + 1 + Math.floor(elapsed / SIM_RUNNING.lineIntervalMs);
}

export function runningDeployMessages(stepStartMs: number, revision: string, clock: OutputClock): OutputMessage[] {
  const header = [
    `Deploying payments@2.14.0 (${revision.slice(0, 7)}) to staging`,
    'kubectl apply -f k8s/staging/ --prune -l app=payments',
    'deployment.apps/payments-api configured',
  ];
  const total = runningDeployLineCount(clock);
  const messages: OutputMessage[] = [
    { message: header.map((h) => `${h}\r\n`).join(''), time: iso(stepStartMs + 200), type: 'out' },
  ];
  // Each line is stamped when it was printed, on the wall clock (the step started before the simulator did): with
  // timestamps on, the newest line of a followed step reads "now", in the fixed world and in the demo's alike.
  const firstTickMs = Math.max(stepStartMs + 1000, clock.simStartedAt);
  for (let i = 0; i < total - SIM_RUNNING.headerLines; i++) {
    // The rollout is stuck: 2 of 6 replicas forever, like a real incident.
    const text = `Waiting for deployment "payments-api" rollout to finish: 2 of 6 updated replicas are available... (tick ${i + 1})`;
    messages.push({ message: `${text}\r\n`, time: iso(firstTickMs + i * SIM_RUNNING.lineIntervalMs), type: 'out' });
  }
  return messages;
}
