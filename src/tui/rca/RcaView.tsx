// The RCA pane drawn from precomputed rows: a title row, exactly `rows` content rows (the confirmation box takes
// the bottom of them while open) and a hint row. Pure view: every string is already sanitized.
import { Box } from 'ink';
import { SafeText } from '../components/SafeText.js';
import type { RcaRow } from '../../rca/render.js';
import type { SendFact } from '../../rca/send-facts.js';

export interface RcaViewProps {
  width: number;
  rows: number;
  title: string;
  lines: RcaRow[];
  /** Shown instead of lines (loading, a load error). */
  message: { text: string; tone: 'muted' | 'error' } | null;
  /** `keys`: how to answer (`y send · n or Esc cancel`, from the keymap). */
  confirm: { facts: SendFact[]; sending: boolean; keys: string } | null;
  hint: string;
}

const COLOR: Record<RcaRow['tone'], string | undefined> = { title: undefined, heading: 'cyan', error: 'red', warn: 'yellow', muted: 'gray', ok: 'green', text: undefined };

/** Rows the confirmation box needs: border, heading, facts, keys, border. */
export const confirmRows = (facts: number): number => facts + 4;

export function RcaView({ width, rows, title, lines, message, confirm, hint }: RcaViewProps) {
  const boxRows = confirm ? Math.min(rows, confirmRows(confirm.facts.length)) : 0;
  const contentRows = Math.max(0, rows - boxRows);
  return (
    <Box flexDirection="column" width={width} height={rows + 2}>
      <SafeText bold wrap="truncate-end">
        {title}
      </SafeText>
      <Box flexDirection="column" height={contentRows} overflow="hidden">
        {message ? (
          <SafeText color={message.tone === 'error' ? 'red' : 'gray'} wrap="truncate-end">
            {message.text}
          </SafeText>
        ) : (
          lines.slice(0, contentRows).map((r, i) => (
            <SafeText key={i} wrap="truncate-end" color={COLOR[r.tone]} bold={r.tone === 'title' || r.tone === 'heading'}>
              {r.text || ' '}
            </SafeText>
          ))
        )}
      </Box>
      {confirm ? (
        <Box flexDirection="column" height={boxRows} borderStyle="round" borderColor="yellow" paddingX={1} overflow="hidden">
          <SafeText bold color="yellow" wrap="truncate-end">
            {confirm.sending ? 'Sending to Exlogare…' : 'Send this failure log to Exlogare?'}
          </SafeText>
          {confirm.facts.map((f) => (
            <SafeText key={f.label} wrap="truncate-end">
              <SafeText color="gray">{f.label.padEnd(12)}</SafeText>
              {f.value}
            </SafeText>
          ))}
          <SafeText color="gray" wrap="truncate-end">
            {confirm.sending ? 'waiting for the answer…' : confirm.keys}
          </SafeText>
        </Box>
      ) : null}
      <SafeText color="gray" wrap="truncate-end">
        {hint}
      </SafeText>
    </Box>
  );
}
