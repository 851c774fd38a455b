// A resolved deep link → the navigation stack that leads to it.
import type { ResolvedLink } from '../../source/deep-link.js';
import type { Level } from './nav.js';

export function stackFor(link: ResolvedLink): Level[] {
  const stack: Level[] = [{ kind: 'pipelines' }];
  const { pipeline, workflow, job, step } = link;
  if (!pipeline) return stack;
  stack.push({ kind: 'workflows', pipeline });
  if (!workflow) return stack;
  stack.push({ kind: 'jobs', pipeline, workflow });
  if (!job) return stack;
  stack.push({ kind: 'steps', pipeline, workflow, job });
  if (!step) return stack;
  stack.push({ kind: 'log', pipeline, workflow, job, step, node: link.node });
  return stack;
}
