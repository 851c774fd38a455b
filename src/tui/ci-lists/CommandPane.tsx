// `c` on a step (or in its log): the step's whole bash_command, scrollable with the list keys, Esc back.
// The text is data: textRows sanitizes each line (controls shown, nothing live) before it is drawn.
import { Box } from 'ink';
import { useMemo, useState } from 'react';
import type { StepSummary } from '../../api/step-summary.js';
import type { Job } from '../../api/types.js';
import { DetailView, maxTopOf, textRows } from '../components/DetailView.js';
import { usePaneCommands } from '../input/pane-commands.js';
import { keyHints } from '../keymap.js';
import { motionHandlers, scrollTarget } from '../list/motion.js';
import { SafeText } from '../components/SafeText.js';
import { useLoad } from '../hooks/use-load.js';
import type { PaneProps } from '../levels/pane-props.js';
import { commandOf, loadStepRows } from '../state/step-rows.js';

export const COMMAND_PANE = 'command';

const HINT = `${keyHints('command', ['back', [['cursor.down', 'cursor.up'], 'scroll']])} · as CircleCI ran it, controls made visible`;

export function CommandPane(p: Pick<PaneProps, 'source' | 'width' | 'height' | 'nav' | 'status'> & { job: Job; step: StepSummary; node: number }) {
  const n = p.job.job_number ?? 0;
  const { data, loading, error, reload } = useLoad((c) => c.stepRows(n), () => loadStepRows(p.source, n), (m) => p.status.push(m, 'error'));
  const command = commandOf(data?.find((r) => r.step === p.step.step), p.node);
  const rows = useMemo(() => (command === null ? [] : textRows(command.replace(/\r?\n$/, '').split(/\r?\n/), p.width)), [command, p.width]);
  const [top, setTop] = useState(0);
  const height = Math.max(1, p.height - 2);
  const max = maxTopOf(rows.length, height);

  usePaneCommands(COMMAND_PANE, 'command', {
    ...motionHandlers((c) => setTop(Math.max(0, Math.min(max, scrollTarget(c, top, height, max)!)))),
    refresh: () => reload(),
    back: () => p.nav({ type: 'pop' }),
  });

  const where = `job ${n} step ${p.step.step}${p.step.nodes > 1 ? ` node ${p.node}` : ''}`;
  const empty = error ? `could not load the command: ${error} · r retries` : loading || !data ? 'loading the command…' : 'the API gave no command for this step';
  return (
    <Box flexDirection="column" width={p.width} height={p.height}>
      {rows.length ? (
        <DetailView title={`Command of ${p.step.name} · ${where}`} rows={rows} top={Math.min(top, max)} height={height} width={p.width} />
      ) : (
        <>
          <SafeText bold wrap="truncate-end">{`Command of ${p.step.name} · ${where}`}</SafeText>
          <SafeText color={error ? 'red' : 'gray'} wrap="truncate-end">{empty}</SafeText>
        </>
      )}
      <Box flexGrow={1} />
      <SafeText color="gray" wrap="truncate-end">{HINT}</SafeText>
    </Box>
  );
}
