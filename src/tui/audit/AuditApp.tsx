// `sleuth audit FILE` on a terminal: the audit pane on its own (no project, no token needed), with
// the house chrome: a header, the pane, the status line and the footer. `?` lists the keys.
import { Box } from 'ink';
import { useRef, useState } from 'react';
import { CommandBusProvider } from '../command-bus.js';
import { Footer } from '../components/Footer.js';
import { HELP_PANE, HelpOverlay } from '../components/HelpOverlay.js';
import { SafeText } from '../components/SafeText.js';
import { StatusLine } from '../components/StatusLine.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { StatusFeed } from '../status.js';
import { AUDIT_PANE, AuditPane } from './AuditPane.js';
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
      <StandaloneAuditScreen {...props} />
    </CommandBusProvider>
  );
}

/** The audit pane as the whole screen: its header, the pane or `?`, the status line and the footer. */
function StandaloneAuditScreen({ files, initialQuery, size, status: feed }: AuditAppProps) {
  const measured = useTerminalSize();
  const { columns, rows } = size ?? measured;
  const status = useRef(feed ?? new StatusFeed()).current;
  const [inputOpen, setInputOpen] = useState(false);
  const [help, setHelp] = useState(false);
  // Esc with nothing left to close does nothing: this pane is the whole app (q quits).
  const count = usePaneAppInput(help ? HELP_PANE : AUDIT_PANE, inputOpen, { open: help, set: setHelp });

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
          <HelpOverlay pane={AUDIT_PANE} width={columns} height={body} />
        ) : (
          <AuditPane files={files} initialQuery={initialQuery} width={columns} height={body} onStatus={(m, t) => status.push(m, t)} onBack={() => {}} onInputOpenChange={setInputOpen} />
        )}
      </Box>
      <StatusLine feed={status} width={columns} />
      <Footer pane={help ? HELP_PANE : AUDIT_PANE} width={columns} inputOpen={inputOpen} count={count} />
    </Box>
  );
}
