// Full screen for `sleuth audit FILE`: the audit pane on its own, for a shell with no project.
import { runFullScreen } from '../full-screen.js';
import { AuditApp } from './AuditApp.js';

export function runAuditTui(opts: { files: string[]; initialQuery?: string }): Promise<number> {
  return runFullScreen(<AuditApp files={opts.files} initialQuery={opts.initialQuery} />);
}
