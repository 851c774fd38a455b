// Breadcrumb: gh/acme/payments › 896 › build-test › test › Upload coverage
import { Box } from 'ink';
import { SafeText } from './SafeText.js';
import type { Level } from '../state/nav.js';
import { scopeLabel } from '../state/exposure-scope.js';
import { nodeLabel } from '../node-label.js';
import { fitCrumbs } from '../text-fit.js';

export function breadcrumb(label: string, level: Level): string[] {
  const parts = [label];
  if (level.kind === 'audit') return [...parts, 'audit log'];
  if (level.kind === 'exposure') return [...parts, `exposure · ${level.label ?? scopeLabel(level.scope)}`];
  if (level.kind === 'pipelines') return parts;
  if (level.kind === 'search') return [...parts, 'search'];
  if (level.kind === 'findings') return [...parts, 'secrets'];
  if (level.kind === 'messages') return [...parts, 'messages'];
  parts.push(String(level.pipeline.number));
  if (level.kind === 'workflows') return parts;
  parts.push(level.workflow.name);
  if (level.kind === 'jobs') return parts;
  parts.push(`${level.job.name}${level.job.job_number !== null ? ` #${level.job.job_number}` : ''}`);
  if (level.kind === 'steps') return parts;
  if (level.kind === 'rca') return [...parts, 'failure summary'];
  parts.push(level.step.name + (level.step.nodes > 1 ? ` · ${nodeLabel(level.node, level.step.nodes)}` : ''));
  if (level.kind === 'command') parts.push('command');
  return parts;
}

/** `reach`: `unreachable` while the last request to the host failed with a network error (never said offline). */
export function Header({ label, level, kind, width, reach = 'ok' }: { label: string; level: Level; kind: 'live' | 'offline'; width: number; reach?: 'ok' | 'unreachable' }) {
  const down = kind === 'live' && reach === 'unreachable';
  const tag = kind === 'offline' ? ' offline ' : down ? ' unreachable ' : ' live ';
  // Cut at name boundaries to the room left of the tag, the last part (where the user is) kept whole if it can be.
  const crumbs = fitCrumbs(breadcrumb(label, level), Math.max(10, width - tag.length - 1));
  return (
    <Box width={width}>
      <Box flexGrow={1}>
        <SafeText bold wrap="truncate-end">{crumbs}</SafeText>
      </Box>
      <SafeText inverse color={kind === 'offline' ? 'yellow' : down ? 'red' : 'cyan'}>{tag}</SafeText>
    </Box>
  );
}
