// `sleuth audit FILE` on a terminal: the audit pane on its own (no project, no token needed), with
// the house chrome: a header, the pane, the status line and key hints. `?` lists the keys.
import { Box } from 'ink';
import { SafeText } from '../components/SafeText.js';
import { useRef, useState } from 'react';
import { CommandBusProvider } from '../command-bus.js';
import { StatusLine } from '../components/StatusLine.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { StatusFeed } from '../status.js';
import { AuditPane } from './AuditPane.js';
import { paneBindings, paneFooter } from './bindings.js';
import { AUDIT_PANE } from './keys.js';
import { usePaneAppInput } from './use-pane-app-input.js';

export interface AuditAppProps {
  files: string[];
  initialQuery?: string;
  /** Fixed size for tests (ink-testing-library has no rows). */
  size?: { columns: number; rows: number };
  status?: StatusFeed;
}

export function AuditApp(props: AuditAppProps) {
  return (
    <CommandBusProvider>
      <Shell {...props} />
    </CommandBusProvider>
  );
}

function Shell({ files, initialQuery, size, status: feed }: AuditAppProps) {
  const measured = useTerminalSize();
  const { columns, rows } = size ?? measured;
  const status = useRef(feed ?? new StatusFeed()).current;
  const [inputOpen, setInputOpen] = useState(false);
  const [help, setHelp] = useState(false);
  // Esc with nothing left to close does nothing: this pane is the whole app (q quits).
  const count = usePaneAppInput(AUDIT_PANE, inputOpen, { open: help, set: setHelp });

  const body = Math.max(3, rows - 4);
  return (
    <Box flexDirection="column" width={columns} height={rows - 1}>
      <Box width={columns}>
        <Box flexGrow={1}>
          <SafeText bold wrap="truncate-end">audit log</SafeText>
        </Box>
        <SafeText inverse color="magenta"> audit </SafeText>
      </Box>
      <Box height={body}>
        {help ? (
          <Box flexDirection="column" width={columns} height={body}>
            <SafeText bold>Keys (audit) · Esc or ? closes</SafeText>
            {paneBindings(AUDIT_PANE).slice(0, Math.max(1, body - 1)).map((b) => (
              <SafeText key={`${b.command}:${b.keys[0]}`} wrap="truncate-end">
                <SafeText color="cyan">{b.keys.join(' ').padEnd(Math.min(22, Math.floor(columns / 3)))}</SafeText>
                {b.help}
              </SafeText>
            ))}
          </Box>
        ) : (
          <AuditPane files={files} initialQuery={initialQuery} width={columns} height={body} onStatus={(m, t) => status.push(m, t)} onBack={() => {}} onInputOpenChange={setInputOpen} />
        )}
      </Box>
      <StatusLine feed={status} width={columns} />
      <SafeText color="gray" wrap="truncate-end">{inputOpen ? 'type a filter · Enter apply · Esc cancel' : count ? `count ${count} · Esc cancels` : paneFooter(AUDIT_PANE, columns - 1)}</SafeText>
    </Box>
  );
}
